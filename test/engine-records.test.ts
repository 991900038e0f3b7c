import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {formatDate, previewSourceSpec, type EngineOptions} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, demoRecord, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';

const total = 120;
let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: total});
});
after(() => demo.close());

const allRecords = Array.from({length: total}, (_, index) => demoRecord(index));

async function run(overrides: Record<string, unknown>, extra: Partial<EngineOptions> = {}, inputs: string[] = []) {
	const spec = demoConnectionSpec({pagination: 'OFFSET', limit: 50, overrides, inputs});
	const {records, result, error} = await previewSourceSpec({
		spec,
		authParams: demoAuthParams(demo.url),
		sourceParams: {},
		maxPages: Number.POSITIVE_INFINITY,
		...extra,
	});
	assert.equal(error, undefined, error?.message);
	return {records, result: result!};
}

test('contentPath keepAttributes keeps only the listed keys of each element', async () => {
	const {records} = await run({contentPath: {path: '$.contacts', keepAttributes: ['id', 'email', 'total']}});
	assert.equal(records.length, total);
	assert.deepEqual(records[0], {id: 'c-000001', email: allRecords[0]!.email});
});

test('contentPath skipAttributes drops the listed keys; a string contentPath means {path}', async () => {
	const skipped = await run({contentPath: {path: '$.contacts', skipAttributes: ['orders', 'tags']}});
	const {orders: _orders, tags: _tags, ...rest} = allRecords[0]!;
	assert.deepEqual(skipped.records[0], rest);
	const plain = await run({contentPath: '$.contacts'});
	assert.deepEqual(plain.records, allRecords);
});

test('overrideWrapperAttribute wraps each record', async () => {
	const {records} = await run({contentPath: {path: '$.contacts', overrideWrapperAttribute: 'contact', skipAttributes: ['orders']}});
	assert.deepEqual(Object.keys(records[0]!), ['contact']);
	assert.equal((records[0]!.contact as Record<string, unknown>).id, 'c-000001');
	assert.equal((records[0]!.contact as Record<string, unknown>).orders, undefined);
});

test('explodeEntityPath yields one record per order, and none for contacts without orders', async () => {
	const orders = allRecords.reduce((sum, record) => sum + (record.orders as unknown[]).length, 0);
	const without = allRecords.filter(record => (record.orders as unknown[]).length === 0).length;
	assert.ok(without > 0 && orders > total / 2, 'the demo data has both cases');
	const {records, result} = await run({explodeEntityPath: {path: '$.orders', overrideWrapperAttribute: 'order'}});
	assert.equal(records.length, orders);
	const first = records[0]!;
	assert.equal(first.orders, undefined);
	assert.deepEqual(first.order, (allRecords.find(record => (record.orders as unknown[]).length > 0)!.orders as unknown[])[0]);
	assert.ok(
		result.warnings?.some(warning => warning.startsWith(`${without} record(s) had an empty`)),
		String(result.warnings),
	);
});

test('explodeEntityPath is evaluated against the wrapped record', async () => {
	const {records} = await run({
		contentPath: {path: '$.contacts', overrideWrapperAttribute: 'contact'},
		explodeEntityPath: {path: '$.contact.orders', keepAttributes: ['orderId']},
	});
	const orders = allRecords.flatMap(record => (record.orders as {orderId: string}[]).map(order => ({id: record.id, orderId: order.orderId})));
	assert.deepEqual(
		records.map(record => {
			const contact = record.contact as {id: string; orders: {orderId: string}};
			return {id: contact.id, orderId: contact.orders.orderId};
		}),
		orders,
	);
	assert.deepEqual(Object.keys((records[0]!.contact as {orders: object}).orders), ['orderId']);
});

test('a standard schedule window sends updated_since/updated_before and gets exactly the window', async () => {
	const window = {start: new Date('2024-01-01T00:10:00Z'), end: new Date('2024-01-01T00:40:00Z')};
	const expected = allRecords.filter(record => {
		const time = Date.parse(record.updatedAt as string);
		return time >= window.start.getTime() && time < window.end.getTime();
	});
	assert.ok(expected.length > 10 && expected.length < total - 10);
	const {records, result} = await run({}, {window});
	assert.deepEqual(
		records.map(record => record.id),
		expected.map(record => record.id),
	);
	assert.match(result.pages[0]!.url, /updated_since=2024-01-01T00%3A10%3A00Z&updated_before=2024-01-01T00%3A40%3A00Z&limit=50&offset=0$/);
	const unwindowed = await run({}, {});
	assert.equal(unwindowed.records.length, total, 'without a window no schedule params are sent');
});

test('ADVANCE schedules replace {SCHEDULE_QUERY} with the incremental or the backfill expression', async () => {
	const overrides = {
		urlParams: {path: '/v1/offset/contacts', method: 'GET', queryParams: {q: '{SCHEDULE_QUERY}'}},
		scheduleParams: {
			type: 'ADVANCE',
			paramFormat: 'yyyy-MM-ddTHH:mm:ssK',
			incremental: 'type:contact updated > {START_TIME} updated < {END_TIME}',
			backfill: 'type:contact updated < {END_TIME}',
		},
	};
	const window = {start: new Date('2024-01-01T00:05:00Z'), end: new Date('2024-01-01T00:30:00Z')};
	const times = allRecords.map(record => Date.parse(record.updatedAt as string));
	const incremental = await run(overrides, {window});
	assert.equal(incremental.records.length, times.filter(time => time > window.start.getTime() && time < window.end.getTime()).length);
	const sent = new URL(incremental.result.pages[0]!.url).searchParams.get('q');
	assert.equal(sent, `type:contact updated > ${formatDate('yyyy-MM-ddTHH:mm:ssK', window.start)} updated < 2024-01-01T00:30:00Z`);
	const backfill = await run(overrides, {window, scheduleMode: 'backfill'});
	assert.equal(backfill.records.length, times.filter(time => time < window.end.getTime()).length);
	assert.equal(new URL(backfill.result.pages[0]!.url).searchParams.get('q'), 'type:contact updated < 2024-01-01T00:30:00Z');
});

test('bodyParams go as the JSON body of a POST, with placeholders substituted deeply', async () => {
	const expected = allRecords.filter(record => (record.tags as string[]).includes('vip')).length;
	const {records} = await run({urlParams: {path: '/v1/search/contacts', method: 'POST'}, bodyParams: {filter: {tag: '${tag}'}}}, {sourceParams: {tag: 'vip'}}, [
		'tag',
	]);
	assert.equal(records.length, expected);
	assert.ok(records.every(record => (record.tags as string[]).includes('vip')));
	const last = demo.recentRequests().at(-1)!;
	assert.equal(last.method, 'POST');
	assert.equal(last.headers['content-type'], 'application/json');
});

test('host placeholders come from auth params, @{…} pipeline expressions are left out with a warning', async () => {
	const port = new URL(demo.url).port;
	const {records, result} = await run(
		{
			urlParams: {
				host: 'http://127.0.0.1:${port}',
				path: "/v1/offset/contacts@{if(empty(coalesce(pipeline()?.parameters?.ingestionStart,'')),'?query=x&','')}",
				method: 'GET',
				queryParams: {source: '${origin}'},
			},
		},
		{authParams: {accessToken: 'demo-access-token', port}, sourceParams: {origin: 'wizard test'}},
		['port', 'origin'],
	);
	assert.equal(records.length, total);
	assert.ok(result.warnings?.some(warning => warning.includes('pipeline expression')));
	assert.match(result.pages[0]!.url, /\/v1\/offset\/contacts\?source=wizard%20test&limit=50&offset=0$/);
});
