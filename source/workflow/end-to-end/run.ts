// The state of one end-to-end check and the stage wrapper every stage runs in (docs/workflow.md#step-6-end-to-end-test).
// `Run` is the check's own working state (ids as they are created); the draft is only changed through the context's
// update function (recordCreated, updateRemote), never in place.
import type {RunSummary} from '../../connection-spec/draft-types.js';
import {AepError} from '../../shared/errors.js';
import {InterruptedError} from '../../shared/interrupt-scope.js';
import {recordCreated} from '../ledger.js';
import {describeError, emit, hintOf, scrub, throwIfAborted, WorkflowError, type StageName, type WorkflowContext} from '../progress.js';

export type EndToEndOptions = {
	authSpecName?: string;
	/** Auth values including secrets: kept in memory only, registered with the client for masking. */
	authParams: Record<string, unknown>;
	sourceParams: Record<string, unknown>;
	target?: {mode: 'create'} | {mode: 'existing'; schemaId: string; datasetId: string; mappingId?: string};
	/** Keep every test object after a success or a failure (to inspect them). */
	keep?: boolean;
	/** After a failure only: keep the objects for `resumeFrom` (the next check or cleanUp deletes them). */
	keepOnFailure?: boolean;
	/** Milliseconds between two polls of the run. */
	pollIntervalMs?: number;
	/** Milliseconds to wait for the run before giving up. */
	timeoutMs?: number;
	/** Reuse the kept objects of the stages before this one (see resume-plan.ts). */
	resumeFrom?: StageName;
};

/** Thrown when the draft cannot be saved: continuing would create objects no ledger knows about. */
export class PersistFailure extends AepError {}

export type Run = {
	ctx: WorkflowContext;
	options: EndToEndOptions;
	/** Secret values of the chosen auth spec, scrubbed from every message. */
	secrets: string[];
	specId: string;
	authSpecName: string;
	/** Name prefix of every test object (≤ 60 characters). */
	label: string;
	/** `YYYYMMDDhhmmss` + 4 hex digits: makes every test object's name unique (docs/test-objects.md). */
	stamp: string;
	/** Ledger detail `attempt`: the stamp of the attempt whose objects this run creates or reuses. */
	attempt: string;
	/** The stage under way: an unexpected error (not a WorkflowError) is reported as this stage's failure. */
	stage?: StageName;
	/** The kept flow of a resumed attempt: the run stage starts an ad hoc run of it. */
	reusedFlow?: boolean;
	connectionId?: string;
	sourceConnectionId?: string;
	records?: Record<string, unknown>[];
	tenantId?: string;
	schemaId?: string;
	datasetId?: string;
	mappingId?: string;
	mappingVersion?: number | string;
	targetConnectionId?: string;
	flowId?: string;
};

/** What the run stage yields: the summary without the fields the orchestrator fills in. */
export type RunOutcome = Omit<RunSummary, 'finishedAt' | 'cleanedUp' | 'authSpecName'>;

/** What a stage body returns: its value, the id it made, the done message and event detail. */
export type StageResult<T> = {value: T; id?: string; done: string; detail?: Record<string, unknown>};

/** The default target: create a field group, schema and dataset from the preview. */
export function targetOf(options: EndToEndOptions): NonNullable<EndToEndOptions['target']> {
	return options.target ?? {mode: 'create'};
}

/** True when the target names an existing mapping set (read, never created). */
export function usesExistingMapping(options: EndToEndOptions): boolean {
	const target = targetOf(options);
	return target.mode === 'existing' && target.mappingId !== undefined && target.mappingId !== '';
}

/**
 * Runs one stage: start/done/failed events (elapsedMs in ms) with the id it made. Errors are rethrown as a
 * WorkflowError naming the stage, scrubbed of secrets; a run's `outcome` rides along. PersistFailure passes through.
 */
export async function stage<T>(run: Run, name: StageName, message: string, hint: string, fn: () => Promise<StageResult<T>>): Promise<T> {
	const {ctx} = run;
	const started = Date.now();
	emit(ctx, {stage: name, status: 'start', message});
	try {
		throwIfAborted(ctx.signal, name);
		const {value, id, done, detail} = await fn();
		emit(ctx, {stage: name, status: 'done', id, message: scrub(done, run.secrets), elapsedMs: Date.now() - started, detail});
		return value;
	} catch (error) {
		if (error instanceof PersistFailure) throw error;
		const wrapped = wrapStageError(run, name, hint, error);
		emit(ctx, {stage: name, status: 'failed', message: wrapped.message, elapsedMs: Date.now() - started});
		throw wrapped;
	}
}

/** The stage's error as a scrubbed WorkflowError; a failed run carries its counts and errors to the summary. */
function wrapStageError(run: Run, name: StageName, hint: string, error: unknown): WorkflowError {
	const own = error instanceof WorkflowError;
	if (error instanceof InterruptedError)
		return new WorkflowError(name, `Stopped during "${name}": ${scrub(error.message, run.secrets)}`, {hint: error.hint ?? hint, cause: error});
	// Any other failure after a stop (a poll's wait ended by the signal: "This operation was aborted") is the stop.
	if (run.ctx.signal?.aborted)
		return new WorkflowError(name, `Stopped during "${name}": the check was stopped on request.`, {
			hint: 'Objects created so far are in the ledger and are deleted by the clean-up.',
			cause: error,
		});
	const text = scrub(own ? error.message : describeError(error), run.secrets);
	const wrapped = new WorkflowError(name, text, {hint: scrub(own ? error.hint : hintOf(error, hint), run.secrets), cause: error});
	return Object.assign(wrapped, {outcome: (error as {outcome?: unknown}).outcome});
}

/** Writes a created object to the ledger (docs/test-objects.md#the-ledger); throws PersistFailure if the draft cannot be saved. */
export function record(run: Run, kind: Parameters<typeof recordCreated>[1], id: string, detail: Record<string, string> = {}): void {
	try {
		recordCreated(run.ctx, kind, id, {attempt: run.attempt, ...detail});
	} catch (error) {
		throw new PersistFailure(`Could not save the draft after creating ${kind} ${id}: ${describeError(error)}`);
	}
}
