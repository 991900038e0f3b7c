import {serverOwnedFields, withoutFields} from '../connection-spec/constants.js';
import {notFound} from './errors.js';
import {newEtag} from './ids.js';
import type {Caller} from './router.js';
import type {Collection, Entity} from './state-store.js';

// Server fields of docs/flow-service.md#conventions: epoch-ms timestamps, who/which client, and the sandbox scope
// (docs/flow-service.md#how-the-sandbox-models-state).

export function createdFields(caller: Caller, now = Date.now()): Record<string, unknown> {
	return {
		createdAt: now,
		updatedAt: now,
		createdBy: caller.userId,
		updatedBy: caller.userId,
		createdClient: caller.clientId,
		updatedClient: caller.clientId,
		sandboxId: caller.sandboxId,
		sandboxName: caller.sandboxName,
		imsOrgId: caller.orgId,
	};
}

export function updatedFields(caller: Caller, now = Date.now()): Record<string, unknown> {
	return {updatedAt: Math.max(now, 0), updatedBy: caller.userId, updatedClient: caller.clientId};
}

/** A new etag; `version` mirrors it on connections and flows (docs/flow-service.md#conventions). */
export function freshEtag(): {etag: string; version: string} {
	const etag = newEtag();
	return {etag, version: etag};
}

/** Sandbox-scoped entities are visible only to callers of the same org and sandbox (docs/flow-service.md#how-the-sandbox-models-state). */
export function inScope(entity: Entity, caller: Caller): boolean {
	return entity['imsOrgId'] === caller.orgId && entity['sandboxName'] === caller.sandboxName;
}

export function scopedValues(items: Collection, caller: Caller): Entity[] {
	return items.values().filter(entity => inScope(entity, caller));
}

export function getScoped(items: Collection, id: string, caller: Caller, type: string): Entity {
	const entity = items.get(id);
	if (!entity || !inScope(entity, caller)) throw notFound(type, id);
	return entity;
}

/** Global entities (connection specs, flow specs) answer with the caller's sandbox stamped on (docs/flow-service.md#how-the-sandbox-models-state). */
export function stampCaller(entity: Entity, caller: Caller): Entity {
	return {...entity, sandboxId: caller.sandboxId, sandboxName: caller.sandboxName, imsOrgId: caller.orgId};
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strips the server-owned fields a client may echo back in a PUT body (docs/flow-spec.md#safe-append). */
export function withoutReadOnly(body: Record<string, unknown>): Record<string, unknown> {
	return withoutFields(body, serverOwnedFields);
}
