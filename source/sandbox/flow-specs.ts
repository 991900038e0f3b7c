import {collection, type SandboxContext} from './context.js';
import {isObject, stampCaller, updatedFields, withoutReadOnly} from './entities.js';
import {flowError, invalidBody, notFound} from './errors.js';
import {newEtag, sameEtag} from './ids.js';
import {listResponse} from './list-query.js';
import {documentedSourceSpecIds} from './flow-spec-seed.js';
import {json, type Route, type SandboxRequest} from './router.js';
import type {Entity} from './state-store.js';

// Flow specs (docs/flow-spec.md#reststoragetoaep, docs/flow-service.md#flow-specs): global; GET answers `{items: […]}`; PUT replaces the whole object — exactly
// like the real service, a body that leaves ids out of `sourceConnectionSpecIds` drops them (docs/flow-spec.md#safe-append).

/**
 * No etag is documented for flow specs (docs/flow-spec.md#safe-append). The emulator keeps one internally and exposes it only as
 * an HTTP `ETag` header so a client *may* send If-Match; it is honoured when sent, never required (docs/README.md#choices-where-adobes-docs-are-silent).
 */
function present(entity: Entity, request: SandboxRequest): Entity {
	const {etag: _etag, ...rest} = entity;
	return stampCaller(rest as Entity, request.caller);
}

/**
 * GET by id is the hot path (every safe append and every credential check reads it): the serialised answer is
 * cached per version and caller scope, so a GET costs no JSON work. The cache lives with this sandbox's routes.
 */
function getOne() {
	const cache = new Map<string, string>();
	return async (request: SandboxRequest, context: SandboxContext) => {
		if (context.hooks.beforeFlowSpecGet) await context.hooks.beforeFlowSpecGet();
		const id = request.params['id']!;
		const entity = collection(context, 'flowSpecs').get(id);
		if (!entity) throw notFound('flowSpecs', id);
		const etag = String(entity['etag'] ?? '');
		const key = `${id}|${etag}|${request.caller.orgId}|${request.caller.sandboxName}`;
		let text = cache.get(key);
		if (text === undefined) {
			if (cache.size > 100) cache.clear();
			text = JSON.stringify({items: [present(entity, request)]});
			cache.set(key, text);
		}
		return {status: 200, text, headers: {ETag: etag}};
	};
}

function validateReplacement(id: string, body: unknown, context: SandboxContext): Record<string, unknown> {
	if (!isObject(body)) throw flowError('1405-400', 'Request body must be the complete flow spec as a JSON object.');
	if (body['id'] !== undefined && body['id'] !== id) {
		throw flowError('1413-400', `The flow spec id in the body (${String(body['id'])}) does not match the path id ${id}.`, {id, type: 'flowSpecs'});
	}
	const problems: string[] = [];
	for (const field of ['name', 'providerId']) {
		if (typeof body[field] !== 'string' || body[field] === '') problems.push(`${field}: is required (a PUT body must be the whole flow spec)`);
	}
	const ids = body['sourceConnectionSpecIds'];
	if (ids !== undefined && (!Array.isArray(ids) || ids.some(value => typeof value !== 'string'))) {
		problems.push('sourceConnectionSpecIds: must be an array of connection spec id strings');
	}
	if (problems.length > 0) throw invalidBody(problems);
	if (context.options.strictFlowSpecIds && Array.isArray(ids)) {
		const known = new Set([
			...documentedSourceSpecIds,
			...collection(context, 'connectionSpecs')
				.values()
				.map(spec => spec.id),
		]);
		const unknown = (ids as string[]).filter(value => !known.has(value));
		if (unknown.length > 0) throw flowError('1413-400', `sourceConnectionSpecIds: unknown connection spec id(s) ${unknown.join(', ')}.`);
	}
	const fields = withoutReadOnly(body);
	// The documented PUT sends `transformationSpec` (singular); the service answers `transformationSpecs` (docs/flow-spec.md#put-the-flow-spec).
	if ('transformationSpec' in fields) {
		if (!('transformationSpecs' in fields)) fields['transformationSpecs'] = fields['transformationSpec'];
		delete fields['transformationSpec'];
	}
	return fields;
}

async function replace(request: SandboxRequest, context: SandboxContext) {
	const id = request.params['id']!;
	const specs = collection(context, 'flowSpecs');
	const existing = specs.get(id);
	if (!existing) throw notFound('flowSpecs', id);
	const fields = validateReplacement(id, request.body, context);
	const ifMatch = request.headers['if-match'];
	if (typeof ifMatch === 'string' && !sameEtag(ifMatch, String(existing['etag'] ?? ''))) {
		throw flowError('1404-412', `Supplied version=[${ifMatch}] does not match the current version on entity=[${String(existing['etag'] ?? '')}]`, {id});
	}
	const entity: Entity = {
		...fields,
		id,
		createdAt: existing['createdAt'],
		createdBy: existing['createdBy'],
		createdClient: existing['createdClient'],
		...updatedFields(request.caller, Math.max(Date.now(), Number(existing['updatedAt']) + 1)),
		etag: newEtag(),
	};
	specs.put(entity);
	await context.hooks.afterFlowSpecPut?.();
	return json(200, present(entity, request), {ETag: String(entity['etag'])});
}

export function flowSpecRoutes(): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/flowSpecs',
			handler: (request, context) =>
				json(
					200,
					listResponse(collection(context, 'flowSpecs').values(), request.query, entity => present(entity, request), '/flowSpecs'),
				),
		},
		{method: 'GET', pattern: '/flowSpecs/:id', handler: getOne()},
		{method: 'PUT', pattern: '/flowSpecs/:id', handler: replace, needsBody: true},
	];
}
