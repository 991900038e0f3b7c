// Applying a resume plan before the stages run: a fresh check deletes an earlier attempt's leftovers; a resume reuses
// the kept objects and deletes the rest (docs/test-objects.md#the-ledger). See resume-plan.ts for what is reusable.
import type {LedgerEntry} from '../../connection-spec/draft-types.js';
import {cleanUp, pendingEntries} from '../ledger.js';
import {emit} from '../progress.js';
import {checkOrder, planResume} from './resume-plan.js';
import type {Run} from './run.js';

/** Deletes what an earlier attempt left in the ledger (a crash, a cancelled run, `keep`, `keepOnFailure`). */
async function cleanLeftovers(run: Run): Promise<void> {
	const leftovers = pendingEntries(run.ctx).length;
	if (leftovers === 0) return;
	emit(run.ctx, {stage: 'cleanup', status: 'info', message: `${leftovers} object(s) left by an earlier attempt; deleting them first`});
	await cleanUp(run.ctx);
}

/**
 * Resolves the plan and resolves with the index (in checkOrder) of the first stage to run: reuses what it can, or
 * says why not and cleans up as a fresh check does (then 0).
 */
export async function prepareResume(run: Run): Promise<number> {
	const resumeFrom = run.options.resumeFrom;
	// From the first stage nothing is reused: the same as a fresh check.
	if (!resumeFrom || resumeFrom === checkOrder[0]) {
		await cleanLeftovers(run);
		return 0;
	}
	const plan = planResume(run, resumeFrom);
	if ('reason' in plan) {
		emit(run.ctx, {stage: 'cleanup', status: 'info', message: `Cannot resume from "${resumeFrom}": ${plan.reason}; cleaning up and starting over.`});
		await cleanLeftovers(run);
		return 0;
	}
	run.attempt = plan.attempt;
	emit(run.ctx, {
		stage: 'cleanup',
		status: 'info',
		message: `Resuming from "${resumeFrom}": reusing ${plan.keep.length} object(s) of the earlier attempt, deleting ${plan.drop.length} first`,
	});
	if (plan.drop.length > 0) await cleanUp(run.ctx, {only: plan.drop});
	adoptKept(run, plan.keep);
	return plan.from;
}

/** Sets the run's ids from the kept ledger entries (the newest of each kind). */
function adoptKept(run: Run, keep: LedgerEntry[]): void {
	const latest = (kind: LedgerEntry['kind']) => keep.findLast(entry => entry.kind === kind);
	run.connectionId = latest('connection')?.id;
	run.sourceConnectionId = latest('sourceConnection')?.id;
	const schema = latest('schema');
	if (schema) run.schemaId = schema.id;
	const dataset = latest('dataset');
	if (dataset) run.datasetId = dataset.id;
	const mappingSet = latest('mappingSet');
	if (mappingSet) [run.mappingId, run.mappingVersion] = [mappingSet.id, mappingSet.detail?.['version'] ?? '0'];
	run.targetConnectionId = latest('targetConnection')?.id;
	run.flowId = latest('flow')?.id;
	run.reusedFlow = run.flowId !== undefined;
}
