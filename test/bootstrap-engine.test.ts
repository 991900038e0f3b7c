// Each draft bootstrapped from the fixtures actually pages through an API of that shape: the engine runs the
// bootstrapped spec against a small third-party-style API on 127.0.0.1 (not the demo source) that checks the
// credentials and logs every request; all records arrive and the log shows the paging the spec describes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {bootstrapCurl, bootstrapOperation, loadOpenApi, parseResponseSample} from '../source/bootstrap/index.js';
import {type EngineResult, streamRecords} from '../source/engine/index.js';
import {basic, bearer, header, int, pagedApi, type Shape} from './helpers/paged-api.js';

const fixture = (name: string) => new URL(`./fixtures/bootstrap/${name}`, import.meta.url).pathname;
const total = 250;
const records = Array.from({length: total}, (_, index) => ({id: `r${String(index).padStart(3, '0')}`, n: index}));

const afterId = (id: string | null) => (id === null ? 0 : records.findIndex(record => record.id === id) + 1);

type Case = {
	name: string;
	load: () => Promise<Record<string, unknown>>;
	route: string;
	credential: (request: http.IncomingMessage, url: URL) => boolean;
	secrets: Record<string, string>;
	shape: Shape;
	firstRequest: RegExp;
	requests: number;
};

const fromOpenApi = (file: string, operation: string) => async () => (await bootstrapOperation(await loadOpenApi(fixture(file)), operation)).spec;

const cases: Case[] = [
	{
		name: 'OpenAPI 3.0 listContacts: OFFSET + hasMore, basic auth, server variable',
		load: fromOpenApi('openapi-3.0.yaml', 'listContacts'),
		route: '/v2/contacts',
		credential: basic('ada', 'pw-1'),
		secrets: {username: 'ada', password: 'pw-1', region: 'eu'},
		shape: url => {
			const offset = int(url, 'offset', 0);
			const limit = int(url, 'limit', 10);
			return {body: {contacts: records.slice(offset, offset + limit), total, hasMore: offset + limit < total}};
		},
		firstRequest: /^\/v2\/contacts\?.*limit=50.*offset=0|^\/v2\/contacts\?.*offset=0.*limit=50/,
		requests: 5,
	},
	{
		name: 'OpenAPI 3.0 listDeals: start/limit + more_items_in_collection, API key header',
		load: fromOpenApi('openapi-3.0.yaml', 'listDeals'),
		route: '/v2/deals',
		credential: header('X-Api-Key', 'key-2'),
		secrets: {authKey1: 'key-2', region: 'eu'},
		shape: url => {
			const start = int(url, 'start', 0);
			const limit = int(url, 'limit', 10);
			return {
				body: {
					success: true,
					data: records.slice(start, start + limit),
					additional_data: {pagination: {start, limit, more_items_in_collection: start + limit < total}},
				},
			};
		},
		firstRequest: /start=0/,
		requests: 3,
	},
	{
		name: 'OpenAPI 3.0 listCompanies: paging.next.after, bearer',
		load: fromOpenApi('openapi-3.0.yaml', 'listCompanies'),
		route: '/v2/companies',
		credential: bearer('tok-3'),
		secrets: {accessToken: 'tok-3', region: 'eu'},
		shape: url => {
			const from = Number(url.searchParams.get('after') ?? 0);
			const next = from + 100;
			return {body: {results: records.slice(from, next), ...(next < total ? {paging: {next: {after: String(next), link: `?after=${next}`}}} : {})}};
		},
		firstRequest: /^\/v2\/companies$/,
		requests: 3,
	},
	{
		name: 'OpenAPI 3.0 listOrders: PAGE + X-Total-Pages, API key in the query',
		load: fromOpenApi('openapi-3.0.yaml', 'listOrders'),
		route: '/v2/orders',
		credential: (_request, url) => url.searchParams.get('api_key') === 'key-4' && url.searchParams.get('status') === 'open',
		secrets: {authKey1: 'key-4', region: 'eu'},
		shape: url => {
			const size = int(url, 'per_page', 10);
			const page = int(url, 'page', 1);
			return {headers: {'X-Total-Pages': String(Math.ceil(total / size))}, body: records.slice((page - 1) * size, page * size)};
		},
		firstRequest: /page=1/,
		requests: 10,
	},
	{
		name: 'OpenAPI 3.0 listEvents: links.next, OAuth 2',
		load: fromOpenApi('openapi-3.0.yaml', 'listEvents'),
		route: '/v2/events',
		credential: bearer('tok-5'),
		secrets: {accessToken: 'tok-5', region: 'eu'},
		shape: (url, base) => {
			const from = int(url, 'from', 0);
			const size = int(url, 'page_size', 10);
			return {
				body: {events: records.slice(from, from + size), links: {next: from + size < total ? `${base}/v2/events?from=${from + size}&page_size=${size}` : null}},
			};
		},
		firstRequest: /page_size=200/,
		requests: 2,
	},
	{
		name: 'OpenAPI 3.0 searchTickets: POST, meta.after_cursor + has_more',
		load: fromOpenApi('openapi-3.0.yaml', 'searchTickets'),
		route: '/v2/tickets/search',
		credential: bearer('tok-6'),
		secrets: {accessToken: 'tok-6', region: 'eu'},
		shape: url => {
			const from = Number(url.searchParams.get('page[after]') ?? 0);
			const next = Math.min(from + 100, total);
			return {body: {results: records.slice(from, next), meta: {has_more: next < total, after_cursor: next < total ? String(next) : null}}};
		},
		firstRequest: /^\/v2\/tickets\/search$/,
		requests: 3,
	},
	{
		name: 'OpenAPI 3.1 ListCustomers: has_more + starting_after (last id)',
		load: fromOpenApi('openapi-3.1.json', 'ListCustomers'),
		route: '/v1/customers',
		credential: header('Paylane-Key', 'key-7'),
		secrets: {authKey1: 'key-7'},
		shape: url => {
			const from = afterId(url.searchParams.get('starting_after'));
			return {body: {object: 'list', data: records.slice(from, from + 100), has_more: from + 100 < total}};
		},
		firstRequest: /^\/v1\/customers$/,
		requests: 4,
	},
	{
		name: 'OpenAPI 3.1 ListCharges: next_page, path parameter',
		load: fromOpenApi('openapi-3.1.json', 'ListCharges'),
		route: '/v1/accounts/acc_9/charges',
		credential: header('Paylane-Key', 'key-8'),
		secrets: {authKey1: 'key-8'},
		shape: url => {
			const from = int(url, 'from', 0);
			const size = int(url, 'per_page', 10);
			return {
				body: {
					items: records.slice(from, from + size),
					next_page: from + size < total ? `/v1/accounts/acc_9/charges?from=${from + size}&per_page=${size}` : null,
				},
			};
		},
		firstRequest: /per_page=50/,
		requests: 5,
	},
	{
		name: 'Swagger 2.0 listItems: PAGE with a body page count (stops on the empty page), basic',
		load: fromOpenApi('swagger-2.0.yaml', 'listItems'),
		route: '/api/items',
		credential: basic('inv', 'pw-9'),
		secrets: {username: 'inv', password: 'pw-9'},
		shape: url => {
			const size = int(url, 'pageSize', 10);
			const page = int(url, 'pageNumber', 1);
			return {body: {items: records.slice((page - 1) * size, page * size), total_pages: Math.ceil(total / size)}};
		},
		firstRequest: /pageNumber=1/,
		requests: 4,
	},
	{
		name: 'Swagger 2.0 listWarehouses: next, API key header',
		load: fromOpenApi('swagger-2.0.yaml', 'listWarehouses'),
		route: '/api/warehouses',
		credential: header('X-Inventory-Token', 'key-10'),
		secrets: {authKey1: 'key-10'},
		shape: url => {
			const from = int(url, 'from', 0);
			const size = int(url, 'limit', 10);
			return {body: {warehouses: records.slice(from, from + size), next: from + size < total ? `/api/warehouses?from=${from + size}&limit=${size}` : ''}};
		},
		firstRequest: /limit=20/,
		requests: 13,
	},
	{
		name: 'curl with a bearer token and a sample response (OFFSET + hasMore)',
		load: async () =>
			bootstrapCurl(
				"curl -H 'Authorization: Bearer tok-11' 'https://api.acme.example/v2/contacts?limit=50&offset=0'",
				parseResponseSample(JSON.stringify({contacts: records.slice(0, 50), offset: 0, limit: 50, hasMore: true})),
			).spec,
		route: '/v2/contacts',
		credential: bearer('tok-11'),
		secrets: {accessToken: 'tok-11'},
		shape: url => {
			const offset = int(url, 'offset', 0);
			const limit = int(url, 'limit', 10);
			return {body: {contacts: records.slice(offset, offset + limit), offset, limit, hasMore: offset + limit < total}};
		},
		firstRequest: /limit=50/,
		requests: 5,
	},
];

for (const entry of cases) {
	test(`bootstrapped spec pages through its API: ${entry.name}`, async () => {
		const spec = await entry.load();
		const api = await pagedApi(entry.route, entry.credential, entry.shape);
		try {
			const got: unknown[] = [];
			const stream = streamRecords({spec, authParams: entry.secrets, sourceParams: {accountId: 'acc_9'}, originOverride: api.base, maxPages: 50, retries: 0});
			let result: EngineResult;
			for (;;) {
				const next = await stream.next();
				if (next.done) {
					result = next.value;
					break;
				}
				got.push(next.value);
			}
			assert.equal(got.length, total, `all records; stop: ${JSON.stringify(result?.stop)}; log: ${JSON.stringify(api.log)}`);
			assert.deepEqual(
				got.map(record => (record as {id: string}).id),
				records.map(record => record.id),
			);
			assert.ok(api.log.length > 0 && api.log.every(request => request.url.startsWith(entry.route)), 'every request reached this API, not another one');
			assert.match(api.log[0]?.url ?? '', entry.firstRequest);
			assert.equal(api.log.length, entry.requests, JSON.stringify(api.log));
		} finally {
			await api.close();
		}
	});
}

test('sending a curl request once: a refusal, a non-JSON answer and a silent host are sentences that never echo the key', async () => {
	const {sendCurlOnce} = await import('../source/bootstrap/index.js');
	const sockets = new Set<import('node:net').Socket>();
	const server = http.createServer((request, response) => {
		if (request.url?.startsWith('/hang')) return;
		if (request.url?.startsWith('/html')) return void response.writeHead(200, {'content-type': 'text/html'}).end('<html></html>');
		if (request.url?.startsWith('/missing')) return void response.writeHead(404, {'content-type': 'application/json'}).end('{"error":"no route"}');
		response.writeHead(401, {'content-type': 'application/json'}).end('{"error":"bad key"}');
	});
	server.on('connection', socket => sockets.add(socket));
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	try {
		await assert.rejects(sendCurlOnce(`curl '${base}/v1/items?api_key=KEY_SECRET_9'`), (error: Error) => {
			assert.equal(
				error.message,
				`${base}/v1/items answered 401 Unauthorized; the API refused the credentials: check the token, key or user:password in the curl command.`,
			);
			return true;
		});
		// A 404 is about the path, not the credentials.
		await assert.rejects(sendCurlOnce(`curl -H 'Authorization: Bearer KEY_SECRET_9' ${base}/missing/items`), (error: Error) => {
			assert.equal(
				error.message,
				`${base}/missing/items answered 404 Not Found; the host answered but has nothing at this path: check the path of the URL in the curl command.`,
			);
			return true;
		});
		await assert.rejects(sendCurlOnce(`curl -H 'X-Api-Key: KEY_SECRET_9' ${base}/html`), /answered 200, but not with JSON \(text\/html\)/);
		await assert.rejects(sendCurlOnce(`curl ${base}/hang?token=KEY_SECRET_9`, {timeoutMs: 300}), (error: Error) => {
			assert.equal(error.message, `${base}/hang did not answer within 0.3 s.`);
			return true;
		});
	} finally {
		for (const socket of sockets) socket.destroy();
		await new Promise(resolve => server.close(resolve));
	}
});
