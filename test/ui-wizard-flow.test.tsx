import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, testServices} from './helpers/ui-wizard.js';

const ctrlT = '\u0014';

test('the whole wizard on the local sandbox: new from the demo template → … → end-to-end check → checklist', {timeout: 120_000}, async () => {
	const services = testServices();
	// The icon lives outside the aep-source home: nothing under it is accepted as an icon.
	const icon = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-icon-')), 'demo.svg');
	fs.writeFileSync(icon, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>');
	const ink = await renderWizard({services});
	try {
		// Home → New source → demo template → name → create.
		await ink.press(keys.enter);
		await pressUntil(ink, keys.down, /❯ demo/);
		await ink.press(keys.enter);
		await ink.press('\u0015');
		await ink.type('Demo Contacts');
		await ink.press(keys.enter);
		await ink.press(keys.enter);
		// Profile: the built-in local sandbox.
		assert.match(ink.frame(), /❯ local — built-in sandbox/);
		await ink.press(keys.enter);
		// Artifacts: the author's own label and description in place of the template's, the icon and a documentation link.
		assert.match(ink.frame(), /❯ Label: Demo Contacts/);
		await ink.press('\u0015');
		await ink.press('Acme Contacts\r');
		await ink.press('\u0015');
		await ink.press('Contacts of the Acme CRM, with their tags and orders.\r');
		await pressUntil(ink, keys.down, /❯ Icon file/);
		await ink.press(`${icon}\r`);
		await ink.press(`https://developer.acme.test/contacts\r`);
		await pressUntil(ink, keys.down, /❯ \[ Continue to the auth spec \]/);
		await ink.press(keys.enter);
		// Auth: the template's three types are chosen; walk through each description form.
		assert.match(ink.frame(), /\[x\] OAuth 2 refresh code/);
		await ink.press(keys.enter);
		for (let i = 0; i < 3; i++) {
			assert.match(ink.frame(), new RegExp(`Auth spec ${i + 1} of 3`));
			await pressUntil(ink, keys.down, /❯ \[ Continue \]/, 30);
			await ink.press(keys.enter);
		}
		// Source: the live preview runs against the demo source.
		assert.match(ink.frame(), /Source spec — how records are fetched/);
		await ink.waitFor(frame => /✔ \d+ records found/.test(frame), 30_000);
		assert.match(ink.frame(), /GET http:\/\/127\.0\.0\.1:\d+\/v1\/offset\/contacts\?.* → 200/);
		assert.match(ink.frame(), /Paging stopped: /);
		assert.match(ink.frame(), /Sample record:/);
		await pressUntil(ink, keys.down, /❯ \[ Continue to the explore spec \]/, 40);
		await ink.press(keys.enter);
		// Explore: fixed spec + schema inferred from the preview records.
		assert.match(ink.frame(), /Explore spec — what the platform shows/);
		await ink.press(keys.enter);
		// Review: no errors; continue.
		assert.match(ink.frame(), /Review — 0 error\(s\)/);
		await ink.press('c');
		// Create & register.
		assert.match(ink.frame(), /Create & register on profile “local”/);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Connection spec created: [\w-]+/.test(frame) || /✖/.test(frame), 30_000);
		await ink.idle();
		assert.match(ink.frame(), /✔ Added to RestStorageToAEP/);
		const specId = savedDraft(services)?.remote['local']?.connectionSpecId;
		assert.ok(specId, 'the spec id is recorded in the draft');
		await ink.press(keys.enter);
		// End-to-end check: the demo template goes to the demo API, with its public credentials.
		assert.match(ink.frame(), /End-to-end check — base connection/);
		await ink.waitFor(frame => /Source requests → demo API http:\/\/127\.0\.0\.1:\d+ \(the demo template is made for the demo API\)/.test(frame), 10_000);
		assert.match(ink.frame(), /Test values: auth spec “OAuth2 Refresh Code” with the demo API’s public credentials ✔/);
		await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage/.test(frame), 60_000);
		await ink.idle();
		assert.match(ink.frame(), /✔ Success: 30 records read, 30 written, 0 failed/);
		assert.match(ink.frame(), /✔ Base connection/);
		assert.match(ink.frame(), /✔ Dataflow/);
		const saved = savedDraft(services)!;
		assert.deepEqual(saved.test.authParams, {}, 'no credential (nor the session-specific demo URL) reaches the draft');
		assert.doesNotMatch(JSON.stringify(saved), /"(accessToken|password|authKey1)":"demo/, 'no secret reaches the draft');
		// The other two auth specs: Esc edits the inputs, →  picks the next auth spec, run again.
		for (const name of ['Basic Authentication', 'API Key Authentication']) {
			await ink.press(keys.escape);
			await ink.press(ctrlT);
			assert.match(ink.frame(), /Test values — used by the preview, explore and the end-to-end check/);
			await pressUntil(ink, keys.down, /❯ Auth spec/, 30);
			await ink.press(keys.right);
			assert.match(ink.frame(), new RegExp(`‹ ${name} ›`));
			await ink.press(keys.escape);
			await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
			await ink.press(keys.enter);
			await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage/.test(frame), 60_000);
			await ink.idle();
			assert.match(ink.frame(), new RegExp(`with “${name}”[\\s\\S]*✔ Success: 30 records read`));
		}
		await ink.press(keys.enter);
		// Checklist.
		await ink.waitFor(frame => /Submission checklist on “local” — \d+ of \d+ done/.test(frame), 30_000);
		const frame = ink.frame();
		assert.match(frame, /✔ done {4}Artifacts complete/);
		assert.match(frame, /✔ done {4}End-to-end run succeeded for each auth spec/);
		assert.match(frame, /✔ done {4}Spec id listed in RestStorageToAEP/);
		await ink.press('p');
		assert.match(ink.frame(), /Write the submission packet to the folder \(Enter writes, Esc cancels\):/);
		await ink.press('\r');
		await ink.idle();
		assert.match(ink.frame(), /✔ Submission packet: \d+ files in /);
		await ink.press('r');
		await ink.idle();
		assert.match(ink.frame(), /✔ done {4}Verification environment values recorded/);
		assert.match(ink.frame(), /✔ done {4}Documentation page generated/);
	} finally {
		await ink.cleanup();
	}
});
