// Files the user names as input (a spec to validate, run or import, a draft to import): read only when they are
// regular files of a sane size, so a FIFO, a device or /dev/zero can never hang or exhaust the process, and every
// refusal is a sentence (UsageError: exit 2) rather than an errno.
import fs from 'node:fs';
import {cutForEcho, UsageError} from './errors.js';

/** Larger inputs are refused: a connection spec or an exported draft is kilobytes; 64 MiB is far beyond any. */
export const inputLimitBytes = 64 * 1024 * 1024;

function kind(stat: fs.Stats): string {
	if (stat.isDirectory()) return 'a folder';
	if (stat.isFIFO()) return 'a named pipe (FIFO)';
	if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
	if (stat.isSocket()) return 'a socket';
	return 'not a regular file';
}

function refuse(file: string, why: string, hint = 'Name a JSON file.'): UsageError {
	return new UsageError(`Cannot read ${cutForEcho(file, 120)}: ${why}.`, {hint});
}

/**
 * The UTF-8 text of a user-named file. Throws UsageError (never hangs) when it does not exist, cannot be read, is a
 * folder, FIFO, device or socket, or is larger than `maxBytes` (default inputLimitBytes).
 */
export function readUserFile(file: string, maxBytes = inputLimitBytes): string {
	let fd: number;
	try {
		// O_NONBLOCK: should a FIFO be swapped in after a check, opening it still returns at once.
		fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	} catch (error) {
		throw refuse(file, reasonOf(error));
	}
	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) throw refuse(file, `it is ${kind(stat)}`);
		if (stat.size > maxBytes)
			throw refuse(file, `it is ${(stat.size / 1024 / 1024).toFixed(0)} MB, more than the ${(maxBytes / 1024 / 1024).toFixed(0)} MB an input may have`);
		return fs.readFileSync(fd, 'utf8');
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw refuse(file, reasonOf(error));
	} finally {
		fs.closeSync(fd);
	}
}

/** Why a read failed, in words. */
export function reasonOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'there is no such file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a folder';
		case 'ENOTDIR':
			return 'a part of the path is not a folder';
		case 'ENAMETOOLONG':
			return 'the name is too long';
		case 'ELOOP':
			return 'too many symbolic links';
		default:
			return `the system refused (${code ?? 'unknown error'})`;
	}
}
