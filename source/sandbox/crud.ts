import {collection, type SandboxContext} from './context.js';
import {freshEtag, getScoped, isObject, scopedValues, updatedFields} from './entities.js';
import {flowError} from './errors.js';
import {applyPatch, checkIfMatch, parsePatch, type PatchOperation} from './json-patch.js';
import {listResponse} from './list-query.js';
import {json, type SandboxRequest, type SandboxResponse} from './router.js';
import type {CollectionName, Entity} from './state-store.js';

// The GET / list / PATCH / DELETE behaviour shared by connections, source/target connections and flows (docs/flow-service.md#conventions).

export type Present = (entity: Entity, context: SandboxContext) => unknown;

export function getOne(request: SandboxRequest, context: SandboxContext, name: CollectionName, present: Present): SandboxResponse {
	const entity = getScoped(collection(context, name), request.params['id']!, request.caller, name);
	return json(200, {items: [present(entity, context)]});
}

export function list(request: SandboxRequest, context: SandboxContext, name: CollectionName, present: Present): SandboxResponse {
	const entities = scopedValues(collection(context, name), request.caller);
	return json(
		200,
		listResponse(entities, request.query, entity => present(entity, context), `/${name}`),
	);
}

const serverOwned =
	/^\/(id|createdAt|updatedAt|createdBy|updatedBy|createdClient|updatedClient|sandboxId|sandboxName|imsOrgId|etag|version|inheritedAttributes)(\/|$)/;

export type PatchRules = {
	/** Throws for operations this resource refuses (e.g. changing the connection spec, 1414-400). */
	guard?: (operations: PatchOperation[]) => void;
	/** Checks the patched entity before it is stored. */
	validate?: (entity: Entity, context: SandboxContext, request: SandboxRequest) => void;
};

/** PATCH: If-Match required (1403-400 / 1404-412), JSON-Patch body, 200 `{id, etag}` with a new etag. */
export function patchOne(request: SandboxRequest, context: SandboxContext, name: CollectionName, rules: PatchRules = {}): SandboxResponse {
	const items = collection(context, name);
	const entity = getScoped(items, request.params['id']!, request.caller, name);
	checkIfMatch(request, entity, true);
	const operations = parsePatch(request.body);
	const refused = operations.find(operation => serverOwned.test(operation.path));
	if (refused) throw flowError('1452-400', `${refused.path}: is set by the service and cannot be patched.`);
	rules.guard?.(operations);
	const patched = applyPatch(entity, operations);
	rules.validate?.(patched, context, request);
	const updated: Entity = {...patched, ...updatedFields(request.caller, Math.max(Date.now(), Number(entity['updatedAt']) + 1)), ...freshEtag()};
	items.put(updated);
	return json(200, {id: updated.id, etag: updated['etag']});
}

export function deleteOne(request: SandboxRequest, context: SandboxContext, name: CollectionName, guard?: (entity: Entity) => void): SandboxResponse {
	const items = collection(context, name);
	const entity = getScoped(items, request.params['id']!, request.caller, name);
	guard?.(entity);
	items.delete(entity.id);
	return {status: 204};
}

/** Problems for required string fields, as `path: message` entries (docs/flow-service.md#error-envelope Recommendation). */
export function requireStrings(body: Record<string, unknown>, paths: string[]): string[] {
	return paths
		.filter(path => {
			const value = path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), body);
			return typeof value !== 'string' || value === '';
		})
		.map(path => `${path}: is required`);
}

export function bodyObject(body: unknown, what: string): Record<string, unknown> {
	if (!isObject(body)) throw flowError('1405-400', `Request body must be a JSON object: the ${what}.`);
	return body;
}

export function locationHeader(context: SandboxContext, service: string, path: string): Record<string, string> {
	return {Location: `${context.baseUrl()}/data/foundation/${service}${path}`};
}
