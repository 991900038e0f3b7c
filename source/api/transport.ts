// One HTTP exchange with the platform: headers, our own retries, the 401 refresh, tracing, error and shape parsing.
// got's own retry is off (limit 0): retrying is a decision about side effects, made here.
import {setTimeout as sleep} from 'node:timers/promises';
import got, {type Got, RequestError} from 'got';
import type {z} from 'zod';
import {backoffDelay, parseRetryAfter, type RetryPolicy} from './backoff.js';
import {parseErrorBody} from './error-body.js';
import {PlatformError} from './errors.js';
import {requestLine, responseLine, type Masker} from './trace.js';

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
	random: () => number;
	timeoutMs: number;
	debug?: (line: string) => void;
};

type Outcome =
	| {kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; text: string}
	| {kind: 'network'; code: string; message: string};

export type Transport = {send<T>(request: HttpRequest<T>): Promise<T>};

const idempotentMethods = new Set<Method>(['GET', 'PUT', 'DELETE']);

export function createTransport(deps: TransportDeps): Transport {
	const base = {retry: {limit: 0}, throwHttpErrors: false, followRedirect: false, timeout: {request: deps.timeoutMs}} as const;
	const platform = got.extend({...base, prefixUrl: deps.platformUrl});
	const ims = got.extend({...base, prefixUrl: deps.imsUrl});
	const send = async <T>(request: HttpRequest<T>): Promise<T> => {
		const started = Date.now();
		let refreshed = false;
		for (let retry = 0; ; ) {
			const token = request.service === 'ims' ? undefined : await deps.token();
			const outcome = await attempt(request, token);
			if (outcome.kind === 'response' && outcome.status < 300) return parseBody(request, outcome, deps.masker);
			if (outcome.kind === 'response' && outcome.status === 401 && token && !refreshed) {
				// 2.3 Recommendation: on a 401 (401013) fetch a new token once and repeat transparently.
				refreshed = true;
				deps.rejectToken(token);
				continue;
			}
			// A retried DELETE whose first attempt did delete (answer lost) finds nothing: that is success.
			if (request.method === 'DELETE' && retry > 0 && outcome.kind === 'response' && outcome.status === 404) return undefined as T;
			let decision = decide(request, outcome);
			if (decision === 'ambiguous' && request.recover) {
				const found = await request.recover();
				if (found !== undefined) return found;
				decision = 'retry';
			}
			const delay = decision === 'retry' && retry < deps.policy.limit ? delayFor(outcome, retry) : undefined;
			if (delay === undefined || Date.now() + delay - started > deps.policy.maxTotalMs) throw toError(request, outcome, deps.masker);
			retry += 1;
			deps.debug?.(deps.masker.text(`retry ${retry}/${deps.policy.limit} of ${label(request)} in ${delay}ms after ${describeOutcome(outcome)}`));
			await sleep(delay);
		}
	};

	const delayFor = (outcome: Outcome, retry: number): number => {
		const asked = outcome.kind === 'response' ? parseRetryAfter(outcome.headers['retry-after']) : undefined;
		return asked ?? backoffDelay(deps.policy, retry, deps.random);
	};

	const attempt = async (request: HttpRequest<unknown>, token: string | undefined): Promise<Outcome> => {
		const client: Got = request.service === 'ims' ? ims : platform;
		const relative = request.service === 'ims' ? request.path.slice(1) : `data/foundation/${request.service}${request.path}`;
		const {headers, body} = buildPayload(request, token);
		const searchParams = new URLSearchParams(request.query ?? []);
		const query = searchParams.size > 0 ? `?${searchParams.toString()}` : '';
		const url = `${(request.service === 'ims' ? deps.imsUrl : deps.platformUrl).replace(/\/+$/, '')}/${relative}${query}`;
		deps.debug?.(requestLine(deps.masker, {method: request.method, url, headers, body}));
		const started = Date.now();
		try {
			const response = await client(relative, {method: request.method, headers, body, searchParams, responseType: 'text'});
			const requestId = headerValue(response.headers['x-request-id']) ?? (response.statusCode >= 400 ? parseErrorBody(safeJson(response.body)).requestId : undefined);
			deps.debug?.(responseLine(deps.masker, {method: request.method, url, status: response.statusCode, ms: Date.now() - started, requestId, body: response.body}));
			return {kind: 'response', status: response.statusCode, headers: response.headers, text: response.body};
		} catch (error) {
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

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Which failures are retried (sources-sdk 6.1, 6.5, 8.3):
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

function toError(request: HttpRequest<unknown>, outcome: Outcome, masker: Masker): PlatformError {
	if (outcome.kind === 'network') {
		const ambiguous = request.method === 'POST' && !request.recover && outcome.code !== 'ECONNREFUSED';
		return new PlatformError({
			call: masker.text(label(request)),
			code: outcome.code,
			detail: masker.text(outcome.message),
			hint: ambiguous
				? 'The answer was lost, so the object may or may not have been created: check on the platform before running this step again.'
				: undefined,
		});
	}
	const body = safeJson(outcome.text);
	const facts = parseErrorBody(body, outcome.status);
	return new PlatformError({
		call: masker.text(label(request)),
		status: outcome.status,
		code: facts.code,
		requestId: headerValue(outcome.headers['x-request-id']) ?? facts.requestId,
		detail: facts.message === undefined ? undefined : masker.text(facts.message),
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
