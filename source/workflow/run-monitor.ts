// Watching a dataflow's runs until one is terminal (docs/target-and-runs.md#deciding-the-outcome-of-a-run) and turning it into counts and errors.
import type {PlatformClient} from '../api/index.js';
import type {RunSummary} from '../connection-spec/draft-types.js';
import {AepError} from '../shared/errors.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A finished run in RunSummary terms; `partial` = success with failed or no records (docs/target-and-runs.md#deciding-the-outcome-of-a-run step 4). */
export type RunOutcome = Pick<RunSummary, 'runId' | 'recordsRead' | 'recordsWritten' | 'recordsFailed' | 'durationMs' | 'batchIds' | 'errors' | 'warnings'> & {
	status: 'success' | 'partial' | 'failed';
};

function startedAt(run: Json): number {
	return num(obj(obj(run['metrics'])['durationSummary'])['startedAtUTC']) ?? num(run['createdAt']) ?? 0;
}

/** docs/target-and-runs.md#deciding-the-outcome-of-a-run step 2: the newest run by start time, else creation time. */
export function newestRun(runs: unknown[]): Json | undefined {
	return runs.map(obj).sort((a, b) => startedAt(b) - startedAt(a))[0];
}

/** docs/target-and-runs.md#deciding-the-outcome-of-a-run step 3: terminal when the status is success/failed (any case) and completedAtUTC is present. */
export function isTerminal(run: Json): boolean {
	const metrics = obj(run['metrics']);
	const status = String(obj(metrics['statusSummary'])['status'] ?? '').toLowerCase();
	const completed = num(obj(metrics['durationSummary'])['completedAtUTC']);
	return (status === 'success' || status === 'failed' || status === 'partialsuccess' || status === 'partial_success') && completed !== undefined;
}

function errorsOf(value: unknown): {code: string; message: string}[] {
	return list(value)
		.map(obj)
		.map(e => ({code: String(e['code'] ?? 'UNKNOWN'), message: String(e['message'] ?? '')}));
}

function warningsOf(value: unknown): {code: string; message: string; recordCount: number}[] {
	return list(value)
		.map(obj)
		.map(w => ({code: String(w['code'] ?? 'UNKNOWN'), message: String(w['message'] ?? ''), recordCount: num(w['recordCount']) ?? 0}));
}

/**
 * "N rows had mapping warnings (…)" for a run whose rows were ingested with fields set to null (MAPPER-3700-400
 * warnings, docs/sandbox-fidelity.md "Data Prep"); N is the largest per-code row count. Undefined when none.
 */
export function mappingWarningText(summary: Pick<RunSummary, 'warnings'>): string | undefined {
	const warnings = summary.warnings ?? [];
	if (warnings.length === 0) return undefined;
	const rows = Math.max(...warnings.map(w => w.recordCount));
	return `${rows} ${rows === 1 ? 'row' : 'rows'} had mapping warnings (ingested with fields set to null)`;
}

/**
 * docs/target-and-runs.md#deciding-the-outcome-of-a-run steps 4–6: counts, batch ids, every run- and activity-level error, activity warnings
 * (statusSummary.extensions.warnings: rows ingested with fields set to null, not a failure), and pass/partial/fail.
 */
export function summarizeRun(run: Json): RunOutcome {
	const metrics = obj(run['metrics']);
	const records = obj(metrics['recordSummary']);
	const duration = obj(metrics['durationSummary']);
	const statusSummary = obj(metrics['statusSummary']);
	const activities = list(run['activities']).map(obj);
	const errors = [...errorsOf(statusSummary['errors'])];
	const warnings: {code: string; message: string; recordCount: number}[] = [];
	for (const activity of activities) {
		const summary = obj(activity['statusSummary']);
		errors.push(...errorsOf(summary['errors']), ...errorsOf(obj(summary['extensions'])['errors']));
		warnings.push(...warningsOf(obj(summary['extensions'])['warnings']));
	}
	const unique = [...new Map(errors.map(e => [`${e.code} ${e.message}`, e])).values()];
	const batchIds = activities
		.flatMap(a => list(a['targetInfo']).map(obj))
		.flatMap(t => list(obj(t['reference'])['ids']))
		.filter((id): id is string => typeof id === 'string');
	const recordsWritten = num(records['outputRecordCount']) ?? 0;
	const recordsFailed = num(records['failedRecordCount']) ?? 0;
	const raw = String(statusSummary['status'] ?? '').toLowerCase();
	const status = raw === 'success' && recordsFailed === 0 && recordsWritten > 0 ? 'success' : raw === 'failed' ? 'failed' : 'partial';
	const start = num(duration['startedAtUTC']);
	const end = num(duration['completedAtUTC']);
	return {
		runId: typeof run['id'] === 'string' ? run['id'] : undefined,
		status,
		recordsRead: num(records['inputRecordCount']) ?? 0,
		recordsWritten,
		recordsFailed,
		durationMs: start !== undefined && end !== undefined ? Math.max(0, end - start) : 0,
		batchIds: [...new Set(batchIds)],
		errors: unique,
		...(warnings.length > 0 ? {warnings} : {}),
	};
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason ?? new Error('aborted'));
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

/** `runId`: watch this run (an ad hoc run, docs/target-and-runs.md#runs) instead of the newest one. */
export type WaitOptions = {runId?: string; pollIntervalMs?: number; timeoutMs?: number; signal?: AbortSignal; onPoll?: (state: string, polls: number) => void};

/**
 * The client stopped waiting (`timeoutMs`); the run itself is not cancelled by that. `runId`/`runStatus` name the
 * newest run seen, `stillRunning` says whether it was still going at the last poll (docs/sandbox-fidelity.md).
 */
export class RunTimeoutError extends AepError {
	constructor(
		readonly lastState: string,
		readonly waitedMs: number,
		readonly runId?: string,
		readonly runStatus?: string,
	) {
		const seconds = waitedMs < 10_000 ? (waitedMs / 1000).toFixed(1) : String(Math.round(waitedMs / 1000));
		const where = runId
			? `run ${runId} was still ${runStatus ?? 'without a status'} and keeps going on the platform (deleting or disabling its dataflow stops it)`
			: 'no run had started yet';
		super(`Stopped waiting after ${seconds} s; ${where}.`);
		this.name = 'RunTimeoutError';
	}

	get stillRunning(): boolean {
		return this.runId !== undefined;
	}
}

/**
 * Polls `GET /runs?property=flowId==…` with backoff: the first wait is pollIntervalMs (default 250 ms), growing
 * ×1.5 up to 20 times that (5 s by default). An empty list means "no run yet" (docs/target-and-runs.md#deciding-the-outcome-of-a-run step 1), never failure.
 */
export async function waitForRun(client: PlatformClient, flowId: string, options: WaitOptions = {}): Promise<Json> {
	const first = options.pollIntervalMs ?? 250;
	const cap = first * 20;
	const timeoutMs = options.timeoutMs ?? 10 * 60_000;
	const started = Date.now();
	let delay = first;
	let lastState = 'no run yet';
	let seen: {id: string; status: string | undefined} | undefined;
	for (let polls = 1; ; polls++) {
		const runs = await client.runs.listForFlow(flowId);
		const run = options.runId ? runs.map(obj).find(each => each['id'] === options.runId) : newestRun(runs);
		if (run && isTerminal(run)) return run;
		if (run) {
			const status = obj(obj(run['metrics'])['statusSummary'])['status'];
			seen = {id: String(run['id'] ?? '?'), status: status === undefined ? undefined : String(status)};
			lastState = `run ${seen.id} ${seen.status ?? 'without status'}`;
		}
		options.onPoll?.(lastState, polls);
		const left = timeoutMs - (Date.now() - started);
		if (left <= 0) throw new RunTimeoutError(lastState, Date.now() - started, seen?.id, seen?.status);
		await sleep(Math.min(delay, left), options.signal);
		delay = Math.min(cap, Math.round(delay * 1.5));
	}
}
