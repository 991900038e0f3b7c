import {inferSchema, previewSourceSpec} from '../engine/index.js';
import {createMasker} from '../connection-spec/masker.js';
import {collection, type SandboxContext} from './context.js';
import {getScoped, isObject} from './entities.js';
import {flowError} from './errors.js';
import {json, type SandboxRequest} from './router.js';
import {secretValues} from './source-auth.js';
import {authOf, connectionSpecOf} from './connections.js';
import type {Entity} from './state-store.js';

// Explore and test of a base connection (docs/flow-service.md#testing-a-base-connection, docs/flow-service.md#explore), executed for real against the source.

type EngineFailure = {code?: string; message: string; hint?: string; status?: number};

function sourceOf(request: SandboxRequest, context: SandboxContext): {connection: Entity; spec: Record<string, unknown>; secrets: string[]} {
	const connection = getScoped(collection(context, 'connections'), request.params['id']!, request.caller, 'connections');
	const spec = connectionSpecOf(context, connection);
	if (!spec) throw flowError('1413-400', `The connection spec of base connection ${connection.id} no longer exists.`);
	const auth = authOf(connection);
	return {connection, spec, secrets: secretValues(spec, auth.specName, auth.params)};
}

/** `sourceParams` is base64 of a JSON object (docs/flow-service.md#explore); anything else is a 400 naming the parameter. */
function decodeSourceParams(value: string | null): Record<string, unknown> {
	if (value === null || value === '') return {};
	const text = Buffer.from(value, 'base64').toString('utf8');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw flowError('1451-400', 'Invalid query parameter sourceParams: it must be the base64 encoding of a JSON object, e.g. base64 of {"listId":"abc"}.');
	}
	if (!isObject(parsed)) throw flowError('1451-400', 'Invalid query parameter sourceParams: the decoded value must be a JSON object.');
	return parsed;
}

function checkExploreQuery(query: URLSearchParams): void {
	const objectType = query.get('objectType');
	if (!objectType) throw flowError('1451-400', 'Query parameter objectType is missing: REST sources are explored with objectType=rest.');
	// The OpenAPI enum is upper case (REST); the guides write `rest` — both accepted (docs/flow-service.md#explore).
	if (objectType.toLowerCase() !== 'rest') {
		throw flowError(
			'1451-400',
			`Invalid query parameter objectType=${objectType}: this connection is a REST source; use objectType=rest&object=json&fileType=json.`,
		);
	}
	const fileType = query.get('fileType') ?? query.get('FileType');
	if (fileType !== null && fileType.toLowerCase() !== 'json')
		throw flowError('1451-400', `Invalid query parameter fileType=${fileType}: only json is supported for REST sources.`);
}

/**
 * Maps an engine failure to a Flow Service error. What the author can fix — our config, the source's 4xx (bad
 * credentials, wrong path), a body that is not JSON, a host that does not resolve or refuses — is a 400, so no
 * client retries it; only what may pass (the source's 429/5xx, a timeout, a dropped connection) is a 502.
 * The status codes are an emulator choice where Adobe's docs are silent (docs/source-errors.md).
 */
export function sourceFailure(error: EngineFailure, secrets: string[]) {
	const text = createMasker(secrets).text(`${error.message}${error.hint ? ` ${error.hint}` : ''}`);
	if (isAuthorsProblem(error)) return flowError('1452-400', `Explore failed: ${text}`);
	return flowError('1102-502', `Explore failed: the source could not be read: ${text}`);
}

const unreachable = /\((ENOTFOUND|ECONNREFUSED|EAI_FAIL|ERR_INVALID_URL)\)/;

function isAuthorsProblem(error: EngineFailure): boolean {
	if (error.code === 'config' || error.code === 'source-auth' || error.code === 'source-json') return true;
	if (error.code === 'source-http') return error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429;
	return error.code === 'network' && unreachable.test(error.message);
}

function customSchema(spec: Record<string, unknown>): unknown {
	const sourceSpec = isObject(spec['sourceSpec']) ? spec['sourceSpec'] : {};
	const attributes = isObject(sourceSpec['attributes']) ? sourceSpec['attributes'] : {};
	// docs/connection-spec.md#custom-schema Recommendation: `sourceSpec.schema`, or `sourceSpec.attributes.schema`.
	return sourceSpec['schema'] ?? attributes['schema'];
}

async function preview(context: SandboxContext, spec: Record<string, unknown>, connection: Entity, sourceParams: Record<string, unknown>, signal: AbortSignal) {
	const auth = authOf(connection);
	return previewSourceSpec({
		spec,
		authSpecName: auth.specName,
		authParams: auth.params,
		sourceParams,
		maxPages: 1,
		signal,
		originOverride: context.sourceOrigin((connection['connectionSpec'] as {id?: string} | undefined)?.id),
	});
}

export async function exploreConnection(request: SandboxRequest, context: SandboxContext) {
	const {connection, spec, secrets} = sourceOf(request, context);
	checkExploreQuery(request.query);
	const sourceParams = decodeSourceParams(request.query.get('sourceParams'));
	const outcome = await preview(context, spec, connection, sourceParams, request.signal);
	if (outcome.error) throw sourceFailure(outcome.error as EngineFailure, secrets);
	const records = outcome.records as Record<string, unknown>[];
	const wantsData = request.query.get('preview') !== 'false';
	return json(200, {format: 'hierarchical', schema: customSchema(spec) ?? inferSchema(records), data: wantsData ? records : []});
}

/** `GET /connections/{id}/test` → `{result: boolean}` (OpenAPI): one page is really fetched from the source. */
export async function testConnection(request: SandboxRequest, context: SandboxContext) {
	const {connection, spec} = sourceOf(request, context);
	// Source params (e.g. a list id) come from a source connection of this base connection when one exists.
	const source = collection(context, 'sourceConnections')
		.values()
		.find(item => item['baseConnectionId'] === connection.id);
	const params = isObject(source?.['params']) ? source['params'] : {};
	const outcome = await preview(context, spec, connection, params, request.signal);
	return json(200, {result: !outcome.error});
}
