import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices} from './helpers/ui-wizard.js';

test('home: first run says where to start and lists what the wizard offers', async () => {
	const ink = await renderWizard({});
	assert.match(ink.frame(), /Welcome! No drafts yet/);
	assert.match(ink.frame(), /❯ New source/);
	assert.match(ink.frame(), /↑\/↓ move/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /❯ New source from an OpenAPI document or a curl command/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /❯ Resume a draft/);
	await ink.cleanup();
});

test('new source: template, empty name refused, then the draft is saved and opens on the profile step', async () => {
	const ink = await renderWizard({});
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Start from a template/);
	const names = ink.frame();
	assert.match(names, /demo/);
	assert.match(names, /mailchimp-members/);
	assert.match(names, /blank/);
	await pressUntil(ink, keys.down, /❯ demo/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /New source from the demo template/);
	for (let i = 0; i < 4; i++) await ink.press(keys.backspace);
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✖ Enter a name for the source\./);
	await ink.type('Demo Contacts');
	assert.match(ink.frame(), /draft id: demo-contacts/);
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Where should this source be built and tested\?/);
	assert.match(ink.frame(), /local — built-in sandbox/);
	assert.equal(savedDraft(ink.services)?.step, 'setup');
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Artifacts — what the Experience Platform catalog shows/);
	assert.equal(savedDraft(ink.services)?.step, 'artifacts');
	await ink.cleanup();
});

test("new source: a name of your own becomes the spec name and the catalog label; the suggested one keeps the template's", async () => {
	const ink = await renderWizard({command: 'new', argv: ['--template', 'mailchimp-members']});
	assert.match(ink.frame(), /New source from the mailchimp-members template/);
	for (let i = 0; i < 'mailchimp-members'.length; i++) await ink.press(keys.backspace);
	await ink.type('Acme CRM');
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	const own = savedDraft(ink.services, 'acme-crm');
	assert.equal(own?.spec['name'], 'Acme CRM');
	assert.equal(own?.artifacts.label, 'Acme CRM');
	await ink.cleanup();

	const again = await renderWizard({command: 'new', argv: ['--template', 'mailchimp-members']});
	await again.press(keys.enter);
	await again.press(keys.enter);
	const suggested = savedDraft(again.services, 'mailchimp-members');
	assert.equal(suggested?.spec['name'], 'Mailchimp Members');
	assert.equal(suggested?.artifacts.label, 'Mailchimp Members');
	await again.cleanup();
});

test('new --template with an unknown name lists the templates with the problem', async () => {
	const ink = await renderWizard({command: 'new', argv: ['--template', 'nope']});
	assert.match(ink.frame(), /There is no template "nope"/);
	await ink.cleanup();
});

test('resume: the draft list shows name and step, and opens where the user left', async () => {
	const services = testServices();
	seedDraft(services, {id: 'first', step: 'auth'});
	seedDraft(services, {id: 'second', step: 'review'});
	const ink = await renderWizard({command: 'resume', services});
	assert.match(ink.frame(), /Resume a draft/);
	assert.match(ink.frame(), /review/);
	assert.match(ink.frame(), /auth/);
	await pressUntil(ink, keys.down, /❯ .*\(first\)/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Auth spec — how users sign in/);
	await ink.cleanup();
});

test('resume DRAFT and checklist DRAFT start on the right screen', async () => {
	const services = testServices();
	seedDraft(services, {id: 'only', step: 'source'});
	const resumed = await renderWizard({command: 'resume', argv: ['only'], services});
	assert.match(resumed.frame(), /Source spec — how records are fetched/);
	await resumed.cleanup();
});

test('import: a missing file and bad JSON are reported with line:column; a good file opens the review', async () => {
	const services = testServices();
	const bad = path.join(services.home, 'bad.json');
	fs.writeFileSync(bad, '{\n  "name": "x",\n  "authSpec": [,]\n}');
	const good = path.join(services.home, 'good.json');
	fs.writeFileSync(good, JSON.stringify({name: 'Imported Thing', authSpec: [], sourceSpec: {}, exploreSpec: {}}));
	const ink = await renderWizard({services});
	await pressUntil(ink, keys.down, /❯ Import a connection spec JSON/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Import a connection spec JSON/);
	await ink.type(path.join(services.home, 'missing.json'));
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Cannot read .*missing\.json: there is no such file\. Check the path\./);
	await ink.press(keys.up);
	await ink.press('\u0015');
	await ink.press(bad);
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /bad\.json is not valid JSON at line 3, column \d+/);
	await ink.press(keys.up);
	await ink.press('\u0015');
	await ink.press(`${good}\r`);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Review — /);
	assert.ok(services.drafts.load('imported-thing'));
	await ink.cleanup();
});
