import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';
import type {Draft} from '../source/connection-spec/draft-types.js';
import {appendToRestStorageToAEP, cleanUp, createOrUpdateConnectionSpec, runEndToEndCheck, type ProgressEvent} from '../source/workflow/index.js';
import {
	createUserTarget,
	demoAuthParams,
	demoDraft,
	nothingLeft,
	recordingContext,
	remoteCounts,
	startFixture,
	sweep,
	type Fixture,
} from './helpers/workflow-fixture.js';

// The mailchimp-members template is not run here: it targets the real Mailchimp host (https://{dc}.api.mailchimp.com),
// which a local test cannot reach; the demo template exercises the same workflow against the local demo source.

const records = 24;
let fixture: Fixture;
let host: string;
const produced: string[] = [];

before(async () => {
	fixture = await startFixture({records});
	host = fixture.sandbox.demo!.url;
});
after(async () => {
	await fixture?.close();
});

async function registeredDraft(id: string): Promise<{draft: Draft; specId: string}> {
	const draft = demoDraft(id);
	const {ctx} = recordingContext(fixture.client, draft);
	const {id: specId} = await createOrUpdateConnectionSpec(ctx);
	await appendToRestStorageToAEP(ctx, specId);
	return {draft: ctx.draft, specId}; // the owner's draft: the workflow never changes the one it was given
}

function ledgerOpen(draft: Draft): string[] {
	return (draft.remote['local']?.ledger ?? []).filter(e => e.kind !== 'connectionSpec' && !e.deletedAt).map(e => `${e.kind} ${e.id}`);
}

const fast = {pollIntervalMs: 50, timeoutMs: 20_000};

for (const authSpecName of ['OAuth2 Refresh Code', 'Basic Authentication', 'API Key Authentication']) {
	test(`end-to-end with "${authSpecName}" and a created target: all records written, everything cleaned up`, async () => {
		const {draft} = await registeredDraft(`e2e-${authSpecName.split(' ')[0]!.toLowerCase()}`);
		const {ctx, saves, events} = recordingContext(fixture.client, draft);
		const summary = await runEndToEndCheck(ctx, {
			authSpecName,
			authParams: demoAuthParams(authSpecName, host),
			sourceParams: {},
			target: {mode: 'create'},
			...fast,
		});
		produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
		assert.equal(summary.status, 'success', JSON.stringify(summary.errors));
		assert.equal(summary.recordsWritten, records);
		assert.equal(summary.recordsFailed, 0);
		assert.equal(summary.authSpecName, authSpecName);
		assert.ok(summary.batchIds.length > 0, 'batch ids reported');
		assert.equal(summary.cleanedUp, true);
		assert.deepEqual(ctx.draft.remote['local']?.lastRun, summary);

		const kinds = ctx.draft.remote['local']!.ledger.map(e => e.kind);
		for (const kind of ['connection', 'sourceConnection', 'fieldGroup', 'schema', 'dataset', 'mappingSet', 'targetConnection', 'flow'])
			assert.ok(kinds.includes(kind as never), `ledger has ${kind}`);
		// Every deletable object is marked deleted; Data Prep has no DELETE for mapping sets (docs/target-and-runs.md#clean-up).
		assert.deepEqual(
			ledgerOpen(ctx.draft).filter(e => !e.startsWith('mappingSet')),
			[],
		);
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);

		const stages = events.filter(e => e.status === 'done').map(e => e.stage);
		for (const stage of ['base-connection', 'explore', 'source-connection', 'target', 'mapping', 'target-connection', 'dataflow', 'run', 'cleanup'])
			assert.ok(stages.includes(stage as never), `stage ${stage} done`);
		const flowDone = events.find(e => e.stage === 'dataflow' && e.status === 'done')!;
		assert.equal(flowDone.id, summary.flowId);
	});
}

function failedStage(events: ProgressEvent[]): string | undefined {
	return events.find(e => e.status === 'failed')?.stage;
}

test('a wrong password fails at the base connection or explore stage and leaves nothing behind', async () => {
	const {draft} = await registeredDraft('e2e-bad-password');
	const {ctx, saves, events} = recordingContext(fixture.client, draft);
	const summary = await runEndToEndCheck(ctx, {
		authSpecName: 'Basic Authentication',
		authParams: {host, username: 'demo', password: 'wrong-password-1234'},
		sourceParams: {},
		...fast,
	});
	produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
	assert.equal(summary.status, 'failed');
	assert.ok(['base-connection', 'explore'].includes(summary.failedStage ?? ''), `failed at ${summary.failedStage}`);
	assert.equal(failedStage(events), summary.failedStage);
	assert.ok(summary.errors.length > 0 && summary.errors[0]!.message.length > 0);
	assert.equal(
		summary.errors.some(e => e.message.includes('wrong-password-1234')),
		false,
		'the wrong password is not echoed',
	);
	assert.deepEqual(ledgerOpen(ctx.draft), []);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('a source that starts answering 401 after the source connection fails the run stage, then everything is cleaned up', async () => {
	const demo: DemoSource = await startDemoSource({records: 12});
	try {
		const {draft} = await registeredDraft('e2e-source-401');
		const {ctx, saves, events} = recordingContext(fixture.client, draft);
		ctx.progress = event => {
			events.push(event);
			// From the moment the source connection was created (credentials are checked then), the source refuses
			// every request (a revoked token).
			if (event.stage === 'source-connection' && event.status === 'done') demo.setFaults({errorBurst: {status: 401, count: 1_000_000}});
		};
		const summary = await runEndToEndCheck(ctx, {
			authSpecName: 'OAuth2 Refresh Code',
			authParams: demoAuthParams('OAuth2 Refresh Code', demo.url),
			sourceParams: {},
			...fast,
		});
		produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
		assert.equal(summary.status, 'failed');
		assert.equal(summary.failedStage, 'run');
		assert.ok(summary.errors.length > 0, 'run errors reported');
		assert.ok(summary.flowId, 'the flow existed');
		assert.deepEqual(
			ledgerOpen(ctx.draft).filter(e => !e.startsWith('mappingSet')),
			[],
		);
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);
	} finally {
		await demo.close();
	}
});

test(
	'an existing target whose mapping feeds text into an integer field: rows land with the field null, ' +
		'the run passes with mapping warnings; nothing of ours is left',
	async () => {
		const {draft} = await registeredDraft('e2e-mapping-error');
		const {schemaId, datasetId, mappingId, remove} = await createUserTarget(fixture.client, 'Mapping error', 'integer');
		try {
			const {ctx, saves, events} = recordingContext(fixture.client, draft);
			const summary = await runEndToEndCheck(ctx, {
				authSpecName: 'API Key Authentication',
				authParams: demoAuthParams('API Key Authentication', host),
				sourceParams: {},
				target: {mode: 'existing', schemaId, datasetId, mappingId},
				...fast,
			});
			produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
			// Data Prep sets a field it cannot convert to null and still ingests the row (help/data-prep/home.md): every
			// record lands, without the email, and the run reports one MAPPER-3700-400 warning counting every row.
			assert.equal(summary.status, 'success', JSON.stringify(summary.errors));
			assert.equal(summary.failedStage, undefined);
			assert.deepEqual([summary.recordsRead, summary.recordsWritten, summary.recordsFailed], [records, records, 0]);
			assert.deepEqual(summary.errors, []);
			const tenant = await fixture.client.schemaRegistry.tenantId();
			assert.equal(summary.warnings?.length, 1, JSON.stringify(summary.warnings));
			const [warning] = summary.warnings!;
			assert.equal(warning!.code, 'MAPPER-3700-400');
			assert.equal(warning!.recordCount, records);
			assert.match(
				warning!.message,
				new RegExp(
					`^${records} row\\(s\\) were ingested with fields set to null\\. ` +
						`Mapper transform error at _${tenant}\\.email: "[^"]+@example\\.test" is not a number; the field was set to null\\.$`,
				),
			);
			const runDone = events.find(e => e.stage === 'run' && e.status === 'done')!;
			assert.match(
				runDone.message,
				new RegExp(`succeeded: read ${records}, written ${records}, failed 0; ${records} rows had mapping warnings \\(ingested with fields set to null\\)$`),
			);
			assert.deepEqual(ctx.draft.remote['local']?.lastRun?.warnings, summary.warnings);
			// The rows are in the user's dataset, the email absent from each.
			const [batchId] = summary.batchIds;
			const lines = readFileSync(path.join(fixture.dataDir, 'datasets', datasetId, `${batchId}.jsonl`), 'utf8')
				.trim()
				.split('\n')
				.map(line => JSON.parse(line));
			assert.deepEqual(
				lines,
				Array.from({length: records}, () => ({})),
			);
			assert.deepEqual(ledgerOpen(ctx.draft), []);
			const kinds = ctx.draft.remote['local']!.ledger.map(e => e.kind);
			assert.equal(kinds.includes('dataset'), false, "the user's dataset is not in our ledger");
			const counts = await remoteCounts(fixture);
			assert.deepEqual(counts, {...nothingLeft, datasets: 1, schemas: 1, fieldGroups: 1}, "only the user's own target remains");
		} finally {
			await remove();
		}
	},
);

test('a crash right after the dataflow is recorded: the rerun cleans the leftovers first, no duplicates remain', async () => {
	const {draft} = await registeredDraft('e2e-crash');
	const {ctx, saves} = recordingContext(fixture.client, draft, 'local', d => {
		// The process dies right after the flow id reached the disk.
		if (d.remote['local']?.ledger.some(e => e.kind === 'flow')) throw new Error('process killed (simulated crash)');
	});
	await assert.rejects(
		runEndToEndCheck(ctx, {authSpecName: 'OAuth2 Refresh Code', authParams: demoAuthParams('OAuth2 Refresh Code', host), sourceParams: {}, ...fast}),
		/simulated crash/,
	);
	const afterCrash = await remoteCounts(fixture);
	assert.deepEqual([afterCrash.flows, afterCrash.connections, afterCrash.datasets], [1, 1, 1], 'the crashed attempt left its objects');

	// Restart from what was last saved, as a new process would.
	const restored = JSON.parse(saves.at(-1)!) as Draft;
	const leftovers = ledgerOpen(restored);
	assert.ok(
		leftovers.some(e => e.startsWith('flow ')),
		'the saved ledger lists the flow',
	);
	const rerun = recordingContext(fixture.client, restored);
	const summary = await runEndToEndCheck(rerun.ctx, {
		authSpecName: 'OAuth2 Refresh Code',
		authParams: demoAuthParams('OAuth2 Refresh Code', host),
		sourceParams: {},
		...fast,
	});
	produced.push(...saves, ...rerun.saves, JSON.stringify(rerun.events));
	assert.ok(
		rerun.events.some(e => e.stage === 'cleanup' && e.status === 'info' && /earlier attempt/.test(e.message)),
		'leftovers cleaned first',
	);
	const firstCreate = rerun.events.findIndex(e => e.stage === 'base-connection' && e.status === 'start');
	const lastLeftoverDelete = rerun.events.findLastIndex(e => e.stage === 'cleanup' && e.status === 'done' && leftovers.some(l => l.endsWith(` ${e.id}`)));
	assert.ok(lastLeftoverDelete >= 0 && lastLeftoverDelete < firstCreate, 'leftovers deleted before anything new is created');
	assert.equal(summary.status, 'success', JSON.stringify(summary.errors));
	assert.deepEqual(
		ledgerOpen(rerun.ctx.draft).filter(e => !e.startsWith('mappingSet')),
		[],
	);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('a run that does not finish within timeoutMs fails the run stage with a clear reason and is cleaned up', async () => {
	const {draft} = await registeredDraft('e2e-timeout');
	const {ctx, saves, events} = recordingContext(fixture.client, draft);
	// A slow source keeps the run going past the check's time limit.
	fixture.sandbox.demo!.setFaults({latencyMs: 1500});
	let summary: Awaited<ReturnType<typeof runEndToEndCheck>>;
	try {
		summary = await runEndToEndCheck(ctx, {
			authSpecName: 'OAuth2 Refresh Code',
			authParams: demoAuthParams('OAuth2 Refresh Code', host),
			sourceParams: {},
			pollIntervalMs: 50,
			timeoutMs: 300,
		});
	} finally {
		fixture.sandbox.demo!.setFaults({});
	}
	produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
	assert.equal(summary.status, 'failed');
	assert.equal(summary.failedStage, 'run');
	assert.match(
		summary.errors[0]!.message,
		/stopped waiting .*time limit.*: Stopped waiting after [\d.]+ s; run \S+ was still inProgress and keeps going on the platform/,
	);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('no secret appears in saved drafts, progress events or summaries', () => {
	assert.ok(produced.length > 10, 'the other tests produced output to sweep');
	assert.equal(sweep(['{"password":"demo-password"}']).length, 1, 'the sweep itself catches a leak');
	assert.deepEqual(sweep(produced), []);
});

test('cleanUp with nothing pending does nothing', async () => {
	const {ctx} = recordingContext(fixture.client, demoDraft('empty'));
	assert.deepEqual(await cleanUp(ctx), {deleted: [], failed: []});
});
