import {collection, type SandboxContext} from './context.js';
import {newRun} from './run-record.js';
import {executeRun, serviceCaller, type RunTiming} from './run-executor.js';
import {readSchedule} from './schedule-params.js';
import type {Entity} from './state-store.js';
import {finishedRun} from './run-record.js';
import {AepError} from '../shared/errors.js';
import {setTimeout as delay} from 'node:timers/promises';

// Creates and starts runs when flows are due (docs/flow-service.md#how-the-sandbox-models-state: a run at startTime, then every interval × frequency;
// `once` → one run). Runs whose time is in the past start at once.
//
// Timing (docs/schedule.md#dataflow-schedules — no SLA is documented; examples show a run starting ~16 s after flow creation and
// lasting about a minute): `immediate` starts a due run at once and finishes as fast as the source answers;
// `realistic` starts each run 15 s after it is due and keeps it `inProgress` for at least 20 s.

const timings = {
	immediate: {startDelayMs: 0, run: {minimumRunMs: 0}},
	realistic: {startDelayMs: 15_000, run: {minimumRunMs: 20_000}},
} satisfies Record<string, {startDelayMs: number; run: RunTiming}>;

const maxTimerMs = 2_147_483_647;

/** Why a running run was cancelled (AbortSignal reason); its text goes into the run's errors. */
export class RunCancelled extends AepError {}

type Running = {execution: Promise<void>; controller: AbortController};

export class Scheduler {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly running = new Map<string, Running>();
	private readonly abort = new AbortController();
	private readonly timing: (typeof timings)['immediate'];
	private closed = false;

	constructor(private readonly context: SandboxContext) {
		this.timing = timings[context.options.runTiming ?? 'immediate'];
	}

	/**
	 * On start: a run that was in progress when the sandbox stopped (kill -9, a crash) is failed — keeping when it
	 * started and which connections it read — and a run still waiting to start starts at its time (at once when that
	 * has passed); then every enabled
	 * flow is scheduled (docs/sandbox-fidelity.md "Runs across a restart").
	 */
	start(): void {
		const runs = collection(this.context, 'runs');
		// One waiting run per flow is started (a flow runs one run at a time); the others wait for their turn.
		const waiting = new Map<string, Entity>();
		for (const run of runs.values()) {
			const metrics = run['metrics'] as {statusSummary?: {status?: string}; durationSummary?: {startedAtUTC?: unknown}};
			const status = metrics.statusSummary?.status;
			if (status === 'scheduled' && !waiting.has(String(run['flowId']))) waiting.set(String(run['flowId']), run);
			if (status !== 'inProgress') continue;
			const now = Date.now();
			const startedAt = typeof metrics.durationSummary?.startedAtUTC === 'number' ? metrics.durationSummary.startedAtUTC : now;
			const flow = collection(this.context, 'flows').get(String(run['flowId']));
			runs.put(
				finishedRun(run, {
					status: 'failed',
					startedAt,
					copyEndedAt: now,
					completedAt: now,
					// Nothing was promoted: the window is not consumed (the next run reads it again, docs/schedule.md).
					window: {start: startedAt, end: startedAt},
					inputRecords: 0,
					outputRecords: 0,
					failedRecords: 0,
					inputBytes: 0,
					outputBytes: 0,
					errors: [{code: 'CONNECTOR-1001-500', message: 'The run was interrupted because the sandbox stopped; the next scheduled run will retry.'}],
					promotionErrors: [],
					promotionWarnings: [],
					copyFailed: true,
					sourceConnectionId: String((flow?.['sourceConnectionIds'] as string[] | undefined)?.[0] ?? ''),
					targetConnectionId: String((flow?.['targetConnectionIds'] as string[] | undefined)?.[0] ?? ''),
					oneTime: (flow?.['scheduleParams'] as {frequency?: string} | undefined)?.frequency === 'once',
				}),
			);
		}
		// At its start time (`_scheduledFor`: an ad hoc run's params.startTime), or at once when that has passed.
		for (const [flowId, run] of waiting) this.startRun(flowId, run.id, Number(run['_scheduledFor'] ?? 0));
		for (const flow of collection(this.context, 'flows').values()) this.schedule(flow.id);
	}

	/**
	 * (Re)computes when the flow's next run is due. When the flow is gone or disabled, its next run is dropped and a
	 * run in progress is cancelled at once (the engine stops at its next request; docs/sandbox-fidelity.md).
	 */
	schedule(flowId: string): void {
		clearTimeout(this.timers.get(flowId));
		this.timers.delete(flowId);
		const flow = collection(this.context, 'flows').get(flowId);
		const running = this.running.get(flowId);
		if (running && flow?.['state'] !== 'enabled') {
			running.controller.abort(
				new RunCancelled(flow ? 'The run was cancelled because its dataflow was disabled.' : 'The run was cancelled because its dataflow was deleted.'),
			);
		}
		if (this.closed || running) return;
		if (flow?.['state'] !== 'enabled') return;
		const due = this.nextDue(flow);
		if (due === undefined) return;
		const wait = Math.max(0, due + this.timing.startDelayMs - Date.now());
		const timer = setTimeout(() => (wait > maxTimerMs ? this.schedule(flowId) : this.fire(flowId, due)), Math.min(wait, maxTimerMs));
		this.timers.set(flowId, timer);
	}

	private nextDue(flow: Entity): number | undefined {
		const schedule = readSchedule(flow['scheduleParams'] as Record<string, unknown>);
		const previous = collection(this.context, 'runs')
			.values()
			.filter(run => run['flowId'] === flow.id)
			.map(run => Number(run['_scheduledFor'] ?? 0));
		if (previous.length === 0) return schedule.startMs;
		if (schedule.once || schedule.periodMs <= 0) return undefined;
		const next = Math.max(...previous) + schedule.periodMs;
		// After downtime, missed periods collapse into one catch-up run at the latest missed slot.
		const now = Date.now();
		return next >= now ? next : next + Math.floor((now - next) / schedule.periodMs) * schedule.periodMs;
	}

	private fire(flowId: string, due: number): void {
		this.timers.delete(flowId);
		const flow = collection(this.context, 'flows').get(flowId);
		if (this.closed || !flow || flow['state'] !== 'enabled') return;
		const run = newRun(flow, serviceCaller(flow), due);
		collection(this.context, 'runs').put(run);
		this.startRun(flowId, run.id);
	}

	/** Starts an existing `scheduled` run (also used for ad hoc runs, POST /runs). */
	startRun(flowId: string, runId: string, atMs?: number): void {
		const controller = new AbortController();
		const signal = AbortSignal.any([this.abort.signal, controller.signal]);
		const wait = atMs === undefined ? 0 : Math.min(maxTimerMs, Math.max(0, atMs - Date.now()));
		// Detached: the request that started an ad hoc run does not wait for the run's own writes.
		const start = async () => {
			if (wait > 0) await delay(wait, undefined, {signal}).catch(() => undefined);
			await executeRun(this.context, runId, signal, this.timing.run);
		};
		const execution = this.context.store.detached(start).finally(() => {
			this.running.delete(flowId);
			this.schedule(flowId);
		});
		this.running.set(flowId, {execution, controller});
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
		this.abort.abort(new RunCancelled('The run was interrupted because the sandbox stopped.'));
		await Promise.allSettled([...this.running.values()].map(running => running.execution));
	}
}
