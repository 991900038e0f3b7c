import {collection, type SandboxContext} from './context.js';
import {bodyObject} from './crud.js';
import {getScoped, inScope, isObject, scopedValues} from './entities.js';
import {flowError} from './errors.js';
import {listResponse} from './list-query.js';
import {json, type Route, type SandboxRequest} from './router.js';
import {newRun, presentRun} from './run-record.js';
import type {Scheduler} from './scheduler.js';
import {serviceCaller} from './run-executor.js';
import type {Entity} from './state-store.js';

// Flow runs (docs/target-and-runs.md#runs).

/** `property=state==inProgress` (docs/target-and-runs.md#run-status) reads the run status. */
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

/** An epoch time in seconds (as the docs' examples) or, from 10^11 on, milliseconds; number or digit string. */
function epochMs(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0)
		throw flowError('1452-400', `params.${name}: must be epoch seconds, as an integer or a string of digits.`);
	return number >= 1e11 ? number : number * 1000;
}

/**
 * `params` of an on-demand run: `windowStartTime`/`windowEndTime` bound what the run reads (both or neither),
 * `startTime` when it starts (at once when past). Epoch seconds (docs/sandbox-fidelity.md "On-demand runs").
 */
function runParams(params: unknown): {window?: {start: number; end: number}; startAt?: number} {
	if (params === undefined) return {};
	if (!isObject(params)) throw flowError('1452-400', 'params: must be an object ({startTime, windowStartTime, windowEndTime}).');
	const start = epochMs(params['windowStartTime'], 'windowStartTime');
	const end = epochMs(params['windowEndTime'], 'windowEndTime');
	const startAt = epochMs(params['startTime'], 'startTime');
	if ((start === undefined) !== (end === undefined)) throw flowError('1452-400', 'params.windowStartTime and params.windowEndTime: give both or neither.');
	if (start !== undefined && end !== undefined && start >= end)
		throw flowError(
			'1452-400',
			`params.windowStartTime (${String(params['windowStartTime'])}) must be before params.windowEndTime (${String(params['windowEndTime'])}).`,
		);
	return {...(start !== undefined && end !== undefined ? {window: {start, end}} : {}), ...(startAt === undefined ? {} : {startAt})};
}

/** Ad hoc run, only for `once` flows; answers in the on-demand page's envelope `{items: [{id, etag}]}`. */
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
		const {window, startAt} = runParams(body['params']);
		const run: Entity = {...newRun(flow, serviceCaller(flow), startAt ?? Date.now()), params: body['params'] ?? {}, ...(window ? {_window: window} : {})};
		collection(context, 'runs').put(run);
		scheduler().startRun(flowId, run.id, startAt);
		return json(201, {items: [{id: run.id, etag: run['etag']}]});
	};
}

export function runRoutes(scheduler: () => Scheduler): Route[] {
	return [
		{method: 'GET', pattern: '/runs', handler: listRuns},
		{method: 'GET', pattern: '/runs/:id', handler: getRun},
		{method: 'POST', pattern: '/runs', handler: createRun(scheduler), needsBody: true},
	];
}
