// "Suggest from this response": contentPath and paginationParams detected from real-looking responses, each with
// its evidence. The samples are in test/fixtures/bootstrap/responses (one per paging style in docs/bootstrap.md).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {parseResponseSample, suggestFromResponse} from '../source/bootstrap/index.js';
import {joinedPattern} from './helpers/regex.js';

const sample = (name: string) => parseResponseSample(readFileSync(new URL(`./fixtures/bootstrap/responses/${name}`, import.meta.url), 'utf8'), name);

const cases: {file: string; query?: Record<string, string>; contentPath: string; pagination: Record<string, unknown>; evidence: RegExp}[] = [
	{
		file: 'zendesk-after-cursor.json',
		contentPath: '$.results',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]'},
		evidence: joinedPattern(
			/`\$\.meta\.after_cursor` in the response holds a cursor and `\$\.meta\.has_more` says whether more pages exist, /,
			/and `\$\.links\.next` sends it as `page\[after\]`/,
		),
	},
	{
		file: 'hubspot-paging-next-after.json',
		contentPath: '$.results',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.paging.next.after', parameterType: 'QUERYPARAM', parameterName: 'after'},
		evidence: /`\$\.paging\.next\.link` sends it as `after`/,
	},
	{
		file: 'stripe-has-more.json',
		query: {limit: '3'},
		contentPath: '$.data',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.data[-1].id', parameterType: 'QUERYPARAM', parameterName: 'starting_after'},
		evidence: /says whether more records exist but there is no cursor or offset, so the next page starts after the last record's id/,
	},
	{
		file: 'links-next.json',
		contentPath: '$.events',
		pagination: {type: 'POINTER', limitName: 'page_size', limitValue: 2, pointerPath: '$.links.next'},
		evidence: /`\$\.links\.next` in the response holds the next page's URL → POINTER; the next-page URL carries `page_size=2`/,
	},
	{
		file: 'next-page-url.json',
		contentPath: '$.items',
		pagination: {type: 'POINTER', limitName: 'per_page', limitValue: 2, pointerPath: '$.next_page'},
		evidence: /`\$\.next_page` in the response holds the next page's URL/,
	},
	{
		file: 'facebook-paging.json',
		contentPath: '$.data',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.paging.cursors.after', parameterType: 'QUERYPARAM', parameterName: 'after'},
		evidence: /POINTER with pointerPath \$\.paging\.next would work too/,
	},
	{
		file: 'pipedrive-start-limit.json',
		contentPath: '$.data',
		pagination: {
			type: 'OFFSET',
			limitName: 'limit',
			limitValue: 100,
			offSetName: 'start',
			endConditionName: '$.additional_data.pagination.more_items_in_collection',
			endConditionValue: 'Const:false',
		},
		evidence: joinedPattern(
			/`\$\.additional_data\.pagination\.start` in the response .* → OFFSET; /,
			/`\$\.additional_data\.pagination\.more_items_in_collection` is false on the last page/,
		),
	},
	{
		file: 'offset-limit-has-more.json',
		query: {limit: '2', offset: '0'},
		contentPath: '$.contacts',
		pagination: {type: 'OFFSET', limitName: 'limit', limitValue: 2, offSetName: 'offset', endConditionName: '$.hasMore', endConditionValue: 'Const:false'},
		evidence: /the request's `offset` parameter carries the offset and the request's `limit` parameter sets the page size → OFFSET/,
	},
	{
		file: 'x-total-pages.http',
		query: {page: '1', per_page: '2'},
		contentPath: '$',
		pagination: {type: 'PAGE', limitName: 'per_page', limitValue: 2, pageParamName: 'page', initialPageIndex: 1, endPageIndex: 'headers.x-total-pages'},
		evidence: /the `x-total-pages` header holds the page count → PAGE from page 1/,
	},
	{
		file: 'total-pages-body.json',
		contentPath: '$.orders',
		pagination: {type: 'PAGE', limitName: 'limit', limitValue: 100, pageParamName: 'page', initialPageIndex: 1},
		evidence: joinedPattern(
			/`\$\.total_pages` holds the page count \(endPageIndex cannot read the body, so paging stops at the first empty page\) /,
			/→ PAGE from page 1; no page-size parameter was seen, so `limit` is assumed/,
		),
	},
];

for (const entry of cases) {
	test(`detects ${entry.pagination['type']} from ${entry.file}`, () => {
		const response = sample(entry.file);
		const suggestion = suggestFromResponse({...response, query: entry.query ?? {}});
		assert.equal(suggestion.contentPath?.value, entry.contentPath);
		assert.deepEqual(suggestion.pagination.value, entry.pagination);
		assert.match(suggestion.pagination.evidence, entry.evidence);
		assert.match(suggestion.contentPath?.evidence ?? '', /array of objects/);
	});
}

test('a single object has no records array, and no paging', () => {
	const suggestion = suggestFromResponse(sample('single-object.json'));
	assert.equal(suggestion.contentPath, undefined);
	assert.deepEqual(suggestion.pagination.value, {type: 'NONE'});
	assert.match(suggestion.pagination.evidence, /no next-page URL, cursor, page count or offset was found in the response → NONE/);
});

test('the largest array of objects wins over a smaller one and over arrays of scalars', () => {
	const body = {
		tags: ['a', 'b', 'c', 'd', 'e'],
		owners: [{id: 1}],
		page: {
			records: [
				{id: 1, a: 1},
				{id: 2, a: 2},
				{id: 3, a: 3},
			],
		},
	};
	const suggestion = suggestFromResponse({body});
	assert.equal(suggestion.contentPath?.value, '$.page.records');
	assert.match(
		suggestion.contentPath?.evidence ?? '',
		/\$\.page\.records is the largest array of objects in the response \(3 elements of 2 fields\) \(also seen: \$\.owners\)/,
	);
});

test('has_more alone with no way to ask for the next page says so instead of guessing', () => {
	const suggestion = suggestFromResponse({body: {has_more: true, rows: ['x', 'y']}});
	assert.deepEqual(suggestion.pagination.value, {type: 'NONE'});
	assert.match(suggestion.pagination.evidence, /`\$\.has_more` says more records exist, but no cursor, next-page URL, page or offset/);
});

test('a response that is not JSON is refused with a sentence', () => {
	assert.throws(() => parseResponseSample('<html>oops</html>', 'page.html'), /page\.html is not a JSON body/);
});

test('applySuggestion: a copy of the spec with the records path and paging set; paging query parameters leave the request', async () => {
	const {applySuggestion, queryOfSpec} = await import('../source/bootstrap/index.js');
	const {getTemplate} = await import('../source/connection-spec/index.js');
	const spec = getTemplate('blank') as unknown as Record<string, unknown>;
	const attributes = (spec['sourceSpec'] as {attributes: Record<string, unknown>}).attributes;
	attributes['urlParams'] = {path: '/v1/items', method: 'GET', queryParams: {limit: '2', offset: '0', status: 'open'}};
	const before = structuredClone(spec);
	const suggestion = suggestFromResponse({...sample('offset-limit-has-more.json'), query: queryOfSpec(spec)});
	const next = applySuggestion(spec, suggestion);
	assert.deepEqual(spec, before, 'the spec handed in is not mutated');
	const applied = (next['sourceSpec'] as {attributes: Record<string, unknown>}).attributes;
	assert.deepEqual(applied['contentPath'], {path: '$.contacts'});
	assert.deepEqual(applied['paginationParams'], {
		type: 'OFFSET',
		limitName: 'limit',
		limitValue: 2,
		offSetName: 'offset',
		endConditionName: '$.hasMore',
		endConditionValue: 'Const:false',
	});
	assert.deepEqual(applied['urlParams'], {path: '/v1/items', method: 'GET', queryParams: {status: 'open'}});
});

test('no response at all: paging is "not detected", flagged so each surface can say how to give a sample', () => {
	const suggestion = suggestFromResponse({body: undefined, headers: {}, query: {}});
	assert.deepEqual(suggestion.pagination.value, {type: 'NONE'});
	assert.equal(suggestion.pagination.needsResponse, true);
	assert.match(suggestion.pagination.evidence, /^not detected: no sample response was given → NONE \(one request\) for now\.$/);
	// A response that has no paging is a different sentence, and needs nothing more.
	const single = suggestFromResponse(sample('single-object.json'));
	assert.equal(single.pagination.needsResponse, undefined);
});
