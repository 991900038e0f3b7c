// Ctrl-C (the check's signal) reaches the platform calls under way: a retry wait the platform asked for (10 minutes
// here) and a request still waiting for its answer end at once, the stage reports "Stopped", and the clean-up
// after the stop still runs (its calls start after the stop, so they are not cut). Each test has a 20 s limit: if
// the wait or the request were not cut, it could not finish in time.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createPlatformClient} from '../source/api/index.js';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec, runEndToEndCheck} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, nothingLeft, recordingContext, remoteCounts, startFixture, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
before(async () => {
	fixture = await startFixture({records: 6});
});
after(async () => {
	fixture.sandbox.setFaults(undefined);
	fixture.sandbox.demo!.setFaults({});
	await fixture?.close();
});

const oauth = 'OAuth2 Refresh Code';

async function registered(id: string) {
	const setup = recordingContext(fixture.client, demoDraft(id));
	const {id: specId} = await createOrUpdateConnectionSpec(setup.ctx);
	await appendToRestStorageToAEP(setup.ctx, specId);
	return setup.ctx.draft;
}

test('a stop during a 10-minute Retry-After wait ends the wait: the stage is "Stopped", nothing is left behind', {timeout: 20_000}, async () => {
	const draft = await registered('stop-in-wait');
	const target = {imsUrl: fixture.sandbox.imsUrl, platformUrl: fixture.sandbox.platformUrl, ...fixture.sandbox.credentials};
	// A budget that allows the platform's long Retry-After, so the client really waits.
	const client = createPlatformClient(target, {retry: {limit: 3, maxTotalMs: 3_600_000}, timeoutMs: 10_000});
	const controller = new AbortController();
	const retries: string[] = [];
	client.onRetry(event => {
		retries.push(`${event.call} in ${event.delayMs} ms`);
		controller.abort();
	});
	const {ctx} = recordingContext(client, draft);
	ctx.signal = controller.signal;
	// Every Flow Service call to /connections answers 429 with Retry-After: 600 until the faults are cleared.
	fixture.sandbox.setFaults({rateLimit: {burst: 1_000_000, retryAfterSeconds: 600, paths: /\/flowservice\/connections$/}});
	let summary: Awaited<ReturnType<typeof runEndToEndCheck>>;
	try {
		summary = await runEndToEndCheck(ctx, {authSpecName: oauth, authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url), sourceParams: {}});
	} finally {
		fixture.sandbox.setFaults(undefined);
	}
	assert.match(retries[0] ?? '', /POST .*connections in 600000 ms/);
	assert.equal(summary.status, 'failed');
	assert.equal(summary.failedStage, 'base-connection');
	assert.match(JSON.stringify(summary.errors), /Stopped during \\"base-connection\\": Stopped: POST .*connections was cancelled/);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('a stop while explore waits for a slow source ends that request, then the clean-up deletes the base connection', {timeout: 20_000}, async () => {
	const draft = await registered('stop-in-flight');
	const controller = new AbortController();
	const {ctx, events} = recordingContext(fixture.client, draft);
	ctx.signal = controller.signal;
	ctx.progress = event => {
		events.push(event);
		// The explore request is on its way; the source takes a minute to answer it.
		if (event.stage === 'explore' && event.status === 'start') setTimeout(() => controller.abort(), 200);
	};
	fixture.sandbox.demo!.setFaults({latencyMs: 60_000});
	let summary: Awaited<ReturnType<typeof runEndToEndCheck>>;
	try {
		summary = await runEndToEndCheck(ctx, {authSpecName: oauth, authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url), sourceParams: {}});
	} finally {
		fixture.sandbox.demo!.setFaults({});
	}
	assert.equal(summary.status, 'failed');
	assert.equal(summary.failedStage, 'explore');
	assert.match(JSON.stringify(summary.errors), /Stopped during \\"explore\\"/);
	assert.equal(summary.cleanedUp, true);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});
