// Step 4 (docs/flow-spec.md#safe-append): add the connection spec id to RestStorageToAEP's sourceConnectionSpecIds without ever
// dropping another source's id. PUT /flowSpecs has no documented If-Match (docs/README.md#choices-where-adobes-docs-are-silent), so the write is read-merge-
// write-verify with bounded retries; where it matters (before a dataflow, in the checklist) the id is re-checked.
import {ids, withoutFields} from '../connection-spec/index.js';
import {emit, toWorkflowError, updateRemote, type WorkflowContext, WorkflowError} from './progress.js';

/** Server fields of a flow spec (docs/flow-spec.md#fields) that a PUT body must not carry. */

type FlowSpecItem = Record<string, unknown> & {sourceConnectionSpecIds?: unknown};

/** GET /flowSpecs/{id} answers `{items: [item]}` (docs/flow-service.md#conventions); accept a bare item as well. */
async function readFlowSpec(ctx: WorkflowContext): Promise<FlowSpecItem> {
	const answer = (await ctx.client.flowSpecs.get(ids.restStorageToAep)) as Record<string, unknown>;
	const items = answer['items'];
	const item = Array.isArray(items) ? items[0] : answer;
	if (!item || typeof item !== 'object') throw new Error(`GET /flowSpecs/${ids.restStorageToAep} returned no flow spec.`);
	return item as FlowSpecItem;
}

function specIdsOf(item: FlowSpecItem): string[] {
	const list = item.sourceConnectionSpecIds;
	return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * The PUT body: the GET item minus read-only fields, with the merged id list. `transformationSpecs` is kept as the
 * service returned it: the GET answer spells it plural while the documented PUT body uses `transformationSpec`
 * (docs/flow-spec.md#put-the-flow-spec); sending back what we read is the choice that cannot lose the section.
 */
function putBody(item: FlowSpecItem, merged: string[]): Record<string, unknown> {
	return {...withoutFields(item), sourceConnectionSpecIds: merged};
}

/** Existing ids in their order, then every required id that is missing, in the order we first saw it. */
function mergeIds(current: string[], required: string[]): string[] {
	const out = [...current];
	for (const id of required) if (!out.includes(id)) out.push(id);
	return out;
}

export type AppendResult = {changed: boolean; attempts: number; before: string[]; after: string[]};

export async function appendToRestStorageToAEP(ctx: WorkflowContext, specId: string, options: {maxAttempts?: number} = {}): Promise<AppendResult> {
	const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
	const started = Date.now();
	emit(ctx, {stage: 'append-flow-spec', status: 'start', id: specId, message: `Adding ${specId} to RestStorageToAEP`});
	try {
		const result = await appendLoop(ctx, specId, maxAttempts);
		updateRemote(ctx, remote => ({...remote, appendedToFlowSpec: true}));
		const message = result.changed ? `Added; RestStorageToAEP lists ${result.after.length} source spec(s)` : 'Already listed; nothing written';
		emit(ctx, {stage: 'append-flow-spec', status: 'done', id: specId, elapsedMs: Date.now() - started, message, detail: {attempts: result.attempts}});
		return result;
	} catch (error) {
		const wrapped = toWorkflowError('append-flow-spec', error, 'Check sandbox access and run the step again; no id was removed by this tool.');
		emit(ctx, {stage: 'append-flow-spec', status: 'failed', id: specId, message: wrapped.message});
		throw wrapped;
	}
}

async function appendLoop(ctx: WorkflowContext, specId: string, maxAttempts: number): Promise<AppendResult> {
	let item = await readFlowSpec(ctx);
	const before = specIdsOf(item);
	// Every id we have ever seen in the list stays: another writer's careless PUT must not cost a source its id.
	const required: string[] = mergeIds(before, [specId]);
	if (before.includes(specId)) return {changed: false, attempts: 1, before, after: before};
	for (let attempt = 1; attempt <= maxAttempts; attempt++) {
		await ctx.client.flowSpecs.put(ids.restStorageToAep, putBody(item, mergeIds(specIdsOf(item), required)));
		item = await readFlowSpec(ctx);
		const after = specIdsOf(item);
		const missing = required.filter(id => !after.includes(id));
		if (missing.length === 0) return {changed: true, attempts: attempt, before, after};
		for (const id of after) if (!required.includes(id)) required.push(id);
		emit(ctx, {
			stage: 'append-flow-spec',
			status: 'info',
			id: specId,
			message: `Another writer changed RestStorageToAEP (missing after our write: ${missing.join(', ')}); merging and retrying`,
			detail: {attempt, missing},
		});
	}
	throw new WorkflowError(
		'append-flow-spec',
		`RestStorageToAEP did not keep all ${required.length} ids after ${maxAttempts} attempts: another writer keeps replacing the list.`,
		{
			hint: 'Wait until the other writer is done (or ask who updates RestStorageToAEP in this sandbox), then run the step again.',
		},
	);
}

/** Fresh GET: is the id in RestStorageToAEP's sourceConnectionSpecIds now? */
export async function verifyInFlowSpec(ctx: WorkflowContext, specId: string): Promise<boolean> {
	return specIdsOf(await readFlowSpec(ctx)).includes(specId);
}
