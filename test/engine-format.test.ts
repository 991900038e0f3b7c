import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatDate, inferSchema, jsonPath, scheduleWindowPreview, substitutePlaceholders} from '../source/engine/index.js';
import {substituteBareBraces} from '../source/engine/placeholders.js';
import {findBareBraces, findPlaceholders} from '../source/connection-spec/placeholders.js';

const date = new Date('2024-01-31T08:15:00Z');

test('formatDate renders each documented pattern', () => {
	assert.equal(formatDate('yyyy-MM-ddTHH:mm:ss:fffffffK', date), '2024-01-31T08:15:00:0000000Z');
	assert.equal(formatDate('yyyy-MM-ddTHH:mm:ssZ', date), '2024-01-31T08:15:00Z');
	assert.equal(formatDate('yyyy-MM-ddTHH:mm:ssK', date), '2024-01-31T08:15:00Z');
	assert.equal(formatDate('yyyy-MM-dd', date), '2024-01-31');
	assert.equal(formatDate('yyyy-MM-ddTHH:mm:ss.fffK', new Date('2024-03-05T17:04:09.123Z')), '2024-03-05T17:04:09.123Z');
	assert.equal(formatDate('yyyy-MM-ddTHH:mm:ss.fffffffzzz', new Date('2024-03-05T17:04:09.120Z')), '2024-03-05T17:04:09.1200000+00:00');
	assert.equal(formatDate("dd/MM/yy 'at' h:mm tt", new Date('2024-03-05T17:04:09Z')), '05/03/24 at 5:04 PM');
});

test('jsonPath reads the path forms the docs use', () => {
	const value = {paging: {next: '/n'}, items: [{name: 'a'}, {name: 'b'}], 'odd key': 1};
	assert.equal(jsonPath(value, '$.paging.next'), '/n');
	assert.equal(jsonPath(value, 'paging.next'), '/n');
	assert.equal(jsonPath(value, '$.items[1].name'), 'b');
	assert.equal(jsonPath(value, "$['odd key']"), 1);
	assert.equal(jsonPath(value, '$["paging"]["next"]'), '/n');
	assert.deepEqual(jsonPath(value, '$'), value);
	assert.equal(jsonPath(value, '$.missing.deeper'), undefined);
	assert.deepEqual(jsonPath(value, '$.items[*]'), {name: 'a'}, 'a wildcard reads its first match');
	assert.equal(jsonPath(value, '$.items[-1].name'), 'b');
	assert.equal(jsonPath(value, '$.items[?(@.name)]'), undefined, 'unsupported selectors (filters) read as missing');
	assert.equal(jsonPath(value, '$.constructor'), undefined, 'only own keys are read');
});

test('substitutePlaceholders fills ${name} and lists what is missing', () => {
	assert.deepEqual(substitutePlaceholders('/3.0/lists/${listId}/members', {listId: 'abc'}), {text: '/3.0/lists/abc/members', missing: []});
	assert.deepEqual(substitutePlaceholders('https://${domain}.api/${a}/${a}', {domain: 7}), {text: 'https://7.api/${a}/${a}', missing: ['a']});
	assert.deepEqual(substitutePlaceholders('{SCHEDULE_QUERY} {domain}', {domain: 'x'}), {text: '{SCHEDULE_QUERY} {domain}', missing: []});
});

test('scheduleWindowPreview shows what each window would send', () => {
	const windows = [{start: new Date('2024-01-31T08:15:00Z'), end: new Date('2024-01-31T09:15:00Z')}];
	assert.deepEqual(
		scheduleWindowPreview({scheduleStartParamName: 'since', scheduleEndParamName: 'before', scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ss:fffffffK'}, windows),
		[
			[
				{name: 'since', value: '2024-01-31T08:15:00:0000000Z'},
				{name: 'before', value: '2024-01-31T09:15:00Z'},
			],
		],
	);
	const advance = {
		type: 'ADVANCE',
		paramFormat: 'yyyy-MM-ddTHH:mm:ssK',
		incremental: 'updated > {START_TIME} updated < {END_TIME}',
		backfill: 'updated < {END_TIME}',
	};
	assert.deepEqual(scheduleWindowPreview(advance, windows), [
		[
			{name: '{SCHEDULE_QUERY} (incremental)', value: 'updated > 2024-01-31T08:15:00Z updated < 2024-01-31T09:15:00Z'},
			{name: '{SCHEDULE_QUERY} (backfill)', value: 'updated < 2024-01-31T09:15:00Z'},
		],
	]);
	assert.deepEqual(scheduleWindowPreview({}, windows), [[]], 'a half-typed form previews nothing rather than failing');
});

test('inferSchema gives the explore preview shape with integer bounds', () => {
	const schema = inferSchema([
		{id: 'a', rating: 2, price: 1, merge_fields: {FNAME: 'A'}, tags: [{name: 'x'}], note: null},
		{id: 'b', rating: 3, price: 1.5, merge_fields: {FNAME: 'B', LNAME: 'C'}, tags: [], active: true},
	]);
	assert.deepEqual(schema, {
		type: 'object',
		properties: {
			id: {type: 'string'},
			rating: {type: 'integer', minimum: -9007199254740992, maximum: 9007199254740991},
			price: {type: 'number'},
			merge_fields: {type: 'object', properties: {FNAME: {type: 'string'}, LNAME: {type: 'string'}}},
			tags: {type: 'array', items: {type: 'object', properties: {name: {type: 'string'}}}},
			note: {type: 'string'},
			active: {type: 'boolean'},
		},
	});
	assert.deepEqual(inferSchema([]), {type: 'object', properties: {}});
});

test('the engine fills exactly the placeholders the model finds: {{name}} is not a bare {name}, ${ name } is not ${name}', () => {
	const texts = ['https://{region}.api.example.com', 'https://{{region}}.example.com', 'x{a}{b}', '${a}/{b}', '@{a}', '{SCHEDULE_QUERY}', '${ a }', '${a}${a}'];
	for (const text of texts) {
		const bare = findBareBraces(text);
		const every = Object.fromEntries(
			[...bare, ...findPlaceholders(text).map(each => each.name), 'a', 'b', 'region', 'SCHEDULE_QUERY'].map(name => [name, 'V']),
		);
		assert.deepEqual(substituteBareBraces(text, every).used, bare, `bare braces in ${text}`);
		const named = [...new Set(findPlaceholders(text).map(each => each.name))];
		assert.deepEqual(substitutePlaceholders(text, {}).missing, named, `\${…} in ${text}`);
	}
	assert.deepEqual(substituteBareBraces('https://{{region}}.example.com', {region: 'eu'}), {text: 'https://{{region}}.example.com', used: []});
	assert.deepEqual(substituteBareBraces('https://{region}.example.com/{b}', {region: 'eu'}), {text: 'https://eu.example.com/{b}', used: ['region']});
});
