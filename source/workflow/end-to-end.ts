// Step 6, the end-to-end check (docs/workflow.md#step-6-end-to-end-test, docs/target-and-runs.md#the-call-sequence):
// base connection → explore → source connection → target (schema, dataset) → mapping → target connection →
// dataflow → monitored run → clean-up. Every id is written to the ledger (and the draft saved through the update
// function) the moment it exists (docs/test-objects.md).
//
// The parts, in end-to-end/: prepare.ts (spec id, auth spec, secrets, names), resume.ts and resume-plan.ts (a fresh
// check deletes an earlier attempt's leftovers first; `resumeFrom` reuses a failed attempt's kept objects),
// stages.ts with connections.ts, target.ts and dataflow.ts (the stages), summary.ts (the RunSummary and where it is
// kept). This file composes them and does the final clean-up.
import type {RunSummary} from '../connection-spec/draft-types.js';
import {cleanUp, pendingEntries} from './ledger.js';
import {describeError, emit, nowOf, scrub, WorkflowError} from './progress.js';
import type {WorkflowContext} from './progress.js';
import {monitor} from './end-to-end/dataflow.js';
import {prepare} from './end-to-end/prepare.js';
import {prepareResume} from './end-to-end/resume.js';
import {PersistFailure, type EndToEndOptions, type Run} from './end-to-end/run.js';
import {runStages} from './end-to-end/stages.js';
import {failureSummary, store, successSummary} from './end-to-end/summary.js';
import {interruptibleBy} from '../shared/interrupt-scope.js';

export type {EndToEndOptions} from './end-to-end/run.js';

/**
 * Runs the check on the context's profile and keeps its RunSummary in the draft (lastRun, runsByAuthSpec).
 * Resolves with success or failed (naming the failed stage); throws only when the draft cannot be saved.
 */
export async function runEndToEndCheck(ctx: WorkflowContext, options: EndToEndOptions): Promise<RunSummary> {
	const prepared = prepare(ctx, options);
	if (!('ctx' in prepared)) return store(ctx, prepared);
	const summary = await attempt(prepared);
	const cleanedUp = await finish(prepared, summary);
	return store(ctx, {...summary, cleanedUp, finishedAt: nowOf(ctx).toISOString()});
}

/** The stages and the run: the summary before clean-up. Throws only PersistFailure. */
async function attempt(run: Run): Promise<RunSummary> {
	const started = Date.now();
	try {
		// A stop (ctx.signal) interrupts the platform calls under way at once, retry waits included; the clean-up in
		// finish() runs outside this scope, so its calls are not cut (shared/interrupt-scope.ts).
		return await interruptibleBy(run.ctx.signal, async () => {
			run.stage = 'cleanup';
			const from = await prepareResume(run);
			await runStages(run, from);
			run.stage = 'run';
			return successSummary(run, await monitor(run));
		});
	} catch (error) {
		if (error instanceof PersistFailure) throw error;
		const wrapped =
			error instanceof WorkflowError
				? error
				: new WorkflowError(run.stage ?? 'base-connection', scrub(describeError(error), run.secrets), {hint: 'Run the check again.', cause: error});
		return failureSummary(run, wrapped, started);
	}
}

/** Deletes the test objects unless kept (`keep`, or `keepOnFailure` after a failure not stopped by Ctrl-C); true when all were deleted. */
async function finish(run: Run, summary: RunSummary): Promise<boolean> {
	const {ctx, options} = run;
	// A check stopped on request (Ctrl-C) is not a failure to retry: its objects are deleted.
	const keepForRetry = summary.status === 'failed' && options.keepOnFailure === true && !ctx.signal?.aborted;
	if (!options.keep && !keepForRetry) return (await cleanUp(ctx)).failed.length === 0;
	if (options.keep) emit(ctx, {stage: 'cleanup', status: 'skipped', message: 'Kept the test objects (keep); run clean-up when done inspecting them'});
	else
		emit(ctx, {
			stage: 'cleanup',
			status: 'skipped',
			message: `Kept ${pendingEntries(ctx).length} test object(s) for a retry from "${summary.failedStage}"; the next check or clean-up deletes them`,
		});
	return false;
}
