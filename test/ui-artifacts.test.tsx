import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices} from './helpers/ui-wizard.js';

const clear = '\u0015'; // Ctrl-U clears the field before the cursor

test('artifacts: empty label, bad URL, non-SVG icon and bad e-mail each show their message; the card is drawn', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts'});
	// The icons live outside the aep-source home: nothing under it is ever accepted as an icon.
	const icons = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-icons-'));
	const png = path.join(icons, 'icon.png');
	fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
	const svg = path.join(icons, 'icon.svg');
	fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Catalog card preview/);
	assert.match(ink.frame(), /Demo Contacts/);

	await ink.press(clear);
	assert.match(ink.frame(), /✖ The label is required/);
	await ink.type('Acme Members');
	await ink.press(keys.enter);
	assert.equal(savedDraft(services)?.artifacts.label, 'Acme Members', 'the label is saved as soon as it is committed');
	assert.match(ink.frame(), /┐ Acme Members/, 'the catalog card shows the new label');

	await pressUntil(ink, keys.down, /❯ Category/);
	await ink.press(keys.right);
	assert.notEqual(savedDraft(services)?.artifacts.category, 'crm');

	await pressUntil(ink, keys.down, /❯ Icon file/);
	await ink.press(png);
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /✖ .*icon\.png is a PNG image; the catalog icon must be an SVG file/);
	assert.notEqual(savedDraft(services)?.artifacts.iconPath, png, 'a rejected icon path is never saved');
	await ink.press(keys.up);
	await ink.press(clear);
	await ink.press(`${svg}\r`);
	await ink.idle();
	assert.match(ink.frame(), /✔ The icon is a readable SVG/);
	assert.match(ink.frame(), /│ SVG │/, 'the card shows the icon');

	await pressUntil(ink, keys.down, /❯ Documentation link/);
	await ink.type('docs.example.com');
	assert.match(ink.frame(), /✖ Not a URL/);
	await ink.press(clear);
	await ink.type('ftp://docs.example.com');
	assert.match(ink.frame(), /✖ Must start with http:\/\/ or https:\/\//);
	await ink.press(clear);
	await ink.press('https://docs.example.com/acme');
	await ink.press(keys.enter);
	await ink.press(keys.down);
	await pressUntil(ink, keys.down, /❯ Provider contact/);
	await ink.type('nobody');
	assert.match(ink.frame(), /✖ Not an e-mail address/);
	await ink.press(clear);

	await ink.press('\u0005'); // Ctrl-E exports the Artifacts folder, after asking where (the default shown)
	assert.match(ink.frame(), /Write Sources\/demo-contacts\/Artifacts\/ under \(Enter writes, Esc cancels\):/);
	assert.ok(ink.frame().includes(`> ${services.home}`), ink.frame());
	assert.ok(!fs.existsSync(path.join(services.home, 'Sources')), 'nothing is written before Enter');
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /✔ Wrote \d+ files to .*Sources\/demo-contacts\/Artifacts/);
	assert.ok(fs.existsSync(path.join(services.home, 'Sources', 'demo-contacts', 'Artifacts', 'demo-contacts-icon.svg')));

	await pressUntil(ink, keys.down, /❯ \[ Continue to the auth spec \]/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Auth spec — how users sign in/);
	assert.equal(savedDraft(services)?.artifacts.documentationLink, 'https://docs.example.com/acme');
	await ink.cleanup();
});
