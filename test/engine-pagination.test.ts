import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {previewSourceSpec, streamRecords, type EngineOptions} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';

let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: 237});
});
after(() => demo.close());

const all = Number.POSITIVE_INFINITY;

function options(spec: Record<string, unknown>, extra: Partial<EngineOptions> = {}): EngineOptions {
	return {spec, authParams: demoAuthParams(demo.url), sourceParams: {}, maxPages: all, ...extra};
}

function pagination(params: Record<string, unknown>, path: string, contentPath: string): Record<string, unknown> {
	return demoConnectionSpec({overrides: {urlParams: {path, method: 'GET'}, contentPath: {path: contentPath}, paginationParams: params}});
}

async function run(spec: Record<string, unknown>, extra: Partial<EngineOptions> = {}) {
	const {records, result, error} = await previewSourceSpec(options(spec, extra));
	assert.equal(error, undefined, error?.message);
	assert.ok(result);
	return {records, result};
}

function assertAllIds(records: Record<string, unknown>[], count: number): void {
	assert.equal(records.length, count);
	assert.equal(new Set(records.map(record => record.id)).size, count, 'no record twice');
	assert.equal(records[0]?.id, 'c-000001');
	assert.equal(records.at(-1)?.id, `c-${String(count).padStart(6, '0')}`);
}

test('OFFSET: 237 records with limit 50 stop on the end condition after 5 pages', async () => {
	const {records, result} = await run(demoConnectionSpec({pagination: 'OFFSET', limit: 50}));
	assertAllIds(records, 237);
	assert.equal(result.records, 237);
	assert.deepEqual(
		result.pages.map(page => page.records),
		[50, 50, 50, 50, 37],
	);
	assert.equal(result.stop.code, 'end-condition');
	assert.match(result.pages[1]!.url, /limit=50&offset=50$/);
});

test('OFFSET without an end condition stops on a short page, and on an empty page when the total divides evenly', async () => {
	const short = await run(pagination({type: 'offset', limitName: 'limit', limitValue: '50', offSetName: 'offset'}, '/v1/offset/contacts', '$.contacts'));
	assert.equal(short.records.length, 237);
	assert.equal(short.result.stop.code, 'short-page');
	const even = await run(pagination({type: 'OFFSET', limitName: 'limit', limitValue: 79, offSetName: 'offset'}, '/v1/offset/contacts', '$.contacts'));
	assert.equal(even.records.length, 237);
	assert.deepEqual(
		even.result.pages.map(page => page.records),
		[79, 79, 79, 0],
	);
	assert.equal(even.result.stop.code, 'empty-page');
});

test('POINTER follows relative next links, with or without "$."', async () => {
	for (const pointerPath of ['paging.next', '$.paging.next']) {
		const spec = pagination({type: 'POINTER', limitName: 'limit', limitValue: '40', pointerPath}, '/v1/pointer/contacts', '$.contacts');
		const {records, result} = await run(spec);
		assertAllIds(records, 237);
		assert.equal(result.pages.length, 6);
		assert.equal(result.stop.code, 'no-pointer');
		assert.match(result.pages[1]!.url, /^http:\/\/127\.0\.0\.1:\d+\/v1\/pointer\/contacts\?limit=40&after=40$/);
	}
});

test('CONTINUATION_TOKEN as a query param stops when the token is null', async () => {
	const {records, result} = await run(demoConnectionSpec({pagination: 'CONTINUATION_TOKEN', limit: 100}));
	assertAllIds(records, 237);
	assert.equal(result.pages.length, 3);
	assert.equal(result.stop.code, 'no-token');
	assert.match(result.pages[1]!.url, /page%5Bafter%5D=/);
});

test('CONTINUATION_TOKEN as a header, with delayRequestMillis between requests', async () => {
	const spec = pagination(
		{
			type: 'CONTINUATION_TOKEN',
			continuationTokenPath: '$.meta.after_cursor',
			parameterType: 'HEADERPARAM',
			parameterName: 'X-Continuation',
			delayRequestMillis: '5',
		},
		'/v1/token/contacts?limit=60',
		'$.results',
	);
	const {records, result} = await run(spec);
	assertAllIds(records, 237);
	assert.equal(result.pages.length, 4);
	assert.ok(
		result.pages.every(page => !page.url.includes('after')),
		'the token is not in the URL',
	);
	// The pause is taken before every request but the first.
	assert.deepEqual(
		result.pages.map(page => page.delayMs),
		[undefined, 5, 5, 5],
	);
	const tokens = demo
		.recentRequests()
		.slice(-4)
		.map(request => request.headers['x-continuation']);
	assert.equal(tokens[0], undefined);
	assert.ok(tokens.slice(1).every(token => typeof token === 'string' && token.length > 0));
});

test('PAGE reads the last page from the x-pagecount header', async () => {
	const {records, result} = await run(demoConnectionSpec({pagination: 'PAGE', limit: 50}));
	assertAllIds(records, 237);
	assert.deepEqual(
		result.pages.map(page => page.url.replace(/.*pageNumber=/, '')),
		['1', '2', '3', '4', '5'],
	);
	assert.equal(result.stop.code, 'end-page-index');
});

test('PAGE with a numeric endPageIndex, with maximumRequest, and with neither (empty page)', async () => {
	const base = {type: 'PAGE', limitName: 'pageSize', limitValue: '50', pageParamName: 'pageNumber', initialPageIndex: '1'};
	const fixed = await run(pagination({...base, endPageIndex: '2'}, '/v1/page/contacts', '$.items'));
	assert.equal(fixed.records.length, 100);
	assert.equal(fixed.result.stop.code, 'end-page-index');
	const capped = await run(pagination({...base, maximumRequest: 3}, '/v1/page/contacts', '$.items'));
	assert.equal(capped.records.length, 150);
	assert.equal(capped.result.stop.code, 'maximum-request');
	const open = await run(pagination(base, '/v1/page/contacts', '$.items'));
	assert.equal(open.records.length, 237);
	assert.equal(open.result.pages.length, 6);
	assert.equal(open.result.stop.code, 'empty-page');
});

test('NONE makes one request', async () => {
	const {records, result} = await run(demoConnectionSpec({pagination: 'NONE'}));
	assertAllIds(records, 237);
	assert.equal(result.pages.length, 1);
	assert.equal(result.stop.code, 'single-request');
});

test('maxPages and maxRecords are stop reasons; a preview reads one page by default', async () => {
	const preview = await previewSourceSpec({
		spec: demoConnectionSpec({pagination: 'OFFSET', limit: 50}),
		authParams: demoAuthParams(demo.url),
		sourceParams: {},
	});
	assert.equal(preview.records.length, 50);
	assert.equal(preview.result?.stop.code, 'max-pages');
	const pages = await run(demoConnectionSpec({pagination: 'POINTER', limit: 30}), {maxPages: 2});
	assert.equal(pages.records.length, 60);
	assert.equal(pages.result.stop.code, 'max-pages');
	const records = await run(demoConnectionSpec({pagination: 'OFFSET', limit: 50}), {maxRecords: 75});
	assert.equal(records.records.length, 75);
	assert.deepEqual(
		records.result.pages.map(page => page.records),
		[50, 25],
	);
	assert.equal(records.result.stop.code, 'max-records');
	// A cap that coincides with the natural end reports the natural end.
	const exact = await run(demoConnectionSpec({pagination: 'OFFSET', limit: 50}), {maxRecords: 237});
	assert.equal(exact.result.stop.code, 'end-condition');
});

test('a continuation token that repeats stops instead of looping', async () => {
	// `$.total` never changes, so the second page hands back the token already used.
	const loop = pagination(
		{type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.total', parameterType: 'QUERYPARAM', parameterName: 'ignored'},
		'/v1/offset/contacts?limit=10',
		'$.contacts',
	);
	const looped = await run(loop);
	assert.equal(looped.result.stop.code, 'repeated-token');
	assert.match(looped.result.stop.message, /repeated/);
	assert.equal(looped.result.pages.length, 2);
});

test('the generator streams: records arrive before the run ends, and onPage reports each page', async () => {
	const seen: number[] = [];
	const stream = streamRecords(options(demoConnectionSpec({pagination: 'OFFSET', limit: 100}), {onPage: page => seen.push(page.records)}));
	const first = await stream.next();
	assert.equal(first.done, false);
	assert.deepEqual(seen, [], 'no page finished before its first record was handed over');
	let count = 1;
	let next = await stream.next();
	while (!next.done) {
		count++;
		next = await stream.next();
	}
	assert.equal(count, 237);
	assert.deepEqual(seen, [100, 100, 37]);
	assert.equal(next.value.pageCount, 3);
});

test('an abort signal ends the run with the "aborted" stop reason', async () => {
	const controller = new AbortController();
	const stream = streamRecords(options(demoConnectionSpec({pagination: 'OFFSET', limit: 50}), {signal: controller.signal}));
	await stream.next();
	controller.abort();
	let next = await stream.next();
	while (!next.done) next = await stream.next();
	assert.equal(next.value.stop.code, 'aborted');
	assert.equal(next.value.records, 1);
});
