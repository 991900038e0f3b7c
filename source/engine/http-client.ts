// Transport: node:http / node:https with one keep-alive agent per run. Chosen over the built-in fetch because
// it adds no web-stream layer per chunk; the engine is sequential, so one socket is reused for every page.
import http from 'node:http';
import https from 'node:https';
import {AepError} from '../shared/errors.js';

export type HttpRequest = {method: string; url: URL; headers: Record<string, string>; body?: string};
export type HttpResponse = {status: number; headers: http.IncomingHttpHeaders; body: Buffer};

/** Why a request produced no response. `code` is the system error code when there is one. */
export class TransportError extends AepError {
	constructor(
		readonly kind: 'network' | 'timeout' | 'aborted',
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export type HttpClient = {
	send(request: HttpRequest, options: {timeoutMs: number; signal?: AbortSignal}): Promise<HttpResponse>;
	close(): void;
};

export function createHttpClient(): HttpClient {
	const agents = {
		http: new http.Agent({keepAlive: true, maxSockets: 1}),
		https: new https.Agent({keepAlive: true, maxSockets: 1}),
	};
	return {
		send: (request, options) => send(request, options, request.url.protocol === 'https:' ? agents.https : agents.http),
		close() {
			agents.http.destroy();
			agents.https.destroy();
		},
	};
}

function send(request: HttpRequest, options: {timeoutMs: number; signal?: AbortSignal}, agent: http.Agent): Promise<HttpResponse> {
	return new Promise((resolve, reject) => {
		if (options.signal?.aborted) {
			reject(new TransportError('aborted', 'ABORT_ERR', 'aborted'));
			return;
		}
		const transport = request.url.protocol === 'https:' ? https : http;
		const headers = {...request.headers};
		if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
		const req = transport.request(request.url, {method: request.method, headers, agent});
		let settled = false;
		// Settles once, whichever of response end, socket error, timeout or abort comes first.
		const settle = (error: TransportError | undefined, response?: HttpResponse): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			if (error) {
				req.destroy();
				reject(error);
			} else {
				resolve(response!);
			}
		};
		const timer = setTimeout(() => settle(new TransportError('timeout', 'ETIMEDOUT', `no response within ${options.timeoutMs} ms`)), options.timeoutMs);
		const onAbort = (): void => settle(new TransportError('aborted', 'ABORT_ERR', 'aborted'));
		options.signal?.addEventListener('abort', onAbort, {once: true});
		req.on('error', (error: Error & {code?: string}) => settle(new TransportError('network', error.code ?? 'ERR', error.message)));
		req.on('response', response => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', (error: Error & {code?: string}) => settle(new TransportError('network', error.code ?? 'ECONNRESET', error.message)));
			response.on('aborted', () => settle(new TransportError('network', 'ECONNRESET', 'the connection closed before the response ended')));
			response.on('end', () => {
				const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
				settle(undefined, {status: response.statusCode ?? 0, headers: response.headers, body});
			});
		});
		req.end(request.body);
	});
}
