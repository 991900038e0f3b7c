// A dry run of a spec: every request the engine would send for a few pages, without sending any. The agreement
// property test uses it ("validate finds no error ⇔ the engine plans every request"), and it is the cheapest way to
// see what a spec asks of an API.
import {createAuthSession, selectAuthSpec} from './auth.js';
import {createPaginator, type PageOutcome} from './pagination.js';
import {explodeRecord, pageElements, shapeRecord} from './records.js';
import {buildRequestPlan, requestUrl} from './request-plan.js';
import {planOf} from './stream-records.js';
import type {EngineOptions} from './types.js';

export type PlannedRequest = {method: string; url: string; headers: Record<string, string>; body?: string};

/**
 * The first `pages` requests of a run, as if each response were `response` (default: one record, and every
 * pagination value present), plus the records that response would yield. Throws the EngineError a run would
 * throw before its first request: 'config' for a spec with errors or a param without a value. No I/O.
 */
export function planRequests(
	options: EngineOptions,
	pages = 3,
	response?: {body: unknown; headers?: Record<string, string>},
): {requests: PlannedRequest[]; records: Record<string, unknown>[]} {
	const plan = planOf(options);
	const auth = createAuthSession(selectAuthSpec(plan.auth, options.authSpecName), options.authParams);
	const request = buildRequestPlan(options, plan);
	const paginator = createPaginator(plan.pagination);
	const requests: PlannedRequest[] = [];
	const records: Record<string, unknown>[] = [];
	let step = paginator.first();
	for (let index = 0; index < pages; index++) {
		const url = step.url ?? requestUrl(request, step.query);
		requests.push({
			method: request.method,
			url,
			headers: {...request.headers, ...step.headers, ...auth.headers()},
			...(request.body === undefined ? {} : {body: request.body}),
		});
		const body = response?.body ?? {};
		const {elements} = pageElements(body, plan.content);
		for (const element of elements) {
			const record = shapeRecord(element, plan.content);
			records.push(...(plan.explode ? explodeRecord(record, plan.explode) : [record]));
		}
		const outcome: PageOutcome = {body, headers: response?.headers ?? {}, elementCount: Math.max(elements.length, 1), url};
		const next = paginator.next(outcome);
		if ('stop' in next) break;
		step = next;
	}
	return {requests, records};
}
