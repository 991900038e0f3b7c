// Crash-safe file writes shared by the profile and draft stores.
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

/** Temp files start with a dot and end with `.tmp`, so readers that list `*.json` never see one. */
export function isTempFile(name: string): boolean {
	return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Writes `data` to `file` so that a kill -9 at any moment leaves either the old or the new content:
 * write a temp file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
export function writeFileAtomic(file: string, data: string, mode = 0o600): void {
	const dir = path.dirname(file);
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const fd = fs.openSync(temp, 'wx', mode);
	try {
		fs.writeFileSync(fd, data);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	try {
		fs.renameSync(temp, file);
	} catch (error) {
		fs.rmSync(temp, {force: true});
		throw error;
	}
	fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
	let fd: number | undefined;
	try {
		fd = fs.openSync(dir, 'r');
		fs.fsyncSync(fd);
	} catch {
		// Some platforms cannot fsync a directory; the rename is still atomic.
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}
