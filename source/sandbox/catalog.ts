import fs from 'node:fs/promises';
import path from 'node:path';
import {collection, type SandboxContext} from './context.js';
import {inScope, isObject, scopedValues} from './entities.js';
import {problemError} from './errors.js';
import {newDatasetId} from './ids.js';
import {json, type Route, type SandboxRequest, type SandboxResponse} from './router.js';
import {schemaFor} from './schema-registry.js';
import type {Entity} from './state-store.js';

// Catalog (docs/target-and-runs.md#catalog-datasets): datasets and the batches runs write. Objects are answered keyed by id.
// No Catalog error body is documented (docs/target-and-runs.md#error-bodies-of-the-other-services); the problem-details shape is an emulator choice.

const hidden = new Set(['id', 'imsOrgId', 'sandboxName']);

function visible(entity: Entity, properties: string | null): Record<string, unknown> {
	const wanted = properties ? new Set(properties.split(',').map(name => name.trim())) : undefined;
	return Object.fromEntries(Object.entries(entity).filter(([key]) => !hidden.has(key) && (!wanted || wanted.has(key))));
}

function keyed(entities: Entity[], request: SandboxRequest): Record<string, unknown> {
	return Object.fromEntries(entities.map(entity => [entity.id, visible(entity, request.query.get('properties'))]));
}

/** Catalog's simple filter `?name=…` (an exact match here; the OpenAPI says only "filter on the name"). */
function byName(entities: Entity[], request: SandboxRequest): Entity[] {
	const name = request.query.get('name');
	return name === null ? entities : entities.filter(entity => entity['name'] === name);
}

/** Where a dataset's ingested records live: one JSONL file per batch. */
export function datasetDir(context: SandboxContext, dataSetId: string): string {
	return path.join(context.store.dataDir, 'datasets', dataSetId);
}

function createDataSet(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const body = request.body;
	if (!isObject(body)) throw problemError(400, 'Bad Request', 'Request body must be a JSON object: the dataset.');
	const schemaRef = isObject(body['schemaRef']) ? body['schemaRef'] : undefined;
	const schemaId = schemaRef?.['id'];
	if (typeof schemaId !== 'string' || schemaId === '') throw problemError(400, 'Bad Request', 'schemaRef.id is required: the $id of the target XDM schema.');
	const schema = schemaFor(context, schemaId, request.caller);
	if (!schema) throw problemError(400, 'Bad Request', `schemaRef.id ${schemaId} is not a schema of this sandbox (create it with POST /tenant/schemas first).`);
	const id = newDatasetId();
	const now = Date.now();
	const entity: Entity = {
		id,
		imsOrgId: request.caller.orgId,
		sandboxName: request.caller.sandboxName,
		name: typeof body['name'] === 'string' ? body['name'] : id,
		...(body['description'] === undefined ? {} : {description: body['description']}),
		imsOrg: request.caller.orgId,
		version: '1.0.0',
		created: now,
		updated: now,
		createdClient: request.caller.clientId,
		createdUser: request.caller.userId,
		updatedUser: request.caller.userId,
		schemaRef: {id: schema.schema['$id'], contentType: schemaRef?.['contentType'] ?? 'application/vnd.adobe.xed+json;version=1'},
		tags: isObject(body['tags']) ? body['tags'] : {},
		files: `@/dataSetFiles?dataSetId=${id}`,
	};
	collection(context, 'dataSets').put(entity);
	return json(201, [`@/dataSets/${id}`], {Location: `${context.baseUrl()}/data/foundation/catalog/dataSets/${id}`});
}

function getDataSet(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const entity = collection(context, 'dataSets').get(request.params['id']!);
	if (!entity || !inScope(entity, request.caller)) throw problemError(404, 'Not Found', `Dataset ${request.params['id']} was not found.`);
	return json(200, keyed([entity], request));
}

/** DELETE answers 200 with the reference, or 200 `[]` when nothing matched (help/catalog/api/delete-object.md). */
async function deleteDataSet(request: SandboxRequest, context: SandboxContext): Promise<SandboxResponse> {
	const id = request.params['id']!;
	const entity = collection(context, 'dataSets').get(id);
	if (!entity || !inScope(entity, request.caller)) return json(200, []);
	collection(context, 'dataSets').delete(id);
	await fs.rm(datasetDir(context, id), {recursive: true, force: true});
	return json(200, [`@/dataSets/${id}`]);
}

function listBatches(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const dataSet = request.query.get('dataSet');
	let batches = scopedValues(collection(context, 'batches'), request.caller);
	if (dataSet)
		batches = batches.filter(batch =>
			(batch['relatedObjects'] as {type: string; id: string}[]).some(object => object.type === 'dataSet' && object.id === dataSet),
		);
	// orderBy=desc:created (docs/target-and-runs.md#catalog-datasets); default newest last, like creation order.
	if (request.query.get('orderBy') === 'desc:created') batches = [...batches].sort((a, b) => Number(b['created']) - Number(a['created']));
	const limit = Number(request.query.get('limit') ?? '0');
	if (limit > 0) batches = batches.slice(0, limit);
	return json(200, keyed(batches, request));
}

function getBatch(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const entity = collection(context, 'batches').get(request.params['id']!);
	if (!entity || !inScope(entity, request.caller)) throw problemError(404, 'Not Found', `Batch ${request.params['id']} was not found.`);
	return json(200, keyed([entity], request));
}

export function catalogRoutes(): Route[] {
	return [
		{method: 'POST', pattern: '/dataSets', handler: createDataSet, needsBody: true},
		{
			method: 'GET',
			pattern: '/dataSets',
			handler: (request, context) => json(200, keyed(byName(scopedValues(collection(context, 'dataSets'), request.caller), request), request)),
		},
		{method: 'GET', pattern: '/dataSets/:id', handler: getDataSet},
		{method: 'DELETE', pattern: '/dataSets/:id', handler: deleteDataSet},
		{method: 'GET', pattern: '/batches', handler: listBatches},
		{method: 'GET', pattern: '/batches/:id', handler: getBatch},
	];
}
