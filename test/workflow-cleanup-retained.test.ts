// Mapping sets cannot be deleted (Data Prep has no DELETE): each check's clean-up says so in one line, however many
// earlier checks of the draft left one (a line per mapping set grew with every run).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec, runEndToEndCheck} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, recordingContext, startFixture, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
before(async () => {
	fixture = await startFixture({records: 4});
});
after(async () => {
	await fixture?.close();
});

test('three checks of one draft: the third clean-up says in one line that three mapping sets stay', async () => {
	const setup = recordingContext(fixture.client, demoDraft('retained-mapping-sets'));
	const {id: specId} = await createOrUpdateConnectionSpec(setup.ctx);
	await appendToRestStorageToAEP(setup.ctx, specId);
	let draft = setup.ctx.draft;
	const oauth = 'OAuth2 Refresh Code';
	const options = {authSpecName: oauth, authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url), sourceParams: {}, pollIntervalMs: 20};
	let lines: string[] = [];
	for (let round = 1; round <= 3; round++) {
		const {ctx, events} = recordingContext(fixture.client, draft);
		const summary = await runEndToEndCheck(ctx, options);
		assert.equal(summary.status, 'success');
		draft = ctx.draft;
		lines = events.filter(event => event.stage === 'cleanup' && /stay/.test(event.message ?? '')).map(event => event.message ?? '');
	}
	assert.equal(lines.filter(line => /no delete/.test(line)).length, 1, lines.join('\n'));
	assert.match(lines.join('\n'), /^Deleted \d+ test object\(s\); 3 mapping set\(s\) stay \(Data Prep has no delete\)$/);
});
