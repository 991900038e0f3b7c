// Cosmetics at 80 columns, as a trial at 80×24 found them: no frame line wider than the terminal, key footers that
// wrap between hints (never a line starting with a space or a lone "·"), a header that wraps between words with
// its continuation under the draft's name, and checklist items whose wrapped lines stay under their text.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {stepNames} from '../source/connection-spec/draft-types.js';
import {footerLines} from '../source/components/key-footer.js';
import {headerLines, headerUnits} from '../source/components/wizard-header.js';
import {keys} from './helpers/ink.js';
import {renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const lines = (frame: string) => frame.replace(/\n+$/, '').split('\n');
const width = (line: string) => [...line].length;
const longLabel = 'Acme Corporation Customer Relationship Members and Contacts Export';

function assertTidy(frame: string, where: string): void {
	for (const line of lines(frame)) {
		assert.ok(width(line) <= 80, `${where}: a line of ${width(line)} columns:\n${frame}`);
		// "· Validate the spec" is a progress list's pending mark; a footer's separator would be " ·" or "·  ".
		assert.doesNotMatch(line, /^ +·|^·( {2}|$)/, `${where}: a line starts with a separator:\n${frame}`);
	}
}

/** The footer is the last block of the frame: lines of "key action" hints joined by " · ". */
function footerOf(frame: string): string[] {
	const all = lines(frame);
	const blank = all.lastIndexOf('');
	return all.slice(blank + 1);
}

test('footerLines packs whole hints: a wrapped footer never starts a line with a space or a separator', () => {
	const hints: [string, string][] = [
		['↑/↓ PgUp/PgDn', 'scroll'],
		['p', 'export submission packet'],
		['r', 'refresh'],
		['h', 'home'],
		['Esc', 'back'],
		['Ctrl-C', 'quit'],
	];
	const footer = footerLines(hints, 40);
	assert.deepEqual(footer, ['↑/↓ PgUp/PgDn scroll', 'p export submission packet  ·  r refresh', 'h home  ·  Esc back  ·  Ctrl-C quit']);
	assert.deepEqual(footerLines(hints, 200), [hints.map(([key, action]) => `${key} ${action}`).join('  ·  ')]);
});

test('the header wraps between words, continues under the name, keeps "› Step" and the profile note whole', () => {
	const units = headerUnits(longLabel, 'End-to-end check', '[profile: local; draft built on “acme-dev”]', 68);
	const shown = headerLines(units, 80, 12).map(line => line.map(unit => unit.text).join(''));
	assert.deepEqual(shown, [
		'aep-source  Acme Corporation Customer Relationship Members and Contacts Export',
		'            › End-to-end check  [profile: local; draft built on “acme-dev”]',
	]);
	const single = headerLines(headerUnits('x'.repeat(120), 'Review', '[profile: local]', 68), 80, 12).map(line => line.map(unit => unit.text).join(''));
	assert.ok(
		single.every(line => width(line) <= 80),
		single.join('\n'),
	);
	assert.match(single.join('\n'), /x…/, 'a name wider than any line is shortened with an ellipsis');
});

test('80 columns: every step screen of a long-named draft keeps lines within 80, the header and the footer tidy', async () => {
	for (const step of stepNames) {
		if (step === 'setup') continue;
		const services = testServices();
		seedDraft(services, {step, change: draft => ({...draft, artifacts: {...draft.artifacts, label: longLabel}})});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		await ink.resize(80, 24);
		if (step === 'checklist') await ink.waitFor(frame => /\d+ of \d+ done/.test(frame), 30_000);
		const frame = ink.frame();
		assertTidy(frame, step);
		const [first, second] = lines(frame);
		assert.equal(first, `aep-source  ${longLabel}`, `${step}: the header breaks after the name, not inside a word`);
		assert.match(second!, /^ {12}› \S/, `${step}: the header's second line starts under the name:\n${frame}`);
		for (const line of footerOf(frame)) assert.match(line, /^[^\s·]/, `${step}: a footer line starts with a space or "·":\n${frame}`);
		await ink.cleanup();
	}
});

test('80 columns: home, new-source and import screens keep lines within 80 and footers tidy', async () => {
	const services = testServices();
	const ink = await renderWizard({services});
	await ink.resize(80, 24);
	assertTidy(ink.frame(), 'home');
	for (const pick of ['New source (from', 'New source from an OpenAPI', 'Import a connection spec']) {
		const menu = lines(ink.frame());
		const index = menu.findIndex(line => line.includes(pick));
		const current = menu.findIndex(line => /❯/.test(line));
		assert.ok(index !== -1 && current !== -1, ink.frame());
		for (let i = current; i < index; i++) await ink.press(keys.down);
		await ink.press(keys.enter);
		await ink.waitFor(frame => !/Loading…/.test(frame) && !frame.includes('Resume a draft'));
		assertTidy(ink.frame(), pick);
		for (const line of footerOf(ink.frame())) assert.match(line, /^[^\s·]/, `${pick}:\n${ink.frame()}`);
		await ink.press(keys.escape);
		await ink.waitFor(frame => frame.includes('Resume a draft'));
	}
	await ink.cleanup();
});

test('80 columns: wrapped checklist lines indent under their text, not under the mark', async () => {
	const services = testServices();
	seedDraft(services, {step: 'checklist'});
	const ink = await renderWizard({command: 'checklist', argv: ['demo-contacts'], services});
	// Done when the remote items are read too ("Working…" gone): under load the count shows first.
	await ink.waitFor(frame => /\d+ of \d+ done/.test(frame) && !/Working…/.test(frame), 30_000);
	await ink.resize(80, 60);
	await ink.idle();
	const all = lines(ink.frame());
	const start = all.findIndex(line => /^[✔○✖] /.test(line));
	const end = all.findIndex(line => /PgUp\/PgDn scroll/.test(line));
	let wrapped = 0;
	for (const line of all.slice(start, end).filter(line => line !== '')) {
		if (/^[✔○✖] (done|missing|failed) +\S/.test(line)) {
			assert.match(line, /^. \S+ +/);
			assert.equal(line.indexOf(line.slice(10).trimStart()), 10, `the title starts at column 10: ${line}`);
		} else if (/^ {10}→ /.test(line) || /^ {10}\S/.test(line)) continue;
		else {
			// A continuation of "→ next step" starts under the text after the arrow.
			assert.match(line, /^ {12}\S/, `a wrapped line not under its text:\n${ink.frame()}`);
			wrapped++;
		}
	}
	assert.ok(wrapped > 0, `at 80 columns some next step wraps:\n${ink.frame()}`);
	await ink.cleanup();
});
