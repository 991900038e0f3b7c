import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {demoCredentials, demoRecord, demoRecordJson, main, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';
import {decideFault} from '../source/sandbox/demo-source/faults.js';

const total = 237;
let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: total});
});
afterEach(() => demo.setFaults({}));
after(() => demo.close());

const apiKey = {[demoCredentials.apiKeyHeader]: demoCredentials.apiKey};

async function get(path: string, headers: Record<string, string> = apiKey) {
	const response = await fetch(`${demo.url}${path}`, {headers});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {status: response.status, headers: response.headers, text, json};
}

test('demoRecord is deterministic and has the documented fields', () => {
	const record = demoRecord(0);
	assert.deepEqual(Object.keys(record), ['id', 'email', 'firstName', 'lastName', 'score', 'updatedAt', 'tags', 'orders']);
	assert.equal(record.id, 'c-000001');
	assert.deepEqual(demoRecord(41), demoRecord(41));
	for (const index of [0, 1, 999, 999_999, 1_000_000, 2_345_678]) {
		const each = demoRecord(index);
		const time = Date.parse(each.updatedAt as string);
		assert.ok(time >= Date.UTC(2024, 0, 1) && time < Date.UTC(2025, 0, 1), `${index}: ${each.updatedAt}`);
		assert.ok((each.orders as unknown[]).length <= 3);
		assert.ok((each.tags as unknown[]).every(tag => typeof tag === 'string'));
		assert.deepEqual(JSON.parse(demoRecordJson(index)), each, 'the fast JSON writer matches the record');
	}
});

test('every route refuses a request without valid credentials, and accepts each demo auth', async () => {
	for (const path of ['/v1/offset/contacts', '/v1/pointer/contacts', '/v1/token/contacts', '/v1/page/contacts', '/v1/all/contacts']) {
		const denied = await get(path, {});
		assert.equal(denied.status, 401, path);
		assert.deepEqual(denied.json, {error: 'unauthorized'});
	}
	assert.equal((await get('/v1/offset/contacts', {authorization: 'Bearer nope'})).status, 401);
	assert.equal((await get('/v1/offset/contacts', {authorization: `Bearer ${demoCredentials.accessToken}`})).status, 200);
	const basic = Buffer.from(`${demoCredentials.username}:${demoCredentials.password}`).toString('base64');
	assert.equal((await get('/v1/offset/contacts', {authorization: `Basic ${basic}`})).status, 200);
	assert.equal((await get('/v1/offset/contacts')).status, 200);
});

test('the offset route pages with total and hasMore', async () => {
	const last = await get('/v1/offset/contacts?limit=50&offset=200');
	assert.equal(last.json.contacts.length, 37);
	assert.equal(last.json.total, total);
	assert.equal(last.json.hasMore, false);
	assert.deepEqual(last.json.contacts[0], demoRecord(200));
	assert.equal((await get('/v1/offset/contacts?limit=50&offset=0')).json.hasMore, true);
	assert.equal((await get('/v1/offset/contacts?limit=0')).status, 400);
});

test('updated_since / updated_before filter by updatedAt, and total reflects the filter', async () => {
	const since = '2024-01-01T00:20:00Z';
	const before = '2024-01-01T01:00:00:0000000Z'; // the documented ss:fffffff form is understood too
	const expected = Array.from({length: total}, (_, index) => demoRecord(index)).filter(record => {
		const time = Date.parse(record.updatedAt as string);
		return time >= Date.parse(since) && time < Date.parse('2024-01-01T01:00:00Z');
	});
	const page = await get(`/v1/offset/contacts?limit=500&updated_since=${since}&updated_before=${before}`);
	assert.equal(page.json.total, expected.length);
	assert.deepEqual(
		page.json.contacts.map((record: {id: string}) => record.id),
		expected.map(record => record.id),
	);
	assert.equal((await get('/v1/offset/contacts?updated_since=yesterday')).status, 400);
});

test('pointer, token, page and all routes have their documented shapes', async () => {
	const pointer = await get('/v1/pointer/contacts?limit=100');
	assert.equal(pointer.json.paging.next, '/v1/pointer/contacts?limit=100&after=100');
	const lastPointer = await get('/v1/pointer/contacts?limit=100&after=200');
	assert.equal(lastPointer.json.paging.next, null);
	const token = await get('/v1/token/contacts?limit=200');
	assert.equal(token.json.meta.has_more, true);
	const rest = await get(`/v1/token/contacts?limit=200&page%5Bafter%5D=${token.json.meta.after_cursor}`);
	assert.equal(rest.json.results.length, 37);
	assert.deepEqual(rest.json.meta, {has_more: false, after_cursor: null});
	const viaHeader = await get('/v1/token/contacts?limit=200', {...apiKey, 'x-continuation': token.json.meta.after_cursor});
	assert.equal(viaHeader.json.results[0].id, 'c-000201');
	const page = await get('/v1/page/contacts?pageSize=100&pageNumber=3');
	assert.equal(page.headers.get('x-pagecount'), '3');
	assert.equal(page.json.items.length, 37);
	assert.equal((await get('/v1/page/contacts?pageNumber=0')).status, 400, 'pages are 1-based');
	assert.equal((await get('/v1/all/contacts')).json.contacts.length, total);
});

test('a million records cost nothing to address, and NONE refuses more than 100,000', async () => {
	const big = await startDemoSource({records: 1_000_000});
	try {
		const headers = apiKey;
		const tail = (await (await fetch(`${big.url}/v1/offset/contacts?limit=10&offset=999990`, {headers})).json()) as {contacts: {id: string}[]; total: number};
		assert.equal(tail.total, 1_000_000);
		assert.equal(tail.contacts.at(-1)?.id, 'c-1000000');
		const all = await fetch(`${big.url}/v1/all/contacts`, {headers});
		assert.equal(all.status, 400);
		assert.match(await all.text(), /too many/);
	} finally {
		await big.close();
	}
});

test('faults: 429 with Retry-After, error bursts, malformed JSON, counted from when they are set', async () => {
	demo.setFaults({rateLimitEvery: 2});
	assert.equal((await get('/v1/offset/contacts')).status, 200);
	const limited = await get('/v1/offset/contacts');
	assert.equal(limited.status, 429);
	assert.equal(limited.headers.get('retry-after'), '1');
	demo.setFaults({errorBurst: {status: 502, count: 2, after: 1}});
	assert.deepEqual(
		[
			(await get('/v1/offset/contacts')).status,
			(await get('/v1/offset/contacts')).status,
			(await get('/v1/offset/contacts')).status,
			(await get('/v1/offset/contacts')).status,
		],
		[200, 502, 502, 200],
	);
	demo.setFaults({malformedJsonAt: 1});
	const broken = await get('/v1/offset/contacts');
	assert.equal(broken.status, 200);
	assert.equal(broken.json, undefined);
	assert.ok(broken.text.startsWith('{"contacts":['));
	assert.ok(demo.requests() >= 7);
});

test('seeded latency jitter is deterministic', () => {
	const delays = (seed: number) => [1, 2, 3, 4, 5].map(n => decideFault({latencyMs: 100, seed}, n).delayMs);
	assert.deepEqual(delays(7), delays(7));
	assert.notDeepEqual(delays(7), delays(8));
	assert.ok(delays(7).every(ms => ms >= 50 && ms <= 150));
	assert.deepEqual(
		[1, 2].map(n => decideFault({latencyMs: 100}, n).delayMs),
		[100, 100],
	);
});

test('the token endpoint trades the demo refresh token for a new access token', async () => {
	const response = await fetch(`${demo.url}/oauth/token`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: 'grant_type=refresh_token&refresh_token=demo-refresh-token',
	});
	const json = (await response.json()) as {access_token: string; expires_in: number};
	assert.equal(response.status, 200);
	assert.equal(json.expires_in, 3600);
	assert.equal((await get('/v1/offset/contacts', {authorization: `Bearer ${json.access_token}`})).status, 200);
	const refused = await fetch(`${demo.url}/oauth/token`, {method: 'POST', body: 'grant_type=refresh_token&refresh_token=nope'});
	assert.equal(refused.status, 400);
});

test('main() starts the demo on its own and prints its URL and credentials', async () => {
	const out = new PassThrough();
	let printed = '';
	out.on('data', chunk => (printed += String(chunk)));
	const source = await main(['--records', '12'], out);
	try {
		assert.equal(source.records, 12);
		assert.match(printed, new RegExp(`Demo source listening on ${source.url.replace(/\./g, '\\.')} \\(12 contacts\\)`));
		assert.match(printed, /username=demo password=demo-password/);
		assert.match(printed, /X-Api-Key/);
	} finally {
		await source.close();
	}
	await assert.rejects(main(['--port', 'x'], out), /--port/);
});
