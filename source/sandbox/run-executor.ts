import {once} from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {EngineError, streamRecords} from '../engine/index.js';
import {runWindow, type RunWindow} from '../engine/schedule.js';
import {createMasker} from '../connection-spec/masker.js';
import {datasetDir} from './catalog.js';
import {collection, type SandboxContext} from './context.js';
import {authOf, connectionSpecOf} from './connections.js';
import {mappingEntriesOf} from './data-prep.js';
import {freshEtag} from './entities.js';
import {newBatchId} from './ids.js';
import {applyMapping, type MappingEntry, type MappingWarning} from './mapping.js';
import {finishedRun, type RunError, type RunOutcome} from './run-record.js';
import {readSchedule} from './schedule-params.js';
import {schemaFor} from './schema-registry.js';
import {secretValues} from './source-auth.js';
import type {Entity} from './state-store.js';
import type {ResolvedSchema} from './xdm.js';
import type {Caller} from './router.js';

// Executes one run for real: pulls records from the source with the engine, maps them, validates them against
// the target schema, and writes accepted records as JSONL (one batch per run) while they stream in.

const maxRowsPerError = 100;
const maxFieldsNamed = 20;

export type RunTiming = {minimumRunMs: number};

type Plan = {
	flow: Entity;
	spec: Record<string, unknown>;
	base: Entity;
	source: Entity;
	target: Entity;
	dataSetId: string;
	entries: MappingEntry[];
	schema: ResolvedSchema | undefined;
	caller: Caller;
};

/** The service identity that creates runs and batches, in the flow's org and sandbox. */
export function serviceCaller(flow: Entity): Caller {
	return {
		clientId: 'acp_flowservice',
		userId: 'acp_flowservice@AdobeID',
		orgId: String(flow['imsOrgId']),
		sandboxName: String(flow['sandboxName']),
		sandboxId: String(flow['sandboxId']),
	};
}

function plan(context: SandboxContext, flow: Entity): Plan | string {
	// The connections as they were when the flow was created (docs/sandbox-fidelity.md), else as they are now.
	const asCreated = (flow['_connections'] ?? {}) as {source?: Entity; target?: Entity};
	const source = asCreated.source ?? collection(context, 'sourceConnections').get(String((flow['sourceConnectionIds'] as string[])[0]));
	if (!source) return 'The source connection of this flow no longer exists.';
	const base = collection(context, 'connections').get(String(source['baseConnectionId']));
	if (!base) return `Base connection ${String(source['baseConnectionId'])} no longer exists.`;
	const spec = connectionSpecOf(context, base);
	if (!spec) return 'The connection spec of the base connection no longer exists.';
	const target = asCreated.target ?? collection(context, 'targetConnections').get(String((flow['targetConnectionIds'] as string[])[0]));
	if (!target) return 'The target connection of this flow no longer exists.';
	const dataSetId = String((target['params'] as {dataSetId?: string}).dataSetId);
	const dataSet = collection(context, 'dataSets').get(dataSetId);
	if (!dataSet) return `Target dataset ${dataSetId} no longer exists.`;
	const mapping = (flow['transformations'] as {name: string; params: {mappingId: string}}[]).find(entry => entry.name === 'Mapping');
	const mappingSet = mapping ? collection(context, 'mappingSets').get(mapping.params.mappingId) : undefined;
	if (!mappingSet) return 'The mapping set of this flow no longer exists.';
	const caller = serviceCaller(flow);
	const schema = schemaFor(context, String((dataSet['schemaRef'] as {id: string}).id), caller)?.resolved;
	return {flow, spec, base, source, target, dataSetId, entries: mappingEntriesOf(mappingSet), schema, caller};
}

/**
 * Window (runWindow in engine/schedule.ts): the first run pulls everything ([0 or startTime .. start]); later runs [previous end .. start]. The
 * first run of a flow with backfill (or a once flow) sends ADVANCE's `backfill` expression, every other run the
 * `incremental` one (docs/sandbox-fidelity.md "Schedules").
 */
function windowFor(context: SandboxContext, flow: Entity, run: Entity, startedAt: number): RunWindow {
	const previousEndsMs = collection(context, 'runs')
		.values()
		.filter(
			other =>
				other['flowId'] === flow.id &&
				other.id !== run.id &&
				typeof other['_windowEnd'] === 'number' &&
				(other['metrics'] as {statusSummary: {status: string}}).statusSummary.status === 'success',
		)
		.map(other => Number(other['_windowEnd']));
	// An on-demand run reads the window it was given (its `incremental` expression, as any later run).
	const given = run['_window'] as {start: number; end: number} | undefined;
	const schedule = readSchedule(flow['scheduleParams'] as Record<string, unknown>);
	return runWindow({nowMs: startedAt, ...(given ? {given} : {}), previousEndsMs, backfill: schedule.backfill || schedule.once, flowStartMs: schedule.startMs});
}

function cancelled(signal: AbortSignal): RunError {
	const reason = signal.reason as Error | undefined;
	return {code: 'CONNECTOR-1001-500', message: reason instanceof Error && reason.message ? reason.message : 'The run was cancelled.'};
}

function sourceError(error: unknown, secrets: string[]): RunError {
	const engine = error instanceof EngineError ? error : undefined;
	const status = engine?.status ?? (engine?.code === 'source-auth' ? 401 : 500);
	const text = createMasker(secrets).text(`${(error as Error).message}${engine?.hint ? ` ${engine.hint}` : ''}`);
	// Run-level codes look like CONNECTOR-1001-500 "reading from the source failed" (docs/target-and-runs.md#run-metrics).
	return {code: `CONNECTOR-1001-${status}`, message: `Reading from the source failed: ${text}`};
}

type Tally = {
	input: number;
	output: number;
	failed: number;
	inputBytes: number;
	outputBytes: number;
	byCode: Map<string, {count: number; rows: number[]; message: string}>;
	/** Ingested rows with transformation errors (attributes set to null), by code (docs/sandbox-fidelity.md "Data Prep"). */
	warnings: Map<string, {count: number; message: string; destinations: Set<string>}>;
	/** Why paging stopped, when it was a cap or an anomaly rather than the source's own end. */
	pagingStop?: RunError;
};

/**
 * Stop reasons that are not the source saying "no more": the request cap, a repeated token or pointer, and an
 * empty page while a token or pointer still offered more (docs/sandbox-fidelity.md, "Runs end").
 */
function pagingStopError(stop: {code: string; message: string} | undefined, paginationType: string): RunError | undefined {
	if (!stop) return undefined;
	const anomaly =
		['maximum-request', 'repeated-token', 'repeated-pointer'].includes(stop.code) ||
		(stop.code === 'empty-page' && (paginationType === 'CONTINUATION_TOKEN' || paginationType === 'POINTER'));
	if (!anomaly) return undefined;
	return {code: 'CONNECTOR-1010-200', message: `Paging stopped early: ${stop.message}`};
}

function paginationTypeOf(spec: Record<string, unknown>): string {
	const params = (spec['sourceSpec'] as {attributes?: {paginationParams?: {type?: unknown}}} | undefined)?.attributes?.paginationParams ?? {};
	return String(params.type ?? '').toUpperCase();
}

async function copyAndPromote(context: SandboxContext, work: Plan, window: RunWindow, file: string, signal: AbortSignal): Promise<Tally> {
	const tally = emptyTally();
	const out = fs.createWriteStream(file);
	const closed = once(out, 'close');
	try {
		const auth = authOf(work.base);
		const records = streamRecords({
			spec: work.spec,
			authSpecName: auth.specName,
			authParams: auth.params,
			sourceParams: (work.source['params'] as Record<string, unknown>) ?? {},
			window: {start: new Date(window.start), end: new Date(window.end)},
			scheduleMode: window.mode,
			signal,
			originOverride: context.sourceOrigin((work.base['connectionSpec'] as {id?: string} | undefined)?.id),
		});
		for (let next = await records.next(); ; next = await records.next()) {
			if (next.done) {
				tally.pagingStop = pagingStopError(next.value?.stop, paginationTypeOf(work.spec));
				break;
			}
			const record = next.value;
			tally.input++;
			tally.inputBytes += Buffer.byteLength(JSON.stringify(record));
			const mapped = applyMapping(work.entries, record, work.schema);
			if (!mapped.ok) {
				tally.failed++;
				const entry = tally.byCode.get(mapped.code) ?? {count: 0, rows: [], message: mapped.message};
				entry.count++;
				if (entry.rows.length < maxRowsPerError) entry.rows.push(tally.input);
				tally.byCode.set(mapped.code, entry);
				continue;
			}
			countWarnings(tally, mapped.warnings);
			const line = `${JSON.stringify(mapped.value)}\n`;
			tally.output++;
			tally.outputBytes += Buffer.byteLength(line);
			if (!out.write(line)) await once(out, 'drain');
		}
	} finally {
		out.end();
		await closed;
	}
	return tally;
}

function emptyTally(): Tally {
	return {input: 0, output: 0, failed: 0, inputBytes: 0, outputBytes: 0, byCode: new Map(), warnings: new Map()};
}

/** Counts an ingested row once per warning code; keeps the first message and every destination field named. */
function countWarnings(tally: Tally, warnings: MappingWarning[]): void {
	for (const code of new Set(warnings.map(warning => warning.code))) {
		const own = warnings.filter(warning => warning.code === code);
		const entry = tally.warnings.get(code) ?? {count: 0, message: own[0]!.message, destinations: new Set<string>()};
		entry.count++;
		for (const warning of own) if (entry.destinations.size < maxFieldsNamed) entry.destinations.add(warning.destination);
		tally.warnings.set(code, entry);
	}
}

/**
 * Promotion warnings (statusSummary.extensions.warnings): per code, the number of ingested rows with a
 * transformation error (`recordCount`) and the first error's message, naming the other fields set to null.
 */
function promotionWarnings(tally: Tally): RunError[] {
	return [...tally.warnings].map(([code, entry]) => {
		const first = entry.message;
		const others = [...entry.destinations].filter(destination => !first.includes(`at ${destination}:`));
		const more = others.length > 0 ? ` Other fields set to null in some rows: ${others.join(', ')}.` : '';
		const message = `${entry.count} row(s) were ingested with fields set to null. ${first}${more}`;
		return {code, recordCount: entry.count, message};
	});
}

function promotionErrors(tally: Tally): RunError[] {
	if (tally.failed === 0) return [];
	const errors: RunError[] = [{code: 'INGEST-1212-400', message: `${tally.failed} row(s) had errors; ${tally.output} row(s) ingested.`}];
	for (const [code, entry] of tally.byCode) errors.push({code, recordCount: entry.count, message: entry.message});
	return errors;
}

/** Runs the flow once for the given run record; never throws (a failure is recorded in the run). */
export async function executeRun(context: SandboxContext, runId: string, signal: AbortSignal, timing: RunTiming): Promise<void> {
	const runs = collection(context, 'runs');
	const flow = collection(context, 'flows').get(String(runs.get(runId)?.['flowId']));
	const startedAt = Date.now();
	const inProgress = {
		...runs.get(runId)!,
		...freshEtag(),
		updatedAt: startedAt,
		metrics: {durationSummary: {startedAtUTC: startedAt}, statusSummary: {status: 'inProgress'}},
	};
	runs.put(inProgress);
	const work = flow ? plan(context, flow) : 'The flow of this run no longer exists.';
	const base: Omit<RunOutcome, 'status' | 'copyEndedAt' | 'completedAt'> = {
		startedAt,
		window: {start: 0, end: startedAt},
		inputRecords: 0,
		outputRecords: 0,
		failedRecords: 0,
		inputBytes: 0,
		outputBytes: 0,
		errors: [],
		promotionErrors: [],
		promotionWarnings: [],
		copyFailed: true,
		sourceConnectionId: String((flow?.['sourceConnectionIds'] as string[] | undefined)?.[0]),
		targetConnectionId: String((flow?.['targetConnectionIds'] as string[] | undefined)?.[0]),
		oneTime: (flow?.['scheduleParams'] as {frequency?: string} | undefined)?.frequency === 'once',
	};
	if (typeof work === 'string') {
		const now = Date.now();
		runs.put(finishedRun(inProgress, {...base, status: 'failed', copyEndedAt: now, completedAt: now, errors: [{code: 'CONNECTOR-1001-500', message: work}]}));
		return;
	}
	const window = windowFor(context, work.flow, inProgress, startedAt);
	const batchId = newBatchId();
	const dir = datasetDir(context, work.dataSetId);
	await fsp.mkdir(dir, {recursive: true, mode: 0o700});
	const partial = path.join(dir, `${batchId}.jsonl.partial`);
	createBatch(context, work, batchId, startedAt);
	let tally = emptyTally();
	let readError: RunError | undefined;
	try {
		tally = await copyAndPromote(context, work, window, partial, signal);
	} catch (error) {
		const auth = authOf(work.base);
		readError = signal.aborted ? cancelled(signal) : sourceError(error, secretValues(work.spec, auth.specName, auth.params));
	}
	// The engine ends a cancelled run quietly (stop code `aborted`): a cancelled run is failed, with the reason.
	if (!readError && signal.aborted) readError = cancelled(signal);
	const copyEndedAt = Date.now();
	const failed = readError !== undefined || (tally.output === 0 && tally.failed > 0);
	const keepFile = !failed && tally.output > 0;
	if (keepFile) await fsp.rename(partial, path.join(dir, `${batchId}.jsonl`));
	else await fsp.rm(partial, {force: true});
	const elapsed = Date.now() - startedAt;
	if (!signal.aborted && elapsed < timing.minimumRunMs) await delay(timing.minimumRunMs - elapsed, undefined, {signal}).catch(() => undefined);
	const completedAt = Date.now();
	const promotion = promotionErrors(tally);
	// A partial run stays `success` and still lists its errors (docs/target-and-runs.md#run-status, notifications).
	const errors = readError ? [readError] : [...(tally.pagingStop ? [tally.pagingStop] : []), ...promotion];
	finishBatch(context, batchId, failed, tally, completedAt);
	runs.put(
		finishedRun(inProgress, {
			...base,
			status: failed ? 'failed' : 'success',
			window,
			copyEndedAt,
			completedAt,
			inputRecords: tally.input,
			outputRecords: tally.output,
			failedRecords: tally.failed,
			inputBytes: tally.inputBytes,
			outputBytes: tally.outputBytes,
			errors,
			promotionErrors: promotion,
			promotionWarnings: promotionWarnings(tally),
			copyFailed: readError !== undefined,
			batchId,
		}),
	);
}

function createBatch(context: SandboxContext, work: Plan, batchId: string, now: number): void {
	collection(context, 'batches').put({
		id: batchId,
		imsOrgId: work.caller.orgId,
		sandboxName: work.caller.sandboxName,
		imsOrg: work.caller.orgId,
		created: now,
		updated: now,
		createdClient: work.caller.clientId,
		createdUser: work.caller.userId,
		updatedUser: work.caller.userId,
		status: 'loading',
		version: '1.0.0',
		started: now,
		relatedObjects: [{type: 'dataSet', id: work.dataSetId}],
	});
}

function finishBatch(context: SandboxContext, batchId: string, failed: boolean, tally: Tally, now: number): void {
	const batches = collection(context, 'batches');
	const batch = batches.get(batchId)!;
	const errors = [...tally.byCode].map(([code, entry]) => ({code, rows: entry.rows.map(String), description: entry.message}));
	batches.put({
		...batch,
		updated: now,
		completed: now,
		status: failed ? 'failed' : 'success',
		recordCount: tally.output,
		failedRecordCount: tally.failed,
		size: tally.outputBytes,
		errors,
		metrics: {inputRecordCount: tally.input, outputRecordCount: tally.output, failedRecordCount: tally.failed},
	});
}
