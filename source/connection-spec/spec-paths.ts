// Immutable writes at a path inside the draft's spec (a plain JSON object), so screens and the spec edits can change one field without
// knowing the whole shape; reads go through the spec model's one path getter (getAt). An empty string or undefined
// removes the key.
import {getAt} from './json-path.js';

export type Path = readonly (string | number)[];

export function getString(root: unknown, path: Path): string {
	const value = getAt(root, path);
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function setIn<T>(root: T, path: Path, value: unknown): T {
	if (path.length === 0) return value as T;
	const [head, ...rest] = path as [string | number, ...(string | number)[]];
	const source = (root !== null && typeof root === 'object' ? root : typeof head === 'number' ? [] : {}) as Record<string | number, unknown>;
	const child = setIn(source[head], rest, value);
	if (Array.isArray(source)) {
		const copy = source.slice();
		copy[head as number] = child;
		return copy as T;
	}
	const copy: Record<string | number, unknown> = {...source};
	if (child === undefined || (rest.length === 0 && value === '')) delete copy[head];
	else copy[head] = child;
	return copy as T;
}
