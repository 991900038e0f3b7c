// The stages before the run, in order, each run or reused (docs/workflow.md#step-6-end-to-end-test).
import {emit, type StageName} from '../progress.js';
import {baseConnection, explore, sourceConnection} from './connections.js';
import {dataflow} from './dataflow.js';
import {checkOrder} from './resume-plan.js';
import {targetOf, usesExistingMapping, type Run} from './run.js';
import {createTarget, mapping, targetConnection} from './target.js';

const stageRunners: [StageName, (run: Run) => Promise<void>][] = [
	['base-connection', baseConnection],
	['explore', explore],
	['source-connection', sourceConnection],
	['target', createTarget],
	['mapping', mapping],
	['target-connection', targetConnection],
	['dataflow', dataflow],
];

function reused(run: Run, stageName: StageName, what: string, id: string | undefined): void {
	emit(run.ctx, {stage: stageName, status: 'skipped', id, message: `Reusing ${what} ${id} from the earlier attempt`});
}

/** A stage before the resume point: its object is reused, or (read-only stages) it is run again when needed. */
async function reuseStage(run: Run, name: StageName, from: number): Promise<void> {
	const target = targetOf(run.options);
	const runs = (stage: StageName) => checkOrder.indexOf(stage) >= from;
	switch (name) {
		case 'base-connection':
			return reused(run, name, 'base connection', run.connectionId);
		// The preview feeds the target and a created mapping; it creates nothing, so it is simply read again.
		case 'explore':
			return runs('mapping') && !usesExistingMapping(run.options)
				? explore(run)
				: emit(run.ctx, {stage: name, status: 'skipped', message: 'Not needed: the kept objects already reflect the preview'});
		case 'source-connection':
			return reused(run, name, 'source connection', run.sourceConnectionId);
		case 'target':
			return target.mode === 'existing' ? createTarget(run) : reused(run, name, 'schema and dataset', `${run.schemaId} / ${run.datasetId}`);
		// An existing mapping set is only read (its version may have moved on); a created one is reused.
		case 'mapping':
			return usesExistingMapping(run.options) ? mapping(run) : reused(run, name, 'mapping set', `${run.mappingId} (version ${run.mappingVersion})`);
		case 'target-connection':
			return reused(run, name, 'target connection', run.targetConnectionId);
		case 'dataflow':
			return reused(run, name, 'dataflow', run.flowId);
		default:
			return undefined;
	}
}

/** Runs the stages from index `from` (in checkOrder) up to the dataflow; the ones before it are reused. */
export async function runStages(run: Run, from: number): Promise<void> {
	for (const [index, [name, runner]] of stageRunners.entries()) {
		run.stage = name;
		if (index < from) await reuseStage(run, name, from);
		else await runner(run);
	}
}
