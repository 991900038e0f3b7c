import http from 'node:http';
import {setTimeout as delay} from 'node:timers/promises';
import type {SandboxContext} from './context.js';
import {ApiError, flowError, problemError} from './errors.js';
import type {FaultInjector} from './faults.js';
import {checkContentType, checkGateway} from './gateway.js';
import {issueToken} from './ims.js';
import {StateWriteError} from './state-store.js';
import {servicePrefixes, splitPath, type Router, type SandboxRequest, type SandboxResponse, type Service} from './router.js';

// The HTTP front: IMS token endpoint, then per platform request: faults → gateway checks → Content-Type → route.

const maxBodyBytes = 20 * 1024 * 1024;
const maxLogEntries = 50_000;

export type LogEntry = {method: string; path: string; status: number};

export type Front = {context: SandboxContext; router: Router; faults: FaultInjector; log: LogEntry[]};

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBodyBytes) throw problemError(413, 'Payload Too Large', `Request bodies are limited to ${maxBodyBytes} bytes.`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** A path segment, percent-decoded; a malformed escape (`/connectionSpecs/%`) is the client's error: 400. */
function decodeSegment(segment: string, pathname: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw problemError(400, 'Bad Request', `The path ${pathname} has a malformed percent-encoding ("%" must be followed by two hex digits).`);
	}
}

function findService(segments: string[]): {service: Service; rest: string[]} | undefined {
	for (const [service, prefix] of servicePrefixes) {
		if (prefix.every((part, index) => segments[index] === part)) return {service, rest: segments.slice(prefix.length)};
	}
	return undefined;
}

function parseJson(raw: string, service: Service): unknown {
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch (error) {
		const message = `Request body is not valid JSON: ${(error as Error).message}.`;
		throw service === 'flowservice' ? flowError('1405-400', message) : problemError(400, 'Bad Request', message);
	}
}

async function handleIms(req: http.IncomingMessage, url: {searchParams: URLSearchParams}, front: Front): Promise<SandboxResponse> {
	if (req.method !== 'POST')
		return {status: 405, body: {error: 'invalid_request', error_description: 'Use POST for the token endpoint.'}, headers: {Allow: 'POST'}};
	const raw = await readBody(req);
	const form = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : new URLSearchParams();
	return {status: 200, body: issueToken(form, url.searchParams, front.context.credentials, front.context.tokens)};
}

const sourceRoutesPath = '/local/source-routes/';

/**
 * `PUT /local/source-routes/{connectionSpecId}` `{"api": "demo" | "spec"}` → 204: the emulator's own control
 * endpoint (not an Adobe API) for where a spec's source requests go (docs/local-routing.md). Loopback only, as the
 * whole sandbox is.
 */
async function handleSourceRoute(req: http.IncomingMessage, url: {pathname: string}, front: Front): Promise<SandboxResponse> {
	if (req.method !== 'PUT') return {status: 405, body: {message: 'Use PUT with {"api": "demo" | "spec"}.'}, headers: {Allow: 'PUT'}};
	const specId = decodeSegment(url.pathname.slice(sourceRoutesPath.length), url.pathname);
	let api: unknown;
	try {
		api = (JSON.parse(await readBody(req)) as {api?: unknown}).api;
	} catch {
		api = undefined;
	}
	if (specId === '' || specId.includes('/') || (api !== 'demo' && api !== 'spec'))
		throw problemError(400, 'Bad Request', 'PUT /local/source-routes/{connectionSpecId} takes {"api": "demo" | "spec"}.');
	front.context.routeSources(specId, api);
	return {status: 204};
}

async function handlePlatform(
	req: http.IncomingMessage,
	url: {pathname: string; searchParams: URLSearchParams},
	front: Front,
	signal: () => AbortSignal,
): Promise<SandboxResponse> {
	const method = req.method ?? 'GET';
	const segments = splitPath(url.pathname).map(segment => decodeSegment(segment, url.pathname));
	const found = findService(segments);
	if (!found)
		throw problemError(
			404,
			'Not Found',
			`No API at ${url.pathname}. Platform APIs live under /data/foundation/{flowservice|schemaregistry|catalog|conversion}.`,
		);
	const fault = front.faults.check(method, url.pathname);
	if (fault) throw fault;
	const caller = checkGateway(req.headers, found.service, front.context.tokens, front.context.credentials);
	const match = front.router.match(found.service, method, found.rest);
	const hasBodyMethod = method === 'POST' || method === 'PUT' || method === 'PATCH';
	const raw = hasBodyMethod ? await readBody(req) : '';
	const route = match && 'route' in match ? match.route : undefined;
	if (hasBodyMethod && (raw !== '' || route?.needsBody)) checkContentType(req.headers);
	if (!match) throw problemError(404, 'Not Found', `No ${found.service} endpoint at ${url.pathname}.`);
	if (!route) throw problemError(405, 'Method Not Allowed', `${method} is not supported on ${url.pathname}.`);
	const body = parseJson(raw, found.service);
	if (route.needsBody && body === undefined) {
		const message = 'Request body is null or empty.';
		throw found.service === 'flowservice' ? flowError('1405-400', message) : problemError(400, 'Bad Request', message);
	}
	const params = 'params' in match ? match.params : {};
	const request = {method, path: `/${found.rest.join('/')}`, params, query: url.searchParams, headers: req.headers, body, caller} as SandboxRequest;
	Object.defineProperty(request, 'signal', {get: signal, enumerable: true});
	// Answer only once every change this request made is durable (docs/sandbox-state.md).
	return front.context.store.collectWrites(() => route.handler(request, front.context));
}

function send(res: http.ServerResponse, response: SandboxResponse): void {
	const headers: Record<string, string> = {...response.headers};
	if (response.status === 204 || (response.body === undefined && response.text === undefined)) {
		res.writeHead(response.status, headers).end();
		return;
	}
	const text = response.text ?? JSON.stringify(response.body);
	headers['Content-Type'] = 'application/json;charset=utf-8';
	headers['Content-Length'] = String(Buffer.byteLength(text));
	res.writeHead(response.status, headers).end(text);
}

function errorResponse(error: unknown): SandboxResponse {
	if (error instanceof ApiError) return {status: error.status, body: error.body, headers: error.headers};
	if (error instanceof StateWriteError) {
		const failure = flowError(
			'1102-500',
			`The sandbox could not save this change (${error.message}); it was not saved. The sandbox reported the cause on its stderr.`,
		);
		return {status: failure.status, body: failure.body};
	}
	const failure = flowError('1102-500', `Internal error in the sandbox: ${(error as Error)?.message ?? String(error)}`);
	return {status: failure.status, body: failure.body};
}

/** Splits `req.url` without `new URL()` (measurably cheaper on the hot GET path). */
function parseTarget(target: string): {pathname: string; searchParams: URLSearchParams} {
	const mark = target.indexOf('?');
	return mark === -1
		? {pathname: target, searchParams: new URLSearchParams()}
		: {pathname: target.slice(0, mark), searchParams: new URLSearchParams(target.slice(mark + 1))};
}

/** An AbortSignal that fires when the client goes away, created only if a handler asks for it. */
function lazySignal(res: http.ServerResponse): () => AbortSignal {
	let controller: AbortController | undefined;
	return () => {
		if (!controller) {
			const created = new AbortController();
			controller = created;
			res.on('close', () => {
				if (!res.writableFinished) created.abort();
			});
		}
		return controller.signal;
	};
}

export function createFrontServer(front: Front): http.Server {
	const server = http.createServer((req, res) => {
		const url = parseTarget(req.url ?? '/');
		const signal = lazySignal(res);
		const work = async (): Promise<SandboxResponse> => {
			const latency = front.faults.latency();
			if (latency > 0) await delay(latency);
			if (url.pathname === '/ims/token/v3') return handleIms(req, url, front);
			if (url.pathname.startsWith(sourceRoutesPath)) return handleSourceRoute(req, url, front);
			return handlePlatform(req, url, front, signal);
		};
		void work()
			.catch(errorResponse)
			.then(response => {
				// Drop the older half at once: amortised O(1), unlike shift() on a full array.
				if (front.log.length >= maxLogEntries) front.log.splice(0, maxLogEntries / 2);
				front.log.push({method: req.method ?? 'GET', path: url.pathname, status: response.status});
				if (!res.destroyed) send(res, response);
			})
			// Sending itself failed (the socket broke mid-write): close the connection rather than leave the client waiting.
			.catch(() => res.destroy());
	});
	server.keepAliveTimeout = 10_000;
	return server;
}
