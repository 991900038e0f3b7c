// A form's footer follows the focused field: Ctrl-U (clear) on a text field, ←/→ on a choice — never a key that does
// nothing where the focus is (the check screen listed "Ctrl-U clear" on its Target choice).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const footerOf = (frame: string) => frame.trimEnd().split('\n').slice(-2).join(' ');

test('artifacts: Ctrl-U clear on the Label text field, ←/→ category on the Category choice, and back', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		assert.match(ink.frame(), /❯ Label/);
		assert.match(footerOf(ink.frame()), /Ctrl-U clear/);
		assert.doesNotMatch(footerOf(ink.frame()), /←\/→ category/);
		await pressUntil(ink, keys.down, /❯ Category/, 5);
		assert.match(footerOf(ink.frame()), /←\/→ category/);
		assert.doesNotMatch(footerOf(ink.frame()), /Ctrl-U clear/);
		await ink.press(keys.up);
		assert.match(footerOf(ink.frame()), /Ctrl-U clear/);
		assert.doesNotMatch(footerOf(ink.frame()), /←\/→ category/);
	} finally {
		await ink.cleanup();
	}
});

test('check inputs: the Target choice it opens on shows ←/→ and no Ctrl-U', async () => {
	const services = testServices();
	seedDraft(services, {step: 'check'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.waitFor(frame => /❯ Target/.test(frame), 10_000);
		assert.match(footerOf(ink.frame()), /←\/→ choice/);
		assert.doesNotMatch(footerOf(ink.frame()), /Ctrl-U clear/);
	} finally {
		await ink.cleanup();
	}
});
