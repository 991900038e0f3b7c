import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';
import type {Draft} from '../source/connection-spec/draft-types.js';
import {appendToRestStorageToAEP, cleanUp, createOrUpdateConnectionSpec, runEndToEndCheck} from '../source/workflow/index.js';
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

// keepOnFailure + resumeFrom: a failed check keeps its objects, a retry reuses those of the earlier stages.

let fixture: Fixture;
let host: string;
const produced: string[] = [];
const fast = {pollIntervalMs: 50, timeoutMs: 20_000};

/** A run that outlasts a short time limit: the demo source answers slowly while `work` runs. */
async function withSlowSource<T>(work: () => Promise<T>): Promise<T> {
	fixture.sandbox.demo!.setFaults({latencyMs: 1500});
	try {
		return await work();
	} finally {
		fixture.sandbox.demo!.setFaults({});
	}
}
const oauth = 'OAuth2 Refresh Code';

before(async () => {
	fixture = await startFixture({records: 12});
	host = fixture.sandbox.demo!.url;
});
after(async () => {
	await fixture?.close();
});

async function registeredDraft(id: string): Promise<Draft> {
	const draft = demoDraft(id);
	const {ctx} = recordingContext(fixture.client, draft);
	const {id: specId} = await createOrUpdateConnectionSpec(ctx);
	await appendToRestStorageToAEP(ctx, specId);
	return ctx.draft; // the owner's draft: the workflow never changes the one it was given
}

/** POSTs the sandbox answered 2xx per collection, e.g. {connections: 1, flows: 1}. */
function creations(since: number): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of fixture.sandbox.requestLog().slice(since)) {
		if (entry.method !== 'POST' || entry.status >= 300) continue;
		const name = entry.path.split('?')[0]!.split('/').at(-1)!;
		counts[name] = (counts[name] ?? 0) + 1;
	}
	return counts;
}

function openKinds(draft: Draft): string[] {
	return (draft.remote['local']?.ledger ?? [])
		.filter(e => e.kind !== 'connectionSpec' && !e.deletedAt)
		.map(e => e.kind)
		.sort();
}

test('a run that fails with keepOnFailure keeps its objects; resumeFrom "run" starts a new run of the kept flow and then cleans up', async () => {
	const demo: DemoSource = await startDemoSource({records: 12});
	try {
		const draft = await registeredDraft('resume-run');
		const since = fixture.sandbox.requestLog().length;
		const first = recordingContext(fixture.client, draft);
		first.ctx.progress = event => {
			first.events.push(event);
			// A revoked token: from the moment the source connection was created (credentials are checked then),
			// the source refuses every request.
			if (event.stage === 'source-connection' && event.status === 'done') demo.setFaults({errorBurst: {status: 401, count: 1_000_000}});
		};
		const options = {authSpecName: oauth, authParams: demoAuthParams(oauth, demo.url), sourceParams: {}, keepOnFailure: true, ...fast};
		const failed = await runEndToEndCheck(first.ctx, options);
		produced.push(...first.saves, JSON.stringify(first.events), JSON.stringify(failed));
		assert.equal(failed.status, 'failed');
		assert.equal(failed.failedStage, 'run');
		assert.equal(failed.cleanedUp, false);
		assert.deepEqual(openKinds(first.ctx.draft), [
			'connection',
			'dataset',
			'fieldGroup',
			'flow',
			'mappingSet',
			'schema',
			'sourceConnection',
			'targetConnection',
		]);
		assert.deepEqual(await remoteCounts(fixture), {
			flows: 1,
			connections: 1,
			sourceConnections: 1,
			targetConnections: 1,
			datasets: 1,
			schemas: 1,
			fieldGroups: 1,
		});
		const schemaEntry = first.ctx.draft.remote['local']!.ledger.find(e => e.kind === 'schema')!;
		assert.ok(schemaEntry.detail?.['altId'] && schemaEntry.detail['attempt'], 'the ledger keeps what a resume needs');

		// The token works again: retry from the run stage.
		demo.setFaults({});
		const second = recordingContext(fixture.client, first.ctx.draft);
		const resumed = await runEndToEndCheck(second.ctx, {...options, resumeFrom: 'run'});
		produced.push(...second.saves, JSON.stringify(second.events), JSON.stringify(resumed));
		assert.equal(resumed.status, 'success', JSON.stringify(resumed.errors));
		assert.equal(resumed.recordsWritten, 12);
		assert.equal(resumed.flowId, failed.flowId, 'the kept dataflow ran again');
		assert.notEqual(resumed.runId, failed.runId, 'a new (ad hoc) run');
		assert.equal(resumed.cleanedUp, true);
		const made = creations(since);
		for (const name of ['connections', 'sourceConnections', 'targetConnections', 'flows', 'schemas', 'fieldgroups', 'dataSets'])
			assert.equal(made[name], 1, `one POST /${name} over both attempts: ${JSON.stringify(made)}`);
		assert.equal(made['runs'], 1, 'one ad hoc run');
		assert.ok(second.events.some(e => e.stage === 'base-connection' && e.status === 'skipped' && /Reusing/.test(e.message)));
		assert.deepEqual(
			openKinds(second.ctx.draft).filter(kind => kind !== 'mappingSet'),
			[],
		);
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);
	} finally {
		await demo.close();
	}
});

test('a failure at "mapping" (existing target, unknown mapping id) resumed from "mapping" reuses the base and source connections', async () => {
	const {schemaId, datasetId, mappingId, remove} = await createUserTarget(fixture.client, 'Resume', 'string');
	try {
		const draft = await registeredDraft('resume-mapping');
		const since = fixture.sandbox.requestLog().length;
		const base = {
			authSpecName: 'API Key Authentication',
			authParams: demoAuthParams('API Key Authentication', host),
			sourceParams: {},
			keepOnFailure: true,
			...fast,
		};
		const first = recordingContext(fixture.client, draft);
		const failed = await runEndToEndCheck(first.ctx, {...base, target: {mode: 'existing', schemaId, datasetId, mappingId: 'no-such-mapping'}});
		produced.push(...first.saves, JSON.stringify(first.events), JSON.stringify(failed));
		assert.equal(failed.failedStage, 'mapping', JSON.stringify(failed.errors));
		assert.deepEqual(openKinds(first.ctx.draft), ['connection', 'sourceConnection']);

		const second = recordingContext(fixture.client, first.ctx.draft);
		const resumed = await runEndToEndCheck(second.ctx, {...base, target: {mode: 'existing', schemaId, datasetId, mappingId}, resumeFrom: 'mapping'});
		produced.push(...second.saves, JSON.stringify(second.events), JSON.stringify(resumed));
		assert.equal(resumed.status, 'success', JSON.stringify(resumed.errors));
		const made = creations(since);
		assert.equal(made['connections'], 1, 'the base connection was reused');
		assert.equal(made['sourceConnections'], 1, 'the source connection was reused');
		assert.equal(
			second.events.some(e => e.stage === 'explore' && e.status === 'start'),
			false,
			'explore not needed: the mapping exists',
		);
		assert.deepEqual(openKinds(second.ctx.draft), []);
		assert.deepEqual(await remoteCounts(fixture), {...nothingLeft, datasets: 1, schemas: 1, fieldGroups: 1}, "only the user's own target remains");
	} finally {
		await remove();
	}
});

test('a resume the ledger cannot support (nothing kept, or another auth spec) says why and runs the whole check', async () => {
	const draft = await registeredDraft('resume-nothing');
	const {ctx, saves, events} = recordingContext(fixture.client, draft);
	const summary = await runEndToEndCheck(ctx, {
		authSpecName: oauth,
		authParams: demoAuthParams(oauth, host),
		sourceParams: {},
		resumeFrom: 'run',
		keepOnFailure: true,
		...fast,
	});
	produced.push(...saves, JSON.stringify(events), JSON.stringify(summary));
	assert.equal(summary.status, 'success', JSON.stringify(summary.errors));
	assert.ok(
		events.some(e => e.status === 'info' && /Cannot resume from "run": .*no kept objects/.test(e.message)),
		'the fallback is explained',
	);
	assert.ok(
		events.some(e => e.stage === 'base-connection' && e.status === 'done'),
		'the base connection was created again',
	);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);

	// Kept objects of a Basic Authentication attempt do not fit an OAuth retry: cleaned up, then a full run.
	const kept = recordingContext(fixture.client, ctx.draft);
	const failed = await withSlowSource(() =>
		runEndToEndCheck(kept.ctx, {
			authSpecName: 'Basic Authentication',
			authParams: demoAuthParams('Basic Authentication', host),
			sourceParams: {},
			keepOnFailure: true,
			...fast,
			timeoutMs: 300,
		}),
	);
	assert.equal(failed.failedStage, 'run');
	assert.ok(openKinds(kept.ctx.draft).includes('flow'));
	const other = recordingContext(fixture.client, kept.ctx.draft);
	const retried = await runEndToEndCheck(other.ctx, {
		authSpecName: oauth,
		authParams: demoAuthParams(oauth, host),
		sourceParams: {},
		resumeFrom: 'run',
		...fast,
	});
	produced.push(...kept.saves, ...other.saves, JSON.stringify(other.events));
	assert.equal(retried.status, 'success', JSON.stringify(retried.errors));
	assert.ok(other.events.some(e => e.status === 'info' && /auth spec "Basic Authentication"/.test(e.message)));
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('cleanUp deletes what a failed check kept', async () => {
	const draft = await registeredDraft('resume-cleanup');
	const {ctx} = recordingContext(fixture.client, draft);
	const failed = await withSlowSource(() =>
		runEndToEndCheck(ctx, {
			authSpecName: oauth,
			authParams: demoAuthParams(oauth, host),
			sourceParams: {},
			keepOnFailure: true,
			pollIntervalMs: 50,
			timeoutMs: 300,
		}),
	);
	assert.equal(failed.cleanedUp, false);
	assert.equal((await remoteCounts(fixture)).flows, 1);
	const result = await cleanUp(ctx);
	assert.deepEqual(result.failed, []);
	assert.deepEqual(await remoteCounts(fixture), nothingLeft);
});

test('no secret appears in saved drafts, progress events or summaries of kept and resumed checks', () => {
	assert.ok(produced.length > 5);
	assert.deepEqual(sweep(produced), []);
});
