// Closing the test-values panel (Ctrl-T, then Esc) brings the source-spec form back on the field it was left on;
// it used to reopen on another field, so the next Enter did something else.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const ctrlT = '\u0014';

test('source spec: Ctrl-T then Esc returns to the focused field', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await pressUntil(ink, keys.down, /❯ Method/, 10);
		await ink.press(ctrlT);
		assert.match(ink.frame(), /Test values/);
		await ink.press(keys.escape);
		await ink.idle();
		assert.match(ink.frame(), /❯ Method/);
	} finally {
		await ink.cleanup();
	}
});
