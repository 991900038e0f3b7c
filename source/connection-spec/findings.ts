// What validation reports: one finding per problem, with the JSON path, a plain message and a fix hint.
import type {PathSegment} from './json-path.js';

/**
 * `error` breaks the spec, `warning` is a recommendation, `lenient` is accepted although stricter docs forbid it (docs/connection-spec.md#validation-rules
 * E/W/L); `unfinished` is text left to replace (a template's words, a stub, an example host): the spec works and can be
 * checked end to end, but is not ready to submit (docs/connection-spec.md#unfinished-text).
 */
export type Severity = 'error' | 'warning' | 'lenient' | 'unfinished';

export type Finding = {
	/** Dotted JSON path as in the file: `sourceSpec.attributes.paginationParams.limitName`, `authSpec[0].spec.required[1]`; '' is the whole document. */
	path: string;
	severity: Severity;
	message: string;
	hint: string;
	/** The rule, named for what it checks (`pagination-offset`, `jsonpath-syntax`, `header-name`); docs/connection-spec.md#validation-rules lists them. */
	rule: string;
};

export type {PathSegment};

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/** Formats a path the way it reads in the file; keys that are not plain names are quoted (`queryParams["filter[type]"]`). */
export function formatPath(segments: readonly PathSegment[]): string {
	let out = '';
	for (const segment of segments) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (plainKey.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out;
}

export function finding(severity: Severity, path: readonly PathSegment[] | string, rule: string, message: string, hint: string): Finding {
	return {path: typeof path === 'string' ? path : formatPath(path), severity, message, hint, rule};
}

/** Short description of a JSON value for messages: `a number (5)`, `an array`, `missing`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
	switch (typeof value) {
		case 'string':
			return value === '' ? 'an empty string' : `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
		case 'number':
			return `the number ${value}`;
		case 'boolean':
			return `the boolean ${value}`;
		case 'object':
			return 'an object';
		default:
			return `a ${typeof value}`;
	}
}
