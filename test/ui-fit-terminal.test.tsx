// Screens fit the terminal from 80×24 up (the fake terminal is given a size with resize()): the form scrolls around
// the focused field, the checklist and the review scroll with ↑/↓/PgUp/PgDn, and no frame is taller than the terminal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const lines = (frame: string) => frame.replace(/\n+$/, '').split('\n');

test('80×24: the checklist shows a screenful, ↓ and PgDn scroll to the last item, PgUp back to the first', async () => {
	const services = testServices();
	seedDraft(services, {step: 'checklist'});
	const ink = await renderWizard({command: 'checklist', argv: ['demo-contacts'], services});
	await ink.waitFor(frame => /Submission checklist on “local” — \d+ of \d+ done/.test(frame), 30_000);
	const full = ink.frame();
	const titles = [...full.matchAll(/^[✔○✖] (?:done|missing|failed) +(.+)$/gm)].map(match => match[1]!);
	assert.ok(titles.length > 6, full);
	await ink.resize(80, 24);
	assert.ok(lines(ink.frame()).length <= 24, ink.frame());
	assert.match(ink.frame(), /↓ \d+ more below/);
	assert.ok(ink.frame().includes(titles[0]!));
	assert.ok(!ink.frame().includes(titles.at(-1)!), 'the last item is below the screen');
	for (let i = 0; i < 10 && !ink.frame().includes(titles.at(-1)!); i++) await ink.press(keys.pageDown);
	assert.ok(ink.frame().includes(titles.at(-1)!), ink.frame());
	assert.match(ink.frame(), /↑ \d+ more above/);
	assert.ok(lines(ink.frame()).length <= 24, ink.frame());
	for (let i = 0; i < 10 && !ink.frame().includes(titles[0]!); i++) await ink.press(keys.pageUp);
	assert.ok(ink.frame().includes(titles[0]!));
	assert.doesNotMatch(ink.frame(), /more above/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /↑ 1 more above/, 'one ↓ scrolls one item');
	await ink.cleanup();
});

test('80×24: the review fits, its JSON scrolls with PgDn and Tab reaches the findings', async () => {
	const services = testServices();
	seedDraft(services, {step: 'review'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.resize(80, 24);
	assert.ok(lines(ink.frame()).length <= 24, ink.frame());
	const first = /lines (\d+)–(\d+) of (\d+)/.exec(ink.frame());
	assert.ok(first, ink.frame());
	assert.equal(first[1], '1');
	await ink.press(keys.pageDown);
	const next = /lines (\d+)–(\d+) of/.exec(ink.frame());
	assert.equal(Number(next?.[1]), Number(first[2]) + 1);
	assert.ok(lines(ink.frame()).length <= 24, ink.frame());
	await ink.cleanup();
});

test('80×24: the artifacts form shows the fields around the focus and says how many are above and below', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.resize(80, 24);
	assert.ok(lines(ink.frame()).length <= 24, ink.frame());
	for (let i = 0; i < 8; i++) {
		await ink.press(keys.down);
		assert.ok(lines(ink.frame()).length <= 24, ink.frame());
		assert.match(ink.frame(), /^❯ /m, `the focused row is on screen after ${i + 1} ↓:\n${ink.frame()}`);
		if (i === 2) assert.match(ink.frame(), /↓ \d+ more fields? and \[ Continue to the auth spec \]/);
	}
	assert.match(ink.frame(), /↑ \d+ more fields?/);
	assert.match(ink.frame(), /❯ \[ Continue to the auth spec \]/);
	await ink.cleanup();
});
