// Table-driven broken variants: each names the exact path, severity and 3.9 rule of the finding it must produce.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {getTemplate, validateSpec, type Severity} from '../source/spec/index.js';
import {authExamples} from './fixtures/spec/reference-examples.js';

type Spec = Record<string, any>;
const reference = (): Spec => JSON.parse(readFileSync(new URL('./fixtures/spec/reference-3.8.json', import.meta.url), 'utf8'));
const demo = (): Spec => getTemplate('demo') as Spec;
const attrs = (spec: Spec): Spec => spec['sourceSpec'].attributes;

/** `change` edits a copy of the base spec; `document` replaces the whole input instead. */
type Case = {name: string; base?: () => Spec; change: (spec: Spec) => unknown; document?: unknown; path: string; severity: Severity; rule: string};

const cases: Case[] = [
	{name: 'empty name', change: s => (s['name'] = ''), path: 'name', severity: 'error', rule: '3.9#1'},
	{name: 'providerId missing', change: s => delete s['providerId'], path: 'providerId', severity: 'error', rule: '3.9#2'},
	{
		name: 'providerId of another provider',
		change: s => (s['providerId'] = '521eee4d-8cbe-4906-bb48-fb6bd4450033'),
		path: 'providerId',
		severity: 'warning',
		rule: '3.9#2',
	},
	{name: 'type not generic-rest', change: s => (s['type'] = 'generic-streaming'), path: 'type', severity: 'warning', rule: '3.9#3'},
	{name: 'version as a number', change: s => (s['version'] = 1), path: 'version', severity: 'warning', rule: '3.9#4'},
	{name: 'attributes not an object', change: s => (s['attributes'] = 'uiAttributes'), path: 'attributes', severity: 'error', rule: '3.9#5'},
	{name: 'attributes missing', change: s => delete s['attributes'], path: 'attributes', severity: 'warning', rule: '3.9#5'},
	{name: 'no auth spec', change: s => (s['authSpec'] = []), path: 'authSpec', severity: 'error', rule: '3.9#6'},
	{name: 'auth spec without a name', change: s => (s['authSpec'][0].name = ' '), path: 'authSpec[0].name', severity: 'error', rule: '3.9#7'},
	{
		name: 'duplicate auth spec names',
		change: s => (s['authSpec'][1].name = 'OAuth2 Refresh Code'),
		path: 'authSpec[1].name',
		severity: 'warning',
		rule: '3.9#7',
	},
	{name: 'unknown auth type', change: s => (s['authSpec'][0].type = 'OAuth2'), path: 'authSpec[0].type', severity: 'error', rule: '3.9#8'},
	{
		name: 'auth spec schema of type array',
		change: s => (s['authSpec'][0].spec.type = 'array'),
		path: 'authSpec[0].spec.type',
		severity: 'error',
		rule: '3.9#9',
	},
	{
		name: 'auth spec required not an array',
		change: s => (s['authSpec'][1].spec.required = 'username'),
		path: 'authSpec[1].spec.required',
		severity: 'error',
		rule: '3.9#9',
	},
	{
		name: 'required name not declared',
		change: s => s['authSpec'][1].spec.required.push('token'),
		path: 'authSpec[1].spec.required[3]',
		severity: 'warning',
		rule: '3.9#10',
	},
	{
		name: 'OAuth without accessToken property',
		change: s => delete s['authSpec'][0].spec.properties.accessToken,
		path: 'authSpec[0].spec.properties.accessToken',
		severity: 'error',
		rule: '3.9#11',
	},
	{
		name: 'OAuth accessToken not required',
		change: s => (s['authSpec'][0].spec.required = ['domain']),
		path: 'authSpec[0].spec.required',
		severity: 'error',
		rule: '3.9#11',
	},
	{
		name: 'basic auth without password',
		change: s => delete s['authSpec'][1].spec.properties.password,
		path: 'authSpec[1].spec.properties.password',
		severity: 'error',
		rule: '3.9#12',
	},
	{
		name: 'basic auth username not required',
		change: s => (s['authSpec'][1].spec.required = ['domain', 'password']),
		path: 'authSpec[1].spec.required',
		severity: 'error',
		rule: '3.9#12',
	},
	{
		name: 'API key auth without authKey1 in required',
		base: demo,
		change: s => (s['authSpec'][2].spec.required = ['host']),
		path: 'authSpec[2].spec.required',
		severity: 'error',
		rule: '3.9#13',
	},
	{
		name: 'headerParamName with a space',
		base: demo,
		change: s => (s['authSpec'][2].spec.properties.authKey1.restAttributes.headerParamName = 'X Api Key'),
		path: 'authSpec[2].spec.properties.authKey1.restAttributes.headerParamName',
		severity: 'error',
		rule: 'header-name',
	},
	{
		name: 'headerParams key that is a whole header line',
		change: s => (attrs(s).headerParams = {'Accept: application/json': 'x'}),
		path: 'sourceSpec.attributes.headerParams["Accept: application/json"]',
		severity: 'error',
		rule: 'header-name',
	},
	{
		name: 'HEADERPARAM token under a query-style name',
		change: s =>
			(attrs(s).paginationParams = {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.next', parameterType: 'HEADERPARAM', parameterName: 'page[after]'}),
		path: 'sourceSpec.attributes.paginationParams.parameterName',
		severity: 'error',
		rule: 'header-name',
	},
	{
		name: 'contentPath the engine cannot read',
		change: s => (attrs(s).contentPath = {path: '$.members[?(@.id)]'}),
		path: 'sourceSpec.attributes.contentPath.path',
		severity: 'error',
		rule: 'jsonpath-syntax',
	},
	{
		name: 'explodeEntityPath with a wildcard',
		change: s => (attrs(s).explodeEntityPath = {path: '$.tags[*]'}),
		path: 'sourceSpec.attributes.explodeEntityPath.path',
		severity: 'error',
		rule: 'jsonpath-definite',
	},
	{
		name: 'endPageIndex from the response body',
		change: s => (attrs(s).paginationParams = {type: 'PAGE', limitName: 'pageSize', limitValue: 10, pageParamName: 'page', endPageIndex: '$.total'}),
		path: 'sourceSpec.attributes.paginationParams.endPageIndex',
		severity: 'error',
		rule: '3.9#34',
	},
	{
		name: 'empty headerParamName',
		base: demo,
		change: s => (s['authSpec'][2].spec.properties.authKey1.restAttributes.headerParamName = ''),
		path: 'authSpec[2].spec.properties.authKey1.restAttributes.headerParamName',
		severity: 'error',
		rule: '3.9#13',
	},
	{
		name: 'password without format password',
		change: s => delete s['authSpec'][1].spec.properties.password.format,
		path: 'authSpec[1].spec.properties.password.format',
		severity: 'warning',
		rule: '3.9#14',
	},
	{
		name: 'token request method PUT',
		change: s => {
			s['authSpec'] = [structuredClone(authExamples[0])];
			s['authSpec'][0].spec.properties.requestParameterOverride.properties.authenticationMethod.enum = ['GET', 'PUT'];
		},
		path: 'authSpec[0].spec.properties.requestParameterOverride.properties.authenticationMethod.enum[1]',
		severity: 'error',
		rule: '3.9#15',
	},
	{
		name: 'isSource as a string',
		change: s => (attrs(s).uiAttributes.isSource = 'true'),
		path: 'sourceSpec.attributes.uiAttributes.isSource',
		severity: 'error',
		rule: '3.9#16',
	},
	{
		name: 'label with both key and text',
		change: s => (attrs(s).uiAttributes.label = {key: 'acmeLabel', text: 'Acme'}),
		path: 'sourceSpec.attributes.uiAttributes.label',
		severity: 'error',
		rule: '3.9#16',
	},
	{name: 'icon missing', change: s => delete attrs(s).uiAttributes.icon, path: 'sourceSpec.attributes.uiAttributes.icon', severity: 'error', rule: '3.9#16'},
	{
		name: 'unknown category key',
		change: s => (attrs(s).uiAttributes.category = {key: 'marketing automation'}),
		path: 'sourceSpec.attributes.uiAttributes.category.key',
		severity: 'warning',
		rule: '3.9#17',
	},
	{
		name: 'category as a bare string',
		change: s => (attrs(s).uiAttributes.category = 'crm'),
		path: 'sourceSpec.attributes.uiAttributes.category',
		severity: 'warning',
		rule: '3.9#17',
	},
	{name: 'urlParams missing', change: s => delete attrs(s).urlParams, path: 'sourceSpec.attributes.urlParams', severity: 'error', rule: '3.9#18'},
	{name: 'empty path', change: s => (attrs(s).urlParams.path = ''), path: 'sourceSpec.attributes.urlParams.path', severity: 'error', rule: '3.9#19'},
	{
		name: 'lower-case method',
		change: s => (attrs(s).urlParams.method = 'get'),
		path: 'sourceSpec.attributes.urlParams.method',
		severity: 'error',
		rule: '3.9#20',
	},
	{
		name: 'host without scheme',
		change: s => (attrs(s).urlParams.host = '${domain}.api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'warning',
		rule: '3.9#21',
	},
	// An error since the one model: the engine has no base URL for such a spec (docs/connection-spec-model.md#request).
	{name: 'no host anywhere', change: s => delete attrs(s).urlParams.host, path: 'sourceSpec.attributes.urlParams.host', severity: 'error', rule: '3.9#21'},
	{
		name: 'host without scheme or placeholder',
		change: s => (attrs(s).urlParams.host = 'api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'error',
		rule: '3.9#21',
	},
	{
		name: 'numeric query value',
		change: s => (attrs(s).urlParams.queryParams = {count: 10}),
		path: 'sourceSpec.attributes.urlParams.queryParams.count',
		severity: 'error',
		rule: '3.9#22',
	},
	{
		name: 'query key with brackets',
		change: s => (attrs(s).urlParams.queryParams = {'filter[type]': 5}),
		path: 'sourceSpec.attributes.urlParams.queryParams["filter[type]"]',
		severity: 'error',
		rule: '3.9#22',
	},
	{
		name: 'beta comma-separated headerParams',
		change: s => (attrs(s).headerParams = 'Accept: application/json'),
		path: 'sourceSpec.attributes.headerParams',
		severity: 'error',
		rule: '3.9#23',
	},
	{
		name: 'bodyParams with GET',
		change: s => (attrs(s).bodyParams = {query: 'x'}),
		path: 'sourceSpec.attributes.bodyParams',
		severity: 'warning',
		rule: '3.9#24',
	},
	{name: 'contentPath missing', change: s => delete attrs(s).contentPath, path: 'sourceSpec.attributes.contentPath', severity: 'error', rule: '3.9#25'},
	{
		name: 'contentPath without $',
		change: s => (attrs(s).contentPath.path = 'members'),
		path: 'sourceSpec.attributes.contentPath.path',
		severity: 'warning',
		rule: '3.9#26',
	},
	{
		name: 'skipAttributes with a number',
		change: s => (attrs(s).contentPath.skipAttributes = ['_links', 3]),
		path: 'sourceSpec.attributes.contentPath.skipAttributes[1]',
		severity: 'error',
		rule: '3.9#27',
	},
	{
		name: 'explodeEntityPath without path',
		change: s => (attrs(s).explodeEntityPath = {overrideWrapperAttribute: 'activity'}),
		path: 'sourceSpec.attributes.explodeEntityPath.path',
		severity: 'error',
		rule: '3.9#28',
	},
	{
		name: 'unknown pagination type',
		change: s => (attrs(s).paginationParams.type = 'CURSOR'),
		path: 'sourceSpec.attributes.paginationParams.type',
		severity: 'error',
		rule: '3.9#29',
	},
	{
		name: 'OFFSET without offSetName',
		change: s => delete attrs(s).paginationParams.offSetName,
		path: 'sourceSpec.attributes.paginationParams.offSetName',
		severity: 'error',
		rule: '3.9#30',
	},
	{
		name: 'OFFSET limitValue 0',
		change: s => (attrs(s).paginationParams.limitValue = 0),
		path: 'sourceSpec.attributes.paginationParams.limitValue',
		severity: 'error',
		rule: '3.9#30',
	},
	{
		name: 'OFFSET limitValue as a string',
		change: () => undefined,
		path: 'sourceSpec.attributes.paginationParams.limitValue',
		severity: 'lenient',
		rule: '3.9#30',
	},
	{
		name: 'endConditionValue without endConditionName',
		change: s => delete attrs(s).paginationParams.endConditionName,
		path: 'sourceSpec.attributes.paginationParams.endConditionName',
		severity: 'warning',
		rule: '3.9#31',
	},
	{
		name: 'POINTER without pointerPath',
		change: s => (attrs(s).paginationParams = {type: 'POINTER', limitName: 'limit', limitValue: 1}),
		path: 'sourceSpec.attributes.paginationParams.pointerPath',
		severity: 'error',
		rule: '3.9#32',
	},
	{
		name: 'CONTINUATION_TOKEN in the body',
		change: s =>
			(attrs(s).paginationParams = {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.next', parameterType: 'BODYPARAM', parameterName: 'after'}),
		path: 'sourceSpec.attributes.paginationParams.parameterType',
		severity: 'error',
		rule: '3.9#33',
	},
	{
		name: 'PAGE with a negative first page',
		change: s => (attrs(s).paginationParams = {type: 'PAGE', limitName: 'pageSize', limitValue: 100, pageParamName: 'page', initialPageIndex: -1}),
		path: 'sourceSpec.attributes.paginationParams.initialPageIndex',
		severity: 'error',
		rule: '3.9#34',
	},
	{
		name: 'a POINTER field on OFFSET',
		change: s => (attrs(s).paginationParams.pointerPath = '$.next'),
		path: 'sourceSpec.attributes.paginationParams.pointerPath',
		severity: 'warning',
		rule: '3.5.8',
	},
	{
		name: 'scheduleParams missing',
		change: s => delete attrs(s).scheduleParams,
		path: 'sourceSpec.attributes.scheduleParams',
		severity: 'error',
		rule: '3.9#36',
	},
	{
		name: 'half-configured schedule',
		change: s => delete attrs(s).scheduleParams.scheduleEndParamName,
		path: 'sourceSpec.attributes.scheduleParams.scheduleEndParamName',
		severity: 'error',
		rule: '3.9#37',
	},
	{
		name: 'ADVANCE without backfill',
		change: s => (attrs(s).scheduleParams = {type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'updated > {START_TIME}'}),
		path: 'sourceSpec.attributes.scheduleParams.backfill',
		severity: 'error',
		rule: '3.9#38',
	},
	{
		name: 'ADVANCE without {SCHEDULE_QUERY}',
		change: s => (attrs(s).scheduleParams = {type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'a', backfill: 'b'}),
		path: 'sourceSpec.attributes.scheduleParams',
		severity: 'warning',
		rule: '3.9#38',
	},
	{
		name: 'undeclared placeholder in the path',
		change: s => (attrs(s).urlParams.path = '/3.0/reports/${campaignId}/email-activity'),
		path: 'sourceSpec.attributes.urlParams.path',
		severity: 'error',
		rule: '3.9#39',
	},
	{
		name: 'undeclared placeholder in a header',
		change: s => (attrs(s).headerParams = {'X-Token': '${token}'}),
		path: 'sourceSpec.attributes.headerParams.X-Token',
		severity: 'error',
		rule: '3.9#39',
	},
	{
		name: 'undeclared placeholder in a nested body value',
		change: s => {
			attrs(s).urlParams.method = 'POST';
			attrs(s).bodyParams = {filter: {ids: ['${ids}']}};
		},
		path: 'sourceSpec.attributes.bodyParams.filter.ids[0]',
		severity: 'error',
		rule: '3.9#39',
	},
	{
		name: 'host placeholder without $',
		change: s => (attrs(s).urlParams.host = 'https://{domain}.api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'warning',
		rule: '3.5.11',
	},
	{name: 'user inputs of type array', change: s => (s['sourceSpec'].spec.type = 'array'), path: 'sourceSpec.spec.type', severity: 'error', rule: '3.9#40'},
	{
		name: 'user input required but not declared',
		change: s => (s['sourceSpec'].spec.required = ['listId', 'status']),
		path: 'sourceSpec.spec.required[1]',
		severity: 'warning',
		rule: '3.9#40',
	},
	{name: 'exploreSpec missing', change: s => delete s['exploreSpec'], path: 'exploreSpec', severity: 'error', rule: '3.9#41'},
	{name: 'exploreSpec with another name', change: s => (s['exploreSpec'].name = 'Explore'), path: 'exploreSpec.name', severity: 'warning', rule: '3.9#41'},
	{
		name: 'exploreSpec.requestSpec not an object',
		change: s => (s['exploreSpec'].requestSpec = 'object'),
		path: 'exploreSpec.requestSpec',
		severity: 'error',
		rule: '3.9#41',
	},
	{name: 'http: // $schema variant', change: () => undefined, path: 'exploreSpec.responseSpec.$schema', severity: 'lenient', rule: '3.9#42'},
	{
		name: 'another $schema',
		change: s => (s['sourceSpec'].spec.$schema = 'https://json-schema.org/draft/2020-12/schema'),
		path: 'sourceSpec.spec.$schema',
		severity: 'warning',
		rule: '3.9#42',
	},
	{
		name: 'offsetName spelling',
		change: s => {
			attrs(s).paginationParams.offsetName = 'offset';
			delete attrs(s).paginationParams.offSetName;
		},
		path: 'sourceSpec.attributes.paginationParams.offsetName',
		severity: 'warning',
		rule: '3.9#30',
	},
	{
		name: 'lower-case pagination type',
		change: s => (attrs(s).paginationParams.type = 'offset'),
		path: 'sourceSpec.attributes.paginationParams.type',
		severity: 'warning',
		rule: '3.9#29',
	},
	{name: 'beta auth type spelling', change: s => (s['authSpec'][0].type = 'oAuth2-refresh-code'), path: 'authSpec[0].type', severity: 'warning', rule: '3.9#8'},
	{
		name: 'contentPath as a string',
		change: s => (attrs(s).contentPath = '$.members'),
		path: 'sourceSpec.attributes.contentPath',
		severity: 'warning',
		rule: '3.9#25',
	},
	{
		name: 'beta hostName',
		change: s => (attrs(s).urlParams = {hostName: 'https://${domain}.api.example.com', path: '/3.0/lists/${listId}/members', method: 'GET'}),
		path: 'sourceSpec.attributes.urlParams.hostName',
		severity: 'warning',
		rule: '8.1',
	},
	{
		name: 'beta {{placeholder}}',
		change: s => (attrs(s).urlParams.path = '/3.0/lists/{{listId}}/members'),
		path: 'sourceSpec.attributes.urlParams.path',
		severity: 'warning',
		rule: '3.5.11',
	},
	{name: 'not an object at all', change: () => undefined, document: null, path: '', severity: 'error', rule: '3.2'},
	{name: 'an array instead of an object', change: () => undefined, document: [], path: '', severity: 'error', rule: '3.2'},
];

test('the table has at least 30 variants, each with a distinct name', () => {
	assert.ok(cases.length >= 30);
	assert.equal(new Set(cases.map(item => item.name)).size, cases.length);
});

for (const item of cases) {
	test(`${item.name} → ${item.severity} at ${item.path || '(document)'}`, () => {
		const spec = (item.base ?? reference)();
		item.change(spec);
		const result = validateSpec('document' in item ? item.document : spec);
		const all = [...result.errors, ...result.warnings, ...result.lenient];
		const hit = all.find(finding => finding.path === item.path && finding.severity === item.severity && finding.rule === item.rule);
		assert.ok(
			hit,
			`expected ${item.severity} ${item.rule} at "${item.path}", got:\n${all.map(f => `  ${f.severity} ${f.rule} ${f.path}: ${f.message}`).join('\n')}`,
		);
		assert.ok(hit.message.length > 10 && hit.hint.length > 5, 'message and hint are written out');
		assert.equal(result.valid, result.errors.length === 0);
		if (item.severity === 'error') assert.equal(result.spec, undefined, 'no spec is returned when there are errors');
	});
}

test('messages name the allowed values', () => {
	const spec = reference();
	attrs(spec).paginationParams.type = 'CURSOR';
	attrs(spec).urlParams.method = 'FETCH';
	const messages = validateSpec(spec)
		.errors.map(item => item.message)
		.join('\n');
	assert.match(messages, /OFFSET, POINTER, CONTINUATION_TOKEN, PAGE, NONE/);
	assert.match(messages, /GET, POST/);
	assert.match(messages, /"CURSOR"/);
});

test('an undeclared placeholder lists the declared names and suggests a near spelling', () => {
	const spec = reference();
	attrs(spec).urlParams.path = '/3.0/lists/${listID}/members';
	const hit = validateSpec(spec).errors.find(item => item.rule === '3.9#39');
	assert.ok(hit);
	assert.match(hit.message, /did you mean \$\{listId\}/);
	assert.match(hit.hint, /Declared: .*listId/);
});

test('normalised specs are returned in canonical form', () => {
	const spec = reference();
	attrs(spec).contentPath = '$.members';
	attrs(spec).paginationParams.type = 'offset';
	const result = validateSpec(spec);
	assert.equal(result.valid, true);
	const fixed = result.spec?.sourceSpec.attributes;
	assert.deepEqual(fixed?.contentPath, {path: '$.members'});
	assert.equal(fixed?.paginationParams.type, 'OFFSET');
	assert.equal(attrs(spec).paginationParams.type, 'offset', 'the input is not modified');
});
