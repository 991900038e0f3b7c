// The run summary of an end-to-end check (RunSummary in spec/draft-types.ts) and where it is kept
// (docs/workflow.md#step-6-end-to-end-test). Durations are in ms; `finishedAt` is an ISO time filled in last.
import type {RunSummary} from '../../connection-spec/draft-types.js';
import {nowOf, scrub, updateRemote, type StageName, type WorkflowContext, type WorkflowError} from '../progress.js';
import type {summarizeRun} from '../run-monitor.js';
import type {Run, RunOutcome} from './run.js';

/** A check that could not start (no registered spec, no such auth spec): failed, nothing created, nothing to clean. */
export function preflightFailure(ctx: WorkflowContext, authSpecName: string, failedStage: StageName, message: string): RunSummary {
	return {
		recordsRead: 0,
		recordsWritten: 0,
		recordsFailed: 0,
		durationMs: 0,
		batchIds: [],
		authSpecName,
		finishedAt: nowOf(ctx).toISOString(),
		cleanedUp: true,
		status: 'failed',
		failedStage,
		errors: [{code: `stage:${failedStage}`, message}],
	};
}

/** The summary of a successful run, before clean-up. */
export function successSummary(run: Run, outcome: RunOutcome): RunSummary {
	return {...outcome, authSpecName: run.authSpecName, finishedAt: '', cleanedUp: false};
}

/**
 * The summary of a failed check, before clean-up: the run's counts and errors when the run stage failed, else the
 * platform error code (or `stage:<name>`) with the message and hint. `started` is a Date.now() value.
 */
export function failureSummary(run: Run, error: WorkflowError, started: number): RunSummary {
	const outcome = (error as WorkflowError & {outcome?: ReturnType<typeof summarizeRun>}).outcome;
	return {
		status: 'failed',
		flowId: run.flowId,
		runId: outcome?.runId,
		recordsRead: outcome?.recordsRead ?? 0,
		recordsWritten: outcome?.recordsWritten ?? 0,
		recordsFailed: outcome?.recordsFailed ?? 0,
		durationMs: outcome?.durationMs ?? Date.now() - started,
		batchIds: outcome?.batchIds ?? [],
		errors: outcome?.errors.length ? outcome.errors.map(e => ({code: e.code, message: scrub(e.message, run.secrets)})) : [stageErrorOf(error)],
		...(outcome?.warnings ? {warnings: outcome.warnings.map(w => ({...w, message: scrub(w.message, run.secrets)}))} : {}),
		authSpecName: run.authSpecName,
		finishedAt: '',
		failedStage: error.stage,
		cleanedUp: false,
	};
}

/** The failed stage as one summary error: the platform's code when it gave one, the hint appended once. */
function stageErrorOf(error: WorkflowError): {code: string; message: string} {
	const platform = error.cause && typeof error.cause === 'object' ? (error.cause as {code?: unknown}) : {};
	return {
		code: typeof platform.code === 'string' ? platform.code : `stage:${error.stage}`,
		message: error.message.includes(error.hint) ? error.message : `${error.message} — ${error.hint}`,
	};
}

/** Keeps the summary as the profile's last run and per auth spec, through the update function; returns it. */
export function store(ctx: WorkflowContext, summary: RunSummary): RunSummary {
	// Per auth spec, so the checklist can show that each offered auth spec was tested (docs/workflow.md).
	updateRemote(ctx, remote => ({
		...remote,
		lastRun: summary,
		...(summary.authSpecName ? {runsByAuthSpec: {...remote.runsByAuthSpec, [summary.authSpecName]: summary}} : {}),
	}));
	return summary;
}
