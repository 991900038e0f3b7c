// OpenAPI documents run to megabytes; an operation needs a few of their components. Before the parser resolves
// $refs, the document is cut down to the chosen operation and what it references (transitively), so a 5 MB
// document costs what its one operation costs. Pure: builds a new object, the document handed in is not changed.
import type {Json} from './guess.js';

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function atPointer(doc: Json, pointer: string): unknown {
	let node: unknown = doc;
	for (const raw of pointer.slice(2).split('/')) {
		const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		node = isJson(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
		if (node === undefined) return undefined;
	}
	return node;
}

/** Puts `value` at `pointer` in `into`, creating the objects on the way (pointers into arrays are copied whole). */
function setAtPointer(into: Json, doc: Json, pointer: string, value: unknown): void {
	const keys = pointer
		.slice(2)
		.split('/')
		.map(raw => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'));
	let target: Json = into;
	let source: unknown = doc;
	for (const [index, key] of keys.entries()) {
		source = isJson(source) || Array.isArray(source) ? (source as Record<string, unknown>)[key] : undefined;
		if (index === keys.length - 1) {
			target[key] = value;
			return;
		}
		if (Array.isArray(source)) {
			target[key] = source; // rare (a $ref into an array): keep the array whole
			return;
		}
		const next = target[key];
		if (isJson(next)) target = next;
		else {
			const created: Json = {};
			target[key] = created;
			target = created;
		}
	}
}

/** Every local `$ref` reachable from `roots`, and the values they point at. */
function localRefs(doc: Json, roots: unknown[]): Map<string, unknown> {
	const found = new Map<string, unknown>();
	const seen = new Set<unknown>();
	const stack = [...roots];
	while (stack.length > 0) {
		const node = stack.pop();
		if (typeof node !== 'object' || node === null || seen.has(node)) continue;
		seen.add(node);
		if (Array.isArray(node)) {
			stack.push(...node);
			continue;
		}
		const ref = (node as Json)['$ref'];
		if (typeof ref === 'string' && ref.startsWith('#/') && !found.has(ref)) {
			const target = atPointer(doc, ref);
			found.set(ref, target);
			if (target !== undefined) stack.push(target);
		}
		stack.push(...Object.values(node));
	}
	return found;
}

/**
 * The document reduced to one operation: info, servers, security, the security schemes, the path item (its
 * parameters and servers and this one method) and every local $ref target it reaches, at the same pointers.
 * A $ref whose target is missing stays, so the parser names it.
 */
export function pruneToOperation(doc: Json, path: string, method: 'get' | 'post'): Json {
	const item = (doc['paths'] as Json)[path] as Json;
	const keptItem: Json = {[method]: item[method]};
	for (const key of ['parameters', 'servers', 'summary', 'description']) if (item[key] !== undefined) keptItem[key] = item[key];
	const pruned: Json = {};
	for (const key of [
		'openapi',
		'swagger',
		'info',
		'servers',
		'security',
		'host',
		'basePath',
		'schemes',
		'consumes',
		'produces',
		'externalDocs',
		'securityDefinitions',
	]) {
		if (doc[key] !== undefined) pruned[key] = doc[key];
	}
	pruned['paths'] = {[path]: keptItem};
	const schemes = isJson(doc['components']) ? doc['components']['securitySchemes'] : undefined;
	if (schemes !== undefined) pruned['components'] = {securitySchemes: schemes};
	const roots = [keptItem, schemes, doc['securityDefinitions']];
	for (const [ref, target] of localRefs(doc, roots)) if (target !== undefined) setAtPointer(pruned, doc, ref, target);
	return pruned;
}
