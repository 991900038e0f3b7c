// A run in progress when the sandbox dies (its state copied mid-run, as kill -9 would leave it) is failed on the next
// start, keeping when it started and which source connection it read; the window it never promoted is not consumed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {startSandbox} from '../source/sandbox/index.js';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec, runEndToEndCheck} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, recordingContext, startFixture} from './helpers/workflow-fixture.js';
import {flowService, getToken, tempDir, callSandbox} from './helpers/sandbox-client.js';

test('a run cut by a crash is failed after the restart with its start time and connections kept', {timeout: 60_000}, async () => {
	const fixture = await startFixture({records: 6});
	const copy = tempDir('aep-restart-');
	try {
		const setup = recordingContext(fixture.client, demoDraft('restart-run'));
		const {id: specId} = await createOrUpdateConnectionSpec(setup.ctx);
		await appendToRestStorageToAEP(setup.ctx, specId);
		const controller = new AbortController();
		const {ctx} = recordingContext(fixture.client, setup.ctx.draft);
		ctx.signal = controller.signal;
		let flowId = '';
		ctx.progress = event => {
			// From before the dataflow exists (its first run starts at once), the source takes 3 s to answer: the run
			// stays in progress at least that long.
			if (event.stage === 'dataflow' && event.status === 'start') fixture.sandbox.demo!.setFaults({latencyMs: 3_000});
			if (event.stage === 'dataflow' && event.status === 'done') flowId = String(event.id);
		};
		const oauth = 'OAuth2 Refresh Code';
		const check = runEndToEndCheck(ctx, {authSpecName: oauth, authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url), sourceParams: {}});
		let running: {id: string; metrics: {durationSummary?: {startedAtUTC?: number}; statusSummary: {status: string}}} | undefined;
		for (const deadline = Date.now() + 30_000; Date.now() < deadline && !running; ) {
			await new Promise(resolve => setTimeout(resolve, 25));
			if (!flowId) continue;
			const runs = await fixture.client.runs.listForFlow(flowId);
			running = runs.find(run => run.metrics?.statusSummary?.status === 'inProgress') as typeof running;
		}
		assert.ok(running, 'the first run never showed as in progress');
		const flow = (await fixture.client.flows.get(flowId)) as {sourceConnectionIds: string[]};
		// What kill -9 leaves: the state as committed at this moment (LMDB commits are durable and the file consistent).
		fs.mkdirSync(path.join(copy, 'state'), {recursive: true});
		fs.copyFileSync(path.join(fixture.dataDir, 'state', 'sandbox.mdb'), path.join(copy, 'state', 'sandbox.mdb'));
		controller.abort();
		fixture.sandbox.demo!.setFaults({});
		await check;

		const restarted = await startSandbox({dataDir: copy, demo: false});
		try {
			const token = await getToken(restarted);
			const {clientId, orgId, sandboxName} = restarted.credentials;
			const headers = {authorization: `Bearer ${token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
			const answer = await callSandbox(restarted.platformUrl, headers, 'GET', `${flowService}/runs/${running.id}`);
			assert.equal(answer.status, 200);
			const run = answer.body.items[0];
			assert.equal(run.metrics.statusSummary.status, 'failed');
			assert.match(run.metrics.statusSummary.errors[0].message, /interrupted because the sandbox stopped/);
			assert.equal(run.metrics.durationSummary.startedAtUTC, running.metrics.durationSummary?.startedAtUTC);
			assert.equal(run.activities[0].sourceInfo[0].id, flow.sourceConnectionIds[0]);
		} finally {
			await restarted.close();
		}
	} finally {
		await fixture.close();
		fs.rmSync(copy, {recursive: true, force: true});
	}
});

test('an on-demand run waiting for its start time still waits after a restart (it is not failed)', {timeout: 60_000}, async () => {
	const fixture = await startFixture({records: 6});
	const copy = tempDir('aep-restart-');
	try {
		const setup = recordingContext(fixture.client, demoDraft('restart-waiting'));
		const {id: specId} = await createOrUpdateConnectionSpec(setup.ctx);
		await appendToRestStorageToAEP(setup.ctx, specId);
		const {ctx} = recordingContext(fixture.client, setup.ctx.draft);
		let flowId = '';
		ctx.progress = event => {
			if (event.stage === 'dataflow' && event.status === 'done') flowId = String(event.id);
		};
		const oauth = 'OAuth2 Refresh Code';
		const summary = await runEndToEndCheck(ctx, {
			authSpecName: oauth,
			authParams: demoAuthParams(oauth, fixture.sandbox.demo!.url),
			sourceParams: {},
			keep: true,
		});
		assert.equal(summary.status, 'success');
		const inAnHour = Math.floor(Date.now() / 1000) + 3600;
		const {id} = await fixture.client.runs.create({flowId, params: {startTime: inAnHour, windowStartTime: inAnHour - 3600, windowEndTime: inAnHour}});
		fs.mkdirSync(path.join(copy, 'state'), {recursive: true});
		fs.copyFileSync(path.join(fixture.dataDir, 'state', 'sandbox.mdb'), path.join(copy, 'state', 'sandbox.mdb'));

		const restarted = await startSandbox({dataDir: copy, demo: false});
		try {
			const token = await getToken(restarted);
			const {clientId, orgId, sandboxName} = restarted.credentials;
			const headers = {authorization: `Bearer ${token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
			const answer = await callSandbox(restarted.platformUrl, headers, 'GET', `${flowService}/runs/${id}`);
			assert.equal(answer.status, 200);
			assert.equal(answer.body.items[0].metrics.statusSummary.status, 'scheduled');
		} finally {
			await restarted.close();
		}
	} finally {
		await fixture.close();
		fs.rmSync(copy, {recursive: true, force: true});
	}
});
