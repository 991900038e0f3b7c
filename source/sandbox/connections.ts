import {createMasker} from '../connection-spec/masker.js';
import {collection, type SandboxContext} from './context.js';
import {bodyObject, deleteOne, getOne, list, locationHeader, patchOne, requireStrings} from './crud.js';
import {createdFields, freshEtag, inScope, isObject} from './entities.js';
import {flowError, invalidBody} from './errors.js';
import {newUuid} from './ids.js';
import {json, type Route, type SandboxRequest} from './router.js';
import {authHeaders, authSpecNames, findAuthSpec, maskedParams, missingRequiredParams, secretValues} from './source-auth.js';
import type {Entity} from './state-store.js';
import {exploreConnection, testConnection} from './explore.js';

// Base connections (docs/flow-service.md#base-connections).

type Auth = {specName: string; params: Record<string, unknown>};

export function connectionSpecOf(context: SandboxContext, connection: Entity): Record<string, unknown> | undefined {
	const id = (connection['connectionSpec'] as {id?: string} | undefined)?.id;
	return id === undefined ? undefined : collection(context, 'connectionSpecs').get(id);
}

export function authOf(connection: Entity): Auth {
	const auth = connection['auth'] as Partial<Auth> | undefined;
	return {specName: String(auth?.specName ?? ''), params: isObject(auth?.params) ? auth.params : {}};
}

/** Checks `auth` against the spec: 1415-400 unknown auth spec, 400 naming missing required params. */
function checkAuth(spec: Record<string, unknown>, auth: unknown): Auth {
	if (!isObject(auth) || typeof auth['specName'] !== 'string') throw invalidBody(['auth.specName: is required (the name of one authSpec entry)']);
	const entry = findAuthSpec(spec, auth['specName']);
	if (!entry) {
		throw flowError(
			'1415-400',
			`Auth spec name "${auth['specName']}" was not found for connection spec ${String(spec['id'])}. Use one of: ${authSpecNames(spec).join(', ')}.`,
		);
	}
	const params = isObject(auth['params']) ? auth['params'] : {};
	const missing = missingRequiredParams(entry, params);
	if (missing.length > 0) throw invalidBody(missing.map(name => `auth.params.${name}: is required by auth spec "${String(entry.name)}"`));
	return {specName: auth['specName'], params};
}

/** With `authorizationTestUrl`, the credentials are really tried when the connection is created (docs/connection-spec.md#oauth2refreshcode). */
async function tryAuthorizationUrl(spec: Record<string, unknown>, auth: Auth, signal: AbortSignal): Promise<void> {
	const {specName, params} = auth;
	const url = params['authorizationTestUrl'];
	if (typeof url !== 'string' || url === '') return;
	const secrets = secretValues(spec, specName, params);
	const masker = createMasker(secrets);
	const shownUrl = masker.url(url);
	// Built before the request: a header that cannot be built is not "could not be reached".
	const headers = authHeaders(spec, specName, params);
	let status: number;
	try {
		const response = await fetch(url, {headers, signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)])});
		await response.arrayBuffer();
		status = response.status;
	} catch (error) {
		throw flowError(
			'1452-400',
			masker.text(`Credential validation failed: GET ${shownUrl} could not be reached (${(error as Error).message}). Check auth.params.authorizationTestUrl.`),
		);
	}
	if (status < 200 || status > 299) {
		throw flowError('1452-400', masker.text(`Credential validation failed: GET ${shownUrl} answered HTTP ${status}. Check the credentials in auth.params.`));
	}
}

async function create(request: SandboxRequest, context: SandboxContext) {
	const body = bodyObject(request.body, 'base connection');
	const problems = requireStrings(body, ['name', 'connectionSpec.id', 'connectionSpec.version']);
	if (problems.length > 0) throw invalidBody(problems);
	const specId = (body['connectionSpec'] as {id: string}).id;
	const spec = collection(context, 'connectionSpecs').get(specId);
	if (!spec) throw flowError('1413-400', `The spec id ${specId} is invalid: no connection spec has this id.`);
	const auth = checkAuth(spec, body['auth']);
	await tryAuthorizationUrl(spec, auth, request.signal);
	const entity: Entity = {
		id: newUuid(),
		...createdFields(request.caller),
		name: body['name'],
		...(body['description'] === undefined ? {} : {description: body['description']}),
		connectionSpec: body['connectionSpec'],
		state: 'enabled',
		auth,
		...freshEtag(),
	};
	collection(context, 'connections').put(entity);
	return json(201, {id: entity.id, etag: entity['etag']}, locationHeader(context, 'flowservice', `/connections/${entity.id}`));
}

/** Never echo secrets: `format: password` values are masked (docs/flow-service.md#base-connections Recommendation). */
export function presentConnection(entity: Entity, context: SandboxContext): unknown {
	const spec = connectionSpecOf(context, entity);
	const auth = authOf(entity);
	// Without its spec, every param is treated as secret-named or not by name alone (secretPropertyNames on {}).
	return {...entity, auth: {specName: auth.specName, params: maskedParams(spec ?? {}, auth.specName, auth.params)}};
}

function patch(request: SandboxRequest, context: SandboxContext) {
	return patchOne(request, context, 'connections', {
		guard: operations => {
			const changesSpec = operations.find(operation => /^\/connectionSpec(\/|$)/.test(operation.path));
			if (changesSpec)
				throw flowError('1414-400', `The connection spec of a connection cannot be changed (${changesSpec.path}). Create a new base connection instead.`);
		},
		validate: (patched, ctx) => {
			const spec = connectionSpecOf(ctx, patched);
			if (spec) checkAuth(spec, patched['auth']);
		},
	});
}

function remove(request: SandboxRequest, context: SandboxContext) {
	return deleteOne(request, context, 'connections', connection => {
		const sourceIds = new Set(
			collection(context, 'sourceConnections')
				.values()
				.filter(source => source['baseConnectionId'] === connection.id)
				.map(source => source.id),
		);
		const flows = collection(context, 'flows')
			.values()
			.filter(flow => inScope(flow, request.caller) && (flow['sourceConnectionIds'] as string[] | undefined)?.some(id => sourceIds.has(id)));
		if (flows.length > 0) {
			throw flowError(
				'1418-400',
				`Base connection ${connection.id} is still used by flow(s) ${flows.map(flow => flow.id).join(', ')}. Delete those flows first.`,
				{id: connection.id, type: 'connections'},
			);
		}
	});
}

export function connectionRoutes(): Route[] {
	return [
		{method: 'GET', pattern: '/connections', handler: (request, context) => list(request, context, 'connections', presentConnection)},
		{method: 'POST', pattern: '/connections', handler: create, needsBody: true},
		{method: 'GET', pattern: '/connections/:id', handler: (request, context) => getOne(request, context, 'connections', presentConnection)},
		{method: 'PATCH', pattern: '/connections/:id', handler: patch, needsBody: true},
		{method: 'DELETE', pattern: '/connections/:id', handler: remove},
		{method: 'GET', pattern: '/connections/:id/test', handler: testConnection},
		{method: 'GET', pattern: '/connections/:id/explore', handler: exploreConnection},
	];
}
