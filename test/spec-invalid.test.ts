// Table-driven broken variants: each names the exact path, severity and docs/connection-spec.md#validation-rules rule of the finding it must produce.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {getTemplate, validateSpec, type Severity} from '../source/connection-spec/index.js';
import {authExamples} from './fixtures/spec/reference-examples.js';

type Spec = Record<string, any>;
const reference = (): Spec => JSON.parse(readFileSync(new URL('./fixtures/spec/reference-3.8.json', import.meta.url), 'utf8'));
const demo = (): Spec => getTemplate('demo') as Spec;
const attrs = (spec: Spec): Spec => spec['sourceSpec'].attributes;

/** `change` edits a copy of the base spec; `document` replaces the whole input instead. */
type Case = {name: string; base?: () => Spec; change: (spec: Spec) => unknown; document?: unknown; path: string; severity: Severity; rule: string};

const cases: Case[] = [
	{name: 'empty name', change: s => (s['name'] = ''), path: 'name', severity: 'error', rule: 'name-required'},
	{name: 'providerId missing', change: s => delete s['providerId'], path: 'providerId', severity: 'error', rule: 'provider-id'},
	{
		name: 'providerId of another provider',
		change: s => (s['providerId'] = '521eee4d-8cbe-4906-bb48-fb6bd4450033'),
		path: 'providerId',
		severity: 'warning',
		rule: 'provider-id',
	},
	{name: 'type not generic-rest', change: s => (s['type'] = 'generic-streaming'), path: 'type', severity: 'warning', rule: 'spec-type'},
	{name: 'version as a number', change: s => (s['version'] = 1), path: 'version', severity: 'warning', rule: 'spec-version'},
	{name: 'attributes not an object', change: s => (s['attributes'] = 'uiAttributes'), path: 'attributes', severity: 'error', rule: 'attributes-object'},
	{name: 'attributes missing', change: s => delete s['attributes'], path: 'attributes', severity: 'warning', rule: 'attributes-object'},
	{name: 'no auth spec', change: s => (s['authSpec'] = []), path: 'authSpec', severity: 'error', rule: 'auth-spec-present'},
	{name: 'auth spec without a name', change: s => (s['authSpec'][0].name = ' '), path: 'authSpec[0].name', severity: 'error', rule: 'auth-spec-name'},
	{
		name: 'duplicate auth spec names',
		change: s => (s['authSpec'][1].name = 'OAuth2 Refresh Code'),
		path: 'authSpec[1].name',
		severity: 'warning',
		rule: 'auth-spec-name',
	},
	{name: 'unknown auth type', change: s => (s['authSpec'][0].type = 'OAuth2'), path: 'authSpec[0].type', severity: 'error', rule: 'auth-spec-type'},
	{
		name: 'auth spec schema of type array',
		change: s => (s['authSpec'][0].spec.type = 'array'),
		path: 'authSpec[0].spec.type',
		severity: 'error',
		rule: 'auth-spec-schema',
	},
	{
		name: 'auth spec required not an array',
		change: s => (s['authSpec'][1].spec.required = 'username'),
		path: 'authSpec[1].spec.required',
		severity: 'error',
		rule: 'auth-spec-schema',
	},
	{
		name: 'required name not declared',
		change: s => s['authSpec'][1].spec.required.push('token'),
		path: 'authSpec[1].spec.required[3]',
		severity: 'warning',
		rule: 'auth-required-declared',
	},
	{
		name: 'OAuth without accessToken property',
		change: s => delete s['authSpec'][0].spec.properties.accessToken,
		path: 'authSpec[0].spec.properties.accessToken',
		severity: 'error',
		rule: 'oauth2-access-token',
	},
	{
		name: 'OAuth accessToken not required',
		change: s => (s['authSpec'][0].spec.required = ['domain']),
		path: 'authSpec[0].spec.required',
		severity: 'error',
		rule: 'oauth2-access-token',
	},
	{
		name: 'basic auth without password',
		change: s => delete s['authSpec'][1].spec.properties.password,
		path: 'authSpec[1].spec.properties.password',
		severity: 'error',
		rule: 'basic-username-password',
	},
	{
		name: 'basic auth username not required',
		change: s => (s['authSpec'][1].spec.required = ['domain', 'password']),
		path: 'authSpec[1].spec.required',
		severity: 'error',
		rule: 'basic-username-password',
	},
	{
		name: 'API key auth without authKey1 in required',
		base: demo,
		change: s => (s['authSpec'][2].spec.required = ['host']),
		path: 'authSpec[2].spec.required',
		severity: 'error',
		rule: 'key-based-auth-key',
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
		rule: 'pagination-page',
	},
	{
		name: 'empty headerParamName',
		base: demo,
		change: s => (s['authSpec'][2].spec.properties.authKey1.restAttributes.headerParamName = ''),
		path: 'authSpec[2].spec.properties.authKey1.restAttributes.headerParamName',
		severity: 'error',
		rule: 'key-based-auth-key',
	},
	{
		name: 'password without format password',
		change: s => delete s['authSpec'][1].spec.properties.password.format,
		path: 'authSpec[1].spec.properties.password.format',
		severity: 'warning',
		rule: 'secret-format-password',
	},
	{
		name: 'token request method PUT',
		change: s => {
			s['authSpec'] = [structuredClone(authExamples[0])];
			s['authSpec'][0].spec.properties.requestParameterOverride.properties.authenticationMethod.enum = ['GET', 'PUT'];
		},
		path: 'authSpec[0].spec.properties.requestParameterOverride.properties.authenticationMethod.enum[1]',
		severity: 'error',
		rule: 'auth-request-method',
	},
	{
		name: 'isSource as a string',
		change: s => (attrs(s).uiAttributes.isSource = 'true'),
		path: 'sourceSpec.attributes.uiAttributes.isSource',
		severity: 'error',
		rule: 'ui-attributes',
	},
	{
		name: 'label with both key and text',
		change: s => (attrs(s).uiAttributes.label = {key: 'acmeLabel', text: 'Acme'}),
		path: 'sourceSpec.attributes.uiAttributes.label',
		severity: 'error',
		rule: 'ui-attributes',
	},
	{
		name: 'icon missing',
		change: s => delete attrs(s).uiAttributes.icon,
		path: 'sourceSpec.attributes.uiAttributes.icon',
		severity: 'error',
		rule: 'ui-attributes',
	},
	{
		name: 'unknown category key',
		change: s => (attrs(s).uiAttributes.category = {key: 'marketing automation'}),
		path: 'sourceSpec.attributes.uiAttributes.category.key',
		severity: 'warning',
		rule: 'ui-category',
	},
	{
		name: 'category as a bare string',
		change: s => (attrs(s).uiAttributes.category = 'crm'),
		path: 'sourceSpec.attributes.uiAttributes.category',
		severity: 'warning',
		rule: 'ui-category',
	},
	{name: 'urlParams missing', change: s => delete attrs(s).urlParams, path: 'sourceSpec.attributes.urlParams', severity: 'error', rule: 'url-params-present'},
	{name: 'empty path', change: s => (attrs(s).urlParams.path = ''), path: 'sourceSpec.attributes.urlParams.path', severity: 'error', rule: 'url-path'},
	{
		name: 'lower-case method',
		change: s => (attrs(s).urlParams.method = 'get'),
		path: 'sourceSpec.attributes.urlParams.method',
		severity: 'error',
		rule: 'url-method',
	},
	{
		name: 'host without scheme',
		change: s => (attrs(s).urlParams.host = '${domain}.api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'warning',
		rule: 'url-host',
	},
	// An error since the one model: the engine has no base URL for such a spec (docs/connection-spec-model.md#request).
	{name: 'no host anywhere', change: s => delete attrs(s).urlParams.host, path: 'sourceSpec.attributes.urlParams.host', severity: 'error', rule: 'url-host'},
	{
		name: 'host without scheme or placeholder',
		change: s => (attrs(s).urlParams.host = 'api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'error',
		rule: 'url-host',
	},
	{
		name: 'numeric query value',
		change: s => (attrs(s).urlParams.queryParams = {count: 10}),
		path: 'sourceSpec.attributes.urlParams.queryParams.count',
		severity: 'error',
		rule: 'query-params-strings',
	},
	{
		name: 'query key with brackets',
		change: s => (attrs(s).urlParams.queryParams = {'filter[type]': 5}),
		path: 'sourceSpec.attributes.urlParams.queryParams["filter[type]"]',
		severity: 'error',
		rule: 'query-params-strings',
	},
	{
		name: 'beta comma-separated headerParams',
		change: s => (attrs(s).headerParams = 'Accept: application/json'),
		path: 'sourceSpec.attributes.headerParams',
		severity: 'error',
		rule: 'header-params-strings',
	},
	{
		name: 'bodyParams with GET',
		change: s => (attrs(s).bodyParams = {query: 'x'}),
		path: 'sourceSpec.attributes.bodyParams',
		severity: 'warning',
		rule: 'body-params-post-only',
	},
	{name: 'contentPath missing', change: s => delete attrs(s).contentPath, path: 'sourceSpec.attributes.contentPath', severity: 'error', rule: 'content-path'},
	{
		name: 'contentPath without $',
		change: s => (attrs(s).contentPath.path = 'members'),
		path: 'sourceSpec.attributes.contentPath.path',
		severity: 'warning',
		rule: 'jsonpath-dollar',
	},
	{
		name: 'skipAttributes with a number',
		change: s => (attrs(s).contentPath.skipAttributes = ['_links', 3]),
		path: 'sourceSpec.attributes.contentPath.skipAttributes[1]',
		severity: 'error',
		rule: 'attribute-lists',
	},
	{
		name: 'explodeEntityPath without path',
		change: s => (attrs(s).explodeEntityPath = {overrideWrapperAttribute: 'activity'}),
		path: 'sourceSpec.attributes.explodeEntityPath.path',
		severity: 'error',
		rule: 'explode-entity-path',
	},
	{
		name: 'unknown pagination type',
		change: s => (attrs(s).paginationParams.type = 'CURSOR'),
		path: 'sourceSpec.attributes.paginationParams.type',
		severity: 'error',
		rule: 'pagination-type',
	},
	{
		name: 'OFFSET without offSetName',
		change: s => delete attrs(s).paginationParams.offSetName,
		path: 'sourceSpec.attributes.paginationParams.offSetName',
		severity: 'error',
		rule: 'pagination-offset',
	},
	{
		name: 'OFFSET limitValue 0',
		change: s => (attrs(s).paginationParams.limitValue = 0),
		path: 'sourceSpec.attributes.paginationParams.limitValue',
		severity: 'error',
		rule: 'pagination-offset',
	},
	{
		name: 'OFFSET limitValue as a string',
		change: () => undefined,
		path: 'sourceSpec.attributes.paginationParams.limitValue',
		severity: 'lenient',
		rule: 'pagination-offset',
	},
	{
		name: 'endConditionValue without endConditionName',
		change: s => delete attrs(s).paginationParams.endConditionName,
		path: 'sourceSpec.attributes.paginationParams.endConditionName',
		severity: 'warning',
		rule: 'pagination-end-condition',
	},
	{
		name: 'POINTER without pointerPath',
		change: s => (attrs(s).paginationParams = {type: 'POINTER', limitName: 'limit', limitValue: 1}),
		path: 'sourceSpec.attributes.paginationParams.pointerPath',
		severity: 'error',
		rule: 'pagination-pointer',
	},
	{
		name: 'CONTINUATION_TOKEN in the body',
		change: s =>
			(attrs(s).paginationParams = {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.next', parameterType: 'BODYPARAM', parameterName: 'after'}),
		path: 'sourceSpec.attributes.paginationParams.parameterType',
		severity: 'error',
		rule: 'pagination-continuation-token',
	},
	{
		name: 'PAGE with a negative first page',
		change: s => (attrs(s).paginationParams = {type: 'PAGE', limitName: 'pageSize', limitValue: 100, pageParamName: 'page', initialPageIndex: -1}),
		path: 'sourceSpec.attributes.paginationParams.initialPageIndex',
		severity: 'error',
		rule: 'pagination-page',
	},
	{
		name: 'a POINTER field on OFFSET',
		change: s => (attrs(s).paginationParams.pointerPath = '$.next'),
		path: 'sourceSpec.attributes.paginationParams.pointerPath',
		severity: 'warning',
		rule: 'pagination',
	},
	{
		name: 'scheduleParams missing',
		change: s => delete attrs(s).scheduleParams,
		path: 'sourceSpec.attributes.scheduleParams',
		severity: 'error',
		rule: 'schedule-params-present',
	},
	{
		name: 'half-configured schedule',
		change: s => delete attrs(s).scheduleParams.scheduleEndParamName,
		path: 'sourceSpec.attributes.scheduleParams.scheduleEndParamName',
		severity: 'error',
		rule: 'schedule-standard',
	},
	{
		name: 'ADVANCE without backfill',
		change: s => (attrs(s).scheduleParams = {type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'updated > {START_TIME}'}),
		path: 'sourceSpec.attributes.scheduleParams.backfill',
		severity: 'error',
		rule: 'schedule-advance',
	},
	{
		name: 'ADVANCE without {SCHEDULE_QUERY}',
		change: s => (attrs(s).scheduleParams = {type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'a', backfill: 'b'}),
		path: 'sourceSpec.attributes.scheduleParams',
		severity: 'warning',
		rule: 'schedule-advance',
	},
	{
		name: 'undeclared placeholder in the path',
		change: s => (attrs(s).urlParams.path = '/3.0/reports/${campaignId}/email-activity'),
		path: 'sourceSpec.attributes.urlParams.path',
		severity: 'error',
		rule: 'placeholder-declared',
	},
	{
		name: 'undeclared placeholder in a header',
		change: s => (attrs(s).headerParams = {'X-Token': '${token}'}),
		path: 'sourceSpec.attributes.headerParams.X-Token',
		severity: 'error',
		rule: 'placeholder-declared',
	},
	{
		name: 'undeclared placeholder in a nested body value',
		change: s => {
			attrs(s).urlParams.method = 'POST';
			attrs(s).bodyParams = {filter: {ids: ['${ids}']}};
		},
		path: 'sourceSpec.attributes.bodyParams.filter.ids[0]',
		severity: 'error',
		rule: 'placeholder-declared',
	},
	{
		name: 'host placeholder without $',
		change: s => (attrs(s).urlParams.host = 'https://{domain}.api.example.com'),
		path: 'sourceSpec.attributes.urlParams.host',
		severity: 'warning',
		rule: 'placeholder-syntax',
	},
	{
		name: 'user inputs of type array',
		change: s => (s['sourceSpec'].spec.type = 'array'),
		path: 'sourceSpec.spec.type',
		severity: 'error',
		rule: 'user-inputs-schema',
	},
	{
		name: 'user input required but not declared',
		change: s => (s['sourceSpec'].spec.required = ['listId', 'status']),
		path: 'sourceSpec.spec.required[1]',
		severity: 'warning',
		rule: 'user-inputs-schema',
	},
	{name: 'exploreSpec missing', change: s => delete s['exploreSpec'], path: 'exploreSpec', severity: 'error', rule: 'explore-spec'},
	{
		name: 'exploreSpec with another name',
		change: s => (s['exploreSpec'].name = 'Explore'),
		path: 'exploreSpec.name',
		severity: 'warning',
		rule: 'explore-spec',
	},
	{
		name: 'exploreSpec.requestSpec not an object',
		change: s => (s['exploreSpec'].requestSpec = 'object'),
		path: 'exploreSpec.requestSpec',
		severity: 'error',
		rule: 'explore-spec',
	},
	{name: 'http: // $schema variant', change: () => undefined, path: 'exploreSpec.responseSpec.$schema', severity: 'lenient', rule: 'json-schema-url'},
	{
		name: 'another $schema',
		change: s => (s['sourceSpec'].spec.$schema = 'https://json-schema.org/draft/2020-12/schema'),
		path: 'sourceSpec.spec.$schema',
		severity: 'warning',
		rule: 'json-schema-url',
	},
	{
		name: 'offsetName spelling',
		change: s => {
			attrs(s).paginationParams.offsetName = 'offset';
			delete attrs(s).paginationParams.offSetName;
		},
		path: 'sourceSpec.attributes.paginationParams.offsetName',
		severity: 'warning',
		rule: 'pagination-offset',
	},
	{
		name: 'lower-case pagination type',
		change: s => (attrs(s).paginationParams.type = 'offset'),
		path: 'sourceSpec.attributes.paginationParams.type',
		severity: 'warning',
		rule: 'pagination-type',
	},
	{
		name: 'beta auth type spelling',
		change: s => (s['authSpec'][0].type = 'oAuth2-refresh-code'),
		path: 'authSpec[0].type',
		severity: 'warning',
		rule: 'auth-spec-type',
	},
	{
		name: 'contentPath as a string',
		change: s => (attrs(s).contentPath = '$.members'),
		path: 'sourceSpec.attributes.contentPath',
		severity: 'warning',
		rule: 'content-path',
	},
	{
		name: 'beta hostName',
		change: s => (attrs(s).urlParams = {hostName: 'https://${domain}.api.example.com', path: '/3.0/lists/${listId}/members', method: 'GET'}),
		path: 'sourceSpec.attributes.urlParams.hostName',
		severity: 'warning',
		rule: 'beta-spelling',
	},
	{
		name: 'beta {{placeholder}}',
		change: s => (attrs(s).urlParams.path = '/3.0/lists/{{listId}}/members'),
		path: 'sourceSpec.attributes.urlParams.path',
		severity: 'warning',
		rule: 'placeholder-syntax',
	},
	{name: 'not an object at all', change: () => undefined, document: null, path: '', severity: 'error', rule: 'spec-shape'},
	{name: 'an array instead of an object', change: () => undefined, document: [], path: '', severity: 'error', rule: 'spec-shape'},
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
	const hit = validateSpec(spec).errors.find(item => item.rule === 'placeholder-declared');
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
