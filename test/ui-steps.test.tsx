import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices} from './helpers/ui-wizard.js';
import {setIn} from '../source/steps/spec-paths.js';

const clear = '\u0015';

test('auth: toggling types, at least one required, an unknown required name is flagged, descriptions saved', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /\[x\] OAuth 2 refresh code/);
	for (let i = 0; i < 3; i++) {
		await ink.press(' ');
		await ink.press(keys.down);
	}
	assert.match(ink.frame(), /\[ \] OAuth 2 refresh code/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✖ Choose at least one auth type/);
	await ink.press(keys.down);
	await ink.press(' ');
	assert.equal((savedDraft(services)?.spec['authSpec'] as unknown[]).length, 1);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Auth spec 1 of 1: Basic authentication/);
	assert.match(ink.frame(), /Display name; a base connection passes it as auth\.specName/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /Root URL of the API\./, 'help text from reference 3.4 under the focused field');
	await ink.press(clear);
	assert.match(ink.frame(), /✖ Describe host: users see this text/);
	await ink.press('Base URL of Acme\r');
	await pressUntil(ink, keys.down, /❯ Required properties/);
	await ink.type(', token');
	assert.match(ink.frame(), /✖ Not a property of this auth spec: token/);
	await ink.press(keys.escape);
	const entry = (savedDraft(services)?.spec['authSpec'] as {spec: {properties: {host: {description: string}}}}[])[0]!;
	assert.equal(entry.spec.properties.host.description, 'Base URL of Acme');
	await ink.cleanup();
});

test('source: undeclared placeholder and bad JSON flagged as typed; pagination shows only its type; schedule windows previewed', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Placeholders you can use: .*\$\{host\}/);
	await ink.press(keys.down); // path
	await ink.type('/${listId}');
	assert.match(ink.frame(), /✖ \$\{listId\} is not declared: add listId to User inputs/);
	await ink.press(keys.enter);
	await pressUntil(ink, keys.down, /❯ Query params/);
	await ink.type('{"a": ');
	assert.match(ink.frame(), /✖ Not valid JSON/);
	await ink.press(clear);
	await pressUntil(ink, keys.down, /❯ User inputs/);
	await ink.press('listId\r');
	assert.doesNotMatch(ink.frame(), /is not declared/);
	assert.match(ink.frame(), /Placeholders you can use: .*\$\{listId\}/);
	assert.deepEqual(Object.keys((savedDraft(services)?.spec['sourceSpec'] as {spec: {properties: object}}).spec.properties), ['listId']);
	await ink.type('x');
	await ink.press(clear);
	await pressUntil(ink, keys.down, /❯ Records path/);
	await ink.press(clear);
	assert.match(ink.frame(), /✖ Required: the JSONPath of the records array/);
	await ink.type('contacts');
	assert.match(ink.frame(), /✖ A JSONPath starts with \$/);
	await ink.press(clear);
	await ink.press('$.contacts\r');
	await pressUntil(ink, keys.down, /❯ Pagination/);
	assert.match(ink.frame(), /offSetName/);
	await ink.press(keys.right);
	assert.match(ink.frame(), /‹ POINTER ›/);
	assert.match(ink.frame(), /pointerPath/);
	assert.doesNotMatch(ink.frame(), /offSetName/);
	const pagination = (savedDraft(services)?.spec['sourceSpec'] as {attributes: {paginationParams: Record<string, unknown>}}).attributes.paginationParams;
	assert.deepEqual(pagination, {type: 'POINTER', limitName: 'limit', limitValue: '50'}, 'fields the new type shares are kept, others dropped');
	await pressUntil(ink, keys.down, /❯ Start date format/);
	assert.match(ink.frame(), /Next 3 schedule windows \(hourly\), as sent:/);
	assert.match(ink.frame(), /1\. updated_since=\d{4}-\d\d-\d\dT\d\d:00:00Z&updated_before=/);
	await ink.press(clear);
	await ink.press('yyyyMMdd\r');
	await pressUntil(ink, keys.up, /❯ Start date format/);
	assert.match(ink.frame(), /1\. updated_since=\d{8}&/);
	await ink.cleanup();
});

test('source: the live preview stays bounded with a 1 MB sample response and keeps taking keys', async () => {
	const services = testServices();
	const http = await import('node:http');
	const big = JSON.stringify({items: Array.from({length: 2000}, (_, index) => ({id: index, text: 'y'.repeat(480)}))});
	assert.ok(big.length > 1_000_000);
	const server = http.createServer((_req, res) => {
		res.writeHead(200, {'content-type': 'application/json'});
		res.end(big);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
	// The demo template on the local profile gets the demo credentials; urlParams.host points it at the big server.
	seedDraft(services, {
		id: 'big',
		step: 'source',
		change: draft => {
			let spec = setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams'], {host: url, path: '/items', method: 'GET'});
			spec = setIn(spec, ['sourceSpec', 'attributes', 'contentPath'], {path: '$.items'});
			spec = setIn(spec, ['sourceSpec', 'attributes', 'paginationParams'], {type: 'NONE'});
			return {...draft, spec};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['big'], services});
	try {
		await ink.waitFor(frame => /records found|needs test values|✖ /.test(frame), 20_000);
		assert.match(ink.frame(), /✔ 2000 records found/);
		assert.match(ink.frame(), /GET http:\/\/127\.0\.0\.1:\d+\/items → 200, 2000 records/);
		assert.match(ink.frame(), /"text": "y{79}…"/, 'long values of the sample record are cut');
		assert.ok(ink.frame().split('\n').length < 80, 'only a bounded slice is drawn');
		await ink.press(keys.down);
		await ink.type('/more');
		assert.match(ink.frame(), /Path: \/items\/more/);
	} finally {
		await ink.cleanup();
		server.close();
	}
});

test('explore: pasted bad JSON shows line:column; good JSON is stored and review opens', async () => {
	const services = testServices();
	seedDraft(services, {step: 'explore'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✖ No records yet: press Ctrl-R/);
	await pressUntil(ink, keys.down, /❯ Paste an exploreSpec JSON/);
	await ink.press(keys.enter);
	await ink.press('{"name": "Resource", "type": }\r');
	assert.match(ink.frame(), /✖ Not valid JSON at line 1, column \d+/);
	await ink.press(clear);
	await ink.press('{"name":"Resource","type":"Resource"}\r');
	assert.match(ink.frame(), /Review — /);
	assert.deepEqual(savedDraft(services)?.spec['exploreSpec'], {name: 'Resource', type: 'Resource'});
	await ink.cleanup();
});

test('review: findings with paths, Enter jumps to the screen that fixes one, s saves the spec file, c refused with errors', async () => {
	const services = testServices();
	seedDraft(services, {step: 'review', change: draft => ({...draft, spec: setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'path'], '/v1/${nope}')})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Review — [1-9]\d* error\(s\)/);
	assert.match(ink.frame(), /sourceSpec\.attributes\.urlParams\.path/);
	assert.match(ink.frame(), /lines 1–14 of \d+/);
	await ink.press(keys.pageDown);
	assert.match(ink.frame(), /lines 15–28 of/);
	await ink.press('s');
	assert.match(ink.frame(), /✔ Saved .*demo-contacts-connectionSpec\.json/);
	assert.ok(fs.existsSync(path.join(services.home, 'demo-contacts-connectionSpec.json')));
	await ink.press('c');
	assert.match(ink.frame(), /✖ Fix the \d+ error\(s\) first/);
	await ink.press(keys.tab);
	await pressUntil(ink, keys.down, /❯ ✖ error {2}sourceSpec\.attributes\.urlParams\.path/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Source spec — how records are fetched/);
	await ink.cleanup();
});

test('Ctrl-C saves the draft on the step the user is on and exits through onInterrupt', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.press(keys.ctrlC);
	await ink.idle();
	assert.equal(savedDraft(services)?.step, 'auth');
	await ink.cleanup();
});
