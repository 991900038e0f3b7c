// The one JSONPath implementation: `validate` parses with it (and reports the position of what it cannot read), the
// compiled plan keeps the parsed form, and the engine evaluates it. The subset is what connection-spec authors write
// (docs/connection-spec-model.md#jsonpath): `$`, `.key` and `['key']` / `["key"]`, a bare first key (`paging.next`,
// pointerPath's documented form), `[0]` and `[-1]`, `[*]` and `.*`, slices `[start:end:step]`. Filters `[?(…)]`,
// recursive descent `..` and unions are refused with their position, because the engine cannot evaluate them.

/** One step of a parsed path. */
export type Selector =
	| {kind: 'key'; key: string}
	| {kind: 'index'; index: number}
	| {kind: 'wildcard'}
	| {kind: 'slice'; start?: number; end?: number; step: number};

/** A parsed JSONPath. `definite` paths (keys and indexes only) name at most one value and can be written to. */
export type JsonPath = {text: string; selectors: Selector[]; definite: boolean};

/** Why a text is not a usable JSONPath; `position` is 1-based within `text` (the path as written, trimmed). */
export type JsonPathProblem = {message: string; position: number};

export type PathSegment = string | number;

type Cursor = {text: string; i: number};

class ParseProblem extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

const fail = (message: string, index: number): never => {
	throw new ParseProblem(message, index + 1);
};

/**
 * Parses a path. Returns the parsed path, or the problem with its 1-based position
 * (e.g. `$.contacts[[` → `unexpected "[" inside brackets`, position 12). Never throws.
 */
export function parseJsonPath(raw: string): {path: JsonPath} | {problem: JsonPathProblem} {
	const text = raw.trim();
	try {
		return {path: parseSelectors(text)};
	} catch (error) {
		if (error instanceof ParseProblem) return {problem: {message: error.message, position: error.position}};
		throw error;
	}
}

/** Parses a path the caller already validated; throws an Error naming the problem and its position otherwise. */
export function compileJsonPath(raw: string): JsonPath {
	const parsed = parseJsonPath(raw);
	if ('problem' in parsed) throw new Error(describeJsonPathProblem(raw, parsed.problem));
	return parsed.path;
}

/** `unexpected "[" at character 12 of "$.contacts[["`. */
export function describeJsonPathProblem(raw: string, problem: JsonPathProblem): string {
	return `${problem.message} at character ${problem.position} of ${JSON.stringify(raw.trim())}`;
}

function parseSelectors(text: string): JsonPath {
	if (text === '') fail('the path is empty', 0);
	const cursor: Cursor = {text, i: 0};
	const selectors: Selector[] = [];
	if (text.startsWith('$')) cursor.i = 1;
	else if (text[0] !== '[') selectors.push(dotName(cursor)); // `paging.next`: a bare first key
	while (cursor.i < text.length) {
		const char = text[cursor.i];
		if (char === '.') {
			if (text[cursor.i + 1] === '.') fail('recursive descent ".." is not supported', cursor.i);
			cursor.i++;
			selectors.push(dotName(cursor));
		} else if (char === '[') {
			selectors.push(bracket(cursor));
		} else {
			fail(`unexpected "${char}" (a step starts with "." or "[")`, cursor.i);
		}
	}
	const definite = selectors.every(selector => selector.kind === 'key' || selector.kind === 'index');
	return {text, selectors, definite};
}

function dotName(cursor: Cursor): Selector {
	const {text} = cursor;
	const start = cursor.i;
	if (text[start] === '*' && (start + 1 === text.length || text[start + 1] === '.' || text[start + 1] === '[')) {
		cursor.i++;
		return {kind: 'wildcard'};
	}
	let end = start;
	while (end < text.length && !'.[]'.includes(text[end]!)) end++;
	if (end === start) fail(end < text.length ? `unexpected "${text[end]}" where a key name should be` : 'a key name is missing', end);
	cursor.i = end;
	return {kind: 'key', key: text.slice(start, end)};
}

function skipSpaces(cursor: Cursor): void {
	while (cursor.text[cursor.i] === ' ') cursor.i++;
}

function bracket(cursor: Cursor): Selector {
	const {text} = cursor;
	const open = cursor.i;
	cursor.i++;
	skipSpaces(cursor);
	const char = text[cursor.i];
	let selector: Selector;
	if (char === undefined) fail('"[" is not closed', open);
	if (char === "'" || char === '"') selector = {kind: 'key', key: quoted(cursor)};
	else if (char === '*') {
		cursor.i++;
		selector = {kind: 'wildcard'};
	} else if (char === '?') fail('filter expressions "[?(…)]" are not supported', cursor.i);
	else if (char === '(') fail('script expressions "[(…)]" are not supported', cursor.i);
	else selector = indexOrSlice(cursor);
	skipSpaces(cursor);
	const close = text[cursor.i];
	if (close === undefined) fail('"[" is not closed', open);
	if (close === ',') fail('unions "[a,b]" are not supported', cursor.i);
	if (close !== ']') fail(`unexpected "${close}" inside brackets`, cursor.i);
	cursor.i++;
	return selector!;
}

function quoted(cursor: Cursor): string {
	const {text} = cursor;
	const quote = text[cursor.i]!;
	const open = cursor.i;
	let key = '';
	cursor.i++;
	while (cursor.i < text.length && text[cursor.i] !== quote) {
		if (text[cursor.i] === '\\' && cursor.i + 1 < text.length) cursor.i++;
		key += text[cursor.i];
		cursor.i++;
	}
	if (cursor.i >= text.length) fail(`the quoted key is not closed (missing ${quote})`, open);
	cursor.i++;
	return key;
}

function integer(cursor: Cursor): number | undefined {
	const match = /^-?\d+/.exec(cursor.text.slice(cursor.i));
	if (!match) return undefined;
	cursor.i += match[0].length;
	return Number(match[0]);
}

function indexOrSlice(cursor: Cursor): Selector {
	const {text} = cursor;
	const start = cursor.i;
	const first = integer(cursor);
	skipSpaces(cursor);
	if (text[cursor.i] !== ':') {
		if (first === undefined)
			fail(text[start] === ']' ? 'empty brackets "[]"' : `unexpected "${text[start]}" inside brackets (write ['key'], an index or a slice)`, start);
		return {kind: 'index', index: first!};
	}
	const parts: (number | undefined)[] = [first];
	while (text[cursor.i] === ':' && parts.length < 3) {
		cursor.i++;
		skipSpaces(cursor);
		parts.push(integer(cursor));
		skipSpaces(cursor);
	}
	const step = parts[2] ?? 1;
	if (step === 0) fail('a slice step of 0 never moves', start);
	return {kind: 'slice', ...(parts[0] === undefined ? {} : {start: parts[0]}), ...(parts[1] === undefined ? {} : {end: parts[1]}), step};
}

/** Own property of a plain object, or element of an array (negative = from the end); undefined otherwise. */
function child(node: unknown, segment: PathSegment): unknown {
	if (node === null || typeof node !== 'object') return undefined;
	if (Array.isArray(node)) {
		if (typeof segment !== 'number') return undefined;
		return node[segment < 0 ? node.length + segment : segment];
	}
	return typeof segment === 'string' && Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
}

/**
 * The value at a list of keys and indexes, or undefined as soon as a step is missing or of the wrong kind.
 * Own properties only (`constructor` is not a key of `{}`); a negative index counts from the end of an array.
 * The one path getter of the code base: the spec model, the engine, the screens and the sandbox use it.
 */
export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
	let node = value;
	for (const segment of path) {
		node = child(node, segment);
		if (node === undefined) return undefined;
	}
	return node;
}

function sliceIndexes(length: number, selector: Selector & {kind: 'slice'}): number[] {
	const {step} = selector;
	const clamp = (value: number | undefined, fallback: number, low: number, high: number): number => {
		if (value === undefined) return fallback;
		const absolute = value < 0 ? length + value : value;
		return Math.min(Math.max(absolute, low), high);
	};
	const out: number[] = [];
	if (step > 0) {
		const start = clamp(selector.start, 0, 0, length);
		const end = clamp(selector.end, length, 0, length);
		for (let index = start; index < end; index += step) out.push(index);
	} else {
		const start = clamp(selector.start, length - 1, -1, length - 1);
		const end = clamp(selector.end, -1, -1, length - 1);
		for (let index = start; index > end; index += step) out.push(index);
	}
	return out;
}

function select(node: unknown, selector: Selector, out: unknown[]): void {
	if (node === null || typeof node !== 'object') return;
	switch (selector.kind) {
		case 'key':
		case 'index': {
			const value = child(node, selector.kind === 'key' ? selector.key : selector.index);
			if (value !== undefined) out.push(value);
			return;
		}
		case 'wildcard':
			out.push(...(Array.isArray(node) ? node : Object.values(node)));
			return;
		case 'slice':
			if (Array.isArray(node)) for (const index of sliceIndexes(node.length, selector)) out.push(node[index]);
	}
}

/** Every value the path matches, in document order (none when a step is missing). */
export function evaluateJsonPath(value: unknown, path: JsonPath): unknown[] {
	let nodes: unknown[] = [value];
	for (const selector of path.selectors) {
		const next: unknown[] = [];
		for (const node of nodes) select(node, selector, next);
		nodes = next;
		if (nodes.length === 0) break;
	}
	return nodes;
}

/** The first value the path matches, or undefined. */
export function firstMatch(value: unknown, path: JsonPath): unknown {
	if (path.definite) return getAt(value, segmentsOf(path));
	return evaluateJsonPath(value, path)[0];
}

/** Keys and indexes of a definite path (a wildcard or slice has none: callers check `definite` first). */
export function segmentsOf(path: JsonPath): PathSegment[] {
	return path.selectors.flatMap((selector): PathSegment[] => (selector.kind === 'key' ? [selector.key] : selector.kind === 'index' ? [selector.index] : []));
}

/** Value at a JSONPath text, or undefined when nothing matches or the text is not a usable path. */
export function jsonPath(value: unknown, text: string): unknown {
	const parsed = parseJsonPath(text);
	return 'path' in parsed ? firstMatch(value, parsed.path) : undefined;
}
