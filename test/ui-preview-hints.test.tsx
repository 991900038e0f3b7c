// The live preview's hint speaks of where its values live: routed to the demo API because the spec's host has no
// test value yet, a 404 is about that route (set the host, or Ctrl-O), not about the author's path.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {renderWizard, testServices} from './helpers/ui-wizard.js';
import {draftFromSpec} from '../source/connection-spec/index.js';
import {previewHint} from '../source/steps/use-preview.js';

const spec = JSON.parse(readFileSync(new URL('./fixtures/spec/advance-schedule-backfill.json', import.meta.url), 'utf8')) as Record<string, unknown>;

test('source screen: a spec whose host has no test value previews against the demo API and says so when the demo has no such path', {
	timeout: 60_000,
}, async () => {
	const services = testServices();
	services.drafts.save({...draftFromSpec(spec, {id: 'search-export'}), step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['search-export'], services});
	try {
		await ink.waitFor(frame => /answered 404/.test(frame), 20_000);
		await ink.idle();
		const frame = ink.frame().replace(/\n\s*/g, ' ');
		assert.match(frame, /→ demo API .*\(the spec has no host yet\)/);
		assert.match(frame, /went to the demo API because the spec's host has no test value yet/);
		assert.doesNotMatch(frame, /check urlParams\.path/);
	} finally {
		await ink.cleanup();
	}
});

test('previewHint: the demo route, a picked demo route, a refused credential, and any other error as the engine said it', () => {
	const noHost = {api: 'demo' as const, why: 'the spec has no host yet', canSwitch: true};
	const picked = {api: 'demo' as const, why: 'you picked the demo API', canSwitch: true};
	const own = {api: 'spec' as const, target: 'https://api.example.test', why: "the spec's host", canSwitch: true};
	assert.match(previewHint({code: 'source-http', hint: 'check urlParams.path'}, noHost), /give the host a test value \(Ctrl-T\)/);
	assert.match(previewHint({code: 'source-http', hint: 'check urlParams.path'}, picked), /Ctrl-O uses the spec's host/);
	assert.match(previewHint({code: 'source-auth', hint: 'check the auth params of the base connection'}, own), /test values \(Ctrl-T\)/);
	assert.equal(previewHint({code: 'source-http', hint: 'check urlParams.path'}, own), 'check urlParams.path');
	assert.equal(previewHint({code: 'timeout', hint: 'retry'}, noHost), 'retry');
});
