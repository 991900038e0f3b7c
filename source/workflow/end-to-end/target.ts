// The target stages of the end-to-end check: field group, schema and dataset; mapping set; target connection
// (docs/target-and-runs.md#the-call-sequence, docs/flow-service.md#target-connections).
import {ids} from '../../connection-spec/index.js';
import {emit, WorkflowError} from '../progress.js';
import {datasetContentType, fieldGroupBody, inferTarget, mappingSetBody, schemaBody, schemaFullVersion} from '../target-fields.js';
import {record, stage, targetOf, type Run} from './run.js';

/** Creates a field group, schema and dataset from the preview, or takes the existing ones; sets schemaId/datasetId. */
export async function createTarget(run: Run): Promise<void> {
	const target = targetOf(run.options);
	if (target.mode === 'existing') {
		run.schemaId = target.schemaId;
		run.datasetId = target.datasetId;
		emit(run.ctx, {
			stage: 'target',
			status: 'skipped',
			id: target.datasetId,
			message: `Using existing schema ${target.schemaId} and dataset ${target.datasetId}`,
		});
		return;
	}
	await stage(
		run,
		'target',
		'Creating a field group, schema and dataset from the previewed records',
		'Check Schema Registry and Catalog permissions.',
		async () => {
			const {client} = run.ctx;
			run.tenantId = await client.schemaRegistry.tenantId();
			const inferred = inferTarget(run.records ?? []);
			if (inferred.leaves.length === 0)
				throw new WorkflowError('target', 'No field of the previewed records has a type XDM can store.', {
					hint: 'Use an existing target (schema, dataset, mapping) instead.',
				});
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
			return {
				value: undefined,
				id: datasetId,
				done: `Schema ${schema.$id}, dataset ${datasetId}`,
				detail: {fieldGroupId: fieldGroup.$id, schemaId: schema.$id, datasetId, skippedFields: inferred.skipped},
			};
		},
	);
}

/** Reads the existing mapping set or creates one for the schema (docs/target-and-runs.md#data-prep-mapping-sets). */
export async function mapping(run: Run): Promise<void> {
	const target = targetOf(run.options);
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

/** POST /targetConnections to the data lake; sets `run.targetConnectionId`. */
export async function targetConnection(run: Run): Promise<void> {
	run.targetConnectionId = await stage(
		run,
		'target-connection',
		'Creating the data lake target connection',
		'Check the dataset id and schema id.',
		async () => {
			// parquet_xdm + the schema the dataset uses (docs/flow-service.md#target-connections).
			const created = await run.ctx.client.targetConnections.create({
				name: `${run.label} target connection ${run.stamp}`,
				connectionSpec: {id: ids.dataLakeTargetSpec, version: '1.0'},
				data: {format: 'parquet_xdm', schema: {id: run.schemaId, version: schemaFullVersion}},
				params: {dataSetId: run.datasetId},
			});
			record(run, 'targetConnection', created.id, {schemaId: run.schemaId!, datasetId: run.datasetId!});
			return {value: created.id, id: created.id, done: `Target connection ${created.id}`};
		},
	);
}
