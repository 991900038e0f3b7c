// The crash-safe ledger of remote objects this tool created (draft.remote[profile].ledger), and the clean-up
// that deletes them in dependency order (docs/target-and-runs.md#clean-up: flow, source connection, target connection, base
// connection, dataset, schema, field group; mapping sets last and only when the client can delete them).
import type {PlatformClient} from '../api/index.js';
import type {LedgerEntry} from '../connection-spec/draft-types.js';
import {describeError, emit, nowOf, updateRemote, type WorkflowContext} from './progress.js';

type Kind = LedgerEntry['kind'];

/** Dependency order for deletion (docs/target-and-runs.md#clean-up). The connection spec is the product, not a test object: never here. */
const deleteOrder: Kind[] = ['flow', 'sourceConnection', 'targetConnection', 'connection', 'dataset', 'schema', 'fieldGroup', 'mappingSet'];

/** Records a created object and saves the draft at once, so a crash right after still leaves the id behind. */
export function recordCreated(ctx: WorkflowContext, kind: Kind, id: string, detail?: Record<string, string>): LedgerEntry {
	const entry: LedgerEntry = {kind, id, createdAt: nowOf(ctx).toISOString(), ...(detail ? {detail} : {})};
	updateRemote(ctx, remote => ({...remote, ledger: [...remote.ledger, entry]}));
	return entry;
}

type Deleter = (client: PlatformClient, id: string) => Promise<unknown>;

/** Data Prep documents no DELETE for mapping sets (docs/target-and-runs.md#clean-up); use one if the client has it. */
function mappingSetDeleter(client: PlatformClient): Deleter | undefined {
	const dataPrep = client.dataPrep as unknown as Record<string, unknown>;
	const fn = dataPrep['deleteMappingSet'];
	return typeof fn === 'function' ? (c, id) => (c.dataPrep as unknown as {deleteMappingSet: (id: string) => Promise<unknown>}).deleteMappingSet(id) : undefined;
}

function deleterFor(kind: Kind, client: PlatformClient): Deleter | undefined {
	switch (kind) {
		case 'flow':
			return (c, id) => c.flows.delete(id);
		case 'sourceConnection':
			return (c, id) => c.sourceConnections.delete(id);
		case 'targetConnection':
			return (c, id) => c.targetConnections.delete(id);
		case 'connection':
			return (c, id) => c.connections.delete(id);
		case 'dataset':
			return (c, id) => c.catalog.deleteDataset(id);
		case 'schema':
			return (c, id) => c.schemaRegistry.deleteSchema(id);
		case 'fieldGroup':
			return (c, id) => c.schemaRegistry.deleteFieldGroup(id);
		case 'mappingSet':
			return mappingSetDeleter(client);
		case 'connectionSpec':
			return undefined;
	}
}

/** Can this kind be deleted with this client? Mapping sets only when the client offers a delete (open question 19). */
export function isDeletable(kind: Kind, client?: PlatformClient): boolean {
	return client ? deleterFor(kind, client) !== undefined : kind !== 'connectionSpec' && kind !== 'mappingSet';
}

/** Ledger entries still to clean up: created by a test run, deletable, not yet deleted. */
export function pendingEntries(ctx: Pick<WorkflowContext, 'draft' | 'profileName'> & {client?: PlatformClient}): LedgerEntry[] {
	const ledger = ctx.draft.remote[ctx.profileName]?.ledger ?? [];
	return ledger.filter(entry => !entry.deletedAt && isDeletable(entry.kind, ctx.client));
}

/** Test objects that stay because the API cannot delete them (mapping sets without a DELETE). */
export function retainedEntries(ctx: Pick<WorkflowContext, 'draft' | 'profileName'> & {client?: PlatformClient}): LedgerEntry[] {
	const ledger = ctx.draft.remote[ctx.profileName]?.ledger ?? [];
	return ledger.filter(entry => !entry.deletedAt && entry.kind !== 'connectionSpec' && !isDeletable(entry.kind, ctx.client));
}

function isNotFound(error: unknown): boolean {
	return Boolean(error && typeof error === 'object' && (error as {status?: unknown}).status === 404);
}

/** Test objects not deleted yet, deletable or not (a resumed check may reuse a kept mapping set too). */
export function openEntries(ctx: Pick<WorkflowContext, 'draft' | 'profileName'>): LedgerEntry[] {
	const ledger = ctx.draft.remote[ctx.profileName]?.ledger ?? [];
	return ledger.filter(entry => !entry.deletedAt && entry.kind !== 'connectionSpec');
}

const entryKey = (entry: LedgerEntry): string => `${entry.kind}\u0000${entry.id}`;

export type CleanUpResult = {deleted: LedgerEntry[]; failed: {entry: LedgerEntry; error: string}[]};

/**
 * Deletes what the ledger says we created and has not deleted, in dependency order; marks each entry as deleted
 * (and saves) as soon as the delete succeeds. A 404 counts as deleted: someone else removed it already.
 * `all` also covers the connection spec; the Flow Service client has no delete for it, so it is reported.
 * `only` limits it to these entries (a resumed check deletes the objects of the stages it runs again).
 */
export async function cleanUp(ctx: WorkflowContext, options: {all?: boolean; only?: LedgerEntry[]} = {}): Promise<CleanUpResult> {
	const result: CleanUpResult = {deleted: [], failed: []};
	// By kind and id: entries are replaced, not changed, when they are marked deleted.
	const only = options.only ? new Set(options.only.map(entryKey)) : undefined;
	const pending = pendingEntries(ctx).filter(entry => !only || only.has(entryKey(entry)));
	const sorted = [...pending].sort((a, b) => deleteOrder.indexOf(a.kind) - deleteOrder.indexOf(b.kind));
	const started = Date.now();
	for (const entry of sorted) await deleteEntry(ctx, entry, result);
	const retained = retainedEntries(ctx).filter(entry => !only || only.has(entryKey(entry)));
	// Nothing to call: the entries stay open (the checklist names them) rather than being marked deleted falsely. Said
	// once, however many checks left one (a line per mapping set grew with every run): in the summary line when there
	// is one, else on its own.
	const summarised = sorted.length > 0 && result.failed.length === 0;
	const newest = retained.at(-1);
	if (newest && !summarised)
		emit(ctx, {
			stage: 'cleanup',
			status: 'info',
			id: newest.id,
			message:
				retained.length === 1
					? `${newest.kind} ${newest.id} stays: the API has no delete for it.`
					: `${retained.length} mapping sets stay (the newest ${newest.id}): the API has no delete for them.`,
		});
	if (options.all) reportSpecEntries(ctx, result);
	if (summarised) {
		const stays = retained.length > 0 ? `; ${retained.length} mapping set(s) stay (Data Prep has no delete)` : '';
		emit(ctx, {stage: 'cleanup', status: 'done', elapsedMs: Date.now() - started, message: `Deleted ${result.deleted.length} test object(s)${stays}`});
	}
	return result;
}

async function deleteEntry(ctx: WorkflowContext, entry: LedgerEntry, result: CleanUpResult): Promise<void> {
	const deleter = deleterFor(entry.kind, ctx.client)!;
	const started = Date.now();
	emit(ctx, {stage: 'cleanup', status: 'start', id: entry.id, message: `Deleting ${entry.kind} ${entry.id}`});
	try {
		await deleter(ctx.client, entry.id);
	} catch (error) {
		if (!isNotFound(error)) {
			const message = describeError(error);
			result.failed.push({entry, error: message});
			emit(ctx, {stage: 'cleanup', status: 'failed', id: entry.id, message: `Could not delete ${entry.kind} ${entry.id}: ${message}`});
			return;
		}
	}
	const deleted: LedgerEntry = {...entry, deletedAt: nowOf(ctx).toISOString()};
	updateRemote(ctx, remote => ({
		...remote,
		ledger: remote.ledger.map(each => (each === entry || (entryKey(each) === entryKey(entry) && !each.deletedAt) ? deleted : each)),
	}));
	result.deleted.push(deleted);
	emit(ctx, {stage: 'cleanup', status: 'done', id: entry.id, elapsedMs: Date.now() - started, message: `Deleted ${entry.kind} ${entry.id}`});
}

function reportSpecEntries(ctx: WorkflowContext, result: CleanUpResult): void {
	const ledger = ctx.draft.remote[ctx.profileName]?.ledger ?? [];
	for (const entry of ledger.filter(e => e.kind === 'connectionSpec' && !e.deletedAt)) {
		result.failed.push({
			entry,
			error: 'The Flow Service client offers no delete for connection specs; the spec stays registered (ask your Adobe contact to remove it).',
		});
	}
}
