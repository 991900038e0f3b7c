// One HTTP exchange with the platform: headers, our own retries, the 401 refresh, tracing, error and shape parsing.
// got's own retry is off (limit 0): retrying is a decision about side effects, made here, with the tool's one
// retry policy (source/shared/retry.ts, docs/retries.md). Every retry is reported through `onRetry`.
import got, {type Got, RequestError} from 'got';
import type {z} from 'zod';
import {retryDelay, RetryQuota, sleepFor, type RetryEvent, type RetryPolicy} from '../shared/retry.js';
import {InterruptedError, liveInterruptSignal} from '../shared/interrupt-scope.js';
import {parseErrorBody} from './error-body.js';
import {PlatformError} from './errors.js';
import {requestLine, responseLine} from './trace.js';
import type {Masker} from '../connection-spec/masker.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Service = 'flowservice' | 'schemaregistry' | 'catalog' | 'conversion';

export type HttpRequest<T> = {
	method: Method;
	/** Platform service, or `ims` for the token endpoint (no bearer token, form body). */
	service: Service | 'ims';
	/** Path relative to the service base, starting with '/'; also the call's label. */
	path: string;
	query?: [string, string][];
	body?: unknown;
	form?: Record<string, string>;
	accept?: string;
	/** Response body schema; omitted when no body is expected (204). */
	schema?: z.ZodType<T>;
	/** Overrides the method's idempotency (the IMS token POST is safe to repeat). */
	idempotent?: boolean;
	/**
	 * POST only: called when the outcome is ambiguous (5xx, timeout, lost answer). Returns what the lost attempt
	 * created, if it did; otherwise the POST is sent again. Without it an ambiguous POST is never repeated.
	 */
	recover?: () => Promise<T | undefined>;
};

export type TransportDeps = {
	platformUrl: string;
	imsUrl: string;
	headers: () => Record<string, string>;
	token: () => Promise<string>;
	/** Drops a token the platform answered 401 for, so the next token() fetches a new one. */
	rejectToken: (token: string) => void;
	masker: Masker;
	policy: RetryPolicy;
	/** Shared by every call of one client (AWS standard mode's retry quota). */
	quota?: RetryQuota;
	random: () => number;
	timeoutMs: number;
	debug?: (line: string) => void;
	/** Time source for retry waits and budgets (tests pass a virtual one); default: real time. */
	clock?: RetryClock;
	/** Told of every retry before its wait (the CLI and the wizard show them next to the stage). */
	onRetry?: (event: RetryEvent) => void;
};

type Outcome =
	| {kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; text: string}
	| {kind: 'network'; code: string; message: string};

/** Milliseconds now, and a wait; a virtual clock lets tests check a minute of retrying without waiting for it. */
export type RetryClock = {now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>};
const realClock: RetryClock = {now: Date.now, sleep: (ms, signal) => sleepFor(ms, signal)};

export type Transport = {send<T>(request: HttpRequest<T>): Promise<T>};

const idempotentMethods = new Set<Method>(['GET', 'PUT', 'DELETE']);

export function createTransport(deps: TransportDeps): Transport {
	const base = {retry: {limit: 0}, throwHttpErrors: false, followRedirect: false, timeout: {request: deps.timeoutMs}} as const;
	const platform = got.extend({...base, prefixUrl: deps.platformUrl});
	const ims = got.extend({...base, prefixUrl: deps.imsUrl});
	const quota = deps.quota ?? new RetryQuota();
	const clock = deps.clock ?? realClock;
	const send = async <T>(request: HttpRequest<T>): Promise<T> => {
		const started = clock.now();
		// A stop under way ends this call's waits and request (shared/interrupt-scope.ts, docs/retries.md#stopping).
		const signal = liveInterruptSignal();
		let refreshed = false;
		let spent = 0;
		for (let retry = 0; ; ) {
			const token = request.service === 'ims' ? undefined : await deps.token();
			if (signal?.aborted) throw interrupted(request, deps.masker);
			const outcome = await attempt(request, token, signal);
			if (signal?.aborted) throw interrupted(request, deps.masker);
			if (outcome.kind === 'response' && outcome.status < 300) {
				quota.succeeded(spent);
				return parseBody(request, outcome, deps.masker);
			}
			if (outcome.kind === 'response' && outcome.status === 401 && token && !refreshed) {
				// On a 401 (401013) fetch a new token once and repeat transparently (docs/retries.md).
				refreshed = true;
				deps.rejectToken(token);
				continue;
			}
			// A retried DELETE whose first attempt did delete (answer lost) finds nothing: that is success.
			if (request.method === 'DELETE' && retry > 0 && outcome.kind === 'response' && outcome.status === 404) return undefined as T;
			let decision = decide(request, outcome);
			if (decision === 'ambiguous' && request.recover) {
				const found = await request.recover();
				if (found !== undefined) {
					deps.debug?.(deps.masker.text(`${label(request)}: the lost attempt had acted; found what it created`));
					return found;
				}
				decision = 'retry';
			}
			const facts = {retries: retry, elapsedMs: clock.now() - started};
			if (decision === 'fail') throw toError(request, outcome, deps.masker, facts);
			if (decision === 'ambiguous') throw toError(request, outcome, deps.masker, {...facts, stop: 'not-repeated'});
			if (retry >= deps.policy.limit) throw toError(request, outcome, deps.masker, {...facts, stop: 'limit'});
			const delay = retryDelay(deps.policy, retry, deps.random, outcome.kind === 'response' ? outcome.headers['retry-after'] : undefined);
			if (clock.now() + delay - started > deps.policy.maxTotalMs) throw toError(request, outcome, deps.masker, {...facts, stop: 'budget'});
			const cost = quota.take(outcome.kind === 'network' ? 'network' : 'status');
			if (cost === undefined) throw toError(request, outcome, deps.masker, {...facts, stop: 'quota'});
			spent += cost;
			retry += 1;
			const reason = describeOutcome(outcome);
			deps.debug?.(deps.masker.text(`retry ${retry}/${deps.policy.limit} of ${label(request)} in ${delay}ms after ${reason}`));
			deps.onRetry?.({call: deps.masker.text(label(request)), reason: reason.replace(/^HTTP /, ''), retry, delayMs: delay});
			try {
				await clock.sleep(delay, signal);
			} catch (error) {
				if (signal?.aborted) throw interrupted(request, deps.masker);
				throw error;
			}
		}
	};

	const attempt = async (request: HttpRequest<unknown>, token: string | undefined, signal: AbortSignal | undefined): Promise<Outcome> => {
		const client: Got = request.service === 'ims' ? ims : platform;
		const relative = request.service === 'ims' ? request.path.slice(1) : `data/foundation/${request.service}${request.path}`;
		const {headers, body} = buildPayload(request, token);
		const searchParams = new URLSearchParams(request.query ?? []);
		const query = searchParams.size > 0 ? `?${searchParams.toString()}` : '';
		const url = `${(request.service === 'ims' ? deps.imsUrl : deps.platformUrl).replace(/\/+$/, '')}/${relative}${query}`;
		deps.debug?.(requestLine(deps.masker, {method: request.method, url, headers, body}));
		const started = Date.now();
		try {
			const response = await client(relative, {method: request.method, headers, body, searchParams, responseType: 'text', ...(signal ? {signal} : {})});
			const requestId =
				headerValue(response.headers['x-request-id']) ?? (response.statusCode >= 400 ? parseErrorBody(safeJson(response.body)).requestId : undefined);
			deps.debug?.(
				responseLine(deps.masker, {method: request.method, url, status: response.statusCode, ms: Date.now() - started, requestId, body: response.body}),
			);
			return {kind: 'response', status: response.statusCode, headers: response.headers, text: response.body};
		} catch (error) {
			// Cut by a stop: send() turns this into an InterruptedError.
			if (signal?.aborted) return {kind: 'network', code: 'EABORTED', message: 'cancelled by a stop'};
			if (!(error instanceof RequestError)) throw error;
			const code = error.code || 'ENETWORK';
			deps.debug?.(responseLine(deps.masker, {method: request.method, url, ms: Date.now() - started, error: `${code} ${error.message}`}));
			return {kind: 'network', code, message: error.message};
		}
	};

	const buildPayload = (request: HttpRequest<unknown>, token: string | undefined) => {
		const headers: Record<string, string> = {accept: request.accept ?? 'application/json'};
		if (request.service !== 'ims') Object.assign(headers, {authorization: `Bearer ${token ?? ''}`}, deps.headers());
		let body: string | undefined;
		if (request.form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(request.form).toString();
		} else if (request.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(request.body);
		}
		return {headers, body};
	};

	return {send};
}

/** The call `request` ended by a stop, named as the trace names it (masked). */
function interrupted(request: HttpRequest<unknown>, masker: Masker): InterruptedError {
	return new InterruptedError(masker.text(label(request)));
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Which failures are retried (docs/flow-service.md#http-status-codes, docs/flow-service.md#error-codes, docs/README.md#choices-where-adobes-docs-are-silent):
 * - 429, 503 `1103-503` and refused connections prove the request was not processed: always retried.
 * - other 5xx, timeouts and lost answers are ambiguous: idempotent methods are retried; a POST is repeated only
 *   when the caller can first look for what the lost attempt created (`recover`, connection specs by name).
 *   POSTs of connections, flows, datasets, schemas … are not repeated: a duplicate flow or dataset is worse than an
 *   error the user can re-run after checking.
 */
function decide(request: HttpRequest<unknown>, outcome: Outcome): 'retry' | 'ambiguous' | 'fail' {
	const idempotent = request.idempotent ?? idempotentMethods.has(request.method);
	if (outcome.kind === 'network') {
		if (outcome.code === 'ECONNREFUSED') return 'retry';
		if (outcome.code === 'ENOTFOUND' || outcome.code === 'ERR_INVALID_URL') return 'fail';
		return idempotent ? 'retry' : 'ambiguous';
	}
	if (outcome.status === 429) return 'retry';
	if (outcome.status === 503 && parseErrorBody(safeJson(outcome.text), 503).code === '1103-503') return 'retry';
	if ([500, 502, 503, 504].includes(outcome.status)) return idempotent ? 'retry' : 'ambiguous';
	return 'fail';
}

function describeOutcome(outcome: Outcome): string {
	return outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.code;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function label(request: HttpRequest<unknown>): string {
	return `${request.method} ${request.path}`;
}

/** Why a failing call stopped being retried: not retryable (undefined), or one of the limits. */
type Stop = 'not-repeated' | 'limit' | 'budget' | 'quota';
type Facts = {retries: number; elapsedMs: number; stop?: Stop};

/** What the error says about retrying: only what happened (a call that was not retried never "ran out of retries"). */
function retryNote(facts: Facts): string | undefined {
	const seconds = `${(facts.elapsedMs / 1000).toFixed(1)} s`;
	const tried = `${facts.retries} ${facts.retries === 1 ? 'retry' : 'retries'} over ${seconds}`;
	if (facts.stop === 'limit') return `gave up after ${tried} (the retry limit)`;
	if (facts.stop === 'budget')
		return facts.retries > 0
			? `gave up after ${tried}: the next wait would pass the retry time budget`
			: 'not retried: the wait the platform asked for passes the retry time budget';
	if (facts.stop === 'quota') return `not retried further after ${tried}: this session's retry quota is spent (too many failures)`;
	if (facts.stop === 'not-repeated') return facts.retries > 0 ? `after ${tried}; then not repeated` : undefined;
	return facts.retries > 0 ? `after ${tried}` : undefined;
}

const notRepeatedHint =
	'The request was not repeated because the platform may have acted on it before failing (a second POST could create a duplicate): ' +
	'check whether the object exists before running this step again.';

function toError(request: HttpRequest<unknown>, outcome: Outcome, masker: Masker, facts: Facts): PlatformError {
	const retried = retryNote(facts);
	if (outcome.kind === 'network') {
		const ambiguous = facts.stop === 'not-repeated';
		return new PlatformError({
			call: masker.text(label(request)),
			code: outcome.code,
			detail: masker.text(outcome.message),
			retried,
			hint: ambiguous
				? 'The answer was lost, so the object may or may not have been created: check on the platform before running this step again.'
				: undefined,
		});
	}
	const body = safeJson(outcome.text);
	const facts2 = parseErrorBody(body, outcome.status);
	return new PlatformError({
		call: masker.text(label(request)),
		status: outcome.status,
		code: facts2.code,
		requestId: headerValue(outcome.headers['x-request-id']) ?? facts2.requestId,
		detail: facts2.message === undefined ? undefined : masker.text(facts2.message),
		retried,
		hint: facts.stop === 'not-repeated' ? notRepeatedHint : undefined,
	});
}

function parseBody<T>(request: HttpRequest<T>, outcome: Extract<Outcome, {kind: 'response'}>, masker: Masker): T {
	if (!request.schema) return undefined as T;
	const requestId = headerValue(outcome.headers['x-request-id']);
	const shapeError = (detail: string) =>
		new PlatformError({call: masker.text(label(request)), status: outcome.status, code: 'unexpected-response', requestId, detail: masker.text(detail)});
	let json: unknown;
	try {
		json = outcome.text.trim() === '' ? undefined : (JSON.parse(outcome.text) as unknown);
	} catch {
		throw shapeError(`the response body is not JSON (starts with ${JSON.stringify(outcome.text.slice(0, 40))})`);
	}
	const result = request.schema.safeParse(json);
	if (result.success) return result.data;
	const issues = result.error.issues.slice(0, 3).map(issue => `field "${issue.path.join('.') || '(body)'}": ${issue.message}`);
	throw shapeError(`unexpected response shape, ${issues.join('; ')}`);
}
