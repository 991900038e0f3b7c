// The resume planner: which objects a failed attempt kept in the ledger a new check can reuse
// (docs/test-objects.md#the-ledger). `keepOnFailure` leaves a failed attempt's objects in the ledger; `resumeFrom:
// stage` reuses the objects of the stages before it (ids and what later stages need — schema altId, mapping version,
// attempt inputs — are in each ledger entry's `detail`) and deletes those of that stage and later. When the ledger
// cannot support the resume (nothing kept, another auth spec, spec, target or inputs), the plan says why.
// Secrets are not fingerprinted: a changed password needs a fresh check (the screen's inputs form runs one).
import {createHash} from 'node:crypto';
import type {LedgerEntry} from '../../connection-spec/draft-types.js';
import {openEntries} from '../ledger.js';
import type {StageName} from '../progress.js';
import {targetOf, usesExistingMapping, type EndToEndOptions, type Run} from './run.js';

/** The stages of the check in the order they run. */
export const checkOrder: StageName[] = ['base-connection', 'explore', 'source-connection', 'target', 'mapping', 'target-connection', 'dataflow', 'run'];

/** The stage that creates each kind of ledger entry. */
const stageOfKind: Partial<Record<LedgerEntry['kind'], StageName>> = {
	connection: 'base-connection',
	sourceConnection: 'source-connection',
	fieldGroup: 'target',
	schema: 'target',
	dataset: 'target',
	mappingSet: 'mapping',
	targetConnection: 'target-connection',
	flow: 'dataflow',
};

/** A resume: the index (in checkOrder) to run from, the entries to reuse and to delete, and the attempt's stamp. */
export type ResumePlan = {from: number; keep: LedgerEntry[]; drop: LedgerEntry[]; attempt: string};

/** The target as ledger detail: a resume compares each part only where a reused object depends on it. */
function targetDetail(options: EndToEndOptions): Record<'targetMode' | 'schemaId' | 'datasetId' | 'mappingId', string> {
	const target = targetOf(options);
	return target.mode === 'create'
		? {targetMode: 'create', schemaId: '', datasetId: '', mappingId: ''}
		: {targetMode: 'existing', schemaId: target.schemaId, datasetId: target.datasetId, mappingId: target.mappingId ?? ''};
}

/** A 16-hex-digit digest of the inputs a kept base/source connection was made with. Secret values are left out. */
function inputsFingerprint(run: Run): string {
	const open = Object.entries(run.options.authParams)
		.filter(([, value]) => !run.secrets.includes(value as string))
		.sort(([a], [b]) => a.localeCompare(b));
	const source = Object.entries(run.options.sourceParams).sort(([a], [b]) => a.localeCompare(b));
	return createHash('sha256')
		.update(JSON.stringify([open, source]))
		.digest('hex')
		.slice(0, 16);
}

/** Kept on the base connection's entry: what a resume compares to know the kept objects fit this check. */
export function attemptDetail(run: Run): Record<string, string> {
	return {authSpecName: run.authSpecName, specId: run.specId, inputs: inputsFingerprint(run), ...targetDetail(run.options)};
}

/** Why the kept objects of the earlier attempt do not fit this check, if they do not. */
function attemptMismatch(run: Run, earlier: Record<string, string>, from: number): string | undefined {
	const target = targetDetail(run.options);
	if (earlier['authSpecName'] !== run.authSpecName) return `the earlier attempt used auth spec "${earlier['authSpecName']}"`;
	if (earlier['specId'] !== run.specId) return 'the connection spec id changed since the earlier attempt';
	if (earlier['inputs'] !== inputsFingerprint(run)) return 'the source parameters or non-secret credentials changed since the earlier attempt';
	if (earlier['targetMode'] !== target.targetMode) return 'the target mode changed since the earlier attempt';
	// A kept mapping set or target connection was made for the earlier schema and dataset (and mapping).
	if (from > checkOrder.indexOf('target') && (earlier['schemaId'] !== target.schemaId || earlier['datasetId'] !== target.datasetId))
		return 'the existing schema or dataset id changed since the earlier attempt';
	if (from > checkOrder.indexOf('mapping') && earlier['mappingId'] !== target.mappingId) return 'the existing mapping set id changed since the earlier attempt';
	return undefined;
}

/** The ledger kinds a resume from index `from` must find kept (what the skipped stages would have made). */
function neededKinds(run: Run, from: number): LedgerEntry['kind'][] {
	const before = (stage: StageName) => checkOrder.indexOf(stage) < from;
	const kinds: LedgerEntry['kind'][] = ['connection'];
	if (before('source-connection')) kinds.push('sourceConnection');
	if (before('target') && targetOf(run.options).mode === 'create') kinds.push('fieldGroup', 'schema', 'dataset');
	if (before('mapping') && !usesExistingMapping(run.options)) kinds.push('mappingSet');
	if (before('target-connection')) kinds.push('targetConnection');
	if (before('dataflow')) kinds.push('flow');
	return kinds;
}

/** Which kept objects a resume from `resumeFrom` reuses and which it deletes — or why it cannot resume. Reads only. */
export function planResume(run: Run, resumeFrom: StageName): ResumePlan | {reason: string} {
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
