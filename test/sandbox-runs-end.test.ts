import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {flowService, startTestSandbox, type TestSandbox} from './helpers/sandbox-client.js';
import {buildDataflow, finishedRun, until} from './helpers/sandbox-dataflow.js';
import {cursorApiCredentials, startCursorApi, type CursorApi} from './helpers/cursor-api.js';

// Runs end (docs/sandbox-fidelity.md "Runs end"): deleting or disabling a flow cancels its run at once, and the
// source hears nothing more from it. The source is a third-party test API, never the demo source (demo: false).

const cursorSpec = JSON.parse(readFileSync(new URL('./fixtures/spec/never-ending-cursor.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let t: TestSandbox;
before(async () => {
	t = await startTestSandbox({demo: false});
});
after(async () => {
	await t.close();
});

async function startEndlessRun(api: CursorApi): Promise<string> {
	const parts = await buildDataflow(t, {spec: cursorSpec, auth: {specName: 'Basic Authentication', params: {host: api.url, ...cursorApiCredentials}}});
	await until(() => api.requests.length >= 3, 'the run to page through the source');
	return parts.flowId!;
}

/** The source's request count stays where it is for `ms` after `settleMs`. */
async function requestsStopGrowing(api: CursorApi): Promise<{atCancel: number; later: number}> {
	// Within a second of the cancel, the in-flight request (if any) is abandoned.
	await delay(1000);
	const atCancel = api.requests.length;
	await delay(600);
	return {atCancel, later: api.requests.length};
}

test("deleting a flow mid-run cancels the run: the source's request log stops growing, the run fails saying why", async () => {
	const api = await startCursorApi('endless-records', {delayMs: 20});
	try {
		const flowId = await startEndlessRun(api);
		assert.equal((await t.call('DELETE', `${flowService}/flows/${flowId}`)).status, 204);
		const counts = await requestsStopGrowing(api);
		assert.equal(counts.later, counts.atCancel, 'no source request after the flow was deleted');
		const run = await finishedRun(t, flowId, {timeoutMs: 2000});
		assert.equal(run.metrics.statusSummary.status, 'failed');
		assert.match(JSON.stringify(run.metrics.statusSummary.errors), /cancelled because its dataflow was deleted/);
	} finally {
		await api.close();
	}
});

test('disabling a flow mid-run cancels the run the same way', async () => {
	const api = await startCursorApi('endless-records', {delayMs: 20});
	try {
		const flowId = await startEndlessRun(api);
		const flow = (await t.call('GET', `${flowService}/flows/${flowId}`)).body.items[0];
		assert.equal((await t.call('POST', `${flowService}/flows/${flowId}/action?op=disable`, {headers: {'if-match': flow.etag}})).status, 200);
		const counts = await requestsStopGrowing(api);
		assert.equal(counts.later, counts.atCancel, 'no source request after the flow was disabled');
		const run = await finishedRun(t, flowId, {timeoutMs: 2000});
		assert.equal(run.metrics.statusSummary.status, 'failed');
		assert.match(JSON.stringify(run.metrics.statusSummary.errors), /cancelled because its dataflow was disabled/);
	} finally {
		await api.close();
	}
});
