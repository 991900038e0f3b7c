// Runs a sourceSpec against its REST API and yields records one by one. One page is in memory at a time and
// nothing accumulates except the (capped) page traces, so memory stays flat however many records pass.
import {createAuthSession, selectAuthSpec} from './auth.js';
import {configError, EngineError} from './engine-error.js';
import {fetchPage, sleep, type FetchContext} from './fetch-page.js';
import {createHttpClient} from './http-client.js';
import {runMasker as createRunMasker, type Masker} from './masking.js';
import {pageDetail} from './page-detail.js';
import {createPaginator, requestCap, type PageStep} from './pagination.js';
import {explodeRecord, pageElements, shapeRecord} from './records.js';
import {buildRequestPlan, requestUrl} from './request-plan.js';
import {compileSpec, pageDefaults, type AuthPlan, type SourcePlan} from '../connection-spec/plan.js';
import type {EngineOptions, EngineResult, PageTrace, StopCode} from './types.js';

const keptTraces = 10_000;

function capMessage(cap: number): string {
	const which = cap === pageDefaults.maximumRequest ? ', the default' : '';
	return `Stopped after ${cap} requests (maximumRequest${which}) while the source still offered another page; records past that point were not read.`;
}

/** The compiled plan of the run: `options.plan`, or the spec compiled now; refuses with the spec's findings. */
export function planOf(options: EngineOptions): SourcePlan {
	if (options.plan) return options.plan;
	const compiled = compileSpec(options.spec);
	if (compiled.plan) return compiled.plan;
	const [first, ...rest] = compiled.planErrors;
	const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}: run "aep-source validate" to see all)`;
	throw configError(`The connection spec cannot run: ${first?.message ?? 'it has errors.'}${more}`, first?.hint ?? 'Run "aep-source validate" on the spec.');
}

function prepare(options: EngineOptions, plan: SourcePlan) {
	const auth = createAuthSession(selectAuthSpec(plan.auth, options.authSpecName), options.authParams);
	const request = buildRequestPlan(options, plan);
	return {plan: request, auth, content: plan.content, explode: plan.explode, paginator: createPaginator(plan.pagination), cap: requestCap(plan.pagination)};
}

/** Secrets of the run: auth params, and source params that are `format: password` or secret-named. */
function runMasker(options: EngineOptions, plan: SourcePlan | undefined): Masker {
	let auth: AuthPlan | undefined;
	try {
		auth = plan ? selectAuthSpec(plan.auth, options.authSpecName) : undefined;
	} catch {
		auth = undefined; // Reported by prepare().
	}
	return createRunMasker({
		authParams: options.authParams ?? {},
		sourceParams: options.sourceParams ?? {},
		authProperties: auth?.properties,
		sourceProperties: plan?.inputs,
	});
}

/** Same error with message, URL and hint masked; anything that is not an EngineError becomes one. */
function masked(error: unknown, masker: Masker): EngineError {
	if (error instanceof EngineError) {
		const details = {
			hint: masker.text(error.hint),
			...(error.status === undefined ? {} : {status: error.status}),
			...(error.url === undefined ? {} : {url: masker.url(error.url)}),
		};
		return new EngineError(error.code, masker.text(error.message), details);
	}
	return new EngineError('config', `Unexpected engine failure: ${masker.text(String((error as Error)?.message ?? error))}`, {
		hint: 'This is likely an engine bug: report it with the connection spec (secrets removed).',
	});
}

/**
 * Runs the source spec and yields its records one by one; the return value says how many pages and records there
 * were and why paging stopped (docs/pagination.md "Stop rules": the type's own end, an empty page, a repeated
 * token or pointer, the request cap, maxPages/maxRecords of a preview, or a cancel). Throws a masked EngineError.
 */
export async function* streamRecords(options: EngineOptions): AsyncGenerator<Record<string, unknown>, EngineResult> {
	let plan: SourcePlan | undefined;
	let refusal: unknown;
	try {
		plan = planOf(options);
	} catch (error) {
		refusal = error;
	}
	const masker = runMasker(options, plan);
	const client = createHttpClient();
	const pages: PageTrace[] = [];
	let pageCount = 0;
	let total = 0;
	let explodeEmpty = 0;
	let warnings: string[] = [];
	const finish = (code: StopCode, message: string): EngineResult => {
		if (explodeEmpty > 0) warnings.push(`${explodeEmpty} record(s) had an empty or missing explodeEntityPath array and produced no output.`);
		return {pages, records: total, stop: {code, message}, pageCount, warnings: warnings.map(warning => masker.text(warning))};
	};
	try {
		if (!plan) throw refusal;
		const run = prepare(options, plan);
		warnings = [...run.plan.warnings];
		const fetch: FetchContext = {
			client,
			auth: run.auth,
			masker,
			timeoutMs: options.timeoutMs ?? 30_000,
			retries: options.retries ?? 3,
			retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
			...(options.signal ? {signal: options.signal} : {}),
		};
		let step: PageStep = run.paginator.first();
		for (;;) {
			if (options.signal?.aborted) return finish('aborted', 'The run was cancelled.');
			if (step.delayMs) await sleep(step.delayMs, options.signal);
			const url = step.url ?? requestUrl(run.plan, step.query);
			const started = performance.now();
			const page = await fetchPage(fetch, {
				method: run.plan.method,
				url,
				headers: {...run.plan.headers, ...step.headers},
				...(run.plan.body === undefined ? {} : {body: run.plan.body}),
			});
			const durationMs = Math.round(performance.now() - started);
			const {elements, found} = pageElements(page.body, run.content);
			if (!found && pageCount === 0) warnings.push(`contentPath ${run.content.path.text} matched nothing in the first response.`);
			let pageRecords = 0;
			let cutShort = false; // true when records of this page were left unread (cap or cancel)
			const limit = options.maxRecords ?? Number.POSITIVE_INFINITY;
			for (let i = 0; i < elements.length && !cutShort; i++) {
				const record = shapeRecord(elements[i], run.content);
				const out = run.explode ? explodeRecord(record, run.explode) : [record];
				if (out.length === 0) explodeEmpty++;
				for (let j = 0; j < out.length; j++) {
					yield out[j]!;
					pageRecords++;
					total++;
					const more = j < out.length - 1 || i < elements.length - 1;
					if (more && (total >= limit || options.signal?.aborted)) {
						cutShort = true;
						break;
					}
				}
			}
			const trace: PageTrace = {
				index: pageCount++,
				method: run.plan.method,
				url: masker.url(url),
				status: page.status,
				records: pageRecords,
				bytes: page.bytes,
				durationMs,
				...(step.delayMs ? {delayMs: step.delayMs} : {}),
				...(page.retries ? {retries: page.retries} : {}),
				...(page.refreshed ? {refreshed: true} : {}),
				...(options.inspect ? {detail: pageDetail({...page, url}, masker, options.inspect.bodyChars)} : {}),
			};
			if (pages.length < keptTraces) pages.push(trace);
			options.onPage?.(trace);
			if (options.signal?.aborted) return finish('aborted', 'The run was cancelled.');
			const capReached = options.maxRecords !== undefined && total >= options.maxRecords;
			if (cutShort) return finish('max-records', `Stopped at maxRecords (${options.maxRecords}).`);
			const next = run.paginator.next({body: page.body, headers: page.headers, elementCount: elements.length, url});
			if ('stop' in next) return finish(next.stop, next.message);
			if (capReached) return finish('max-records', `Stopped at maxRecords (${options.maxRecords}).`);
			if (options.maxPages !== undefined && pageCount >= options.maxPages) return finish('max-pages', `Stopped at maxPages (${options.maxPages}).`);
			if (pageCount >= run.cap) return finish('maximum-request', capMessage(run.cap));
			step = next;
		}
	} catch (error) {
		if (error instanceof EngineError && error.code === 'aborted') return finish('aborted', 'The run was cancelled.');
		throw masked(error, masker);
	} finally {
		client.close();
	}
}
