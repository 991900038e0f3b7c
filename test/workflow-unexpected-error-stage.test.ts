// An error that is not a WorkflowError (a bug, a progress listener that throws) is reported as a failure of the
// stage that was under way, not as a "cleanup" failure; the check still cleans up after it.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec, runEndToEndCheck} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, recordingContext, startFixture, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
before(async () => {
	fixture = await startFixture({records: 6});
});
after(async () => {
	await fixture?.close();
});

for (const failing of ['explore', 'mapping', 'run'] as const) {
	test(`a plain error thrown as the "${failing}" stage starts is that stage's failure, and everything is cleaned up`, async () => {
		const draft = demoDraft(`unexpected-${failing}`);
		const setup = recordingContext(fixture.client, draft);
		const {id: specId} = await createOrUpdateConnectionSpec(setup.ctx);
		await appendToRestStorageToAEP(setup.ctx, specId);
		const {ctx, events} = recordingContext(fixture.client, setup.ctx.draft);
		ctx.progress = event => {
			events.push(event);
			if (event.stage === failing && event.status === 'start') throw new TypeError(`listener broke at ${failing}`);
		};
		const oauth = 'OAuth2 Refresh Code';
		const summary = await runEndToEndCheck(ctx, {
			authSpecName: oauth,
			authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url),
			sourceParams: {},
			pollIntervalMs: 20,
			timeoutMs: 20_000,
		});
		assert.equal(summary.status, 'failed');
		assert.equal(summary.failedStage, failing);
		assert.match(JSON.stringify(summary.errors), new RegExp(`listener broke at ${failing}`));
		assert.equal(summary.cleanedUp, true);
	});
}
