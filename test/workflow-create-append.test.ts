import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {ids} from '../source/connection-spec/index.js';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec, verifyInFlowSpec, WorkflowError} from '../source/workflow/index.js';
import {demoDraft, recordingContext, startFixture, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
before(async () => {
	fixture = await startFixture({demo: false});
});
after(async () => fixture?.close());

const flowSpecPath = `/flowSpecs/${ids.restStorageToAep}`;
const requests = (method: string, pathPart: string) =>
	fixture.sandbox.requestLog().filter((r: {method: string; path: string}) => r.method === method && r.path.includes(pathPart));

async function currentIds(): Promise<string[]> {
	const item = (await fixture.client.flowSpecs.get(ids.restStorageToAep)) as {sourceConnectionSpecIds?: string[]};
	return item.sourceConnectionSpecIds ?? [];
}

test('creates the connection spec with POST, then updates it with PUT, recording id, hash and ledger', async () => {
	const {ctx, saves, events} = recordingContext(fixture.client, demoDraft('create-update'));
	const first = await createOrUpdateConnectionSpec(ctx);
	assert.equal(first.created, true);
	const remote = ctx.draft.remote['local']!;
	assert.equal(remote.connectionSpecId, first.id);
	assert.match(remote.lastSentSpecHash ?? '', /^[0-9a-f]{64}$/);
	assert.deepEqual(
		remote.ledger.map(e => [e.kind, e.id]),
		[['connectionSpec', first.id]],
	);
	assert.ok(
		saves.some(s => s.includes(first.id)),
		'the id was saved as soon as it existed',
	);

	(ctx.draft.spec as {description?: string}).description = 'Changed description';
	const second = await createOrUpdateConnectionSpec(ctx);
	assert.deepEqual(second, {id: first.id, created: false});
	assert.equal(requests('PUT', `/connectionSpecs/${first.id}`).length, 1);
	assert.equal(requests('POST', '/connectionSpecs').length, 1);
	const stored = (await fixture.client.connectionSpecs.get(first.id)) as {description?: string};
	assert.equal(stored.description, 'Changed description');
	assert.deepEqual(
		events.filter(e => e.stage === 'create-spec' && e.status === 'done').map(e => e.id),
		[first.id, first.id],
	);
});

test('a spec with a validation error is refused before any request', async () => {
	const draft = demoDraft('broken');
	delete (draft.spec as {authSpec?: unknown}).authSpec;
	(draft.spec as {name?: unknown}).name = 42;
	const {ctx} = recordingContext(fixture.client, draft);
	const postsBefore = requests('POST', '/connectionSpecs').length;
	const logBefore = fixture.sandbox.requestLog().length;
	await assert.rejects(createOrUpdateConnectionSpec(ctx), (error: unknown) => {
		assert.ok(error instanceof WorkflowError);
		assert.equal(error.stage, 'validate');
		assert.ok((error.findings ?? []).length > 0, 'carries the findings');
		return true;
	});
	assert.equal(requests('POST', '/connectionSpecs').length, postsBefore);
	assert.equal(fixture.sandbox.requestLog().length, logBefore, 'no request at all');
	assert.equal(draft.remote['local']?.connectionSpecId, undefined);
});

test('safe append keeps every other id, and an id already present causes no PUT', async () => {
	const {ctx} = recordingContext(fixture.client, demoDraft('append'));
	const {id} = await createOrUpdateConnectionSpec(ctx);
	const others = await currentIds();
	assert.ok(others.length > 0, 'the seeded flow spec lists other sources');

	const result = await appendToRestStorageToAEP(ctx, id);
	assert.equal(result.changed, true);
	assert.deepEqual(result.before, others);
	assert.deepEqual(result.after, [...others, id], 'existing order kept, ours appended');
	assert.deepEqual(await currentIds(), [...others, id]);
	assert.equal(ctx.draft.remote['local']?.appendedToFlowSpec, true);
	assert.equal(await verifyInFlowSpec(ctx, id), true);

	const putsBefore = requests('PUT', flowSpecPath).length;
	const again = await appendToRestStorageToAEP(ctx, id);
	assert.deepEqual({changed: again.changed, attempts: again.attempts}, {changed: false, attempts: 1});
	assert.equal(requests('PUT', flowSpecPath).length, putsBefore, 'no PUT when already listed');
});

test('a concurrent writer that drops our id between PUT and verify is detected and repaired', async () => {
	const {ctx, events} = recordingContext(fixture.client, demoDraft('race'));
	const {id} = await createOrUpdateConnectionSpec(ctx);
	const others = await currentIds();
	let raced = 0;
	fixture.sandbox.hooks.afterFlowSpecPut = async () => {
		if (raced++ > 0) return;
		// A careless writer: read, drop our id (and pretend to add its own), write back the whole body.
		const item = (await fixture.client.flowSpecs.get(ids.restStorageToAep)) as Record<string, unknown>;
		const kept = (item['sourceConnectionSpecIds'] as string[]).filter(x => x !== id);
		const body: Record<string, unknown> = {...item, sourceConnectionSpecIds: [...kept, '11111111-2222-4333-8444-555555555555']};
		for (const field of ['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'createdClient', 'updatedClient', 'sandboxId', 'sandboxName', 'imsOrgId'])
			delete body[field];
		await fixture.client.flowSpecs.put(ids.restStorageToAep, body);
	};
	try {
		const result = await appendToRestStorageToAEP(ctx, id);
		assert.equal(result.attempts, 2);
		const now = await currentIds();
		for (const other of others) assert.ok(now.includes(other), `kept ${other}`);
		assert.ok(now.includes(id), 'ours repaired');
		assert.ok(now.includes('11111111-2222-4333-8444-555555555555'), "the other writer's id kept too");
		assert.ok(events.some(e => e.stage === 'append-flow-spec' && e.status === 'info' && /Another writer/.test(e.message)));
	} finally {
		fixture.sandbox.hooks.afterFlowSpecPut = undefined;
	}
});

test('a writer that keeps dropping our id makes the append fail with a clear error after the bounded retries', async () => {
	const {ctx} = recordingContext(fixture.client, demoDraft('race-forever'));
	const {id} = await createOrUpdateConnectionSpec(ctx);
	let busy = false;
	fixture.sandbox.hooks.afterFlowSpecPut = async () => {
		if (busy) return;
		busy = true;
		try {
			const item = (await fixture.client.flowSpecs.get(ids.restStorageToAep)) as Record<string, unknown>;
			const body: Record<string, unknown> = {
				name: item['name'],
				providerId: item['providerId'],
				id: item['id'],
				version: item['version'],
				targetConnectionSpecIds: item['targetConnectionSpecIds'],
				sourceConnectionSpecIds: (item['sourceConnectionSpecIds'] as string[]).filter(x => x !== id),
			};
			await fixture.client.flowSpecs.put(ids.restStorageToAep, body);
		} finally {
			busy = false;
		}
	};
	try {
		await assert.rejects(appendToRestStorageToAEP(ctx, id, {maxAttempts: 2}), (error: unknown) => {
			assert.ok(error instanceof WorkflowError);
			assert.equal(error.stage, 'append-flow-spec');
			assert.match(error.message, /after 2 attempts/);
			assert.ok(error.hint.length > 0);
			return true;
		});
	} finally {
		fixture.sandbox.hooks.afterFlowSpecPut = undefined;
	}
});
