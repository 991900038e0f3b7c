// The JSONPath subset the docs use (reference 3.5.11): `$.a.b`, `a.b` (pointerPath without `$.`),
// `$.a[0].b`, `$['x']`, `$["x"]`, and `$` itself. Wildcards and filters are not part of any documented path.

export type PathSegment = string | number;

/** Splits a path into keys and indexes (callers parse once per run); throws a plain Error naming the problem. */
export function parseJsonPath(rawPath: string): PathSegment[] {
	const path = rawPath.trim();
	const segments: PathSegment[] = [];
	let i = 0;
	if (path.startsWith('$')) i = 1;
	else if (path.length > 0 && path[0] !== '[') i = -1; // `a.b`: a bare first key.
	while (i < path.length) {
		if (i === -1 || path[i] === '.') {
			const start = i + 1;
			let end = start;
			while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
			if (end === start) throw new Error(`empty key at position ${start} in JSONPath "${path}"`);
			segments.push(path.slice(start, end));
			i = end;
		} else if (path[i] === '[') {
			const close = findClose(path, i);
			segments.push(bracketSegment(path.slice(i + 1, close), path));
			i = close + 1;
		} else {
			throw new Error(`unexpected "${path[i]}" at position ${i} in JSONPath "${path}"`);
		}
	}
	return segments;
}

function findClose(path: string, open: number): number {
	const quote = path[open + 1];
	if (quote === '\'' || quote === '"') {
		const end = path.indexOf(quote, open + 2);
		if (end === -1 || path[end + 1] !== ']') throw new Error(`unclosed quoted key in JSONPath "${path}"`);
		return end + 1;
	}
	const close = path.indexOf(']', open);
	if (close === -1) throw new Error(`unclosed "[" in JSONPath "${path}"`);
	return close;
}

function bracketSegment(inner: string, path: string): PathSegment {
	const trimmed = inner.trim();
	if (/^['"].*['"]$/.test(trimmed)) return trimmed.slice(1, -1);
	if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
	throw new Error(`unsupported selector [${inner}] in JSONPath "${path}" (use a key or an index)`);
}

export function getAt(value: unknown, segments: readonly PathSegment[]): unknown {
	let node = value;
	for (const segment of segments) {
		if (node === null || typeof node !== 'object') return undefined;
		if (typeof segment === 'number') {
			if (!Array.isArray(node)) return undefined;
			node = node[segment < 0 ? node.length + segment : segment];
		} else {
			node = (node as Record<string, unknown>)[segment];
		}
	}
	return node;
}

/** Value at a JSONPath, or undefined when any step is missing or the path is malformed. */
export function jsonPath(value: unknown, path: string): unknown {
	let segments: PathSegment[];
	try {
		segments = parseJsonPath(path);
	} catch {
		return undefined;
	}
	return getAt(value, segments);
}

/**
 * Copy of `root` with the value at `segments` replaced (copies only the objects along the path, so the
 * rest is shared). With `renameTo`, the last key is renamed in its parent.
 */
export function replaceAt(root: unknown, segments: readonly PathSegment[], replacement: unknown, renameTo?: string): unknown {
	if (segments.length === 0) return replacement;
	const [head, ...rest] = segments as [PathSegment, ...PathSegment[]];
	if (Array.isArray(root)) {
		const copy = root.slice();
		copy[head as number] = replaceAt(root[head as number], rest, replacement, renameTo);
		return copy;
	}
	const source = (root ?? {}) as Record<string, unknown>;
	if (rest.length === 0 && renameTo !== undefined && renameTo !== head) {
		const copy: Record<string, unknown> = {};
		for (const [key, child] of Object.entries(source)) {
			if (key === head) copy[renameTo] = replacement;
			else if (key !== renameTo) copy[key] = child;
		}
		return copy;
	}
	return {...source, [head]: replaceAt(source[head as string], rest, replacement, renameTo)};
}
