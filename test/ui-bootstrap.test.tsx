// Home → "New source from an OpenAPI document or a curl command": keys typed, frames asserted. The curl request
// of "send it once" goes over real HTTP to a small test server on 127.0.0.1.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, type WizardHarness} from './helpers/ui-wizard.js';

const fixture = (name: string) => new URL(`./fixtures/bootstrap/${name}`, import.meta.url).pathname;
const attributes = (harness: WizardHarness, id: string) => (savedSpec(harness.services, id)['sourceSpec'] as {attributes: Record<string, unknown>}).attributes;

async function openBootstrap(): Promise<WizardHarness> {
	const ink = await renderWizard({});
	await pressUntil(ink, keys.down, /❯ New source from an OpenAPI document or a curl command/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /❯ From an OpenAPI document \(file or URL\)/);
	assert.match(ink.frame(), /From a curl command/);
	return ink;
}

test('OpenAPI: path typed, list operations offered, guesses shown with evidence, the draft opens on the profile step', async () => {
	const ink = await openBootstrap();
	await ink.press(keys.enter);
	assert.match(ink.frame(), /OpenAPI document \(file path or https:\/\/ URL\):/);
	await ink.type(fixture('openapi-3.0.yaml'));
	await ink.press(keys.enter);
	await ink.idle();
	const list = ink.frame();
	assert.match(list, /OpenAPI 3\.0\.3: choose the operation that lists the records/);
	assert.match(list, /❯ GET \/contacts/);
	assert.match(list, /POST \/tickets\/search/);
	assert.doesNotMatch(list, /\/contacts\/\{id\}/, 'a single-object operation is not offered');
	await pressUntil(ink, keys.down, /❯ GET \/deals/);
	await ink.press(keys.enter);
	await ink.idle();
	const result = ink.frame();
	assert.match(result, /From GET \/deals \(OpenAPI 3\.0\.3\): "Acme CRM Deals"/);
	assert.match(result, /authSpec: KeyBased\n\s+security scheme "apiKeyHeader" is an API key in the X-Api-Key header/);
	assert.match(result, /contentPath: \$\.data\n\s+\$\.data is the largest array of objects in the response schema/);
	assert.match(
		result,
		/paginationParams: OFFSET limitName=limit limitValue=100 offSetName=start\s+endConditionName=\$\.additional_data\.pagination\.more_items_in_collection/,
	);
	assert.doesNotMatch(result, /Missing/);
	assert.match(result, /Enter create the draft/);
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /Where should this source be built and tested\?/);
	const draft = savedDraft(ink.services, 'acme-crm-deals');
	assert.equal(draft?.step, 'setup');
	assert.equal(draft?.test.authParams['region'], 'eu');
	assert.deepEqual(attributes(ink, 'acme-crm-deals')['contentPath'], {path: '$.data'});
	await ink.cleanup();
});

test('OpenAPI: a missing file and a broken $ref are sentences on the same screen; Esc walks back to Home', async () => {
	const ink = await openBootstrap();
	await ink.press(keys.enter);
	await ink.type(fixture('nope.yaml'));
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /✖ Cannot read .*nope\.yaml: there is no such file\./);
	assert.match(ink.frame(), /OpenAPI document \(file path or https:\/\/ URL\):/);
	for (let i = 0; i < 'nope.yaml'.length; i++) await ink.press(keys.backspace);
	await ink.type('broken-ref.yaml');
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /✖ broken-ref\.yaml has a \$ref that cannot be resolved: Missing \$ref pointer\s+"#\/components\/schemas\/Thing"/);
	await ink.press(keys.escape);
	assert.match(ink.frame(), /❯ From an OpenAPI document/);
	await ink.press(keys.escape);
	assert.match(ink.frame(), /❯ New source \(from a template or blank\)|New source from an OpenAPI document or a curl command/);
	assert.match(ink.frame(), /Resume a draft/);
	assert.deepEqual(ink.services.drafts.list(), []);
	await ink.cleanup();
});

test('curl: credentials stay in memory; "s" sends the request once and suggests records and paging from its answer', async () => {
	const token = 'tok_ui_SECRET_777';
	const seen: {url: string; authorization?: string}[] = [];
	const body = fs.readFileSync(fixture('responses/offset-limit-has-more.json'), 'utf8');
	const server = http.createServer((request, response) => {
		seen.push({url: request.url ?? '', authorization: request.headers.authorization});
		response.writeHead(200, {'content-type': 'application/json'}).end(body);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	try {
		const ink = await openBootstrap();
		await ink.press(keys.down);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /Paste the curl command:/);
		// Pasted as one chunk, continued over two lines with a backslash, as API docs print it.
		await ink.press(`curl -H 'Authorization: Bearer ${token}' \\`);
		await ink.press('\r');
		await ink.press(`  '${base}/v2/contacts?limit=2&offset=0'`);
		await ink.press('\r');
		await ink.idle();
		let frame = ink.frame();
		assert.match(frame, /authSpec: OAuth2RefreshCode\n\s+the Authorization: Bearer header → OAuth2RefreshCode/);
		assert.match(frame, /Missing \(the draft is created; complete it in the steps\):\n\s+- contentPath: there is no response to look at/);
		assert.match(frame, /Credentials kept in memory for the test run: accessToken/);
		assert.match(frame, /s send the request once and suggest from its response/);
		assert.doesNotMatch(frame, /SECRET_777/);
		await ink.press('s');
		await ink.idle();
		frame = ink.frame();
		assert.deepEqual(seen, [{url: '/v2/contacts?limit=2&offset=0', authorization: `Bearer ${token}`}]);
		assert.match(frame, /From the curl command and its 200 response/);
		assert.match(frame, /contentPath: \$\.contacts/);
		assert.match(frame, /paginationParams: OFFSET limitName=limit limitValue=2 offSetName=offset endConditionName=\$\.hasMore\s+endConditionValue=Const:false/);
		assert.doesNotMatch(frame, /Missing/);
		await ink.press(keys.enter);
		await ink.idle();
		assert.match(ink.frame(), /Where should this source be built and tested\?/);
		const id = ink.services.drafts.list()[0]?.id ?? '';
		assert.equal(id, 'contacts');
		assert.doesNotMatch(fs.readFileSync(path.join(ink.home, 'drafts', `${id}.json`), 'utf8'), /SECRET_777/);
		assert.deepEqual(attributes(ink, id)['urlParams'], {host: base, path: '/v2/contacts', method: 'GET'});
		await ink.cleanup();
	} finally {
		server.close();
	}
});

test('curl: an unparseable line is a sentence, and nothing is created', async () => {
	const ink = await openBootstrap();
	await ink.press(keys.down);
	await ink.press(keys.enter);
	await ink.type("curl -H 'Accept: json https://api.example.test/x");
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /✖ The curl command has an unterminated single quote; paste the whole command\./);
	assert.match(ink.frame(), /Paste the curl command:/);
	assert.deepEqual(ink.services.drafts.list(), []);
	await ink.cleanup();
});
