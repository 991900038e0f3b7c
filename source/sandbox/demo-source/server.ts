// The demo REST API: one resource (contacts) behind the five pagination styles of docs/connection-spec.md#pagination, three auth
// styles (docs/connection-spec.md#authspec.1–3.4.3), time filters for schedule windows (docs/schedule.md#scheduleparams) and deterministic fault injection.
import http from 'node:http';
import {demoCredentials, demoRefreshToken} from './credentials.js';
import {demoRecordJson, hasTag, select, type Selection, type TimeWindow} from './demo-records.js';
import {decideFault, type DemoFaults} from './faults.js';
import {AepError} from '../../shared/errors.js';

export type DemoSourceOptions = {port?: number; records?: number; faults?: DemoFaults; refreshTokens?: boolean};
export type DemoRequest = {method: string; url: string; headers: Record<string, string>};
export type DemoSource = {
	url: string;
	records: number;
	requests(): number;
	setFaults(faults: DemoFaults): void;
	close(): Promise<void>;
	/** The last 50 requests received (for tests). */
	recentRequests(): DemoRequest[];
	/** Number of successful token refreshes. */
	tokenRefreshes(): number;
};

const maxPageSize = 10_000;
const maxAllRecords = 100_000;

class HttpProblem extends AepError {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

type State = {
	records: number;
	refreshTokens: boolean;
	faults: DemoFaults;
	faultBase: number;
	requests: number;
	recent: DemoRequest[];
	issued: Set<string>;
	originalUsed: boolean;
	refreshes: number;
};

export async function startDemoSource(options: DemoSourceOptions = {}): Promise<DemoSource> {
	const state: State = {
		records: options.records ?? 250,
		refreshTokens: options.refreshTokens ?? false,
		faults: options.faults ?? {},
		faultBase: 0,
		requests: 0,
		recent: [],
		issued: new Set(),
		originalUsed: false,
		refreshes: 0,
	};
	const server = http.createServer((req, res) => void handle(state, req, res));
	server.keepAliveTimeout = 10_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as {port: number};
	return {
		url: `http://127.0.0.1:${port}`,
		records: state.records,
		requests: () => state.requests,
		setFaults(faults) {
			state.faults = faults;
			state.faultBase = state.requests;
		},
		recentRequests: () => state.recent.slice(),
		tokenRefreshes: () => state.refreshes,
		close: () =>
			new Promise(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers});
	res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

async function handle(state: State, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const n = ++state.requests - state.faultBase;
	const url = new URL(req.url ?? '/', 'http://demo.local');
	state.recent.push({
		method: req.method ?? 'GET',
		url: req.url ?? '/',
		headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
	});
	if (state.recent.length > 50) state.recent.shift();
	try {
		const body = await readBody(req);
		if (url.pathname === '/oauth/token' && req.method === 'POST') return send(res, ...tokenResponse(state, body));
		if (!url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/3.0/')) throw new HttpProblem(404, `no route ${req.method} ${url.pathname}`);
		const fault = decideFault(state.faults, n);
		if (fault.delayMs > 0) await new Promise(resolve => setTimeout(resolve, fault.delayMs));
		if (fault.kind === 'rate-limit') return send(res, 429, '{"error":"rate limited"}', {'retry-after': '1'});
		if (fault.kind === 'error') return send(res, fault.status, `{"error":"injected failure ${fault.status}"}`);
		if (!authorised(state, req.headers)) return send(res, 401, '{"error":"unauthorized"}', {'www-authenticate': 'Bearer, Basic'});
		const [status, text, headers] = route(state, req.method ?? 'GET', url, req.headers, body);
		if (fault.kind === 'malformed') return send(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), headers);
		send(res, status, text, headers);
	} catch (error) {
		const status = error instanceof HttpProblem ? error.status : 500;
		send(res, status, JSON.stringify({error: (error as Error).message}));
	}
}

/** Any of the three demo auths. With refreshTokens, the original access token works once, then expires. */
function authorised(state: State, headers: http.IncomingHttpHeaders): boolean {
	if (headers[demoCredentials.apiKeyHeader.toLowerCase()] === demoCredentials.apiKey) return true;
	const authorization = headers.authorization ?? '';
	const basic = `Basic ${Buffer.from(`${demoCredentials.username}:${demoCredentials.password}`).toString('base64')}`;
	if (authorization === basic) return true;
	const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
	if (!bearer) return false;
	if (state.issued.has(bearer)) return true;
	if (bearer !== demoCredentials.accessToken) return false;
	if (!state.refreshTokens) return true;
	if (state.originalUsed) return false;
	state.originalUsed = true;
	return true;
}

function tokenResponse(state: State, body: string): [number, string] {
	const form = new URLSearchParams(body);
	if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== demoRefreshToken) {
		return [400, JSON.stringify({error: 'invalid_grant', error_description: 'unknown refresh token'})];
	}
	const token = `demo-access-token-r${++state.refreshes}`;
	state.issued.add(token);
	return [200, JSON.stringify({access_token: token, refresh_token: demoRefreshToken, expires_in: 3600, token_type: 'Bearer'})];
}

/** Status, JSON text, extra headers. Pages are written as text directly (see demoRecordJson). */
type Reply = [number, string, Record<string, string>];

function route(state: State, method: string, url: URL, headers: http.IncomingHttpHeaders, body: string): Reply {
	const key = `${method} ${url.pathname}`;
	const query = url.searchParams;
	const mailchimp = /^GET \/3\.0\/lists\/([^/]+)\/members$/.exec(key);
	if (mailchimp) return mailchimpReply(select(state.records, timeWindow(query)), decodeURIComponent(mailchimp[1]!), query);
	switch (key) {
		case 'GET /v1/items':
			return allReply(select(state.records, timeWindow(query)), 'items');
		case 'GET /v1/offset/contacts':
			return offsetReply(select(state.records, timeWindow(query)), query);
		case 'POST /v1/search/contacts':
			return offsetReply(searchSelection(state, query, body), query);
		case 'GET /v1/pointer/contacts':
			return pointerReply(select(state.records, timeWindow(query)), url);
		case 'GET /v1/token/contacts':
			return tokenReply(select(state.records, timeWindow(query)), query, headers);
		case 'GET /v1/page/contacts':
			return pageReply(select(state.records, timeWindow(query)), query);
		case 'GET /v1/all/contacts':
			return allReply(select(state.records, timeWindow(query)));
		default:
			throw new HttpProblem(404, `no route ${key}`);
	}
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) throw new HttpProblem(400, `${name} must be an integer between ${min} and ${max}`);
	return value;
}

/** Accepts ISO dates and the documented `ss:fffffff` variant (docs/schedule.md#scheduleparams). */
export function parseDemoTime(text: string, name: string): number {
	const normalised = text
		.trim()
		.replace(/(T\d{2}:\d{2}:\d{2}):(\d+)/, '$1.$2')
		.replace(/\.(\d{1,3})\d*/, '.$1');
	const ms = Date.parse(normalised);
	if (!Number.isFinite(ms)) throw new HttpProblem(400, `${name} is not a date: ${text}`);
	return ms;
}

/**
 * updated_since (inclusive) / updated_before (exclusive), and `q` with `updated > X` / `updated < Y` terms
 * (strict; `>=`/`<=` allowed) for ADVANCE expressions. Dates have whole seconds, so strict means ±1 ms.
 */
function timeWindow(query: URLSearchParams): TimeWindow {
	const window: TimeWindow = {from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY};
	// Mailchimp's names (since_last_changed / before_last_changed) are accepted as well.
	const since = query.get('updated_since') ?? query.get('since_last_changed');
	const before = query.get('updated_before') ?? query.get('before_last_changed');
	if (since) window.from = Math.max(window.from, parseDemoTime(since, 'updated_since'));
	if (before) window.to = Math.min(window.to, parseDemoTime(before, 'updated_before'));
	for (const match of (query.get('q') ?? '').matchAll(/updated\s*(>=|<=|>|<)\s*(\S+)/g)) {
		const time = parseDemoTime(match[2]!, 'q');
		if (match[1] === '>') window.from = Math.max(window.from, time + 1);
		if (match[1] === '>=') window.from = Math.max(window.from, time);
		if (match[1] === '<') window.to = Math.min(window.to, time);
		if (match[1] === '<=') window.to = Math.min(window.to, time + 1);
	}
	return window;
}

/** The selected records as a JSON array text, and how many there are. */
function records(selection: Selection, offset: number, limit: number): {json: string; count: number} {
	const indexes = selection.indexes(offset, limit);
	return {json: `[${indexes.map(demoRecordJson).join(',')}]`, count: indexes.length};
}

function offsetReply(selection: Selection, query: URLSearchParams): Reply {
	const limit = integer(query, 'limit', 50, 1, maxPageSize);
	const offset = integer(query, 'offset', 0, 0);
	const page = records(selection, offset, limit);
	return [200, `{"contacts":${page.json},"total":${selection.total},"hasMore":${offset + page.count < selection.total}}`, {}];
}

/** Body `{"filter": {"tag"?, "updated_since"?, "updated_before"?}}`; limit/offset stay in the query. */
function searchSelection(state: State, query: URLSearchParams, body: string): Selection {
	let parsed: {filter?: Record<string, unknown>};
	try {
		parsed = JSON.parse(body || 'null') as typeof parsed;
	} catch {
		throw new HttpProblem(400, 'the body is not JSON');
	}
	if (!parsed || typeof parsed !== 'object') throw new HttpProblem(400, 'a JSON body {"filter": {...}} is required');
	const filter = parsed.filter ?? {};
	const merged = new URLSearchParams(query);
	for (const name of ['updated_since', 'updated_before']) if (typeof filter[name] === 'string') merged.set(name, filter[name] as string);
	const tag = typeof filter.tag === 'string' ? filter.tag : undefined;
	return select(state.records, timeWindow(merged), tag ? index => hasTag(index, tag) : undefined);
}

function pointerReply(selection: Selection, url: URL): Reply {
	const limit = integer(url.searchParams, 'limit', 50, 1, maxPageSize);
	const after = integer(url.searchParams, 'after', 0, 0);
	const page = records(selection, after, limit);
	let next: string | null = null;
	if (after + page.count < selection.total) {
		const params = new URLSearchParams(url.searchParams);
		params.set('after', String(after + page.count));
		next = `${url.pathname}?${params.toString()}`;
	}
	return [200, `{"contacts":${page.json},"paging":{"next":${JSON.stringify(next)}}}`, {}];
}

function tokenReply(selection: Selection, query: URLSearchParams, headers: http.IncomingHttpHeaders): Reply {
	const limit = integer(query, 'limit', 50, 1, maxPageSize);
	const token = query.get('page[after]') ?? (headers['x-continuation'] as string | undefined);
	let offset = 0;
	if (token) {
		const decoded = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
		if (!decoded) throw new HttpProblem(400, 'unknown continuation token');
		offset = Number(decoded[1]);
	}
	const page = records(selection, offset, limit);
	const more = offset + page.count < selection.total;
	const cursor = more ? Buffer.from(`o:${offset + page.count}`).toString('base64url') : null;
	return [200, `{"results":${page.json},"meta":{"has_more":${more},"after_cursor":${JSON.stringify(cursor)}}}`, {}];
}

function pageReply(selection: Selection, query: URLSearchParams): Reply {
	const size = integer(query, 'pageSize', 50, 1, maxPageSize);
	const pageNumber = integer(query, 'pageNumber', 1, 1); // 1-based: pageNumber=0 answers 400.
	const page = records(selection, (pageNumber - 1) * size, size);
	return [200, `{"items":${page.json}}`, {'x-pagecount': String(Math.ceil(selection.total / size))}];
}

function allReply(selection: Selection, key = 'contacts'): Reply {
	if (selection.total > maxAllRecords)
		throw new HttpProblem(400, `${selection.total} records are too many for one response (max ${maxAllRecords}); use a paginated route`);
	return [200, `{"${key}":${records(selection, 0, selection.total).json}}`, {}];
}

/**
 * The Mailchimp Marketing API's members page (the `mailchimp-members` template runs against it on the local
 * profile): count/offset paging, since_last_changed/before_last_changed windows, and the docs example's `hasMore`.
 */
function mailchimpReply(selection: Selection, listId: string, query: URLSearchParams): Reply {
	const count = integer(query, 'count', 10, 1, maxPageSize);
	const offset = integer(query, 'offset', 0, 0);
	const page = records(selection, offset, count);
	const more = offset + page.count < selection.total;
	return [200, `{"members":${page.json},"list_id":${JSON.stringify(listId)},"total_items":${selection.total},"hasMore":${more},"_links":[]}`, {}];
}
