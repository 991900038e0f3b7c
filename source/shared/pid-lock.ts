// One process at a time: a lock file holding the owner's pid, created with O_EXCL. A lock whose owner no longer
// runs (killed, crashed) is taken over. Used for the sandbox's data dir and for a draft's runs. Imports nothing
// of ours, so every layer (store, workflow, commands, sandbox) may use it.
import fs from 'node:fs';
import {AepError} from './errors.js';

/** Thrown when a live process holds the lock; `pid` names it. */
export class LockHeldError extends AepError {
	constructor(
		readonly file: string,
		readonly pid: number,
	) {
		super(`${file} is held by process ${pid}`);
		this.name = 'LockHeldError';
	}
}

export type PidLock = {
	readonly file: string;
	/** True when an earlier owner's lock was found dead and taken over. */
	readonly tookOver: number | undefined;
	/** Removes the lock file if it still names this process; safe to call twice. */
	release(): void;
};

/** Is a process with this pid running? EPERM means it runs under another user. */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The pid written in a lock file, or undefined when absent or unreadable. */
export function lockOwner(file: string): number | undefined {
	try {
		const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Creates `file` holding this process's pid (mode 0600). When it exists and names a live other process, throws
 * LockHeldError; when it names this process, succeeds (re-entrant); when its owner is dead or the file is garbage,
 * takes it over. Throws a plain Error when two processes keep racing for it, and fs errors (ENOENT for a missing
 * folder, EACCES) as they come.
 */
export function acquirePidLock(file: string): PidLock {
	let tookOver: number | undefined;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, String(process.pid), {flag: 'wx', mode: 0o600});
			return makeLock(file, tookOver);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const owner = lockOwner(file);
		if (owner === process.pid) return makeLock(file, tookOver);
		if (owner !== undefined && isAlive(owner)) throw new LockHeldError(file, owner);
		tookOver = owner ?? 0;
		fs.rmSync(file, {force: true});
	}
	throw new Error(`Could not lock ${file}: another process keeps taking it.`);
}

function makeLock(file: string, tookOver: number | undefined): PidLock {
	return {
		file,
		tookOver,
		release() {
			if (lockOwner(file) === process.pid) fs.rmSync(file, {force: true});
		},
	};
}
