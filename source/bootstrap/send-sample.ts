// Sends a pasted curl request once, so its answer can be read for the records path and the paging ("suggest
// from this response"). Node's fetch with a timeout; the credentials travel only in this request and in memory.
import {BootstrapInputError} from './input-error.js';
import {parseCurl} from './curl.js';
import type {Headers} from './guess.js';

/** At most this much of a response is read (a sample needs one page). */
const maxBytes = 5 * 1024 * 1024;

/**
 * The response to the curl command: `{status, body, headers}` (body parsed as JSON). Throws BootstrapInputError
 * when the line does not parse, the host does not answer within `timeoutMs` (ms), the status is not 2xx, or the
 * body is not JSON. Messages name the origin and path only: a query may hold a key.
 */
export async function sendCurlOnce(
	command: string,
	options: {timeoutMs?: number; signal?: AbortSignal} = {},
): Promise<{status: number; body: unknown; headers: Headers}> {
	const request = parseCurl(command);
	const where = `${request.url.origin}${request.url.pathname}`;
	const timeoutMs = options.timeoutMs ?? 10_000;
	const timeout = AbortSignal.timeout(timeoutMs);
	const headers = new Map(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
	if (request.user !== undefined) headers.set('authorization', `Basic ${Buffer.from(request.user).toString('base64')}`);
	if (request.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
	let response: Response;
	try {
		response = await fetch(request.url, {
			method: request.method,
			headers: Object.fromEntries(headers),
			...(request.body !== undefined ? {body: request.body} : {}),
			signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
		});
	} catch (error) {
		if (timeout.aborted) throw new BootstrapInputError(`${where} did not answer within ${timeoutMs / 1000} s.`);
		const cause = (error as {cause?: {code?: string}}).cause;
		throw new BootstrapInputError(`Cannot reach ${where}: ${cause?.code ?? 'the request failed'}.`);
	}
	const text = (await response.text()).slice(0, maxBytes);
	if (!response.ok) throw new BootstrapInputError(`${where} answered ${response.status} ${response.statusText}; ${statusAdvice(response.status)}`);
	const responseHeaders: Headers = {};
	response.headers.forEach((value, name) => {
		responseHeaders[name] = value;
	});
	try {
		return {status: response.status, body: JSON.parse(text) as unknown, headers: responseHeaders};
	} catch {
		throw new BootstrapInputError(`${where} answered ${response.status}, but not with JSON (${response.headers.get('content-type') ?? 'no content type'}).`);
	}
}

/** What a failed sample request most likely means, by status (the same reading as the preview's diagnosis, docs/source-errors.md). */
function statusAdvice(status: number): string {
	if (status === 401 || status === 403) return 'the API refused the credentials: check the token, key or user:password in the curl command.';
	if (status === 404 || status === 410) return 'the host answered but has nothing at this path: check the path of the URL in the curl command.';
	if (status === 405) return 'the path does not take this method: check -X or the -d data in the curl command.';
	if (status === 429) return 'the API is rate-limiting: wait a moment, then press s again.';
	if (status >= 500) return 'the API had a server error: try again later, or check the parameters of the curl command.';
	return 'check the parameters of the curl command.';
}
