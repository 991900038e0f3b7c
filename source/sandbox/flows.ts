import {collection, type SandboxContext} from './context.js';
import {bodyObject, deleteOne, getOne, list, locationHeader, patchOne, requireStrings} from './crud.js';
import {createdFields, freshEtag, getScoped, inScope, isObject, updatedFields} from './entities.js';
import {flowError, invalidBody} from './errors.js';
import {newUuid} from './ids.js';
import {checkIfMatch} from './json-patch.js';
import {json, type Caller, type Route, type SandboxRequest} from './router.js';
import {scheduleProblems} from './schedule-params.js';
import type {Entity} from './state-store.js';

// Dataflows (docs/flow-service.md#dataflows).

function scoped(
	context: SandboxContext,
	name: 'sourceConnections' | 'targetConnections' | 'mappingSets' | 'dataSets',
	id: string,
	caller: Caller,
): Entity | undefined {
	const entity = collection(context, name).get(id);
	return entity && inScope(entity, caller) ? entity : undefined;
}

function oneId(body: Record<string, unknown>, field: string): string {
	const ids = body[field];
	if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string') throw invalidBody([`${field}: must be an array with exactly one connection id`]);
	return ids[0];
}

/** Source side: the source connection exists and its spec is listed in the flow spec (docs/flow-service.md#dataflows Recommendation). */
function checkSource(body: Record<string, unknown>, flowSpec: Entity, context: SandboxContext, caller: Caller): void {
	const sourceId = oneId(body, 'sourceConnectionIds');
	const source = scoped(context, 'sourceConnections', sourceId, caller);
	if (!source) throw invalidBody([`sourceConnectionIds[0]: source connection ${sourceId} does not exist in this sandbox`]);
	const specId = String((source['connectionSpec'] as {id?: string} | undefined)?.id);
	const allowed = Array.isArray(flowSpec['sourceConnectionSpecIds']) ? (flowSpec['sourceConnectionSpecIds'] as string[]) : [];
	if (!allowed.includes(specId)) {
		throw flowError(
			'1413-400',
			`Connection spec ${specId} (of source connection ${sourceId}) ` +
				`is not in sourceConnectionSpecIds of flow spec ${flowSpec.id} (${String(flowSpec['name'])}). ` +
				`Append ${specId} to that list with GET + PUT /flowSpecs/${flowSpec.id}, keeping every existing id.`,
		);
	}
}

function checkTarget(body: Record<string, unknown>, flowSpec: Entity, context: SandboxContext, caller: Caller): Entity {
	const targetId = oneId(body, 'targetConnectionIds');
	const target = scoped(context, 'targetConnections', targetId, caller);
	if (!target) throw invalidBody([`targetConnectionIds[0]: target connection ${targetId} does not exist in this sandbox`]);
	const specId = String((target['connectionSpec'] as {id?: string} | undefined)?.id);
	const allowed = Array.isArray(flowSpec['targetConnectionSpecIds']) ? (flowSpec['targetConnectionSpecIds'] as string[]) : [];
	if (!allowed.includes(specId))
		throw flowError('1413-400', `Connection spec ${specId} of target connection ${targetId} is not in targetConnectionSpecIds of flow spec ${flowSpec.id}.`);
	return target;
}

/** Mapping: exists (1419-400), valid version (1412-400), same schema as the target dataset (1425-400). */
function checkMapping(body: Record<string, unknown>, target: Entity, context: SandboxContext, caller: Caller): void {
	const transformations = Array.isArray(body['transformations']) ? body['transformations'] : [];
	const mapping = transformations.find(entry => isObject(entry) && entry['name'] === 'Mapping') as {params?: Record<string, unknown>} | undefined;
	if (!mapping) throw invalidBody(['transformations: a {"name": "Mapping", "params": {"mappingId", "mappingVersion"}} entry is required for JSON sources']);
	const mappingId = mapping.params?.['mappingId'];
	const mappingSet = typeof mappingId === 'string' ? scoped(context, 'mappingSets', mappingId, caller) : undefined;
	if (!mappingSet)
		throw flowError('1419-400', `Mapping validation failed: mapping set ${String(mappingId)} was not found (transformations[Mapping].params.mappingId).`);
	const version = mapping.params?.['mappingVersion'];
	const number = typeof version === 'number' ? version : typeof version === 'string' && /^\d+$/.test(version) ? Number(version) : Number.NaN;
	if (!Number.isInteger(number) || number < 0 || number > Number(mappingSet['version'])) {
		throw flowError(
			'1412-400',
			`Invalid mapping version ${JSON.stringify(version)} for mapping set ${mappingSet.id} (current version ${String(mappingSet['version'])}).`,
		);
	}
	const dataSetId = String((target['params'] as {dataSetId?: string} | undefined)?.dataSetId);
	const dataSet = scoped(context, 'dataSets', dataSetId, caller);
	const dataSetSchema = (dataSet?.['schemaRef'] as {id?: string} | undefined)?.id;
	const mappingSchema = (mappingSet['schemaRef'] as {id?: string} | undefined)?.id;
	if (dataSetSchema !== mappingSchema) {
		throw flowError(
			'1425-400',
			`The schema of target dataset ${dataSetId} (${String(dataSetSchema)}) ` +
				`differs from the schema of mapping set ${mappingSet.id} (${String(mappingSchema)}).`,
		);
	}
}

function validateFlow(body: Record<string, unknown>, context: SandboxContext, caller: Caller): void {
	const problems = [...requireStrings(body, ['name', 'flowSpec.id']), ...scheduleProblems(body['scheduleParams'])];
	if (problems.length > 0) throw invalidBody(problems);
	const flowSpecId = (body['flowSpec'] as {id: string}).id;
	const flowSpec = collection(context, 'flowSpecs').get(flowSpecId);
	if (!flowSpec) throw flowError('1413-400', `The spec id ${flowSpecId} is invalid: no flow spec has this id.`);
	checkSource(body, flowSpec, context, caller);
	const target = checkTarget(body, flowSpec, context, caller);
	checkMapping(body, target, context, caller);
}

/**
 * The source and target connections as they are when the flow is created: later changes to those connections
 * are not reflected in this dataflow (docs/sandbox-fidelity.md "Connections and existing dataflows").
 */
function connectionsAsCreated(body: Record<string, unknown>, context: SandboxContext): {source?: Entity; target?: Entity} {
	const source = collection(context, 'sourceConnections').get(String((body['sourceConnectionIds'] as string[])[0]));
	const target = collection(context, 'targetConnections').get(String((body['targetConnectionIds'] as string[])[0]));
	return {...(source ? {source} : {}), ...(target ? {target} : {})};
}

/** Internal fields (`_connections`) never reach the client. */
function withoutInternal(entity: Entity): Entity {
	return Object.fromEntries(Object.entries(entity).filter(([key]) => !key.startsWith('_'))) as Entity;
}

function create(request: SandboxRequest, context: SandboxContext) {
	const body = bodyObject(request.body, 'flow');
	if ('state' in body) throw flowError('1410-400', '`state` is not allowed in a create-flow request; flows start enabled.');
	validateFlow(body, context, request.caller);
	const now = Date.now();
	const {id: _id, ...fields} = body;
	const entity: Entity = {
		id: newUuid(),
		...createdFields(request.caller, now),
		...fields,
		flowSpec: {version: '1.0', ...(body['flowSpec'] as object)},
		state: 'enabled',
		...freshEtag(),
		lastOperation: {started: now, updated: now, percentCompleted: 100.0, status: {value: 'completed', errors: []}, ops: [], operation: 'create'},
		_connections: connectionsAsCreated(body, context),
	};
	collection(context, 'flows').put(entity);
	context.scheduleFlow(entity.id);
	return json(201, {id: entity.id, etag: entity['etag']}, locationHeader(context, 'flowservice', `/flows/${entity.id}`));
}

function newestTerminalRun(context: SandboxContext, flowId: string): Entity | undefined {
	const runs = collection(context, 'runs')
		.values()
		.filter(
			run => run['flowId'] === flowId && ['success', 'failed'].includes(String((run['metrics'] as {statusSummary?: {status?: string}}).statusSummary?.status)),
		);
	return runs.sort((a, b) => Number(b['createdAt']) - Number(a['createdAt']))[0];
}

/**
 * GET answers echo schedule values and the mapping version as strings (`"interval": "15"`, `"backfill": "true"`,
 * `"mappingVersion": "0"`), whatever type was sent (docs/sandbox-fidelity.md "Flows as GET answers them").
 */
function asDocumentedStrings(entity: Entity): Record<string, unknown> {
	const text = (value: unknown) => (value === undefined || value === null ? value : String(value));
	const schedule = isObject(entity['scheduleParams']) ? entity['scheduleParams'] : undefined;
	const scheduleParams =
		schedule &&
		Object.fromEntries(Object.entries(schedule).map(([key, value]) => [key, ['startTime', 'interval', 'backfill'].includes(key) ? text(value) : value]));
	const transformations = Array.isArray(entity['transformations'])
		? (entity['transformations'] as unknown[]).map(step => {
				if (!isObject(step) || !isObject(step['params']) || step['params']['mappingVersion'] === undefined) return step;
				return {...step, params: {...step['params'], mappingVersion: text(step['params']['mappingVersion'])}};
			})
		: undefined;
	return {...(scheduleParams ? {scheduleParams} : {}), ...(transformations ? {transformations} : {})};
}

export function presentFlow(entity: Entity, context: SandboxContext): unknown {
	const sources = (entity['sourceConnectionIds'] as string[]).map(id => {
		const source = collection(context, 'sourceConnections').get(id);
		const base = source ? collection(context, 'connections').get(String(source['baseConnectionId'])) : undefined;
		return {id, connectionSpec: source?.['connectionSpec'], ...(base ? {baseConnection: {id: base.id, connectionSpec: base['connectionSpec']}} : {})};
	});
	const targets = (entity['targetConnectionIds'] as string[]).map(id => ({
		id,
		connectionSpec: collection(context, 'targetConnections').get(id)?.['connectionSpec'],
	}));
	const run = newestTerminalRun(context, entity.id);
	const duration = (run?.['metrics'] as {durationSummary?: {startedAtUTC?: number; completedAtUTC?: number}} | undefined)?.durationSummary;
	return {
		...withoutInternal(entity),
		...asDocumentedStrings(entity),
		inheritedAttributes: {sourceConnections: sources, targetConnections: targets},
		runs: `/runs?property=flowId==${entity.id}`,
		...(run
			? {
					lastRunDetails: {
						id: run.id,
						state: (run['metrics'] as {statusSummary: {status: string}}).statusSummary.status,
						startedAtUTC: duration?.startedAtUTC,
						completedAtUTC: duration?.completedAtUTC,
					},
				}
			: {}),
	};
}

/**
 * Update-dataflows rules (docs/sandbox-fidelity.md "Updating a dataflow"): a new `startTime` must not have passed,
 * and a `once` dataflow's mapping cannot be replaced.
 */
function checkUpdate(current: Entity, patched: Entity): void {
	const before = (current['scheduleParams'] ?? {}) as {startTime?: unknown; frequency?: unknown};
	const after = (patched['scheduleParams'] ?? {}) as {startTime?: unknown};
	if (String(after.startTime) !== String(before.startTime) && Number(after.startTime) * 1000 < Date.now()) {
		throw flowError('1452-400', `scheduleParams.startTime ${String(after.startTime)} has passed: a dataflow's start time can only be moved to the future.`);
	}
	if (before.frequency === 'once' && JSON.stringify(current['transformations']) !== JSON.stringify(patched['transformations'])) {
		throw flowError('1452-400', 'The mapping of a dataflow scheduled "once" cannot be replaced: create a new dataflow with the new mapping.');
	}
}

function patch(request: SandboxRequest, context: SandboxContext) {
	const current = getScoped(collection(context, 'flows'), request.params['id']!, request.caller, 'flows');
	const response = patchOne(request, context, 'flows', {
		validate: (patched, ctx, req) => {
			checkUpdate(current, patched);
			validateFlow(patched, ctx, req.caller);
			// A connection the patch swaps in is taken as it is now; the others stay as they were at creation.
			const kept = (patched['_connections'] ?? {}) as {source?: Entity; target?: Entity};
			const fresh = connectionsAsCreated(patched, ctx);
			patched['_connections'] = {
				...(fresh.source ? {source: kept.source?.id === fresh.source.id ? kept.source : fresh.source} : {}),
				...(fresh.target ? {target: kept.target?.id === fresh.target.id ? kept.target : fresh.target} : {}),
			};
			const now = Date.now();
			patched['lastOperation'] = {
				started: now,
				updated: now,
				percentCompleted: 100.0,
				status: {value: 'completed', errors: []},
				ops: req.body,
				operation: 'update',
			};
		},
	});
	context.scheduleFlow(request.params['id']!);
	return response;
}

/** `POST /flows/{id}/action?op=ENABLE|DISABLE` (OpenAPI) toggles state; If-Match optional. */
function action(request: SandboxRequest, context: SandboxContext) {
	const flows = collection(context, 'flows');
	const flow = getScoped(flows, request.params['id']!, request.caller, 'flows');
	checkIfMatch(request, flow, false);
	const op = String(request.query.get('op') ?? '').toUpperCase();
	if (op !== 'ENABLE' && op !== 'DISABLE')
		throw flowError('1451-400', `Invalid query parameter op=${request.query.get('op') ?? ''}: the sandbox supports ENABLE and DISABLE.`);
	const updated: Entity = {...flow, state: op === 'ENABLE' ? 'enabled' : 'disabled', ...updatedFields(request.caller), ...freshEtag()};
	flows.put(updated);
	context.scheduleFlow(flow.id);
	return json(200, {id: flow.id, etag: updated['etag']});
}

function remove(request: SandboxRequest, context: SandboxContext) {
	// Runs of a deleted flow stay readable through /runs (monitoring history).
	const response = deleteOne(request, context, 'flows');
	context.scheduleFlow(request.params['id']!);
	return response;
}

export function flowRoutes(): Route[] {
	return [
		{method: 'GET', pattern: '/flows', handler: (request, context) => list(request, context, 'flows', presentFlow)},
		{method: 'POST', pattern: '/flows', handler: create, needsBody: true},
		{method: 'GET', pattern: '/flows/:id', handler: (request, context) => getOne(request, context, 'flows', presentFlow)},
		{method: 'PATCH', pattern: '/flows/:id', handler: patch, needsBody: true},
		{method: 'DELETE', pattern: '/flows/:id', handler: remove},
		{method: 'POST', pattern: '/flows/:id/action', handler: action},
	];
}
