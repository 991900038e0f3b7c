import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, seedDraft, tempHome, testServices} from './helpers/ui-wizard.js';
import {createServices} from '../source/wizard/create-services.js';
import {setIn} from '../source/connection-spec/spec-paths.js';

const clear = '\u0015';

test('auth: toggling types, at least one required, descriptions shown and saved, the model warns about a missing one', async () => {
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
	assert.equal((savedSpec(services)['authSpec'] as unknown[]).length, 1);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Auth spec 1 of 1: Basic authentication/);
	// Descriptions read as descriptions, beside each property's type and flags.
	assert.match(ink.frame(), /❯ Name: Basic Authentication/);
	assert.match(ink.frame(), /username +string · required — description: “User name”/);
	assert.match(ink.frame(), /password +string · secret · required — description: “Password”/);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /property “host”/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /Root URL of the API\./, 'help text from under the focused field');
	await ink.press(clear);
	// The model's warning (auth-property-description), as validate reports it: a note, not a blocking error.
	assert.match(ink.frame(), /⚠ "host" has no description, so users connecting the source see only its bare name\./);
	assert.doesNotMatch(ink.frame(), /✖/);
	await ink.press('Base URL of Acme\r');
	await ink.press(keys.escape);
	assert.match(ink.frame(), /❯ host +string · required — description: “Base URL of Acme”/);
	await ink.press(keys.escape);
	const entry = (savedSpec(services)['authSpec'] as {spec: {properties: {host: {description: string}}}}[])[0]!;
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
	assert.match(ink.frame(), /✖ sourceSpec\.attributes\.urlParams\.path uses \$\{listId\}, but "listId" is neither a user input/);
	await ink.press(keys.enter);
	await pressUntil(ink, keys.down, /❯ Query params/);
	await ink.type('{"a": ');
	assert.match(ink.frame(), /✖ Not valid JSON/);
	await ink.press(clear);
	await pressUntil(ink, keys.down, /❯ User inputs/);
	// The user-input editor: Enter, Enter on "+ Add a user input", the name, then Esc Esc back to the form.
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	await ink.press('listId\r');
	await ink.press(keys.escape);
	await ink.press(keys.escape);
	assert.match(ink.frame(), /❯ User inputs: listId \(Enter to edit\)/);
	assert.doesNotMatch(ink.frame(), /is neither a user input/);
	assert.match(ink.frame(), /Placeholders you can use: .*\$\{listId\}/);
	assert.deepEqual(Object.keys((savedSpec(services)['sourceSpec'] as {spec: {properties: object}}).spec.properties), ['listId']);
	await pressUntil(ink, keys.down, /❯ Records path/);
	await ink.press(clear);
	assert.match(ink.frame(), /✖ sourceSpec\.attributes\.contentPath\.path is missing: it must be a non-empty JSONPath/);
	await ink.type('contacts');
	// A bare key is readable, so the model warns (as validate does) instead of refusing.
	assert.match(ink.frame(), /⚠ sourceSpec\.attributes\.contentPath\.path should be a JSONPath starting with "\$"/);
	await ink.press(clear);
	await ink.press('$.contacts\r');
	await pressUntil(ink, keys.down, /❯ Pagination/);
	assert.match(ink.frame(), /offSetName/);
	await ink.press(keys.right);
	assert.match(ink.frame(), /‹ POINTER ›/);
	assert.match(ink.frame(), /pointerPath/);
	assert.doesNotMatch(ink.frame(), /offSetName/);
	const pagination = (savedSpec(services)['sourceSpec'] as {attributes: {paginationParams: Record<string, unknown>}}).attributes.paginationParams;
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
	// On the local profile every preview request goes to the demo source: 4,200 contacts in one response are > 1 MB.
	const {demoRecordJson} = await import('../source/sandbox/demo-source/index.js');
	const responseBytes = Array.from({length: 4200}, (_, index) => demoRecordJson(index).length).reduce((sum, length) => sum + length, 0);
	assert.ok(responseBytes > 1_000_000, `the sample response is ${responseBytes} bytes`);
	const home = tempHome();
	const services = createServices({home, env: {AEP_SOURCE_HOME: home}, exportDir: home, previewDelayMs: 5, pollIntervalMs: 20, session: {demoRecords: 4200}});
	seedDraft(services, {
		id: 'big',
		step: 'source',
		change: draft => {
			let spec = setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams'], {host: 'https://api.example.com', path: '/v1/items', method: 'GET'});
			spec = setIn(spec, ['sourceSpec', 'attributes', 'contentPath'], {path: '$.items'});
			spec = setIn(spec, ['sourceSpec', 'attributes', 'paginationParams'], {type: 'NONE'});
			return {...draft, spec};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['big'], services});
	try {
		await ink.waitFor(frame => /records found|needs test values|✖ /.test(frame), 20_000);
		assert.match(ink.frame(), /✔ 4200 records found/);
		assert.match(ink.frame(), /GET http:\/\/127\.0\.0\.1:\d+\/v1\/items → 200, 4200 records/, 'sent to the demo source, not api.example.com');
		assert.ok(ink.frame().split('\n').length < 80, 'only a bounded slice is drawn');
		await ink.press(keys.down);
		await ink.type('/more');
		assert.match(ink.frame(), /Path: \/v1\/items\/more/);
	} finally {
		await ink.cleanup();
	}
});

test('preview panel: long values of the sample record are cut', async () => {
	const {PreviewPanel} = await import('../source/steps/preview-panel.js');
	const {renderInk} = await import('./helpers/ink.js');
	const outcome = {specKey: 'k', records: [{id: 1, text: 'y'.repeat(480)}], pages: [], finishedAt: 1};
	const ink = await renderInk(<PreviewPanel state={{status: 'done', outcome}} />);
	assert.match(ink.frame(), /"text": "y{79}…"/);
	await ink.unmount();
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
	assert.deepEqual(savedSpec(services)['exploreSpec'], {name: 'Resource', type: 'Resource'});
	await ink.cleanup();
});

test('review: findings with paths, Enter jumps to the screen that fixes one, s saves the spec file, c refused with errors', async () => {
	const services = testServices();
	seedDraft(services, {
		step: 'review',
		change: draft => ({...draft, spec: setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'path'], '/v1/${nope}')}),
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Review — [1-9]\d* error\(s\)/);
	assert.match(ink.frame(), /sourceSpec\.attributes\.urlParams\.path/);
	assert.match(ink.frame(), /lines 1–14 of \d+/);
	await ink.press(keys.pageDown);
	assert.match(ink.frame(), /lines 15–28 of/);
	await ink.press('s');
	assert.match(ink.frame(), /Save the spec JSON to \(Enter writes, Esc cancels\):/);
	assert.ok(!fs.existsSync(path.join(services.home, 'demo-contacts-connectionSpec.json')), 'nothing is written before Enter');
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✔ Saved .*demo-contacts-connectionSpec\.json/);
	assert.ok(fs.existsSync(path.join(services.home, 'demo-contacts-connectionSpec.json')));
	await ink.press('c');
	assert.match(ink.frame(), /✖ Fix the \d+ error\(s\) first/);
	await ink.press(keys.tab);
	await pressUntil(ink, keys.down, /❯ ✖ error {2}sourceSpec\.attributes\.urlParams\.path/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Source spec — how records are fetched/);
	assert.match(ink.frame(), /^❯ Path: \/v1\/\$\{nope\}/m, 'the field that fixes the finding has the focus');
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

test('source: on the local profile any template previews against the demo source with its public credentials', async () => {
	const services = testServices();
	seedDraft(services, {id: 'blank-one', template: 'blank', step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['blank-one'], services});
	try {
		await ink.waitFor(frame => /records found|needs test values|✖ /.test(frame), 20_000);
		assert.match(ink.frame(), /✔ 30 records found/);
		assert.match(ink.frame(), /GET http:\/\/127\.0\.0\.1:\d+\/v1\/items → 200, 30 records/);
		assert.doesNotMatch(ink.frame(), /demo-password/);
	} finally {
		await ink.cleanup();
	}
});
