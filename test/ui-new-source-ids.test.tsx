// The New source screen never writes over a draft file, even one that cannot be read: its id counts as taken.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {renderWizard, savedDraft, testServices} from './helpers/ui-wizard.js';

test('new source: a corrupt draft’s id is taken — the suggested name skips it and a typed name is refused', async () => {
	const services = testServices();
	fs.mkdirSync(services.drafts.dir, {recursive: true});
	const corrupt = path.join(services.drafts.dir, 'mailchimp-members.json');
	fs.writeFileSync(corrupt, '{"id": "mailchimp-members", "trunc');
	const ink = await renderWizard({command: 'new', argv: ['--template', 'mailchimp-members'], services});
	assert.match(ink.frame(), /mailchimp-members-2/);
	for (let i = 0; i < 'mailchimp-members-2'.length; i++) await ink.press(keys.backspace);
	await ink.type('mailchimp-members');
	await ink.press(keys.enter);
	assert.match(ink.frame(), /A draft "mailchimp-members" already exists/);
	assert.equal(fs.readFileSync(corrupt, 'utf8'), '{"id": "mailchimp-members", "trunc');
	await ink.cleanup();

	const again = await renderWizard({command: 'new', argv: ['--template', 'mailchimp-members'], services});
	await again.press(keys.enter);
	await again.press(keys.enter);
	assert.equal(savedDraft(again.services, 'mailchimp-members-2')?.spec['name'], 'Mailchimp Members');
	assert.equal(fs.readFileSync(corrupt, 'utf8'), '{"id": "mailchimp-members", "trunc');
	await again.cleanup();
});
