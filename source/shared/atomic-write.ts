// The one way this product writes a file: a temp file in the same folder, then a rename over the target, so a
// crash or kill -9 at any moment leaves either the old or the new content, never half of it. Used by the stores
// (drafts, profiles), the sandbox's state files and every export.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

/** Temp files start with a dot and end with `.tmp`, so readers that list `*.json` never see one. */
export function isTempFile(name: string): boolean {
	return name.startsWith('.') && name.endsWith('.tmp');
}

function tempNameFor(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export type AtomicWriteOptions = {
	/** File mode of a new file (default 0o600: private; exports pass 0o644). */
	mode?: number;
	/** Create missing parent folders (default true; exports pass false and check the folder first). */
	createDirs?: boolean;
	/** fsync the file and its folder before returning (default true; the sandbox's coalesced flushes skip it). */
	durable?: boolean;
};

/** Writes `data` to `file` atomically (temp + rename); throws the fs error, with no temp file left behind. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
	const {mode = 0o600, createDirs = true, durable = true} = options;
	const dir = path.dirname(file);
	if (createDirs) fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	const temp = tempNameFor(file);
	const fd = fs.openSync(temp, 'wx', mode);
	try {
		try {
			fs.writeFileSync(fd, data);
			if (durable) fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
		fs.renameSync(temp, file);
	} catch (error) {
		fs.rmSync(temp, {force: true});
		throw error;
	}
	if (durable) fsyncDirectory(dir);
}

/** writeFileAtomic without blocking the event loop (the sandbox's state flushes). */
export async function writeFileAtomicAsync(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
	const {mode = 0o600, createDirs = true, durable = true} = options;
	const dir = path.dirname(file);
	if (createDirs) await fsp.mkdir(dir, {recursive: true, mode: 0o700});
	const temp = tempNameFor(file);
	try {
		const handle = await fsp.open(temp, 'wx', mode);
		try {
			await handle.writeFile(data);
			if (durable) await handle.sync();
		} finally {
			await handle.close();
		}
		await fsp.rename(temp, file);
	} catch (error) {
		await fsp.rm(temp, {force: true});
		throw error;
	}
	if (durable) fsyncDirectory(dir);
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
