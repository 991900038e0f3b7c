// Files the user names as an output (--out, --docs): checked first, so every problem is a sentence and exit 2
// rather than an errno, then written atomically (shared/atomic-write.ts). An existing file is replaced only on request.
import fs from 'node:fs';
import path from 'node:path';
import {UsageError} from './errors.js';
import {writeFileAtomic} from './atomic-write.js';

/** Where a file may be written: its folder exists and is a folder, and the file is not a folder. UsageError otherwise. */
export function checkOutputPath(file: string, options: {force?: boolean; flag: string}): string {
	const target = path.resolve(file);
	const dir = path.dirname(target);
	const dirStat = fs.statSync(dir, {throwIfNoEntry: false});
	if (!dirStat) throw new UsageError(`The folder ${dir} does not exist.`, {where: options.flag, hint: 'Create it first, or write somewhere else.'});
	if (!dirStat.isDirectory()) throw new UsageError(`${dir} is a file, not a folder.`, {where: options.flag, hint: 'Choose a path inside a folder.'});
	const stat = fs.statSync(target, {throwIfNoEntry: false});
	if (stat?.isDirectory())
		throw new UsageError(`${file} is a folder; ${options.flag} needs a file name.`, {hint: `For example ${path.join(file, 'spec.json')}.`});
	if (stat && !stat.isFile()) throw new UsageError(`${file} is not a regular file (a device, pipe or socket); ${options.flag} writes only regular files.`);
	if (stat && !options.force)
		throw new UsageError(`${file} already exists.`, {where: options.flag, hint: 'Add --force to replace it, or choose another file name.'});
	return target;
}

/** Writes an output file (mode 0644) through a temp file and a rename; UsageError for an unusable path. */
export function writeOutputFile(file: string, data: string, options: {force?: boolean; flag: string}): void {
	const target = checkOutputPath(file, options);
	try {
		writeFileAtomic(target, data, {mode: 0o644, createDirs: false});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UsageError(`Cannot write ${file}: permission denied.`, {where: options.flag});
		if (code === 'ENOSPC') throw new UsageError(`Cannot write ${file}: the disk is full.`, {where: options.flag});
		throw error;
	}
}
