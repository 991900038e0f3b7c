// The wizard's error edge: a corrupt or wrongly shaped draft or profiles.json shows one panel naming the file and
// what to do — no stack, no file content — and Enter goes back to Home.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {renderWizard, seedDraft, tempHome, testServices} from './helpers/ui-wizard.js';
import {createLazyServices} from '../source/wizard/services.js';

const secret = 'hunter2-secret-value';
const stack = /\n\s+at |node_modules|\.js:\d+/;

function corruptDraft(home: string, id: string, content: string): void {
	fs.mkdirSync(path.join(home, 'drafts'), {recursive: true});
	fs.writeFileSync(path.join(home, 'drafts', `${id}.json`), content);
}

test('resume of a corrupt draft shows one panel naming the file, line and column; Enter returns to Home', async () => {
	const services = testServices();
	corruptDraft(services.home, 'broken', `{"password": "${secret}", oops`);
	const ink = await renderWizard({command: 'resume', argv: ['broken'], services});
	try {
		const frame = ink.frame();
		assert.match(frame, /This screen could not be shown\./);
		assert.match(frame, /broken\.json is not valid JSON \(line 1, column \d+\)/);
		assert.match(frame, /What to do: Fix the file, or move it out of the drafts folder/);
		assert.doesNotMatch(frame, new RegExp(`${secret}|oops`));
		assert.doesNotMatch(frame, stack);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /New source/);
		assert.doesNotMatch(ink.frame(), /could not be shown/);
	} finally {
		await ink.cleanup();
	}
});

test('the Resume list shows a wrongly shaped draft as a panel and stays usable', async () => {
	const services = testServices();
	seedDraft(services, {id: 'good-one', step: 'auth'});
	corruptDraft(services.home, 'shape', `["${secret}"]`);
	const ink = await renderWizard({command: 'resume', services});
	try {
		assert.match(ink.frame(), /Resume a draft/);
		// The list is newest first; find the wrongly shaped one and open it.
		const lines = ink.frame().split('\n');
		const shapeIndex = lines.findIndex(line => /shape/.test(line));
		const goodIndex = lines.findIndex(line => /good-one/.test(line));
		if (shapeIndex > goodIndex) await ink.press(keys.down);
		await ink.press(keys.enter);
		const frame = ink.frame();
		assert.match(frame, /shape\.json is not a valid draft/);
		assert.match(frame, /What to do:/);
		assert.doesNotMatch(frame, new RegExp(secret));
		assert.doesNotMatch(frame, stack);
		assert.match(frame, /Resume a draft/, 'still on the list');
	} finally {
		await ink.cleanup();
	}
});

test('a profiles.json of the wrong shape is named on the screen that needs it, never reset; Enter returns to Home', async () => {
	const home = tempHome();
	const file = path.join(home, 'profiles.json');
	fs.writeFileSync(file, '[]');
	const services = createLazyServices({home, env: {AEP_SOURCE_HOME: home}});
	const ink = await renderWizard({command: 'home', services});
	try {
		await ink.waitFor(frame => /New source/.test(frame));
		await ink.settle(services.ready?.catch(() => undefined));
		// Home → Profiles: the screen needs the stores.
		const lines = ink.frame().split('\n');
		const selected = lines.findIndex(line => /❯/.test(line));
		const profiles = lines.findIndex(line => /Profiles/.test(line));
		for (let i = selected; i < profiles; i++) await ink.press(keys.down);
		await ink.press(keys.enter);
		const frame = await ink.waitFor(text => /could not be shown/.test(text));
		assert.match(frame, /profiles\.json is not a valid profiles file: \(top level\)/);
		assert.match(frame, /move it away to start again with only the local profile/);
		assert.doesNotMatch(frame, stack);
		assert.equal(fs.readFileSync(file, 'utf8'), '[]', 'never reset');
		await ink.press(keys.escape);
		assert.match(ink.frame(), /New source/);
	} finally {
		await ink.cleanup();
	}
});

test("--debug in the wizard: the services' sessions and clients trace every HTTP call, masked, to the sink", async () => {
	const home = tempHome();
	const lines: string[] = [];
	const services = createLazyServices({home, env: {AEP_SOURCE_HOME: home}, debug: line => lines.push(line)});
	await services.ready;
	const session = await services.openSession('local');
	try {
		await session.client.checkAccess();
		const client = await services.createClient(session.target);
		await client.checkAccess();
	} finally {
		await session.close();
	}
	assert.ok(
		lines.some(line => /POST .*\/ims\/token\/v3/.test(line)),
		lines.join('\n'),
	);
	assert.ok(lines.filter(line => /GET .*flowservice/.test(line)).length >= 2, lines.join('\n'));
	assert.ok(
		lines.every(line => !line.includes(session.target.clientSecret)),
		'the client secret is masked',
	);
});
