// Paging always ends (docs/pagination.md "Stop rules"), against a third-party API over real HTTP: every type stops
// on an empty page, on a repeated token or pointer, and at the request cap (PAGE's maximumRequest, else 10,000); a
// preview stops at its own page cap. The API's request log proves how many requests were made.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {previewSourceSpec, streamRecords, type EngineOptions, type EngineResult} from '../source/engine/index.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';

let api: ThirdPartyApi;
before(async () => {
	api = await startThirdPartyApi();
});
after(() => api.close());

type Spec = Record<string, any>;

function exportSpec(pagination: Record<string, unknown>, query: Record<string, string> = {}): Spec {
	const spec = ticketsSpec('cursor') as Spec;
	spec.sourceSpec.attributes.urlParams = {path: '/api/v2/search/export', method: 'GET', queryParams: {'page[size]': '3', ...query}};
	spec.sourceSpec.attributes.contentPath = {path: '$.results'};
	spec.sourceSpec.attributes.paginationParams = pagination;
	return spec;
}

const cursor = {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]'};

async function drain(spec: Spec, extra: Partial<EngineOptions> = {}): Promise<{records: number; result: EngineResult; requests: number}> {
	const before = api.log().length;
	const stream = streamRecords({spec, authParams: {host: api.url, accessToken: api.token}, sourceParams: {}, retries: 0, ...extra});
	let records = 0;
	for (;;) {
		const next = await stream.next();
		if (next.done) return {records, result: next.value, requests: api.log().length - before};
		records++;
	}
}

test('CONTINUATION_TOKEN: a null cursor ends the run; a fresh cursor on an empty page does too', async () => {
	const ends = await drain(ticketsSpec('cursor'));
	assert.equal(ends.records, api.tickets);
	assert.equal(ends.result.stop.code, 'no-token');
	assert.equal(ends.requests, 3);

	const never = await drain(exportSpec(cursor));
	assert.equal(never.records, api.tickets);
	assert.equal(never.result.stop.code, 'empty-page');
	assert.equal(never.requests, Math.ceil(api.tickets / 3) + 1, 'the pages, then one empty page');
});

test('POINTER: a next link on an empty page past the end ends the run on the empty page', async () => {
	const spec = ticketsSpec('links') as Spec;
	spec.sourceSpec.attributes.urlParams.queryParams = {always_next: '1'};
	const run = await drain(spec);
	assert.equal(run.records, api.tickets);
	assert.equal(run.result.stop.code, 'empty-page');
	assert.equal(run.requests, 4);
	const normal = await drain(ticketsSpec('links'));
	assert.equal(normal.result.stop.code, 'no-pointer');
});

test("records on every page: PAGE stops at the spec's maximumRequest, with the reason", async () => {
	const run = await drain(exportSpec({type: 'PAGE', limitName: 'page[size]', limitValue: 3, pageParamName: 'page', maximumRequest: 7}, {variant: 'endless'}));
	assert.equal(run.requests, 7);
	assert.equal(run.records, 21);
	assert.equal(run.result.stop.code, 'maximum-request');
	assert.match(run.result.stop.message, /Stopped after 7 requests \(maximumRequest\)/);
});

test('records on every page with a fresh cursor: CONTINUATION_TOKEN stops at the default cap of 10,000 requests', async () => {
	const run = await drain(exportSpec({...cursor}, {variant: 'endless', 'page[size]': '1'}));
	assert.equal(run.requests, 10_000);
	assert.equal(run.result.pageCount, 10_000);
	assert.equal(run.result.stop.code, 'maximum-request');
	assert.match(run.result.stop.message, /Stopped after 10000 requests \(maximumRequest, the default\)/);
});

test('a preview of the never-ending cursor stops at its own page cap', async () => {
	const before = api.log().length;
	const preview = await previewSourceSpec({
		spec: exportSpec(cursor, {variant: 'endless'}),
		authParams: {host: api.url, accessToken: api.token},
		sourceParams: {},
		maxPages: 3,
	});
	assert.equal(preview.error, undefined);
	assert.equal(preview.result?.stop.code, 'max-pages');
	assert.equal(preview.records.length, 9);
	assert.equal(api.log().length - before, 3);
});
