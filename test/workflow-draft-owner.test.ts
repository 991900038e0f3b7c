// The draft has one owner: workflow functions never change the draft they are given; every change arrives through
// the context's updateDraft (draftOwner), which the wizard and `run` both use. Every draft the workflow sees here is
// deep-frozen, so any write to it throws (ES modules run in strict mode).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Draft} from '../source/connection-spec/draft-types.js';
import {
	appendToRestStorageToAEP,
	checklist,
	cleanUp,
	createOrUpdateConnectionSpec,
	draftOwner,
	exportArtifacts,
	exportSubmissionPacket,
	runEndToEndCheck,
	type ProgressEvent,
	type WorkflowContext,
} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, nothingLeft, remoteCounts, startFixture, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
let dir: string;
before(async () => {
	fixture = await startFixture({records: 12});
	dir = mkdtempSync(path.join(os.tmpdir(), 'aep-owner-'));
});
after(async () => {
	await fixture?.close();
	rmSync(dir, {recursive: true, force: true});
});

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

/** A context over a frozen draft whose owner freezes every new draft too, and keeps each one it was handed. */
function frozenContext(draft: Draft): {ctx: WorkflowContext; updates: Draft[]; events: ProgressEvent[]} {
	const updates: Draft[] = [];
	const events: ProgressEvent[] = [];
	const owner = draftOwner(deepFreeze(draft), next => void updates.push(deepFreeze(next)));
	const ctx = Object.assign(owner, {client: fixture.client, profileName: 'local', progress: (event: ProgressEvent) => void events.push(event)});
	return {ctx, updates, events};
}

const fast = {pollIntervalMs: 50, timeoutMs: 20_000};
const oauth = 'OAuth2 Refresh Code';

test('register, append, check, keep on failure, clean up, checklist and exports: the frozen draft is never written to', async () => {
	const original = demoDraft('owner');
	original.artifacts.iconPath = path.join(dir, 'icon.svg');
	writeFileSync(original.artifacts.iconPath, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n');
	const snapshot = structuredClone(original);
	const {ctx, updates} = frozenContext(original);
	const host = fixture.sandbox.demo!.url;

	const {id} = await createOrUpdateConnectionSpec(ctx);
	await appendToRestStorageToAEP(ctx, id);
	const success = await runEndToEndCheck(ctx, {authSpecName: oauth, authParams: demoAuthParams(oauth, host), sourceParams: {}, ...fast});
	assert.equal(success.status, 'success', JSON.stringify(success.errors));
	// POST /flows answers 500: the check fails at "dataflow" and keeps its objects; then it resumes from there.
	fixture.sandbox.setFaults({serverErrors: {status: 500, burst: 1000, methods: ['POST'], paths: /\/flowservice\/flows$/}});
	const failed = await runEndToEndCheck(ctx, {
		authSpecName: oauth,
		authParams: demoAuthParams(oauth, host),
		sourceParams: {},
		keepOnFailure: true,
		...fast,
	}).finally(() => fixture.sandbox.setFaults(undefined));
	assert.deepEqual([failed.failedStage, failed.cleanedUp], ['dataflow', false]);
	const resumed = await runEndToEndCheck(ctx, {
		authSpecName: oauth,
		authParams: demoAuthParams(oauth, host),
		sourceParams: {},
		resumeFrom: 'dataflow',
		...fast,
	});
	assert.equal(resumed.status, 'success', JSON.stringify(resumed.errors));
	const kept = await runEndToEndCheck(ctx, {authSpecName: oauth, authParams: demoAuthParams(oauth, host), sourceParams: {}, keep: true, ...fast});
	assert.equal(kept.cleanedUp, false);
	assert.deepEqual((await cleanUp(ctx)).failed, []);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);

	const items = await checklist(ctx.draft, 'local', fixture.client);
	assert.ok(items.length > 5);
	await exportArtifacts(ctx.draft, path.join(dir, 'artifacts'));
	const packet = await exportSubmissionPacket(ctx.draft, 'local', path.join(dir, 'packet'), fixture.client);
	assert.equal(packet.exports.packetDir, path.join(dir, 'packet'));

	assert.deepEqual(original, snapshot, 'the draft the workflow was given is unchanged');
	assert.ok(updates.length > 10, `every change came through updateDraft (${updates.length} updates)`);
	assert.equal(ctx.draft, updates.at(-1), 'the context reads the latest draft the owner stored');
	const remote = ctx.draft.remote['local']!;
	assert.equal(remote.connectionSpecId, id);
	assert.equal(remote.appendedToFlowSpec, true);
	assert.deepEqual(remote.lastRun, kept);
	assert.ok(
		remote.ledger.some(entry => entry.kind === 'flow' && entry.deletedAt),
		'deletions are recorded in new ledger entries',
	);
	assert.deepEqual(
		remote.ledger.filter(entry => !entry.deletedAt && !['connectionSpec', 'mappingSet'].includes(entry.kind)),
		[],
	);
	// Earlier drafts the owner stored are left as they were: a later change never reaches back into them.
	const firstWithFlow = updates.find(each => each.remote['local']?.ledger.some(entry => entry.kind === 'flow'))!;
	assert.ok(firstWithFlow.remote['local']!.ledger.some(entry => entry.kind === 'flow' && !entry.deletedAt));
});

test('an owner that cannot save stops the workflow and keeps the last draft it stored', async () => {
	const original = demoDraft('owner-fails');
	const owner = draftOwner(deepFreeze(original), next => {
		if (next.remote['local']?.lastSentSpecHash) throw new Error('disk full');
	});
	const ctx: WorkflowContext = Object.assign(owner, {client: fixture.client, profileName: 'local'});
	await assert.rejects(createOrUpdateConnectionSpec(ctx), /disk full/);
	assert.equal(ctx.draft.remote['local']?.lastSentSpecHash, undefined, 'the refused change is not the current draft');
	assert.ok(ctx.draft.remote['local']?.connectionSpecId, 'the changes saved before it are');
});
