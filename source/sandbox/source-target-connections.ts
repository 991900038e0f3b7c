import {collection, type SandboxContext} from './context.js';
import {bodyObject, deleteOne, getOne, list, locationHeader, patchOne, requireStrings} from './crud.js';
import {createdFields, freshEtag, inScope, isObject} from './entities.js';
import {flowError, invalidBody} from './errors.js';
import {dataLakeTargetSpecId} from './flow-spec-seed.js';
import {newUuid} from './ids.js';
import {json, type Route, type SandboxRequest} from './router.js';
import {schemaFor} from './schema-registry.js';
import type {CollectionName, Entity} from './state-store.js';
import {previewSourceSpec} from '../engine/index.js';
import {createMasker} from '../connection-spec/masker.js';
import {authOf, connectionSpecOf} from './connections.js';
import {secretValues} from './source-auth.js';

// Source connections (docs/flow-service.md#source-connections) and target connections (docs/flow-service.md#target-connections,
// docs/flow-service.md#target-connections).

function specChangeGuard(operations: {path: string}[]): void {
	const changesSpec = operations.find(operation => /^\/connectionSpec(\/|$)/.test(operation.path));
	if (changesSpec) throw flowError('1414-400', `The connection spec of a connection cannot be changed (${changesSpec.path}).`);
}

/** Source connection params are checked against `sourceSpec.spec.required` of the connection spec. */
function checkSourceParams(spec: Record<string, unknown>, params: Record<string, unknown>): void {
	const sourceSpec = isObject(spec['sourceSpec']) ? spec['sourceSpec'] : {};
	const schema = isObject(sourceSpec['spec']) ? sourceSpec['spec'] : {};
	const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]).filter((name): name is string => typeof name === 'string') : [];
	const missing = required.filter(name => params[name] === undefined || params[name] === null || params[name] === '');
	if (missing.length > 0) throw invalidBody(missing.map(name => `params.${name}: is required by sourceSpec.spec of connection spec ${String(spec['id'])}`));
}

function validateSource(body: Record<string, unknown>, context: SandboxContext, request: SandboxRequest): void {
	const problems = requireStrings(body, ['name', 'connectionSpec.id', 'connectionSpec.version', 'baseConnectionId', 'data.format']);
	if (problems.length > 0) throw invalidBody(problems);
	const specId = (body['connectionSpec'] as {id: string}).id;
	const spec = collection(context, 'connectionSpecs').get(specId);
	if (!spec) throw flowError('1413-400', `The spec id ${specId} is invalid: no connection spec has this id.`);
	const format = (body['data'] as {format: string}).format;
	if (format !== 'json') throw invalidBody([`data.format: must be "json" for REST sources (got "${format}")`]);
	const base = collection(context, 'connections').get(String(body['baseConnectionId']));
	if (!base || !inScope(base, request.caller))
		throw invalidBody([`baseConnectionId: base connection ${String(body['baseConnectionId'])} does not exist in this sandbox`]);
	const baseSpecId = (base['connectionSpec'] as {id?: string} | undefined)?.id;
	if (baseSpecId !== specId) throw invalidBody([`connectionSpec.id: ${specId} differs from the base connection's connection spec ${String(baseSpecId)}`]);
	checkSourceParams(spec, isObject(body['params']) ? body['params'] : {});
}

function validateTarget(body: Record<string, unknown>, context: SandboxContext, request: SandboxRequest): void {
	const problems = requireStrings(body, ['connectionSpec.id', 'data.format', 'params.dataSetId']);
	if (problems.length > 0) throw invalidBody(problems);
	const specId = (body['connectionSpec'] as {id: string}).id;
	if (specId !== dataLakeTargetSpecId)
		throw flowError('1413-400', `The spec id ${specId} is invalid for a target connection: use the data lake spec ${dataLakeTargetSpecId}.`);
	const data = body['data'] as {format: string; schema?: {id?: unknown}};
	if (!['parquet_xdm', 'json'].includes(data.format))
		throw invalidBody([`data.format: must be "parquet_xdm" or "json" for the data lake (got "${data.format}")`]);
	const dataSetId = (body['params'] as {dataSetId: string}).dataSetId;
	const dataSet = collection(context, 'dataSets').get(dataSetId);
	if (!dataSet || !inScope(dataSet, request.caller)) throw invalidBody([`params.dataSetId: dataset ${dataSetId} does not exist in this sandbox`]);
	if (data.format !== 'parquet_xdm') return;
	const schemaId = data.schema?.id;
	if (typeof schemaId !== 'string') throw invalidBody(['data.schema.id: is required with format parquet_xdm (the target schema $id)']);
	const schema = schemaFor(context, schemaId, request.caller);
	if (!schema) throw invalidBody([`data.schema.id: schema ${schemaId} does not exist in this sandbox`]);
	const dataSetSchema = (dataSet['schemaRef'] as {id?: string}).id;
	if (schema.schema['$id'] !== dataSetSchema)
		throw invalidBody([`data.schema.id: ${schemaId} differs from the schema of dataset ${dataSetId} (${String(dataSetSchema)})`]);
}

/**
 * Without `authorizationTestUrl` in the base connection, the platform checks the credentials when the source
 * connection is created (docs/sandbox-fidelity.md "Credentials"): one page is fetched; a 401/403 refuses it.
 */
async function checkCredentials(body: Record<string, unknown>, context: SandboxContext, request: SandboxRequest): Promise<void> {
	const base = collection(context, 'connections').get(String(body['baseConnectionId']))!;
	const auth = authOf(base);
	if (typeof auth.params['authorizationTestUrl'] === 'string' && auth.params['authorizationTestUrl'] !== '') return;
	const spec = connectionSpecOf(context, base)!;
	const params = isObject(body['params']) ? body['params'] : {};
	const outcome = await previewSourceSpec({
		spec,
		authSpecName: auth.specName,
		authParams: auth.params,
		sourceParams: params,
		maxPages: 1,
		signal: request.signal,
		originOverride: context.sourceOrigin((base['connectionSpec'] as {id?: string} | undefined)?.id),
	});
	const error = outcome.error as {code?: string; message: string} | undefined;
	if (error?.code !== 'source-auth') return;
	const text = createMasker(secretValues(spec, auth.specName, auth.params)).text(error.message);
	throw flowError(
		'1452-400',
		`Credential validation failed: the source refused the base connection's credentials (${text}). Fix auth.params of base connection ${base.id}.`,
	);
}

function createConnection(name: CollectionName, validate: typeof validateSource) {
	return async (request: SandboxRequest, context: SandboxContext) => {
		const body = bodyObject(request.body, name === 'sourceConnections' ? 'source connection' : 'target connection');
		validate(body, context, request);
		if (name === 'sourceConnections') await checkCredentials(body, context, request);
		const {id: _id, state: _state, ...fields} = body;
		const entity: Entity = {
			id: newUuid(),
			...createdFields(request.caller),
			...fields,
			params: isObject(body['params']) ? body['params'] : {},
			state: 'enabled',
			...freshEtag(),
		};
		collection(context, name).put(entity);
		return json(201, {id: entity.id, etag: entity['etag']}, locationHeader(context, 'flowservice', `/${name}/${entity.id}`));
	};
}

function presentSource(entity: Entity, context: SandboxContext): unknown {
	const base = collection(context, 'connections').get(String(entity['baseConnectionId']));
	const inherited = base ? {baseConnection: {id: base.id, connectionSpec: base['connectionSpec']}} : {};
	return {...entity, inheritedAttributes: inherited};
}

function presentTarget(entity: Entity): unknown {
	return {...entity, inheritedAttributes: {}};
}

/** A connection a flow still references cannot be deleted (`1447-400`, docs/target-and-runs.md#clean-up). */
function notUsedByFlows(field: 'sourceConnectionIds' | 'targetConnectionIds', context: SandboxContext) {
	return (entity: Entity) => {
		const flows = collection(context, 'flows')
			.values()
			.filter(flow => (flow[field] as string[] | undefined)?.includes(entity.id));
		if (flows.length > 0)
			throw flowError('1447-400', `Found active flows containing id ${entity.id}: ${flows.map(flow => flow.id).join(', ')}. Delete those flows first.`, {
				id: entity.id,
			});
	};
}

export function sourceTargetConnectionRoutes(): Route[] {
	const routes: Route[] = [];
	for (const [name, validate, present, field] of [
		['sourceConnections', validateSource, presentSource, 'sourceConnectionIds'],
		['targetConnections', validateTarget, (entity: Entity) => presentTarget(entity), 'targetConnectionIds'],
	] as const) {
		routes.push(
			{method: 'GET', pattern: `/${name}`, handler: (request, context) => list(request, context, name, present)},
			{method: 'POST', pattern: `/${name}`, handler: createConnection(name, validate), needsBody: true},
			{method: 'GET', pattern: `/${name}/:id`, handler: (request, context) => getOne(request, context, name, present)},
			// A patch is validated as a create is (a target's dataSetId must exist; docs/sandbox-fidelity.md).
			{
				method: 'PATCH',
				pattern: `/${name}/:id`,
				handler: (request, context) => patchOne(request, context, name, {guard: specChangeGuard, validate}),
				needsBody: true,
			},
			{method: 'DELETE', pattern: `/${name}/:id`, handler: (request, context) => deleteOne(request, context, name, notUsedByFlows(field, context))},
		);
	}
	return routes;
}
