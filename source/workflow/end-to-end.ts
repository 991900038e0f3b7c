// Step 6 (reference 1.7, target-and-runs §1): base connection → explore → source connection → target (schema,
// dataset) → mapping → target connection → dataflow → monitored run → clean-up. Every id is written to the
// ledger (and the draft saved) the moment it exists.
//
// A fresh check deletes the leftovers of an earlier attempt (a crash, a cancelled run, `keep`, `keepOnFailure`)
// first. `keepOnFailure` leaves a failed attempt's objects in the ledger; `resumeFrom: stage` then reuses the objects
// of the stages before it (ids and what later stages need — schema altId, mapping version, attempt inputs — are in
// each ledger entry's `detail`), deletes those of that stage and later, and runs from there. Explore creates nothing
// and is read again when a later stage needs the records. A resume from `run` starts an ad hoc run of the kept once
// flow (POST /runs, sources-sdk 5.7.3) instead of recreating it. When the ledger cannot support the resume (nothing
// kept, another auth spec, spec, target or inputs), the check says why, cleans up and starts over (planResume).
// Secrets are not fingerprinted: a changed password needs a fresh check (the screen's inputs form runs one).
import {createHash} from 'node:crypto';
import {ids, resolveAuthSpec, secretPropertyNames, testAuthSpecName, type ConnectionSpec} from '../spec/index.js';
import type {RunSummary} from '../spec/draft-types.js';
import {isSecretKeyName} from '../spec/secrets.js';
import {appendToRestStorageToAEP, verifyInFlowSpec} from './flow-spec-append.js';
import {cleanUp, openEntries, pendingEntries, recordCreated} from './ledger.js';
import type {LedgerEntry} from '../spec/draft-types.js';
import {
	describeError, emit, hintOf, nowOf, remoteOf, scrub, throwIfAborted, updateRemote, WorkflowError,
	type StageName, type WorkflowContext,
} from './progress.js';
import {RunTimeoutError, summarizeRun, waitForRun} from './run-monitor.js';
import {datasetContentType, fieldGroupBody, inferTarget, mappingSetBody, schemaBody, schemaFullVersion} from './target-fields.js';
import {AepError} from '../shared/errors.js';

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
	pollIntervalMs?: number;
	timeoutMs?: number;
	/** Reuse the kept objects of the stages before this one (see the comment at the top). */
	resumeFrom?: StageName;
};

/** Thrown when the draft cannot be saved: continuing would create objects no ledger knows about. */
class PersistFailure extends AepError {}

type Run = {
	ctx: WorkflowContext;
	options: EndToEndOptions;
	secrets: string[];
	specId: string;
	authSpecName: string;
	label: string;
	stamp: string;
	/** Ledger detail `attempt`: the stamp of the attempt whose objects this run creates or reuses. */
	attempt: string;
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

/** Secret values of the chosen auth spec: `format: password` properties plus secret-looking names. */
function collectSecrets(spec: Record<string, unknown>, authSpecName: string, authParams: Record<string, unknown>): string[] {
	const secretNames = new Set(secretPropertyNames(spec, authSpecName));
	return Object.entries(authParams)
		.filter(([key, value]) => typeof value === 'string' && (secretNames.has(key) || isSecretKeyName(key)))
		.map(([, value]) => value as string);
}

/** Runs one stage: start/done/failed events with the id it made, errors wrapped with the stage and scrubbed. */
async function stage<T>(run: Run, name: StageName, message: string, hint: string, fn: () => Promise<{value: T; id?: string; done: string; detail?: Record<string, unknown>}>): Promise<T> {
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
		const text = scrub(error instanceof WorkflowError ? error.message : describeError(error), run.secrets);
		const wrapped = new WorkflowError(name, text, {hint: scrub(error instanceof WorkflowError ? error.hint : hintOf(error, hint), run.secrets), cause: error});
		// A failed run carries its counts and errors to the summary.
		Object.assign(wrapped, {outcome: (error as {outcome?: unknown}).outcome});
		emit(ctx, {stage: name, status: 'failed', message: text, elapsedMs: Date.now() - started});
		throw wrapped;
	}
}

function record(run: Run, kind: Parameters<typeof recordCreated>[1], id: string, detail: Record<string, string> = {}): void {
	try {
		recordCreated(run.ctx, kind, id, {attempt: run.attempt, ...detail});
	} catch (error) {
		throw new PersistFailure(`Could not save the draft after creating ${kind} ${id}: ${describeError(error)}`);
	}
}

async function baseConnection(run: Run): Promise<void> {
	const {client, draft} = run.ctx;
	run.connectionId = await stage(run, 'base-connection', `Creating a base connection with "${run.authSpecName}"`, 'Check the credentials for this auth spec.', async () => {
		const created = await client.connections.create({
			name: `${run.label} base connection (${run.authSpecName}) ${run.stamp}`,
			description: `End-to-end check of ${draft.artifacts.sourceName || draft.id}`,
			connectionSpec: {id: run.specId, version: '1.0'},
			auth: {specName: run.authSpecName, params: run.options.authParams},
		});
		record(run, 'connection', created.id, attemptDetail(run));
		return {value: created.id, id: created.id, done: `Base connection ${created.id}`};
	});
}

async function explore(run: Run): Promise<void> {
	run.records = await stage(run, 'explore', 'Previewing records through the base connection', 'Check the source parameters and the credentials.', async () => {
		const preview = await run.ctx.client.connections.explore(run.connectionId!, run.options.sourceParams);
		const data = (Array.isArray(preview.data) ? preview.data : []) as Record<string, unknown>[];
		if (data.length === 0) {
			throw new WorkflowError('explore', 'The preview returned no records, so nothing would be ingested.', {
				hint: 'Check the source parameters, contentPath and that the account has data.',
			});
		}
		return {value: data, id: run.connectionId, done: `${data.length} record(s) previewed`, detail: {fields: Object.keys(data[0] ?? {})}};
	});
}

async function sourceConnection(run: Run): Promise<void> {
	run.sourceConnectionId = await stage(run, 'source-connection', 'Creating the source connection', 'Check the source parameters (sourceSpec.spec.properties).', async () => {
		const created = await run.ctx.client.sourceConnections.create({
			name: `${run.label} source connection ${run.stamp}`,
			baseConnectionId: run.connectionId,
			connectionSpec: {id: run.specId, version: '1.0'},
			data: {format: 'json'},
			params: run.options.sourceParams,
		});
		record(run, 'sourceConnection', created.id);
		return {value: created.id, id: created.id, done: `Source connection ${created.id}`};
	});
}

async function createTarget(run: Run): Promise<void> {
	const target = run.options.target ?? {mode: 'create'};
	if (target.mode === 'existing') {
		run.schemaId = target.schemaId;
		run.datasetId = target.datasetId;
		emit(run.ctx, {stage: 'target', status: 'skipped', id: target.datasetId, message: `Using existing schema ${target.schemaId} and dataset ${target.datasetId}`});
		return;
	}
	const {client} = run.ctx;
	await stage(run, 'target', 'Creating a field group, schema and dataset from the previewed records', 'Check Schema Registry and Catalog permissions.', async () => {
		run.tenantId = await client.schemaRegistry.tenantId();
		const inferred = inferTarget(run.records ?? []);
		if (inferred.leaves.length === 0) throw new WorkflowError('target', 'No field of the previewed records has a type XDM can store.', {hint: 'Use an existing target (schema, dataset, mapping) instead.'});
		const fieldGroup = await client.schemaRegistry.createFieldGroup(fieldGroupBody(run.tenantId, `${run.label} record fields ${run.stamp}`, inferred));
		record(run, 'fieldGroup', fieldGroup.$id);
		const schema = await client.schemaRegistry.createSchema(schemaBody(`${run.label} records ${run.stamp}`, fieldGroup.$id));
		record(run, 'schema', schema.$id, {altId: schema['meta:altId']});
		run.schemaId = schema.$id;
		const datasetId = await client.catalog.createDataset({
			name: `${run.label} check ${run.stamp}`,
			description: 'Created by the aep-source end-to-end check; deleted after the check.',
			schemaRef: {id: schema.$id, contentType: datasetContentType},
		});
		record(run, 'dataset', datasetId, {schemaId: schema.$id});
		run.datasetId = datasetId;
		return {value: undefined, id: datasetId, done: `Schema ${schema.$id}, dataset ${datasetId}`, detail: {fieldGroupId: fieldGroup.$id, schemaId: schema.$id, datasetId, skippedFields: inferred.skipped}};
	});
}

async function mapping(run: Run): Promise<void> {
	const target = run.options.target ?? {mode: 'create'};
	const {client} = run.ctx;
	await stage(run, 'mapping', 'Preparing the mapping set', 'Check the mapping destinations exist in the target schema.', async () => {
		if (target.mode === 'existing' && target.mappingId) {
			const existing = (await client.dataPrep.getMappingSet(target.mappingId)) as {version?: number | string};
			run.mappingId = target.mappingId;
			run.mappingVersion = existing.version ?? 0;
			return {value: undefined, id: target.mappingId, done: `Using mapping set ${target.mappingId} (version ${run.mappingVersion})`};
		}
		run.tenantId ??= await client.schemaRegistry.tenantId();
		const created = await client.dataPrep.createMappingSet(mappingSetBody(run.schemaId!, run.tenantId, inferTarget(run.records ?? [])));
		record(run, 'mappingSet', created.id, {version: String(created.version), schemaId: run.schemaId!});
		run.mappingId = created.id;
		run.mappingVersion = created.version;
		return {value: undefined, id: created.id, done: `Mapping set ${created.id} (version ${created.version})`};
	});
}

async function targetConnection(run: Run): Promise<void> {
	run.targetConnectionId = await stage(run, 'target-connection', 'Creating the data lake target connection', 'Check the dataset id and schema id.', async () => {
		// parquet_xdm + schema block (mailchimp-members form, target-and-runs 2.5): the schema the dataset uses.
		const created = await run.ctx.client.targetConnections.create({
			name: `${run.label} target connection ${run.stamp}`,
			connectionSpec: {id: ids.dataLakeTargetSpec, version: '1.0'},
			data: {format: 'parquet_xdm', schema: {id: run.schemaId, version: schemaFullVersion}},
			params: {dataSetId: run.datasetId},
		});
		record(run, 'targetConnection', created.id, {schemaId: run.schemaId!, datasetId: run.datasetId!});
		return {value: created.id, id: created.id, done: `Target connection ${created.id}`};
	});
}

/** The id is re-verified right before the flow: a PUT without etag elsewhere may have dropped it (reference 1.5). */
async function ensureInFlowSpec(run: Run): Promise<void> {
	if (await verifyInFlowSpec(run.ctx, run.specId)) return;
	emit(run.ctx, {stage: 'append-flow-spec', status: 'info', id: run.specId, message: 'The spec id is missing from RestStorageToAEP (someone replaced the list); adding it again'});
	await appendToRestStorageToAEP(run.ctx, run.specId);
}

async function dataflow(run: Run): Promise<void> {
	run.flowId = await stage(run, 'dataflow', 'Creating the dataflow (once, starting now)', 'Check that the spec id is in RestStorageToAEP and the mapping matches the dataset schema.', async () => {
		await ensureInFlowSpec(run);
		const created = await run.ctx.client.flows.create({
			name: `${run.label} check ${run.stamp}`,
			description: 'End-to-end check by aep-source; deleted after the check.',
			flowSpec: {id: ids.restStorageToAep, version: '1.0'},
			sourceConnectionIds: [run.sourceConnectionId],
			targetConnectionIds: [run.targetConnectionId],
			// mappingVersion as a string: the flow spec's transformation schema types it string (open question 2).
			transformations: [{name: 'Mapping', params: {mappingId: run.mappingId, mappingVersion: String(run.mappingVersion ?? 0)}}],
			scheduleParams: {startTime: Math.floor(nowOf(run.ctx).getTime() / 1000), frequency: 'once'},
		});
		record(run, 'flow', created.id, {frequency: 'once'});
		return {value: created.id, id: created.id, done: `Dataflow ${created.id}`};
	});
}

async function monitor(run: Run): Promise<Omit<RunSummary, 'finishedAt' | 'cleanedUp' | 'authSpecName'>> {
	const {options, ctx} = run;
	return stage(run, 'run', 'Waiting for the first run to finish', 'Open the run errors above; fix the source or mapping and run the check again.', async () => {
		let outcome;
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
			outcome = summarizeRun(finished);
		} catch (error) {
			if (!(error instanceof RunTimeoutError)) throw error;
			throw new WorkflowError('run', `The check stopped waiting for the dataflow's first run (time limit): ${error.message}`, {
				hint: error.stillRunning
					? 'The platform promises no run SLA: a large first run can take minutes. Keep the flow and watch the run in the UI, or run the check again with a longer timeout.'
					: 'No run had started: the platform promises no run SLA. Run the check again with a longer timeout, or keep the flow and watch it in the UI.',
			});
		}
		const counts = `read ${outcome.recordsRead}, written ${outcome.recordsWritten}, failed ${outcome.recordsFailed}`;
		if (outcome.status !== 'success') {
			const codes = outcome.errors.map(e => `${e.code}: ${e.message}`).join('; ');
			const what = outcome.status === 'partial' ? 'finished with failed or no records' : 'failed';
			throw Object.assign(new WorkflowError('run', `Run ${outcome.runId ?? ''} ${what} (${counts})${codes ? `: ${codes}` : ''}`, {
				hint: 'Fix what the run errors name (source credentials, mapping types), then run the check again.',
			}), {outcome});
		}
		const {status, ...rest} = outcome;
		return {value: {status, flowId: run.flowId, ...rest}, id: outcome.runId, done: `Run ${outcome.runId} succeeded: ${counts}`};
	});
}

/**
 * 5.7.3: a new run of the kept once flow. The window mirrors a once flow's first run, which reads everything up to
 * now (no lower bound); seconds, as in the documented examples (the OpenAPI does not say which unit).
 */
async function startAdHocRun(run: Run): Promise<string> {
	const now = Math.floor(nowOf(run.ctx).getTime() / 1000);
	const created = await run.ctx.client.runs.create({flowId: run.flowId!, params: {windowStartTime: 0, windowEndTime: now}});
	emit(run.ctx, {stage: 'run', status: 'info', id: created.id, message: `Started run ${created.id} of the kept dataflow ${run.flowId}`});
	return created.id;
}

async function cleanLeftovers(run: Run): Promise<void> {
	const leftovers = pendingEntries(run.ctx).length;
	if (leftovers === 0) return;
	emit(run.ctx, {stage: 'cleanup', status: 'info', message: `${leftovers} object(s) left by an earlier attempt; deleting them first`});
	await cleanUp(run.ctx);
}

const checkOrder: StageName[] = ['base-connection', 'explore', 'source-connection', 'target', 'mapping', 'target-connection', 'dataflow', 'run'];
const stageOfKind: Partial<Record<LedgerEntry['kind'], StageName>> = {
	connection: 'base-connection', sourceConnection: 'source-connection', fieldGroup: 'target', schema: 'target', dataset: 'target',
	mappingSet: 'mapping', targetConnection: 'target-connection', flow: 'dataflow',
};

/** The target as ledger detail: a resume compares each part only where a reused object depends on it. */
function targetDetail(options: EndToEndOptions): Record<'targetMode' | 'schemaId' | 'datasetId' | 'mappingId', string> {
	const target = options.target ?? {mode: 'create'};
	return target.mode === 'create' ? {targetMode: 'create', schemaId: '', datasetId: '', mappingId: ''} : {targetMode: 'existing', schemaId: target.schemaId, datasetId: target.datasetId, mappingId: target.mappingId ?? ''};
}

/** Why the kept objects of the earlier attempt do not fit this check, if they do not. */
function attemptMismatch(run: Run, earlier: Record<string, string>, from: number): string | undefined {
	const target = targetDetail(run.options);
	if (earlier['authSpecName'] !== run.authSpecName) return `the earlier attempt used auth spec "${earlier['authSpecName']}"`;
	if (earlier['specId'] !== run.specId) return 'the connection spec id changed since the earlier attempt';
	if (earlier['inputs'] !== inputsFingerprint(run)) return 'the source parameters or non-secret credentials changed since the earlier attempt';
	if (earlier['targetMode'] !== target.targetMode) return 'the target mode changed since the earlier attempt';
	// A kept mapping set or target connection was made for the earlier schema and dataset (and mapping).
	if (from > checkOrder.indexOf('target') && (earlier['schemaId'] !== target.schemaId || earlier['datasetId'] !== target.datasetId)) return 'the existing schema or dataset id changed since the earlier attempt';
	if (from > checkOrder.indexOf('mapping') && earlier['mappingId'] !== target.mappingId) return 'the existing mapping set id changed since the earlier attempt';
	return undefined;
}

/** A digest of the inputs a kept base/source connection was made with. Secret values are left out (never stored). */
function inputsFingerprint(run: Run): string {
	const open = Object.entries(run.options.authParams).filter(([, value]) => !run.secrets.includes(value as string)).sort(([a], [b]) => a.localeCompare(b));
	const source = Object.entries(run.options.sourceParams).sort(([a], [b]) => a.localeCompare(b));
	return createHash('sha256').update(JSON.stringify([open, source])).digest('hex').slice(0, 16);
}

/** Kept on the base connection's entry: what a resume compares to know the kept objects fit this check. */
function attemptDetail(run: Run): Record<string, string> {
	return {authSpecName: run.authSpecName, specId: run.specId, inputs: inputsFingerprint(run), ...targetDetail(run.options)};
}

type Plan = {from: number; keep: LedgerEntry[]; drop: LedgerEntry[]; attempt: string} | {reason: string};

/** Which kept objects a resume from `resumeFrom` reuses and which it deletes — or why it cannot resume. */
function planResume(run: Run, resumeFrom: StageName): Plan {
	const from = checkOrder.indexOf(resumeFrom);
	if (from < 0) return {reason: `"${resumeFrom}" is not a stage of the check`};
	const open = openEntries(run.ctx);
	const base = open.findLast(entry => entry.kind === 'connection' && entry.detail?.['attempt']);
	if (!base) return {reason: `the ledger of profile "${run.ctx.profileName}" holds no kept objects of an earlier attempt (already cleaned up?)`};
	const earlier = base.detail!;
	const mismatch = attemptMismatch(run, earlier, from);
	if (mismatch) return {reason: mismatch};
	const attempt = earlier['attempt']!;
	const mine = open.filter(entry => entry.detail?.['attempt'] === attempt);
	const keep = mine.filter(entry => checkOrder.indexOf(stageOfKind[entry.kind]!) < from);
	const missing = neededKinds(run, from).find(kind => !keep.some(entry => entry.kind === kind));
	if (missing) return {reason: `the ledger has no ${missing} from the earlier attempt`};
	return {from, keep, drop: open.filter(entry => !keep.includes(entry)), attempt};
}

function neededKinds(run: Run, from: number): LedgerEntry['kind'][] {
	const target = run.options.target ?? {mode: 'create'};
	const before = (stage: StageName) => checkOrder.indexOf(stage) < from;
	const kinds: LedgerEntry['kind'][] = ['connection'];
	if (before('source-connection')) kinds.push('sourceConnection');
	if (before('target') && target.mode === 'create') kinds.push('fieldGroup', 'schema', 'dataset');
	if (before('mapping') && !(target.mode === 'existing' && target.mappingId)) kinds.push('mappingSet');
	if (before('target-connection')) kinds.push('targetConnection');
	if (before('dataflow')) kinds.push('flow');
	return kinds;
}

/** Resolves the plan: reuses what it can, or says why not and cleans up as a fresh check does. */
async function prepareResume(run: Run): Promise<number> {
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
	emit(run.ctx, {stage: 'cleanup', status: 'info', message: `Resuming from "${resumeFrom}": reusing ${plan.keep.length} object(s) of the earlier attempt, deleting ${plan.drop.length} first`});
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

function reused(run: Run, stageName: StageName, what: string, id: string | undefined): void {
	emit(run.ctx, {stage: stageName, status: 'skipped', id, message: `Reusing ${what} ${id} from the earlier attempt`});
}

/** A stage before the resume point: its object is reused, or (read-only stages) it is run again when needed. */
async function reuseStage(run: Run, name: StageName, from: number): Promise<void> {
	const target = run.options.target ?? {mode: 'create'};
	const runs = (stage: StageName) => checkOrder.indexOf(stage) >= from;
	switch (name) {
		case 'base-connection': return reused(run, name, 'base connection', run.connectionId);
		// The preview feeds the target and a created mapping; it creates nothing, so it is simply read again.
		case 'explore': return runs('mapping') && !(target.mode === 'existing' && target.mappingId) ? explore(run) : emit(run.ctx, {stage: name, status: 'skipped', message: 'Not needed: the kept objects already reflect the preview'});
		case 'source-connection': return reused(run, name, 'source connection', run.sourceConnectionId);
		case 'target': return target.mode === 'existing' ? createTarget(run) : reused(run, name, 'schema and dataset', `${run.schemaId} / ${run.datasetId}`);
		// An existing mapping set is only read (its version may have moved on); a created one is reused.
		case 'mapping': return target.mode === 'existing' && target.mappingId ? mapping(run) : reused(run, name, 'mapping set', `${run.mappingId} (version ${run.mappingVersion})`);
		case 'target-connection': return reused(run, name, 'target connection', run.targetConnectionId);
		case 'dataflow': return reused(run, name, 'dataflow', run.flowId);
		default: return undefined;
	}
}

const stageRunners: [StageName, (run: Run) => Promise<void>][] = [
	['base-connection', baseConnection], ['explore', explore], ['source-connection', sourceConnection], ['target', createTarget],
	['mapping', mapping], ['target-connection', targetConnection], ['dataflow', dataflow],
];

async function runStages(run: Run, from: number): Promise<void> {
	for (const [index, [name, runner]] of stageRunners.entries()) {
		if (index < from) await reuseStage(run, name, from);
		else await runner(run);
	}
}

function failureSummary(run: Run, error: WorkflowError, started: number): RunSummary {
	const outcome = (error as WorkflowError & {outcome?: ReturnType<typeof summarizeRun>}).outcome;
	const platform = error.cause && typeof error.cause === 'object' ? (error.cause as {code?: unknown}) : {};
	return {
		status: 'failed',
		flowId: run.flowId,
		runId: outcome?.runId,
		recordsRead: outcome?.recordsRead ?? 0,
		recordsWritten: outcome?.recordsWritten ?? 0,
		recordsFailed: outcome?.recordsFailed ?? 0,
		durationMs: outcome?.durationMs ?? Date.now() - started,
		batchIds: outcome?.batchIds ?? [],
		errors: outcome?.errors.length ? outcome.errors.map(e => ({code: e.code, message: scrub(e.message, run.secrets)})) : [{code: typeof platform.code === 'string' ? platform.code : `stage:${error.stage}`, message: error.message.includes(error.hint) ? error.message : `${error.message} — ${error.hint}`}],
		authSpecName: run.authSpecName,
		finishedAt: '',
		failedStage: error.stage,
		cleanedUp: false,
	};
}

function prepare(ctx: WorkflowContext, options: EndToEndOptions): Run | RunSummary {
	const remote = remoteOf(ctx.draft, ctx.profileName);
	const spec = ctx.draft.spec;
	const wanted = options.authSpecName ?? testAuthSpecName(ctx.draft) ?? '';
	const base = {recordsRead: 0, recordsWritten: 0, recordsFailed: 0, durationMs: 0, batchIds: [], authSpecName: wanted, finishedAt: nowOf(ctx).toISOString(), cleanedUp: true};
	if (!remote.connectionSpecId) {
		return {...base, status: 'failed', failedStage: 'create-spec', errors: [{code: 'stage:create-spec', message: 'The connection spec is not registered for this profile yet — register it (create step) first.'}]};
	}
	const resolved = Array.isArray(spec['authSpec']) ? resolveAuthSpec(spec as unknown as ConnectionSpec, wanted) : undefined;
	if (!resolved) {
		return {...base, status: 'failed', failedStage: 'base-connection', errors: [{code: 'stage:base-connection', message: `The spec has no auth spec named "${wanted}" — choose one of its authSpec names.`}]};
	}
	// Send the auth spec's exact name (reference 1.7: specName must match authSpec[].name).
	const authSpecName = resolved.name;
	const secrets = collectSecrets(spec, authSpecName, options.authParams);
	ctx.client.addSecrets(secrets);
	const label = (ctx.draft.artifacts.label || ctx.draft.artifacts.sourceName || ctx.draft.id).slice(0, 60);
	const stamp = nowOf(ctx).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14) + Math.random().toString(16).slice(2, 6);
	return {ctx, options, secrets, specId: remote.connectionSpecId, authSpecName, label, stamp, attempt: stamp};
}

/** Resolves with success or failed (naming the failed stage); throws only when the draft cannot be saved. */
export async function runEndToEndCheck(ctx: WorkflowContext, options: EndToEndOptions): Promise<RunSummary> {
	const prepared = prepare(ctx, options);
	if (!('ctx' in prepared)) return store(ctx, prepared);
	const run = prepared;
	const started = Date.now();
	let summary: RunSummary;
	try {
		const from = await prepareResume(run);
		await runStages(run, from);
		const result = await monitor(run);
		summary = {...result, authSpecName: run.authSpecName, finishedAt: '', cleanedUp: false};
	} catch (error) {
		if (error instanceof PersistFailure) throw error;
		const wrapped = error instanceof WorkflowError ? error : new WorkflowError('cleanup', scrub(describeError(error), run.secrets), {hint: 'Run the check again.', cause: error});
		summary = failureSummary(run, wrapped, started);
	}
	// A check stopped on request (Ctrl-C) is not a failure to retry: its objects are deleted.
	const keepForRetry = summary.status === 'failed' && options.keepOnFailure === true && !ctx.signal?.aborted;
	summary.cleanedUp = options.keep || keepForRetry ? false : await finalCleanUp(run);
	if (options.keep) emit(ctx, {stage: 'cleanup', status: 'skipped', message: 'Kept the test objects (keep); run clean-up when done inspecting them'});
	else if (keepForRetry) emit(ctx, {stage: 'cleanup', status: 'skipped', message: `Kept ${pendingEntries(ctx).length} test object(s) for a retry from "${summary.failedStage}"; the next check or clean-up deletes them`});
	summary.finishedAt = nowOf(ctx).toISOString();
	return store(ctx, summary);
}

async function finalCleanUp(run: Run): Promise<boolean> {
	const result = await cleanUp(run.ctx);
	return result.failed.length === 0;
}

function store(ctx: WorkflowContext, summary: RunSummary): RunSummary {
	// Per auth spec, so the checklist can show that each offered auth spec was tested (docs/workflow.md).
	updateRemote(ctx, remote => ({
		...remote,
		lastRun: summary,
		...(summary.authSpecName ? {runsByAuthSpec: {...remote.runsByAuthSpec, [summary.authSpecName]: summary}} : {}),
	}));
	return summary;
}

