// `aep-source import OPENAPI --operation …` and `aep-source import --curl '…'`: the draft is bootstrapped without a
// terminal, its spec validates, every guess carries its evidence, secrets never reach the draft or the output,
// and bad input exits 2 with one sentence and no draft written.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';
import {specFromDraft, validateSpec} from '../source/connection-spec/index.js';
import type {Draft} from '../source/connection-spec/draft-types.js';
import {joinedPattern} from './helpers/regex.js';

const fixture = (name: string) => new URL(`./fixtures/bootstrap/${name}`, import.meta.url).pathname;
const drafts = (home: string) =>
	fs.existsSync(path.join(home, 'drafts')) ? fs.readdirSync(path.join(home, 'drafts')).filter(name => name.endsWith('.json')) : [];
const loadDraft = (home: string, id: string) => JSON.parse(fs.readFileSync(path.join(home, 'drafts', `${id}.json`), 'utf8')) as Draft;
const attributesOf = (draft: Draft) => (draft.spec['sourceSpec'] as {attributes: Record<string, unknown>}).attributes;
const authOf = (draft: Draft) =>
	(draft.spec['authSpec'] as {type: string; spec: {properties: Record<string, Record<string, unknown>>; required: string[]}}[])[0];

type Expected = {
	file: string;
	operation: string;
	id: string;
	auth: string;
	contentPath: string;
	pagination: Record<string, unknown>;
	extra?: (draft: Draft) => void;
};

const operations: Expected[] = [
	{
		file: 'openapi-3.0.yaml',
		operation: 'listContacts',
		id: 'acme-crm-contacts',
		auth: 'BasicAuthentication',
		contentPath: '$.contacts',
		pagination: {type: 'OFFSET', limitName: 'limit', limitValue: 50, offSetName: 'offset', endConditionName: '$.hasMore', endConditionValue: 'Const:false'},
		extra(draft) {
			const attributes = attributesOf(draft);
			assert.deepEqual(attributes['urlParams'], {host: 'https://${region}.api.acme.example/v2', path: '/contacts', method: 'GET'});
			assert.deepEqual(attributes['scheduleParams'], {
				scheduleStartParamName: 'updated_since',
				scheduleEndParamName: 'updated_before',
				scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
				scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
			});
			const region = authOf(draft)?.spec.properties['region'];
			assert.deepEqual(region, {type: 'string', description: 'Data region of the account (default: eu; one of: eu, us)', enum: ['eu', 'us']});
			assert.ok(authOf(draft)?.spec.required.includes('region'));
			assert.equal(draft.test.authParams['region'], 'eu');
			assert.equal(draft.artifacts.label, 'Acme CRM Contacts');
			assert.equal(draft.artifacts.documentationLink, 'https://docs.acme.example/api');
			assert.deepEqual((draft.spec['sourceSpec'] as {schema?: unknown}).schema, {
				type: 'object',
				properties: {
					contacts: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								id: {type: 'string'},
								email: {type: 'string', format: 'email'},
								name: {type: 'string'},
								tags: {type: 'array', items: {type: 'string'}},
								updated_at: {type: 'string', format: 'date-time'},
							},
						},
					},
				},
			});
		},
	},
	{
		file: 'openapi-3.0.yaml',
		operation: 'listDeals',
		id: 'acme-crm-deals',
		auth: 'KeyBased',
		contentPath: '$.data',
		pagination: {
			type: 'OFFSET',
			limitName: 'limit',
			limitValue: 100,
			offSetName: 'start',
			endConditionName: '$.additional_data.pagination.more_items_in_collection',
			endConditionValue: 'Const:false',
		},
		extra: draft => assert.deepEqual(authOf(draft)?.spec.properties['authKey1']?.['restAttributes'], {headerParamName: 'X-Api-Key'}),
	},
	{
		file: 'openapi-3.0.yaml',
		operation: 'listCompanies',
		id: 'acme-crm-companies',
		auth: 'OAuth2RefreshCode',
		contentPath: '$.results',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.paging.next.after', parameterType: 'QUERYPARAM', parameterName: 'after'},
	},
	{
		file: 'openapi-3.0.yaml',
		operation: 'GET /orders',
		id: 'acme-crm-orders',
		auth: 'KeyBased',
		contentPath: '$',
		pagination: {type: 'PAGE', limitName: 'per_page', limitValue: 25, pageParamName: 'page', initialPageIndex: 1, endPageIndex: 'headers.x-total-pages'},
		extra(draft) {
			// The API key goes in the query as ${authKey1}; the required `status` query parameter keeps its first enum value.
			assert.deepEqual((attributesOf(draft)['urlParams'] as {queryParams: unknown}).queryParams, {status: 'open', api_key: '${authKey1}'});
			assert.equal(authOf(draft)?.spec.properties['authKey1']?.['restAttributes'], undefined);
		},
	},
	{
		file: 'openapi-3.0.yaml',
		operation: 'listEvents',
		id: 'acme-crm-events',
		auth: 'OAuth2RefreshCode',
		contentPath: '$.events',
		pagination: {type: 'POINTER', limitName: 'page_size', limitValue: 200, pointerPath: '$.links.next'},
		extra: draft => assert.match(String(authOf(draft)?.spec.properties['accessTokenUrl']?.['description']), /https:\/\/auth\.acme\.example\/token/),
	},
	{
		file: 'openapi-3.0.yaml',
		operation: 'searchTickets',
		id: 'acme-crm-search',
		auth: 'OAuth2RefreshCode',
		contentPath: '$.results',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]'},
		extra(draft) {
			assert.equal((attributesOf(draft)['urlParams'] as {method: string}).method, 'POST');
			assert.deepEqual(attributesOf(draft)['bodyParams'], {filter: {type: 'ticket'}});
		},
	},
	{
		file: 'openapi-3.1.json',
		operation: 'ListCustomers',
		id: 'paylane-payments-customers',
		auth: 'KeyBased',
		contentPath: '$.data',
		pagination: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.data[-1].id', parameterType: 'QUERYPARAM', parameterName: 'starting_after'},
	},
	{
		file: 'openapi-3.1.json',
		operation: 'GET /accounts/{accountId}/charges',
		id: 'paylane-payments-charges',
		auth: 'KeyBased',
		contentPath: '$.items',
		pagination: {type: 'POINTER', limitName: 'per_page', limitValue: 50, pointerPath: '$.next_page'},
		extra(draft) {
			assert.equal((attributesOf(draft)['urlParams'] as {path: string}).path, '/accounts/${accountId}/charges');
			const inputs = (draft.spec['sourceSpec'] as {spec: {properties: Record<string, unknown>; required: string[]}}).spec;
			assert.deepEqual(inputs.properties['accountId'], {type: 'string', description: 'Account whose charges are listed'});
			assert.deepEqual(inputs.required, ['accountId']);
		},
	},
	{
		file: 'swagger-2.0.yaml',
		operation: 'listItems',
		id: 'legacy-inventory-items',
		auth: 'BasicAuthentication',
		contentPath: '$.items',
		pagination: {type: 'PAGE', limitName: 'pageSize', limitValue: 100, pageParamName: 'pageNumber', initialPageIndex: 1},
		extra: draft => assert.equal((attributesOf(draft)['urlParams'] as {host: string}).host, 'https://inventory.legacy.example/api'),
	},
	{
		file: 'swagger-2.0.yaml',
		operation: 'listWarehouses',
		id: 'legacy-inventory-warehouses',
		auth: 'KeyBased',
		contentPath: '$.warehouses',
		pagination: {type: 'POINTER', limitName: 'limit', limitValue: 20, pointerPath: '$.next'},
	},
];

for (const expected of operations) {
	test(`import ${expected.file} --operation "${expected.operation}": a draft that validates with 0 errors`, async () => {
		const home = tempHome();
		const result = await runCli(['import', fixture(expected.file), '--operation', expected.operation], {home});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`as draft "${expected.id}"`));
		assert.match(result.stdout, /Spec: 0 errors, 0 warnings/);
		// Every guess is printed with its evidence on the next line.
		assert.match(result.stdout, /paginationParams: .*\n {6}.*→ /);
		const draft = loadDraft(home, expected.id);
		assert.equal(validateSpec(specFromDraft(draft)).errors.length, 0);
		assert.equal(authOf(draft)?.type, expected.auth);
		assert.doesNotMatch(JSON.stringify(draft.spec['authSpec']), /→|security scheme/, 'what users read is plain words, not evidence');
		assert.deepEqual(attributesOf(draft)['contentPath'], {path: expected.contentPath});
		assert.deepEqual(attributesOf(draft)['paginationParams'], expected.pagination);
		expected.extra?.(draft);
	});
}

test('external $refs are resolved by the parser (relative files); a missing external file is named, exit 2, no draft', async () => {
	const home = tempHome();
	const ok = await runCli(['import', fixture('external-ref.yaml'), '--operation', 'listWidgets'], {home});
	assert.equal(ok.code, 0, ok.stderr);
	const draft = loadDraft(home, 'split-docs-widgets');
	assert.deepEqual(attributesOf(draft)['contentPath'], {path: '$.widgets'});
	assert.deepEqual(attributesOf(draft)['paginationParams'], {
		type: 'CONTINUATION_TOKEN',
		continuationTokenPath: '$.next_cursor',
		parameterType: 'QUERYPARAM',
		parameterName: 'cursor',
	});
	assert.deepEqual((draft.spec['sourceSpec'] as {schema?: unknown}).schema, {
		type: 'object',
		properties: {widgets: {type: 'array', items: {type: 'object', properties: {id: {type: 'string'}, colour: {type: 'string'}, size: {type: 'integer'}}}}},
	});
	const other = tempHome();
	const broken = await runCli(['import', fixture('external-ref.yaml'), '--operation', 'listGadgets'], {home: other});
	assert.equal(broken.code, 2);
	assert.match(broken.stderr, /^external-ref\.yaml has a \$ref that cannot be resolved: .*missing-file\.yaml/);
	assert.deepEqual(drafts(other), []);
});

test('import --json prints the draft id, the guesses with evidence, and what is missing', async () => {
	const home = tempHome();
	const result = await runCli(['import', fixture('openapi-3.0.yaml'), '--operation', 'getContact', '--json'], {home});
	assert.equal(result.code, 1);
	const report = JSON.parse(result.stdout) as {id: string; guesses: {field: string; evidence: string}[]; missing: string[]};
	assert.equal(report.id, 'acme-crm-contacts');
	assert.ok(report.guesses.every(guess => guess.evidence.length > 10));
	assert.deepEqual(report.missing, ['contentPath: the response holds no array of objects; describe the 200 response, or set the path of the records by hand.']);
	assert.match(result.stderr, /The draft "acme-crm-contacts" is saved but incomplete\. Missing:\n {2}- contentPath: the response holds no array of objects/);
});

test('an OpenAPI document without --operation lists the list operations and writes nothing', async () => {
	const home = tempHome();
	const result = await runCli(['import', fixture('openapi-3.0.yaml')], {home});
	assert.equal(result.code, 2);
	assert.match(result.stderr, /is an OpenAPI 3\.0\.3 document: choose the operation that lists the records with --operation/);
	assert.match(result.stderr, /listContacts {2}GET \/contacts — List contacts/);
	assert.match(result.stderr, /searchTickets {2}POST \/tickets\/search/);
	assert.doesNotMatch(result.stderr, /getContact/);
	assert.deepEqual(drafts(home), []);
});

const badInputs: {name: string; args: () => string[]; stderr: RegExp}[] = [
	{
		name: 'not an OpenAPI document',
		args: () => ['import', fixture('not-openapi.json'), '--operation', 'x'],
		stderr: /^not-openapi\.json is not an OpenAPI document: it has no "openapi: 3\.x" or "swagger: 2\.0" field with "paths"\.\n$/,
	},
	{
		name: 'a broken $ref',
		args: () => ['import', fixture('broken-ref.yaml'), '--operation', 'listThings'],
		stderr: /^broken-ref\.yaml has a \$ref that cannot be resolved: .*#\/components\/schemas\/Thing.*\n$/,
	},
	{
		name: 'a YAML syntax error',
		args: () => ['import', fixture('bad-syntax.yaml'), '--operation', 'x'],
		stderr: /^bad-syntax\.yaml:8:3: not valid YAML or JSON \(/,
	},
	{name: 'a JSON syntax error', args: () => ['import', fixture('bad-syntax.json'), '--operation', 'x'], stderr: /^bad-syntax\.json:4:13: /},
	{
		name: 'an unknown operation',
		args: () => ['import', fixture('openapi-3.1.json'), '--operation', 'listInvoices'],
		stderr: joinedPattern(
			/has no operation "listInvoices"\. Operations that exist:\n/,
			/ {2}ListCustomers \(GET \/customers\)\n {2}ListCharges \(GET \/accounts\/\{accountId\}\/charges\)\n$/,
		),
	},
	{name: 'a missing file', args: () => ['import', fixture('nope.yaml'), '--operation', 'x'], stderr: /Cannot read .*nope\.yaml: there is no such file\./},
	{
		name: 'an unterminated quote in the curl command',
		args: () => ['import', '--curl', "curl -H 'Accept: application/json https://api.example.test/items"],
		stderr: /^The curl command has an unterminated single quote; paste the whole command\.\n$/,
	},
	{
		name: 'a line that is not curl',
		args: () => ['import', '--curl', 'wget https://api.example.test/items'],
		stderr: /^A curl command starts with "curl", but this one starts with "wget"\.\n$/,
	},
	{
		name: 'a curl command without a URL',
		args: () => ['import', '--curl', 'curl -s -H "Accept: application/json"'],
		stderr: /^The curl command has no URL\.\n$/,
	},
	{
		name: 'an unquoted & in the URL',
		args: () => ['import', '--curl', 'curl https://api.example.test/items?a=1&b=2'],
		stderr: /unquoted "&".*put the URL in single quotes/,
	},
	{
		name: 'a DELETE curl command',
		args: () => ['import', '--curl', 'curl -X DELETE https://api.example.test/items/1'],
		stderr: /uses DELETE; a source reads with GET or POST only/,
	},
];

for (const bad of badInputs) {
	test(`bad input exits 2 with a sentence and writes no draft: ${bad.name}`, async () => {
		const home = tempHome();
		const result = await runCli(bad.args(), {home});
		assert.equal(result.code, 2, result.stdout);
		assert.match(result.stderr, bad.stderr);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
		assert.equal(result.stdout, '');
		assert.deepEqual(drafts(home), []);
	});
}

test('an unreachable URL: a server that never answers times out with a sentence, no hang, no draft', async () => {
	const sockets = new Set<import('node:net').Socket>();
	const server = http.createServer(() => undefined);
	server.on('connection', socket => sockets.add(socket));
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml`;
	try {
		const home = tempHome();
		const result = await runCli(['import', url, '--operation', 'listThings', '--timeout', '0.5'], {home, timeoutMs: 20_000});
		assert.equal(result.code, 2);
		assert.equal(result.stderr, `${url} did not answer within 0.5 s; check the URL, or download the document and pass the file.\n`);
		assert.deepEqual(drafts(home), []);
	} finally {
		for (const socket of sockets) socket.destroy();
		server.close();
	}
});

test('a refused connection names the cause', async () => {
	const server = http.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	await new Promise(resolve => server.close(resolve));
	const home = tempHome();
	const result = await runCli(['import', `http://127.0.0.1:${port}/openapi.json`, '--operation', 'x'], {home});
	assert.equal(result.code, 2);
	assert.equal(result.stderr, `Cannot reach http://127.0.0.1:${port}/openapi.json: ECONNREFUSED.\n`);
});

test('a document served over HTTP: YAML from a URL, and its relative server resolved against the URL', async () => {
	const yaml = fs.readFileSync(fixture('swagger-2.0.yaml'), 'utf8');
	const relative = JSON.stringify({
		openapi: '3.0.3',
		info: {title: 'Relative', version: '1'},
		servers: [{url: '/api/v3'}],
		security: [{key: []}],
		components: {securitySchemes: {key: {type: 'apiKey', in: 'header', name: 'X-Key'}}},
		paths: {
			'/pets': {
				get: {
					operationId: 'listPets',
					responses: {
						200: {description: 'ok', content: {'application/json': {schema: {type: 'array', items: {type: 'object', properties: {id: {type: 'integer'}}}}}}},
					},
				},
			},
		},
	});
	const server = http.createServer((request, response) => {
		if (request.url === '/swagger.yaml') response.writeHead(200, {'content-type': 'application/yaml'}).end(yaml);
		else if (request.url === '/docs/openapi.json') response.writeHead(200, {'content-type': 'application/json'}).end(relative);
		else response.writeHead(404).end();
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	try {
		const home = tempHome();
		const first = await runCli(['import', `${base}/swagger.yaml`, '--operation', 'listItems'], {home});
		assert.equal(first.code, 0, first.stderr);
		const second = await runCli(['import', `${base}/docs/openapi.json`, '--operation', 'listPets'], {home});
		assert.equal(second.code, 0, second.stderr);
		assert.equal((attributesOf(loadDraft(home, 'relative-pets'))['urlParams'] as {host: string}).host, `${base}/api/v3`);
		const missing = await runCli(['import', `${base}/gone.yaml`, '--operation', 'x'], {home});
		assert.equal(missing.code, 2);
		assert.equal(missing.stderr, `${base}/gone.yaml answered 404 Not Found; an OpenAPI document was expected.\n`);
	} finally {
		server.close();
	}
});

// --- curl ---------------------------------------------------------------------------------------------------

const secretToken = 'tok_live_SECRET_4242';
const curlLines: {name: string; line: string; auth: string; secretEnv: string; check?: (draft: Draft) => void}[] = [
	{
		name: 'a bearer token',
		auth: 'OAuth2RefreshCode',
		secretEnv: 'AEP_SOURCE_SECRET_ACCESS_TOKEN',
		line: `curl -s 'https://api.acme.example/v2/contacts?limit=2&offset=0' -H 'Authorization: Bearer ${secretToken}' -H 'Accept: application/json'`,
		check(draft) {
			assert.deepEqual(attributesOf(draft)['headerParams'], {Accept: 'application/json'});
			assert.deepEqual(attributesOf(draft)['urlParams'], {host: 'https://api.acme.example', path: '/v2/contacts', method: 'GET'});
		},
	},
	{
		name: 'basic auth in the Authorization header',
		auth: 'BasicAuthentication',
		secretEnv: 'AEP_SOURCE_SECRET_PASSWORD',
		line: `curl "https://api.acme.example/v2/contacts?limit=2&offset=0" -H "Authorization: Basic ${Buffer.from(`ada:${secretToken}`).toString('base64')}"`,
		check: draft => assert.equal(draft.test.authParams['username'], 'ada'),
	},
	{
		name: '-u user:password',
		auth: 'BasicAuthentication',
		secretEnv: 'AEP_SOURCE_SECRET_PASSWORD',
		line: `curl -u ada:${secretToken} \\\n  'https://api.acme.example/v2/contacts?limit=2&offset=0'`,
	},
	{
		name: 'user:password in the URL',
		auth: 'BasicAuthentication',
		secretEnv: 'AEP_SOURCE_SECRET_PASSWORD',
		line: `curl 'https://ada:${secretToken}@api.acme.example/v2/contacts?limit=2&offset=0'`,
		check: draft => assert.equal((attributesOf(draft)['urlParams'] as {host: string}).host, 'https://api.acme.example'),
	},
	{
		name: 'an API key header',
		auth: 'KeyBased',
		secretEnv: 'AEP_SOURCE_SECRET_AUTH_KEY1',
		line: `curl --compressed -H 'X-Api-Key: ${secretToken}' 'https://api.acme.example/v2/contacts?limit=2&offset=0'`,
		check: draft => assert.deepEqual(authOf(draft)?.spec.properties['authKey1']?.['restAttributes'], {headerParamName: 'X-Api-Key'}),
	},
	{
		name: 'an API key in the query',
		auth: 'KeyBased',
		secretEnv: 'AEP_SOURCE_SECRET_AUTH_KEY1',
		line: `curl 'https://api.acme.example/v2/contacts?limit=2&offset=0&api_key=${secretToken}'`,
		check: draft => assert.deepEqual((attributesOf(draft)['urlParams'] as {queryParams: unknown}).queryParams, {api_key: '${authKey1}'}),
	},
	{
		name: 'a JSON body (POST)',
		auth: 'OAuth2RefreshCode',
		secretEnv: 'AEP_SOURCE_SECRET_ACCESS_TOKEN',
		line: [
			'curl https://api.acme.example/v2/contacts/search?limit=2\\&offset=0',
			`--oauth2-bearer ${secretToken}`,
			`-d '{"filter": {"status": "active"}}'`,
			'-F file=@x.csv',
		].join(' '),
		check(draft) {
			assert.equal((attributesOf(draft)['urlParams'] as {method: string}).method, 'POST');
			assert.deepEqual(attributesOf(draft)['bodyParams'], {filter: {status: 'active'}});
		},
	},
];

for (const entry of curlLines) {
	test(`import --curl with ${entry.name}: auth mapped, the secret kept out of the draft and the output`, async () => {
		const home = tempHome();
		const result = await runCli(['import', '--curl', entry.line, '--response', fixture('responses/offset-limit-has-more.json')], {home});
		assert.equal(result.code, 0, result.stderr);
		const id = /as draft "([^"]+)"/.exec(result.stdout)?.[1] ?? '';
		const draft = loadDraft(home, id);
		assert.equal(authOf(draft)?.type, entry.auth);
		assert.equal(validateSpec(specFromDraft(draft)).errors.length, 0);
		assert.deepEqual(attributesOf(draft)['contentPath'], {path: '$.contacts'});
		assert.deepEqual(attributesOf(draft)['paginationParams'], {
			type: 'OFFSET',
			limitName: 'limit',
			limitValue: 2,
			offSetName: 'offset',
			endConditionName: '$.hasMore',
			endConditionValue: 'Const:false',
		});
		assert.match(result.stdout, new RegExp(`Credentials from the curl command were not saved\\. For "aep-source run ${id}", set ${entry.secretEnv}`));
		for (const file of drafts(home)) assert.doesNotMatch(fs.readFileSync(path.join(home, 'drafts', file), 'utf8'), /SECRET_4242/);
		assert.doesNotMatch(result.stdout + result.stderr, /SECRET_4242/);
		if (entry.name === 'a JSON body (POST)') assert.match(result.stdout, /Not mapped:\n {2}- curl option -F \(a connection spec cannot express it\)/);
		entry.check?.(draft);
	});
}

test('import --curl without a sample response: the draft is saved, exit 1 lists the missing contentPath', async () => {
	const home = tempHome();
	const result = await runCli(['import', '--curl', `curl -H 'Authorization: Bearer ${secretToken}' https://api.acme.example/v2/things`], {home});
	assert.equal(result.code, 1);
	assert.match(result.stderr, /Missing:\n {2}- contentPath: there is no response to look at; pass a sample response \(--response FILE\)/);
	assert.deepEqual(drafts(home), ['acme-things.json']);
	assert.doesNotMatch(result.stdout + result.stderr + fs.readFileSync(path.join(home, 'drafts', 'acme-things.json'), 'utf8'), /SECRET_4242/);
});

test('import --curl without a sample response: paging is "not detected", never "not found in the response", with how to give one', async () => {
	const home = tempHome();
	const result = await runCli(['import', '--curl', `curl -H 'Authorization: Bearer ${secretToken}' https://api.acme.example/v2/things`], {home});
	assert.equal(result.code, 1);
	assert.match(
		result.stdout,
		joinedPattern(
			/ {2}paginationParams: NONE\n {6}not detected: no sample response was given → NONE \(one request\) for now\. /,
			/Pass a sample response with --response FILE, or set it in the wizard\./,
		),
	);
	assert.doesNotMatch(result.stdout, /found in the response/);
	// With the response, the same line detects the paging from it, and says so.
	const withResponse = await runCli(
		[
			'import',
			'--curl',
			`curl -H 'Authorization: Bearer ${secretToken}' https://api.acme.example/v2/things`,
			'--response',
			fixture('responses/single-object.json'),
		],
		{home: tempHome()},
	);
	assert.match(withResponse.stdout, /paginationParams: NONE\n {6}no next-page URL, cursor, page count or offset was found in the response → NONE/);
	assert.doesNotMatch(withResponse.stdout, /no sample response was given|--response FILE, or set it/);
});

test('import --curl with no credentials: exit 1 says a source needs an auth spec', async () => {
	const home = tempHome();
	const result = await runCli(
		['import', '--curl', "curl 'https://api.acme.example/v2/contacts?limit=2&offset=0'", '--response', fixture('responses/offset-limit-has-more.json')],
		{home},
	);
	assert.equal(result.code, 1);
	assert.match(result.stderr, /- auth: the input shows no credentials or security scheme, and a source needs one auth spec/);
});

test('import --curl: credentials the auth spec does not take (API-key-like headers, secret query and body fields) are never saved', async () => {
	const home = tempHome();
	const values = ['sub-key-7f3a9c1e', 'qsecret-55aa77', 'body-pass-9911', 'sig-0a0b0c0d'];
	const line =
		`curl -X POST -H "Authorization: Bearer tok-e2e-abcdef" -H "Ocp-Apim-Subscription-Key: ${values[0]}" ` +
		`"https://api.example.test/v1/items/search?client_secret=${values[1]}&sig=${values[3]}&limit=10" ` +
		`-d '{"password": "${values[2]}", "filter": "open"}'`;
	const result = await runCli(['import', '--curl', line], {home});
	const output = result.stdout + result.stderr;
	for (const value of values) assert.ok(!output.includes(value), `${value} reached the output`);
	const drafts = fs.readdirSync(path.join(home, 'drafts')).filter(name => name.endsWith('.json'));
	assert.equal(drafts.length, 1, output);
	const saved = fs.readFileSync(path.join(home, 'drafts', drafts[0]!), 'utf8');
	for (const value of values) assert.ok(!saved.includes(value), `${value} was saved in the draft`);
	const spec = specFromDraft(JSON.parse(saved) as Draft) as {
		sourceSpec: {attributes: {urlParams: {queryParams?: Record<string, string>}; bodyParams?: Record<string, unknown>}};
	};
	assert.deepEqual(spec.sourceSpec.attributes.urlParams.queryParams?.['limit'], '10', 'ordinary query parameters are kept');
	assert.equal(spec.sourceSpec.attributes.bodyParams?.['filter'], 'open', 'ordinary body fields are kept');
	assert.match(output, /Ocp-Apim-Subscription-Key header looks like a credential/);
});

test('import: a bad-input message never echoes the credentials of a URL or a header', async () => {
	const home = tempHome();
	const twoUrls = await runCli(['import', '--curl', 'curl https://ada:pw-in-url-123@api.example.test/a?api_key=key-in-query-456 https://api.example.test/b'], {
		home,
	});
	assert.equal(twoUrls.code, 2);
	assert.match(twoUrls.stderr, /names two URLs \("https:\/\/\*\*\*@api\.example\.test\/a\?api_key=\*\*\*"/);
	const badHeader = await runCli(['import', '--curl', 'curl -H "Bearer hdr-token-7890abcdef" https://api.example.test/items'], {home});
	assert.equal(badHeader.code, 2);
	const unreachable = await runCli(['import', 'http://127.0.0.1:9/openapi.json?token=url-token-2468', '--operation', 'x', '--timeout', '2'], {home});
	assert.equal(unreachable.code, 2);
	const output = [twoUrls, badHeader, unreachable].map(r => r.stdout + r.stderr).join('\n');
	for (const secret of ['pw-in-url-123', 'key-in-query-456', 'hdr-token-7890abcdef', 'url-token-2468'])
		assert.ok(!output.includes(secret), `${secret} was echoed`);
});
