// Paste-safe import: JSON errors with line:column and a named problem; documented variants normalised with a
// warning at their path; placeholder and secret lookups.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {
	categories,
	declaredPlaceholders,
	findPlaceholders,
	getTemplate,
	ids,
	normaliseSpec,
	parseSpecText,
	resolveAuthSpec,
	secretPropertyNames,
	type ConnectionSpec,
} from '../source/connection-spec/index.js';

type Spec = Record<string, any>;
const reference = (): Spec => JSON.parse(readFileSync(new URL('./fixtures/spec/reference-3.8.json', import.meta.url), 'utf8'));

test('valid JSON parses, with or without a BOM', () => {
	assert.deepEqual(parseSpecText('{"a": [1, true, null]}'), {ok: true, value: {a: [1, true, null]}});
	assert.deepEqual(parseSpecText('\uFEFF{"a": 1}'), {ok: true, value: {a: 1}});
});

const broken: [string, string, number, number, RegExp][] = [
	['trailing comma in an object', '{\n  "name": "x",\n}', 2, 14, /Trailing comma/],
	['trailing comma in an array', '{"required": ["a", "b",]}', 1, 23, /Trailing comma/],
	['a // comment copied from the docs', '{\n  "name": "x", // the name\n  "type": "generic-rest"\n}', 2, 16, /Comments/],
	['a /* block */ comment', '/* spec */ {}', 1, 1, /Comments/],
	['single-quoted strings', "{'name': 'x'}", 1, 2, /double quotes/],
	['unquoted property names', '{name: "x"}', 1, 2, /must be quoted/],
	['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /comma is probably missing/],
	['a missing closing bracket', '{"a": [1, 2}', 1, 12, /array needs "\]"/],
	['an unclosed document', '{"a": {"b": 1}', 1, 15, /still open/],
	['a raw line break in a string', '{"a": "x\ny"}', 1, 9, /line break/],
	['an empty file', '', 1, 1, /empty/],
	['text after the document', '{} x', 1, 4, /after the end/],
	['a leading zero', '{"limitValue": 0100}', 1, 16, /leading zeros/],
];

for (const [label, text, line, column, message] of broken) {
	test(`invalid JSON is reported with line and column: ${label}`, () => {
		const result = parseSpecText(text);
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.deepEqual({line: result.line, column: result.column}, {line, column});
		assert.match(result.message, message);
	});
}

test('positions count from after a BOM', () => {
	const result = parseSpecText('\uFEFF{"a": 1,}');
	assert.ok(!result.ok && result.line === 1 && result.column === 8);
});

test('normaliseSpec rewrites each documented variant and warns at its path', () => {
	const spec = reference();
	const attributes = spec['sourceSpec'].attributes;
	spec['authSpec'][1].type = 'basicauthentication';
	attributes.urlParams = {
		hostname: 'https://{{DOMAIN}}.api.example.com',
		path: '/3.0/lists/${listId}/members',
		method: 'GET',
		queryParams: {since: '{{SINCE}}'},
	};
	attributes.contentPath = '$.members';
	attributes.explodeEntityPath = '$.member.tags';
	attributes.paginationParams = {type: 'offset', limitName: 'count', limitValue: '100', offsetName: 'offset'};
	attributes.scheduleParams = {type: 'advance', paramFormat: 'yyyy', incremental: 'a', backfill: 'b'};
	const {spec: out, findings} = normaliseSpec(spec) as {spec: Spec; findings: {path: string; severity: string}[]};
	assert.deepEqual(findings.map(item => item.path).sort(), [
		'authSpec[1].type',
		'sourceSpec.attributes.contentPath',
		'sourceSpec.attributes.explodeEntityPath',
		'sourceSpec.attributes.paginationParams.offsetName',
		'sourceSpec.attributes.paginationParams.type',
		'sourceSpec.attributes.scheduleParams.type',
		'sourceSpec.attributes.urlParams.host',
		'sourceSpec.attributes.urlParams.hostname',
		'sourceSpec.attributes.urlParams.queryParams.since',
	]);
	assert.ok(findings.every(item => item.severity === 'warning'));
	const fixed = out['sourceSpec'].attributes;
	assert.equal(out['authSpec'][1].type, 'BasicAuthentication');
	assert.deepEqual(Object.keys(fixed.urlParams), ['host', 'path', 'method', 'queryParams'], 'the renamed key keeps its place');
	assert.equal(fixed.urlParams.host, 'https://${DOMAIN}.api.example.com');
	assert.deepEqual(fixed.urlParams.queryParams, {since: '${SINCE}'});
	assert.deepEqual(fixed.contentPath, {path: '$.members'});
	assert.deepEqual(fixed.paginationParams, {type: 'OFFSET', limitName: 'count', limitValue: '100', offSetName: 'offset'});
	assert.equal(fixed.scheduleParams.type, 'ADVANCE');
	assert.equal(attributes.contentPath, '$.members', 'the input is not modified');
	assert.equal(out['exploreSpec'], spec['exploreSpec'], 'untouched branches are shared');
});

test('normaliseSpec leaves canonical specs and non-objects alone', () => {
	const spec = reference();
	const result = normaliseSpec(spec);
	assert.equal(result.spec, spec);
	assert.deepEqual(result.findings, []);
	assert.deepEqual(normaliseSpec(42), {spec: 42, findings: []});
});

test('findPlaceholders finds every ${name} with its span', () => {
	const text = 'https://${domain}.example.com/${ listId }/${}';
	assert.deepEqual(findPlaceholders(text), [
		{name: 'domain', start: 8, end: 17},
		{name: ' listId ', start: 30, end: 41},
		{name: '', start: 42, end: 45},
	]);
	assert.equal(text.slice(8, 17), '${domain}');
	assert.deepEqual(findPlaceholders('{SCHEDULE_QUERY} and {{X}}'), []);
});

test('declaredPlaceholders joins auth properties and user inputs', () => {
	assert.deepEqual([...declaredPlaceholders(reference())].sort(), ['accessToken', 'authorizationTestUrl', 'domain', 'listId', 'password', 'username']);
	assert.deepEqual([...declaredPlaceholders(null)], []);
});

test('secretPropertyNames finds format:password and secret-like names, per auth spec when named', () => {
	const demo = getTemplate('demo');
	assert.deepEqual([...secretPropertyNames(demo)].sort(), ['accessToken', 'authKey1', 'password']);
	assert.deepEqual([...secretPropertyNames(demo, 'Basic Authentication')], ['password']);
	const spec = reference();
	spec['sourceSpec'].spec.properties.apiToken = {type: 'string', format: 'password'};
	spec['authSpec'][1].spec.properties.clientSecret = {type: 'string'};
	assert.deepEqual([...secretPropertyNames(spec, 'Basic Authentication')].sort(), ['apiToken', 'clientSecret', 'password']);
	assert.deepEqual([...secretPropertyNames('junk')], []);
});

test('resolveAuthSpec matches the name, then the type case-insensitively', () => {
	const spec = getTemplate('demo') as ConnectionSpec;
	assert.equal(resolveAuthSpec(spec, 'Basic Authentication')?.type, 'BasicAuthentication');
	assert.equal(resolveAuthSpec(spec, 'oAuth2RefreshCode')?.name, 'OAuth2 Refresh Code');
	assert.equal(resolveAuthSpec(spec, 'OAuth 2 Refresh Code')?.type, 'OAuth2RefreshCode');
	assert.equal(resolveAuthSpec(spec, 'keybased')?.name, 'API Key Authentication');
	assert.equal(resolveAuthSpec(spec, 'Digest'), undefined);
});

test('fixed ids and the ten categories', () => {
	assert.deepEqual(ids, {
		restStorageToAep: '6499120c-0b15-42dc-936e-847ea3c24d72',
		dataLakeTargetSpec: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
		restProviderId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	});
	assert.equal(categories.length, 10);
	assert.ok(categories.some(item => item.key === 'marketingAutomation' && item.label === 'Marketing Automation'));
});
