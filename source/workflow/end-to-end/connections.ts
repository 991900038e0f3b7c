// The connection stages of the end-to-end check: base connection, explore, source connection
// (docs/workflow.md#step-6-end-to-end-test, docs/flow-service.md#base-connections).
import {WorkflowError} from '../progress.js';
import {attemptDetail} from './resume-plan.js';
import {record, stage, type Run} from './run.js';

/** POST /connections with the chosen auth spec; sets `run.connectionId`. Its ledger entry keeps the attempt detail. */
export async function baseConnection(run: Run): Promise<void> {
	const {client, draft} = run.ctx;
	run.connectionId = await stage(
		run,
		'base-connection',
		`Creating a base connection with "${run.authSpecName}"`,
		'Check the credentials for this auth spec.',
		async () => {
			const created = await client.connections.create({
				name: `${run.label} base connection (${run.authSpecName}) ${run.stamp}`,
				description: `End-to-end check of ${draft.artifacts.sourceName || draft.id}`,
				connectionSpec: {id: run.specId, version: '1.0'},
				auth: {specName: run.authSpecName, params: run.options.authParams},
			});
			record(run, 'connection', created.id, attemptDetail(run));
			return {value: created.id, id: created.id, done: `Base connection ${created.id}`};
		},
	);
}

/** Previews records through the base connection (docs/flow-service.md#explore); sets `run.records`, never empty. */
export async function explore(run: Run): Promise<void> {
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

/** POST /sourceConnections (docs/flow-service.md#source-connections); sets `run.sourceConnectionId`. */
export async function sourceConnection(run: Run): Promise<void> {
	run.sourceConnectionId = await stage(
		run,
		'source-connection',
		'Creating the source connection',
		'Check the source parameters (sourceSpec.spec.properties).',
		async () => {
			const created = await run.ctx.client.sourceConnections.create({
				name: `${run.label} source connection ${run.stamp}`,
				baseConnectionId: run.connectionId,
				connectionSpec: {id: run.specId, version: '1.0'},
				data: {format: 'json'},
				params: run.options.sourceParams,
			});
			record(run, 'sourceConnection', created.id);
			return {value: created.id, id: created.id, done: `Source connection ${created.id}`};
		},
	);
}
