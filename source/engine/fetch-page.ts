// One page: send, refresh the OAuth token once on a 401, retry 429/5xx and dropped connections, map failures
// to EngineError (docs/connection-spec.md#oauth2refreshcode; docs/retries.md: back-off, Retry-After honoured).
import type {IncomingHttpHeaders} from 'node:http';
import type {AuthSession} from './auth.js';
import {EngineError} from './engine-error.js';
import {TransportError, type HttpClient, type HttpResponse} from './http-client.js';
import type {Masker} from './masking.js';
import {retryDelay} from '../shared/retry.js';

export type FetchContext = {
	client: HttpClient;
	auth: AuthSession;
	masker: Masker;
	timeoutMs: number;
	retries: number;
	retryBaseDelayMs: number;
	signal?: AbortSignal;
};

export type FetchedPage = {
	status: number;
	headers: IncomingHttpHeaders;
	body: unknown;
	bytes: number;
	retries: number;
	refreshed: boolean;
	/** The body as received and the headers of the request that got it (for the preview's inspector; not copied). */
	raw: Buffer;
	sentHeaders: Record<string, string>;
};

const retriedStatuses = new Set([429, 500, 502, 503, 504]);
/** Connection drops that a keep-alive socket can hit; a refused connection or an unknown host is not retried. */
const retriedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR']);
const maxRetryAfterMs = 30_000;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortedError());
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(abortedError());
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

export function abortedError(): EngineError {
	return new EngineError('aborted', 'The run was cancelled.', {hint: 'Nothing to fix: the run was stopped on request.'});
}

/**
 * The wait before the engine's retry number `attempt` (0-based): the tool's one policy (source/shared/retry.ts,
 * docs/retries.md), exponential backoff with full jitter from `baseDelayMs`, or the source's Retry-After; capped
 * at 30 s per wait so a source asking for hours fails with its answer instead of hanging the run.
 */
function waitBeforeRetry(headers: IncomingHttpHeaders | undefined, attempt: number, baseDelayMs: number): number {
	const policy = {limit: Number.POSITIVE_INFINITY, maxTotalMs: Number.POSITIVE_INFINITY, baseDelayMs, maxDelayMs: maxRetryAfterMs};
	return Math.min(retryDelay(policy, attempt, Math.random, headers?.['retry-after']), maxRetryAfterMs);
}

export async function fetchPage(
	context: FetchContext,
	request: {method: string; url: string; headers: Record<string, string>; body?: string},
): Promise<FetchedPage> {
	const maskedUrl = context.masker.url(request.url);
	const url = new URL(request.url);
	let retries = 0;
	let refreshed = false;
	for (;;) {
		let response: HttpResponse;
		const headers = {...request.headers, ...context.auth.headers()};
		try {
			response = await context.client.send(
				{method: request.method, url, headers, ...(request.body === undefined ? {} : {body: request.body})},
				{timeoutMs: context.timeoutMs, signal: context.signal},
			);
		} catch (error) {
			if (!(error instanceof TransportError)) throw error;
			if (error.kind === 'network' && retriedCodes.has(error.code) && retries < context.retries) {
				await sleep(waitBeforeRetry(undefined, retries++, context.retryBaseDelayMs), context.signal);
				continue;
			}
			throw transportError(error, maskedUrl, context);
		}
		if (response.status === 401 && !refreshed && context.auth.canRefresh()) {
			await context.auth.refresh(context);
			refreshed = true;
			continue;
		}
		if (retriedStatuses.has(response.status) && retries < context.retries) {
			await sleep(waitBeforeRetry(response.headers, retries++, context.retryBaseDelayMs), context.signal);
			continue;
		}
		if (response.status < 200 || response.status >= 300) throw statusError(response, maskedUrl, context, {retries, refreshed});
		return {
			status: response.status,
			headers: response.headers,
			body: parseBody(response, maskedUrl, context.masker),
			bytes: response.body.length,
			retries,
			refreshed,
			raw: response.body,
			sentHeaders: headers,
		};
	}
}

function transportError(error: TransportError, maskedUrl: string, context: FetchContext): EngineError {
	if (error.kind === 'aborted') return abortedError();
	if (error.kind === 'timeout') {
		return new EngineError('timeout', `${maskedUrl} did not answer within ${context.timeoutMs} ms.`, {
			url: maskedUrl,
			hint: 'The source is slow or unreachable: retry, or raise the request timeout.',
		});
	}
	const hints: Record<string, string> = {
		ECONNREFUSED: 'Nothing is listening at that host and port: check the host (urlParams.host or auth.params.host) and that the API is up.',
		ENOTFOUND: 'The host name does not resolve: check the host for typos.',
		EAI_AGAIN: 'DNS lookup failed for now: check the network and retry.',
	};
	return new EngineError('network', `Could not reach ${maskedUrl}: ${context.masker.text(error.message)} (${error.code}).`, {
		url: maskedUrl,
		hint: hints[error.code] ?? 'Check the host and the network, then retry.',
	});
}

/**
 * The first 200 characters of a body, for an error message. Masked before it is cut (secret-named JSON fields and every
 * known secret value), so a secret that crosses the cut or a field whose closing quote is cut off cannot slip through.
 */
function snippet(response: HttpResponse, masker: Masker): string {
	const masked = masker.body(response.body.subarray(0, 64 * 1024).toString('utf8'));
	const text = masked.replace(/\s+/g, ' ').trim();
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** What else to try when an OAuth 2 refresh-code source rejects its credentials ('' for other auth types). */
function refreshAdvice(authType: string): string {
	return authType === 'OAuth2RefreshCode' ? ' (or add refreshToken and accessTokenUrl so the token can be refreshed)' : '';
}

function statusError(response: HttpResponse, maskedUrl: string, context: FetchContext, tried: {retries: number; refreshed: boolean}): EngineError {
	const {status} = response;
	const body = snippet(response, context.masker);
	const tail = body ? `: ${body}` : '';
	if (status === 401 || status === 403) {
		const hint =
			status === 403
				? "The credentials were accepted but lack permission for this resource: check the account's scopes or roles."
				: tried.refreshed
					? 'The access token was refreshed and still rejected: check the account and the token endpoint.'
					: `The source rejected the ${context.auth.type} credentials: check the auth params of the base connection${refreshAdvice(context.auth.type)}.`;
		return new EngineError('source-auth', `${maskedUrl} answered ${status}${tail}`, {status, url: maskedUrl, hint});
	}
	const hints: Record<number, string> = {
		400: 'The source refused the request: check query, header and body params and the pagination parameter names.',
		404: notFoundHint(response),
		405: 'Check urlParams.method.',
		429: `The source kept rate-limiting after ${tried.retries} retries: add delayRequestMillis or retry later.`,
	};
	const hint =
		hints[status] ??
		(status >= 500
			? `The source failed${tried.retries ? ` after ${tried.retries} retries` : ''}: retry later or contact its owner.`
			: "Check the request against the API's documentation.");
	return new EngineError('source-http', `${maskedUrl} answered ${status}${tail}`, {status, url: maskedUrl, hint});
}

function parseBody(response: HttpResponse, maskedUrl: string, masker: Masker): unknown {
	if (response.body.length === 0) return null; // 204 / empty body: a page without records.
	const text = response.body.toString('utf8');
	try {
		return JSON.parse(text);
	} catch (error) {
		const type = contentType(response);
		throw new EngineError(
			'source-json',
			`${maskedUrl} did not return valid JSON${type ? ` (content-type ${type})` : ''}: ` +
				`${masker.text((error as Error).message)}. Body starts: ${snippet(response, masker)}`,
			{
				status: response.status,
				url: maskedUrl,
				hint: notJsonHint(text, type),
			},
		);
	}
}

function contentType(response: HttpResponse): string | undefined {
	const raw = response.headers['content-type'];
	return (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** JSON Lines: every non-empty line is a JSON value on its own. */
function isJsonLines(text: string): boolean {
	const lines = text
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean)
		.slice(0, 20);
	if (lines.length < 2) return false;
	return lines.every(line => {
		try {
			JSON.parse(line);
			return true;
		} catch {
			return false;
		}
	});
}

/** The likely cause of a body that is not JSON, from its content type and first bytes (docs/source-errors.md). */
function notJsonHint(text: string, type: string | undefined): string {
	if (type?.includes('ndjson') || type?.includes('jsonl') || isJsonLines(text)) {
		return (
			'The body is JSON Lines (one JSON object per line). ' +
			'A Self-Serve source reads one JSON document per response: point urlParams.path at an endpoint of the API that answers a JSON object or array.'
		);
	}
	if (type?.includes('html') || /^\s*<(!doctype|html)/i.test(text)) {
		return (
			'The body is an HTML page, not the API: the host (or path) probably points at a website or a sign-in page. ' +
			"Check the host and urlParams.path against the API's documentation, and the credentials."
		);
	}
	return 'Check that urlParams points at a JSON API endpoint (not an HTML page or a file download) and that the response is complete.';
}

/** 404: the host answered, so it is reachable; what is missing is most likely the path (docs/source-errors.md). */
function notFoundHint(response: HttpResponse): string {
	const text = response.body.subarray(0, 200).toString('utf8');
	if (contentType(response)?.includes('html') || /^\s*<(!doctype|html)/i.test(text)) {
		return (
			'The host answered with an HTML "not found" page: it may be a website rather than the API root. ' +
			'Check the host (urlParams.host or the auth param host), then urlParams.path.'
		);
	}
	return (
		'The host answered but has nothing at this path: ' +
		'check urlParams.path (and any base path the API needs, e.g. /api/v2, which belongs in the path or the host).'
	);
}
