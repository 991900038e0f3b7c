// The dataflow and run stages of the end-to-end check: the once flow and its monitored first run
// (docs/flow-service.md#dataflows, docs/target-and-runs.md#runs).
import {ids} from '../../connection-spec/index.js';
import {appendToRestStorageToAEP, verifyInFlowSpec} from '../flow-spec-append.js';
import {emit, nowOf, WorkflowError} from '../progress.js';
import {mappingWarningText, RunTimeoutError, summarizeRun, waitForRun} from '../run-monitor.js';
import {record, stage, type Run, type RunOutcome} from './run.js';

/** The id is re-verified right before the flow: a PUT without etag elsewhere may have dropped it (docs/flow-spec.md#safe-append). */
async function ensureInFlowSpec(run: Run): Promise<void> {
	if (await verifyInFlowSpec(run.ctx, run.specId)) return;
	emit(run.ctx, {
		stage: 'append-flow-spec',
		status: 'info',
		id: run.specId,
		message: 'The spec id is missing from RestStorageToAEP (someone replaced the list); adding it again',
	});
	await appendToRestStorageToAEP(run.ctx, run.specId);
}

/** POST /flows: a once flow starting now (startTime in seconds); sets `run.flowId`. */
export async function dataflow(run: Run): Promise<void> {
	run.flowId = await stage(
		run,
		'dataflow',
		'Creating the dataflow (once, starting now)',
		'Check that the spec id is in RestStorageToAEP and the mapping matches the dataset schema.',
		async () => {
			await ensureInFlowSpec(run);
			const created = await run.ctx.client.flows.create({
				name: `${run.label} check ${run.stamp}`,
				description: 'End-to-end check by aep-source; deleted after the check.',
				flowSpec: {id: ids.restStorageToAep, version: '1.0'},
				sourceConnectionIds: [run.sourceConnectionId],
				targetConnectionIds: [run.targetConnectionId],
				// mappingVersion as a string: the flow spec types it string (docs/flow-service.md#dataflows).
				transformations: [{name: 'Mapping', params: {mappingId: run.mappingId, mappingVersion: String(run.mappingVersion ?? 0)}}],
				scheduleParams: {startTime: Math.floor(nowOf(run.ctx).getTime() / 1000), frequency: 'once'},
			});
			record(run, 'flow', created.id, {frequency: 'once'});
			return {value: created.id, id: created.id, done: `Dataflow ${created.id}`};
		},
	);
}

/**
 * Waits for the flow's run (an ad hoc one for a reused flow) and resolves with its outcome on success. Throws a
 * WorkflowError for a time-out, or one carrying `outcome` for a failed or partial run (docs/target-and-runs.md#deciding-the-outcome-of-a-run).
 */
export async function monitor(run: Run): Promise<RunOutcome> {
	return stage(run, 'run', 'Waiting for the first run to finish', 'Open the run errors above; fix the source or mapping and run the check again.', async () => {
		const outcome = await awaitOutcome(run);
		const counts = `read ${outcome.recordsRead}, written ${outcome.recordsWritten}, failed ${outcome.recordsFailed}`;
		if (outcome.status !== 'success') {
			const codes = outcome.errors.map(e => `${e.code}: ${e.message}`).join('; ');
			const what = outcome.status === 'partial' ? 'finished with failed or no records' : 'failed';
			throw Object.assign(
				new WorkflowError('run', `Run ${outcome.runId ?? ''} ${what} (${counts})${codes ? `: ${codes}` : ''}`, {
					hint: 'Fix what the run errors name (source credentials, mapping types), then run the check again.',
				}),
				{outcome},
			);
		}
		const {status, ...rest} = outcome;
		const warned = mappingWarningText(outcome);
		return {value: {status, flowId: run.flowId, ...rest}, id: outcome.runId, done: `Run ${outcome.runId} succeeded: ${counts}${warned ? `; ${warned}` : ''}`};
	});
}

/** Polls until the run is terminal (interval and limit in ms from the options); a time-out becomes a WorkflowError. */
async function awaitOutcome(run: Run): Promise<ReturnType<typeof summarizeRun>> {
	const {options, ctx} = run;
	try {
		const runId = run.reusedFlow ? await startAdHocRun(run) : undefined;
		const finished = await waitForRun(ctx.client, run.flowId!, {
			runId,
			pollIntervalMs: options.pollIntervalMs,
			timeoutMs: options.timeoutMs,
			signal: ctx.signal,
			onPoll: (state, polls) => {
				if (polls === 1 || polls % 10 === 0) emit(ctx, {stage: 'run', status: 'info', id: run.flowId, message: `Waiting: ${state}`});
			},
		});
		return summarizeRun(finished);
	} catch (error) {
		if (!(error instanceof RunTimeoutError)) throw error;
		throw new WorkflowError('run', `The check stopped waiting for the dataflow's first run (time limit): ${error.message}`, {
			hint: error.stillRunning
				? 'The platform promises no run SLA: a large first run can take minutes. ' +
					'Keep the flow and watch the run in the UI, or run the check again with a longer timeout.'
				: 'No run had started: the platform promises no run SLA. Run the check again with a longer timeout, or keep the flow and watch it in the UI.',
		});
	}
}

/**
 * POST /runs: a new run of the kept once flow (docs/target-and-runs.md#runs). The window mirrors a once flow's first
 * run, which reads everything up to now (no lower bound); seconds, as in the documented examples.
 */
async function startAdHocRun(run: Run): Promise<string> {
	const now = Math.floor(nowOf(run.ctx).getTime() / 1000);
	const created = await run.ctx.client.runs.create({flowId: run.flowId!, params: {windowStartTime: 0, windowEndTime: now}});
	emit(run.ctx, {stage: 'run', status: 'info', id: created.id, message: `Started run ${created.id} of the kept dataflow ${run.flowId}`});
	return created.id;
}
