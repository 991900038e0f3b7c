import {collection, type SandboxContext} from './context.js';
import {bodyObject} from './crud.js';
import {getScoped, inScope, scopedValues} from './entities.js';
import {flowError} from './errors.js';
import {listResponse} from './list-query.js';
import {json, type Route, type SandboxRequest} from './router.js';
import {newRun, presentRun} from './run-record.js';
import type {Scheduler} from './scheduler.js';
import {serviceCaller} from './run-executor.js';
import type {Entity} from './state-store.js';

// Flow runs (reference 5.7, target-and-runs 2.9).

/** `property=state==inProgress` (target-and-runs 3.1) reads the run status. */
function withStateAlias(query: URLSearchParams): URLSearchParams {
	const rewritten = new URLSearchParams(query);
	rewritten.delete('property');
	for (const filter of query.getAll('property')) rewritten.append('property', filter.replace(/^state(?=[=!<>~])/, 'metrics.statusSummary.status'));
	return rewritten;
}

function listRuns(request: SandboxRequest, context: SandboxContext) {
	const runs = scopedValues(collection(context, 'runs'), request.caller);
	return json(200, listResponse(runs, withStateAlias(request.query), presentRun, '/runs'));
}

function getRun(request: SandboxRequest, context: SandboxContext) {
	return json(200, {items: [presentRun(getScoped(collection(context, 'runs'), request.params['id']!, request.caller, 'runs'))]});
}

/** Ad hoc run, only for `once` flows; answers `{id, etag}` as the OpenAPI does (target-and-runs question 8). */
function createRun(scheduler: () => Scheduler) {
	return (request: SandboxRequest, context: SandboxContext) => {
		const body = bodyObject(request.body, 'run');
		const flowId = body['flowId'];
		if (typeof flowId !== 'string' || flowId === '') throw flowError('1446-400', 'flowId is null or empty.');
		const flow = collection(context, 'flows').get(flowId);
		if (!flow || !inScope(flow, request.caller)) throw flowError('1430-400', `Flow ${flowId} was not found.`, {id: flowId, type: 'flows'});
		if ((flow['scheduleParams'] as {frequency?: string}).frequency !== 'once') {
			throw flowError('1444-400', `Flow ${flowId} is not in the expected state: ad hoc runs are only for flows scheduled with frequency "once".`);
		}
		const run: Entity = {...newRun(flow, serviceCaller(flow), Date.now()), params: body['params'] ?? {}};
		collection(context, 'runs').put(run);
		scheduler().startRun(flowId, run.id);
		return json(201, {id: run.id, etag: run['etag']});
	};
}

export function runRoutes(scheduler: () => Scheduler): Route[] {
	return [
		{method: 'GET', pattern: '/runs', handler: listRuns},
		{method: 'GET', pattern: '/runs/:id', handler: getRun},
		{method: 'POST', pattern: '/runs', handler: createRun(scheduler), needsBody: true},
	];
}
