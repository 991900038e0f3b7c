// "Suggest from this response" in the live preview changes a spec only where the response shows it is wrong or
// incomplete: a working spec keeps its own names and delays; a JSONPath that finds nothing in the response is fixed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {suggestFromResponse, suggestionForSpec} from '../source/bootstrap/index.js';

type Json = Record<string, any>;
const specWith = (paginationParams: Json, queryParams: Record<string, string> = {}): Json => ({
	sourceSpec: {
		attributes: {urlParams: {host: 'https://api.example.test', path: '/items', method: 'GET', queryParams}, contentPath: {path: '$.results'}, paginationParams},
	},
});

test('same type: the spec’s parameter name and delay stay (the suggestion only assumed "cursor"); its query stays too', () => {
	const spec = specWith(
		{
			type: 'CONTINUATION_TOKEN',
			continuationTokenPath: '$.meta.after_cursor',
			parameterType: 'QUERYPARAMETER',
			parameterName: 'page[after]',
			delayRequestMillis: 850,
		},
		{'page[size]': '3'},
	);
	const body = {results: [{id: 1}, {id: 2}, {id: 3}], meta: {after_cursor: 'cur-1', has_more: true}};
	const suggestion = suggestFromResponse({body, query: {'page[size]': '3'}});
	assert.equal(suggestion.pagination.value.type, 'CONTINUATION_TOKEN');
	const {spec: changed, pagination, droppedQuery} = suggestionForSpec(spec, suggestion, body);
	assert.equal(pagination['parameterName'], 'page[after]');
	assert.equal(pagination['delayRequestMillis'], 850);
	assert.equal(pagination['continuationTokenPath'], '$.meta.after_cursor');
	assert.deepEqual(droppedQuery, []);
	assert.deepEqual((changed as Json)['sourceSpec'].attributes.urlParams.queryParams, {'page[size]': '3'});
	assert.equal(spec['sourceSpec'].attributes.paginationParams.parameterName, 'page[after]', 'the given spec is not changed');
});

test('same type: a pointer path that finds nothing in the response is replaced by the one that does; the page size stays', () => {
	const spec = specWith({type: 'POINTER', limitName: 'page_size', limitValue: 25, pointerPath: '$.links.next'});
	const body = {results: [{id: 1}, {id: 2}], paging: {next: 'https://api.example.test/items?page_size=25&after=abc'}};
	const {pagination} = suggestionForSpec(spec, suggestFromResponse({body, query: {page_size: '25'}}), body);
	assert.equal(pagination['pointerPath'], '$.paging.next');
	assert.equal(pagination['limitName'], 'page_size');
	assert.equal(pagination['limitValue'], 25);
});

test('another type: the suggestion’s, with the query parameters it sends itself dropped and named', () => {
	const spec = specWith({type: 'NONE'}, {limit: '2', offset: '0', status: 'open'});
	const body = {results: [{id: 1}, {id: 2}], hasMore: true};
	const suggestion = suggestFromResponse({body, query: {limit: '2', offset: '0', status: 'open'}});
	const {spec: changed, pagination, droppedQuery} = suggestionForSpec(spec, suggestion, body);
	assert.equal(pagination['type'], 'OFFSET');
	assert.deepEqual(droppedQuery.sort(), ['limit', 'offset']);
	assert.deepEqual((changed as Json)['sourceSpec'].attributes.urlParams.queryParams, {status: 'open'});
});
