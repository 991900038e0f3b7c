// From 80×24 up, the bootstrap's guesses screen and the Explore screen fit the terminal (at most 23 lines: Ink redraws
// the whole terminal for a frame as tall as it): the focused row and its evidence are always on screen, ↑/↓/PgUp/PgDn
// move through the list, and keys arriving in one read ("\x1b[B\x1b[B\r") land on the row they moved to.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices, type WizardHarness} from './helpers/ui-wizard.js';

const lines = (frame: string) => frame.replace(/\n+$/, '').split('\n');
const focused = (frame: string) => lines(frame).find(line => line.startsWith('❯ '));
const fits = (ink: WizardHarness, when: string) => assert.ok(lines(ink.frame()).length <= 23, `${lines(ink.frame()).length} lines ${when}:\n${ink.frame()}`);

/** Home → bootstrap → curl at 80×24, with a curl line that has no sample response (nothing to detect paging from). */
async function guessesAt80x24(): Promise<WizardHarness> {
	const ink = await renderWizard({});
	await ink.resize(80, 24);
	await pressUntil(ink, keys.down, /❯ New source from an OpenAPI document or a curl command/);
	await ink.press(keys.enter);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	await ink.press("curl -H 'Authorization: Bearer tok_fit_123' 'https://api.example.test/v2/contacts?status=active'");
	await ink.press(keys.enter);
	await ink.idle();
	assert.match(ink.frame(), /Guesses \(each can be changed in the steps that follow\):/);
	return ink;
}

test('80×24: the curl guesses scroll around the focused guess, its evidence always under it, ↓ to the last and PgUp back', async () => {
	const ink = await guessesAt80x24();
	fits(ink, 'on arrival');
	assert.match(focused(ink.frame()) ?? '', /^❯ host: https:\/\/api\.example\.test/);
	assert.match(ink.frame(), /↓ \d+ more below/);
	assert.match(ink.frame(), /↑\/↓\/PgUp\/PgDn move/);
	const seen: string[] = [focused(ink.frame())!];
	for (let step = 0; step < 12; step++) {
		await ink.press(keys.down);
		fits(ink, `after ${step + 1} ↓`);
		const line = focused(ink.frame());
		assert.ok(line, `the focused row is on screen after ${step + 1} ↓:\n${ink.frame()}`);
		// The focused row's evidence (or the rest of its message) is the next line, indented.
		const after = lines(ink.frame())[lines(ink.frame()).indexOf(line) + 1] ?? '';
		assert.match(after, /^ {2,}\S/, `the line under the focused row belongs to it:\n${ink.frame()}`);
		if (line === seen.at(-1)) break;
		seen.push(line);
	}
	assert.ok(
		seen.some(line => /^❯ paginationParams: NONE/.test(line)),
		seen.join('\n'),
	);
	assert.match(seen.at(-1)!, /^❯ - contentPath: there is no response to look at/, 'the last row is the missing contentPath');
	assert.match(ink.frame(), /↑ \d+ more above/);
	assert.doesNotMatch(ink.frame(), /more below/);
	for (let press = 0; press < seen.length && !/^❯ host:/.test(focused(ink.frame()) ?? ''); press++) {
		const before = seen.indexOf(focused(ink.frame())!);
		await ink.press(keys.pageUp);
		fits(ink, 'after PgUp');
		assert.ok(seen.indexOf(focused(ink.frame())!) < before, `PgUp moves up:\n${ink.frame()}`);
	}
	assert.match(focused(ink.frame()) ?? '', /^❯ host:/);
	await ink.press(keys.pageDown);
	assert.doesNotMatch(focused(ink.frame()) ?? '', /^❯ host:/, 'PgDn moves by a screenful');
	fits(ink, 'after PgDn');
	await ink.cleanup();
});

test('80×24: with no sample response the wizard says paging was not detected and how to detect it (never "not found in the response")', async () => {
	const ink = await guessesAt80x24();
	await pressUntil(ink, keys.down, /^❯ paginationParams: NONE/m);
	const frame = ink.frame();
	assert.match(frame, /not detected: no sample response was given → NONE \(one request\) for now\.\s+Press s to send\s+the request once/);
	assert.doesNotMatch(frame, /found in the response/);
	await ink.cleanup();
});

test('80×24: ↓ ↓ Enter in one read moves the focus twice, then creates the draft', async () => {
	const ink = await guessesAt80x24();
	await ink.press(`${keys.down}${keys.down}`);
	assert.match(focused(ink.frame()) ?? '', /^❯ authSpec: OAuth2RefreshCode/, ink.frame());
	await ink.press(keys.pageUp);
	await ink.press(`${keys.down}${keys.down}${keys.enter}`);
	await ink.idle();
	assert.match(ink.frame(), /Where should this source be built and tested\?/);
	assert.equal(ink.services.drafts.list().length, 1);
	fits(ink, 'on the profile step');
	await ink.cleanup();
});

test('80×24: an OpenAPI document with 40 list operations: the operation list scrolls, the highlighted one always on screen', async () => {
	const ink = await renderWizard({});
	const file = path.join(ink.home, 'many.json');
	const list = {
		'200': {description: 'ok', content: {'application/json': {schema: {type: 'array', items: {type: 'object', properties: {id: {type: 'string'}}}}}}},
	};
	const paths = Object.fromEntries(
		Array.from({length: 40}, (_, index) => [
			`/things${index}`,
			{get: {operationId: `listThings${index}`, summary: `List the things of kind ${index}`, responses: list}},
		]),
	);
	fs.writeFileSync(file, JSON.stringify({openapi: '3.0.3', info: {title: 'Many', version: '1'}, servers: [{url: 'https://api.many.example'}], paths}));
	await ink.resize(80, 24);
	await pressUntil(ink, keys.down, /❯ New source from an OpenAPI document or a curl command/);
	await ink.press(keys.enter);
	await ink.press(keys.enter);
	await ink.press(`${file}\r`);
	await ink.idle();
	assert.match(ink.frame(), /choose the operation that lists the records/);
	for (let index = 0; index < 40; index++) {
		fits(ink, `at operation ${index}`);
		assert.match(focused(ink.frame()) ?? '', new RegExp(`^❯ GET /things${index} `), ink.frame());
		await ink.press(keys.down);
	}
	await ink.press(`${keys.up}${keys.up}${keys.enter}`);
	await ink.idle();
	assert.match(ink.frame(), /From GET \/things38 /);
	await ink.cleanup();
});

test('80×24: the Explore screen fits with the preview run; its choices stay on screen; ↓ ↓ Enter in one read picks "Paste"', async () => {
	const services = testServices();
	seedDraft(services, {step: 'explore'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.resize(80, 24);
	fits(ink, 'before the preview');
	await ink.press('\u0012'); // Ctrl-R runs the preview
	await ink.waitFor(frame => /records found/.test(frame));
	await ink.idle();
	fits(ink, 'with the preview and its sample record');
	assert.match(ink.frame(), /Sample record:/, 'the preview shrinks, it does not vanish');
	await ink.press('\u0014'); // Ctrl-T: the test values panel above the preview
	assert.match(ink.frame(), /Test values — used by the preview/);
	assert.match(ink.frame(), /records found/);
	fits(ink, 'with the test values panel');
	await ink.press(keys.escape);
	assert.match(ink.frame(), /Explore spec — what the platform shows/);
	for (const choice of [/❯ Fixed explore spec \+ custom schema/, /❯ Fixed explore spec only/, /❯ Paste an exploreSpec JSON/]) {
		assert.match(ink.frame(), choice);
		fits(ink, `at ${choice}`);
		await ink.press(keys.down);
	}
	await ink.press(keys.up); // the menu wrapped around to the first choice; one up is the last again
	await ink.press(keys.down); // …and down wraps back to the first
	assert.match(ink.frame(), /❯ Fixed explore spec \+ custom schema/);
	await ink.press(`${keys.down}${keys.down}${keys.enter}`);
	assert.match(ink.frame(), /Paste the exploreSpec JSON/);
	fits(ink, 'in paste mode');
	await ink.cleanup();
});

test('80×24: a long multi-line paste on the Explore screen keeps the line being typed on screen, with a count of the lines above', async () => {
	const services = testServices();
	seedDraft(services, {step: 'explore'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.resize(80, 24);
	await pressUntil(ink, keys.down, /❯ Paste an exploreSpec JSON/);
	await ink.press(keys.enter);
	const pasted = ['{', '  "type": "Resource",', ...Array.from({length: 40}, (_, index) => `  "field${index}": ${index},`), '  "last": true'];
	await ink.press(pasted.join('\n'));
	fits(ink, 'after 43 pasted lines');
	assert.match(ink.frame(), /↑ \d+ more lines above/);
	assert.match(ink.frame(), /"field39": 39,/);
	assert.match(ink.frame(), /"last": true/, 'the line being typed is on screen');
	await ink.press('\n}\n');
	await ink.idle();
	assert.match(ink.frame(), /Review —/);
	await ink.cleanup();
});
