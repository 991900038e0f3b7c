// The preview details' body and masking helpers: a JSON text pretty-printed from its text (arrays cut with a count,
// long strings cut, a body cut short shown up to its cut), a cut body closed for "suggest from this response", and
// the masker's rule for headers and query parameters.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {closeCutJson, jsonLines} from '../source/components/json-lines.js';
import {createMasker} from '../source/connection-spec/masker.js';

const page = {items: Array.from({length: 4832}, (_, id) => ({id, name: `n${id}`})), next: 'https://api.example.com/items?page=2'};

test('a long array shows its first items and "… N more items"; the rest of the body still follows', () => {
	const {lines, json, truncated} = jsonLines(JSON.stringify(page));
	assert.equal(json, true);
	assert.equal(truncated, false);
	assert.deepEqual(lines.slice(0, 6), ['{', '  "items": [', '    {', '      "id": 0,', '      "name": "n0"', '    },']);
	const cut = lines.indexOf('    … 4,812 more items');
	assert.ok(cut > 0, lines.join('\n'));
	assert.equal(lines[cut - 1], '    },');
	assert.deepEqual(lines.slice(cut + 1), ['  ],', '  "next": "https://api.example.com/items?page=2"', '}']);
	assert.equal(lines.length, 2 + 20 * 4 + 4, 'only 20 items are printed');
});

test('long strings are cut with the number of characters left out; escapes are kept as written', () => {
	const {lines} = jsonLines(JSON.stringify({text: 'x'.repeat(250), quote: 'a "b" \\ c'}), {maxString: 14});
	assert.equal(lines[1], '  "text": "xxxxxxxxxxxxxx…" (236 more characters),');
	assert.equal(lines[2], '  "quote": "a \\"b\\" \\\\ c"');
});

test('a body cut short is printed up to the cut and says so; text that is not JSON comes back as its lines', () => {
	const text = JSON.stringify(page).slice(0, 120);
	const cut = jsonLines(text);
	assert.equal(cut.truncated, true);
	assert.equal(cut.lines.at(-1), '… (the body was cut here)');
	assert.equal(cut.lines[0], '{');
	const html = jsonLines('<!DOCTYPE html>\n<p>Sign in</p>');
	assert.deepEqual(html, {lines: ['<!DOCTYPE html>', '<p>Sign in</p>'], json: false, truncated: false});
	assert.equal(jsonLines('{"a": 1 "b": 2}').json, false, 'a syntax error is not JSON');
});

test('a cut JSON body is closed after its last complete member, so detection can read it', () => {
	const text = JSON.stringify(page);
	const closed = closeCutJson(text.slice(0, 200)) as {items: {id: number}[]};
	assert.ok(Array.isArray(closed.items) && closed.items.length > 3);
	assert.deepEqual(closed.items[0], {id: 0, name: 'n0'});
	assert.deepEqual(closeCutJson('{"a": [1, 2], "b": "x, ]", "c": {"d'), {a: [1, 2], b: 'x, ]', c: {}});
	assert.equal(closeCutJson('<html>'), undefined);
});

test('masker.param: credential-named headers and query parameters keep only their scheme; others only lose known secrets', () => {
	const masker = createMasker(['s3cr3t-value']);
	assert.equal(masker.param('Authorization', 'Bearer abc.def.ghi'), 'Bearer ***');
	assert.equal(masker.param('X-API-Key', 'k-123456'), '***');
	assert.equal(masker.param('api_key', 'k-123456'), '***');
	assert.equal(masker.param('Cookie', 'session=1'), '***');
	assert.equal(masker.param('page_token', 'abc123'), 'abc123', 'a paging token is not a credential');
	assert.equal(masker.param('status', 'open s3cr3t-value'), 'open ***');
	const body = masker.body('{"items": [{"password": "hunter22", "name": "a"}], "token": "cut-sho');
	assert.equal(body, '{"items": [{"password": "***", "name": "a"}], "token": "***');
});
