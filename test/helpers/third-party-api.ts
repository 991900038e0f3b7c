// A REST API that is NOT the demo source: a helpdesk-like API with its own routes, bearer auth, a `links.next`
// paging shape, a cursor shape, an export that answers JSON Lines, and routes that answer 401 / 404 / HTML.
// Started on 127.0.0.1:0 with a request log, so a test can prove its requests reached this API (and not the demo).
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type ThirdPartyRequest = {method: string; path: string; query: Record<string, string>; authorization?: string; at: number};

export type ThirdPartyApi = {
	url: string;
	token: string;
	/** Tickets served by the paged routes. */
	tickets: number;
	/** Every request received, oldest first. */
	log(): ThirdPartyRequest[];
	/** Requests whose path starts with `prefix`. */
	requestsTo(prefix: string): ThirdPartyRequest[];
	close(): Promise<void>;
};

export type ThirdPartyOptions = {token?: string; tickets?: number; basic?: {username: string; password: string}};

export const thirdPartyToken = 'tp-secret-token-7f3a9c';

type Ticket = {id: number; subject: string; status: string; priority: string; requester: {email: string}; updated_at: string};

function ticket(index: number): Ticket {
	const statuses = ['new', 'open', 'pending', 'solved'];
	return {
		id: 9000 + index,
		subject: `Ticket number ${index + 1}`,
		status: statuses[index % statuses.length]!,
		priority: index % 3 === 0 ? 'high' : 'normal',
		requester: {email: `user${index + 1}@example.test`},
		updated_at: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
	};
}

function send(response: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {'content-type': type, 'content-length': Buffer.byteLength(text)});
	response.end(text);
}

/** Starts the API; `token` (default thirdPartyToken) is the only bearer token it accepts. */
export async function startThirdPartyApi(options: ThirdPartyOptions = {}): Promise<ThirdPartyApi> {
	const token = options.token ?? thirdPartyToken;
	const total = options.tickets ?? 23;
	const all = Array.from({length: total}, (_, index) => ticket(index));
	const basic = options.basic ?? {username: 'analyst', password: 'tp-basic-password'};
	const log: ThirdPartyRequest[] = [];
	let cursorSerial = 0;

	const bearerOk = (request: http.IncomingMessage) => request.headers.authorization === `Bearer ${token}`;
	const basicOk = (request: http.IncomingMessage) =>
		request.headers.authorization === `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`;
	const unauthorized = (response: http.ServerResponse) => send(response, 401, {error: "Couldn't authenticate you"});

	const routes: Record<string, (url: URL, request: http.IncomingMessage, response: http.ServerResponse) => void> = {
		// `links.next` (POINTER): {tickets, links: {next}}; per_page sets the page size, page[after] the position.
		'/api/v2/tickets': (url, request, response) => {
			if (!bearerOk(request)) return unauthorized(response);
			const size = Number(url.searchParams.get('per_page') ?? 10);
			const after = Number(url.searchParams.get('page[after]') ?? 0);
			const page = all.slice(after, after + size);
			// always_next=1: a `next` link on every page, even past the end (an API that lets the client find out).
			const always = url.searchParams.get('always_next') === '1';
			const next =
				always || after + size < all.length ? `/api/v2/tickets?per_page=${size}&page%5Bafter%5D=${after + size}${always ? '&always_next=1' : ''}` : null;
			send(response, 200, {tickets: page, count: all.length, links: {next}});
		},
		// Cursor (CONTINUATION_TOKEN): {tickets, meta: {has_more, after_cursor}}; the cursor is null after the last page.
		'/api/v2/cursor/tickets': (url, request, response) => {
			if (!bearerOk(request)) return unauthorized(response);
			const size = Number(url.searchParams.get('page[size]') ?? 10);
			const cursor = url.searchParams.get('page[after]');
			const after = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace('at:', '')) : 0;
			const page = all.slice(after, after + size);
			const more = after + size < all.length;
			send(response, 200, {tickets: page, meta: {has_more: more, after_cursor: more ? Buffer.from(`at:${after + size}`).toString('base64url') : null}});
		},
		// The never-ending cursor: past the last record every answer is an empty page with a *fresh* cursor.
		// variant=endless answers records forever (each with a fresh cursor): only a request cap stops it.
		'/api/v2/search/export': (url, request, response) => {
			if (!bearerOk(request) && !basicOk(request)) return unauthorized(response);
			const size = Number(url.searchParams.get('page[size]') ?? 3);
			const cursor = url.searchParams.get('page[after]');
			const after = cursor ? Number(cursor.split('.')[0]) : 0;
			const endless = url.searchParams.get('variant') === 'endless';
			const page = endless ? Array.from({length: size}, (_, index) => ticket(after + index)) : all.slice(after, after + size);
			const fresh = `${after + page.length}.${++cursorSerial}`;
			send(response, 200, {results: page, facets: null, meta: {has_more: endless || after + size < all.length ? page.length > 0 : false, after_cursor: fresh}});
		},
		// JSON Lines export: one object per line, as raw-export APIs answer.
		'/api/2.0/export': (_url, request, response) => {
			if (!basicOk(request) && !bearerOk(request)) return unauthorized(response);
			send(
				response,
				200,
				`${all
					.slice(0, 5)
					.map(each => JSON.stringify(each))
					.join('\n')}\n`,
				'application/x-ndjson',
			);
		},
		// Always 401, whatever the credentials (a token without the needed scope, an expired key…).
		'/api/v2/locked': (_url, _request, response) => unauthorized(response),
		// An HTML page where JSON was expected (a login page, a proxy's error page).
		'/api/v2/html': (_url, _request, response) =>
			send(response, 200, '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>', 'text/html'),
	};

	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		log.push({
			method: request.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			...(request.headers.authorization ? {authorization: request.headers.authorization} : {}),
			at: Date.now(),
		});
		request.resume();
		const route = routes[url.pathname];
		if (!route || request.method !== 'GET') return send(response, 404, {error: 'InvalidEndpoint', description: 'Not found'});
		route(url, request, response);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		token,
		tickets: total,
		log: () => [...log],
		requestsTo: prefix => log.filter(entry => entry.path.startsWith(prefix)),
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The connection spec of the helpdesk tickets API: bearer token (OAuth2RefreshCode), host as an auth param. */
export function ticketsSpec(paging: 'links' | 'cursor' = 'links'): Record<string, unknown> {
	const pagination =
		paging === 'links'
			? {type: 'POINTER', limitName: 'per_page', limitValue: '10', pointerPath: '$.links.next'}
			: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]'};
	return {
		name: 'Example Helpdesk tickets',
		type: 'generic-rest',
		description: 'Tickets from the Example Helpdesk API',
		providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
		version: '1.0',
		attributes: {uiAttributes: {apiFeatures: {explorePaginationSupported: false}}},
		authSpec: [
			{
				name: 'OAuth2 Refresh Code',
				type: 'OAuth2RefreshCode',
				spec: {
					$schema: 'http://json-schema.org/draft-07/schema#',
					type: 'object',
					description: 'Bearer token of the helpdesk API.',
					properties: {
						host: {type: 'string', description: 'API root, e.g. https://acme.helpdesk.example.com'},
						accessToken: {type: 'string', format: 'password', description: 'Access token'},
					},
					required: ['host', 'accessToken'],
				},
			},
		],
		sourceSpec: {
			attributes: {
				uiAttributes: {
					isSource: true,
					isPreview: true,
					isBeta: true,
					category: {key: 'customerSuccess'},
					icon: {key: 'exampleHelpdeskIcon'},
					description: {text: 'Helpdesk tickets.'},
					label: {text: 'Example Helpdesk'},
				},
				urlParams: {
					path: paging === 'links' ? '/api/v2/tickets' : '/api/v2/cursor/tickets',
					method: 'GET',
					...(paging === 'cursor' ? {queryParams: {'page[size]': '10'}} : {}),
				},
				contentPath: {path: '$.tickets', skipAttributes: [], keepAttributes: [], overrideWrapperAttribute: 'ticket'},
				paginationParams: pagination,
				scheduleParams: {
					scheduleStartParamName: 'start_time',
					scheduleEndParamName: 'end_time',
					scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
					scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
				},
			},
			spec: {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'No user inputs.', properties: {}},
		},
		exploreSpec: {
			name: 'Resource',
			type: 'Resource',
			requestSpec: {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object'},
			responseSpec: {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {format: {type: 'string'}, schema: {type: 'object'}, data: {type: 'array', items: {type: 'object'}}},
			},
		},
	};
}
