import {flowError} from './errors.js';
import {sameEtag} from './ids.js';
import type {Entity} from './state-store.js';
import type {SandboxRequest} from './router.js';

export type PatchOperation = {op: string; path: string; value?: unknown};

/** Validates the body of a Flow Service PATCH: a JSON-Patch array with add/replace/remove in any case (docs/flow-service.md#conventions). */
export function parsePatch(body: unknown): PatchOperation[] {
	if (!Array.isArray(body) || body.length === 0)
		throw flowError('1405-400', 'Request body must be a non-empty JSON-Patch array, e.g. [{"op": "replace", "path": "/name", "value": "…"}].');
	return body.map((entry, index) => {
		const operation = entry as Partial<PatchOperation>;
		if (!operation || typeof operation.op !== 'string' || typeof operation.path !== 'string' || !operation.path.startsWith('/')) {
			throw flowError('1452-400', `[${index}]: each instruction needs "op" and a JSON-pointer "path" starting with "/".`);
		}
		const op = operation.op.toLowerCase();
		if (!['add', 'replace', 'remove'].includes(op))
			throw flowError('1434-400', `[${index}]: patch operation ${operation.op} is not supported (use add, replace or remove).`);
		if (op !== 'remove' && !('value' in operation)) throw flowError('1452-400', `[${index}]: ${op} needs a "value".`);
		return {op, path: operation.path, value: operation.value};
	});
}

function pointer(path: string): string[] {
	return path
		.slice(1)
		.split('/')
		.map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies the operations to a deep copy; a path into a missing field answers `1455-400`. */
export function applyPatch(entity: Entity, operations: PatchOperation[]): Entity {
	const copy = structuredClone(entity);
	for (const operation of operations) {
		const parts = pointer(operation.path);
		const last = parts.pop()!;
		let parent: unknown = copy;
		for (const part of parts) {
			parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[part] : undefined;
			if (parent === undefined || parent === null || typeof parent !== 'object') throw missingField(operation.path);
		}
		applyOne(parent as Record<string, unknown> | unknown[], last, operation);
	}
	return copy;
}

function applyOne(parent: Record<string, unknown> | unknown[], key: string, operation: PatchOperation): void {
	if (Array.isArray(parent)) {
		const index = key === '-' ? parent.length : Number(key);
		const inRange = Number.isInteger(index) && index >= 0 && (operation.op === 'add' ? index <= parent.length : index < parent.length);
		if (!inRange) throw missingField(operation.path);
		if (operation.op === 'add') parent.splice(index, 0, operation.value);
		else if (operation.op === 'replace') parent[index] = operation.value;
		else parent.splice(index, 1);
		return;
	}
	if (operation.op !== 'add' && !(key in parent)) throw missingField(operation.path);
	if (operation.op === 'remove') delete parent[key];
	else parent[key] = operation.value;
}

function missingField(path: string) {
	return flowError('1455-400', `Invalid patch instruction: the field at ${path} does not exist.`);
}

/**
 * If-Match rules (docs/authentication.md#request-headers, docs/flow-service.md#etag-mismatch): missing → `1403-400`; stale → `1404-412` with the documented
 * wording.
 */
export function checkIfMatch(request: SandboxRequest, entity: Entity, required: boolean): void {
	const header = request.headers['if-match'];
	// The Postman collection sends it as a query parameter (docs/flow-service.md#if-match-and-etags): accept both.
	const supplied = (Array.isArray(header) ? header[0] : header) ?? request.query.get('if-match') ?? undefined;
	if (!supplied) {
		if (required) throw flowError('1403-400', 'Header If-Match is missing. Send the etag from the last GET of this resource.');
		return;
	}
	const current = String(entity['etag']);
	if (!sameEtag(supplied, current)) {
		throw flowError('1404-412', `Supplied version=[${supplied}] does not match the current version on entity=[${current}]`, {id: entity.id});
	}
}
