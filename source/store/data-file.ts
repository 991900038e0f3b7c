// The stores' own files (drafts, profiles.json) may hold secrets: a problem with one is reported by file name,
// line and column, and what to do — never with a fragment of its content, never with a stack, never by resetting it.
import fs from 'node:fs';
import {UsageError} from '../shared/errors.js';
import {parseSpecText} from '../connection-spec/parse.js';

/** A store file that cannot be used as it is (unreadable, not JSON, the wrong shape): exit 2. `where` is the file. */
export class DataFileError extends UsageError {}

const hints = {
	draft: 'Fix the file, or move it out of the drafts folder. Its content is not shown: it may hold secrets.',
	profiles: 'Fix the file, or move it away to start again with only the local profile. Its content is not shown: it may hold secrets.',
};

/** The parsed JSON of a store file; DataFileError (naming the file, line and column only) when it is not JSON. */
export function readDataFile(file: string, what: keyof typeof hints): unknown {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new DataFileError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, {where: file, hint: hints[what]});
	}
	const parsed = parseSpecText(text);
	if (!parsed.ok) throw new DataFileError(`${file} is not valid JSON (line ${parsed.line}, column ${parsed.column}).`, {where: file, hint: hints[what]});
	return parsed.value;
}

/** DataFileError for a store file of the wrong shape. */
export function wrongShape(file: string, what: keyof typeof hints, problem: string): DataFileError {
	return new DataFileError(`${file} is not a valid ${what === 'draft' ? 'draft' : 'profiles file'}: ${problem}.`, {where: file, hint: hints[what]});
}
