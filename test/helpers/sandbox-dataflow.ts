// Builds a whole dataflow on a test sandbox over HTTP (spec → append → base/source connection → schema, dataset,
// target connection, mapping set → flow), for any connection spec and source; returns the ids.
import assert from 'node:assert/strict';
import {dataLakeSpec, flowService, restStorageToAep, type TestSandbox} from './sandbox-client.js';

export const registry = '/data/foundation/schemaregistry';
export const catalog = '/data/foundation/catalog';
export const conversion = '/data/foundation/conversion';

export type FlowParts = {
	specId: string;
	baseId: string;
	sourceId: string;
	schemaId: string;
	dataSetId: string;
	targetId: string;
	mappingId: string;
	flowId?: string;
	tenantId: string;
};

export type FlowPlan = {
	spec: Record<string, unknown>;
	auth: {specName: string; params: Record<string, unknown>};
	/** Record attribute path → tenant field name (string fields); `idField` → `_id` is always mapped. */
	fields?: Record<string, string>;
	/** Default `id`. */
	idField?: string;
	/** Raw mapping entries instead of `fields`. */
	mappings?: Record<string, unknown>[];
	scheduleParams?: Record<string, unknown>;
	/** Leave the flow out (the test creates it itself). */
	noFlow?: boolean;
};

export async function buildDataflow(t: TestSandbox, plan: FlowPlan): Promise<FlowParts> {
	const spec = await t.call('POST', `${flowService}/connectionSpecs`, {body: plan.spec});
	assert.equal(spec.status, 201, JSON.stringify(spec.body));
	const specId: string = spec.body.id;
	const current = (await t.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0];
	assert.equal(
		(
			await t.call('PUT', `${flowService}/flowSpecs/${restStorageToAep}`, {
				body: {...current, sourceConnectionSpecIds: [...current.sourceConnectionSpecIds, specId]},
			})
		).status,
		200,
	);
	const base = await t.call('POST', `${flowService}/connections`, {body: {name: 'test base', connectionSpec: {id: specId, version: '1.0'}, auth: plan.auth}});
	assert.equal(base.status, 201, JSON.stringify(base.body));
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 'test source', baseConnectionId: base.body.id, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	assert.equal(source.status, 201, JSON.stringify(source.body));
	const {tenantId} = (await t.call('GET', `${registry}/stats`)).body;
	const fields = plan.fields ?? {email: 'email'};
	const fieldGroup = await t.call('POST', `${registry}/tenant/fieldgroups`, {
		body: {
			title: `Test fields ${Math.random()}`,
			type: 'object',
			'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
			definitions: {
				customFields: {
					properties: {[`_${tenantId}`]: {type: 'object', properties: Object.fromEntries(Object.values(fields).map(name => [name, {type: 'string'}]))}},
				},
			},
			allOf: [{$ref: '#/definitions/customFields'}],
		},
	});
	assert.equal(fieldGroup.status, 201, JSON.stringify(fieldGroup.body));
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {title: `Test schema ${Math.random()}`, type: 'object', allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: fieldGroup.body.$id}]},
	});
	assert.equal(schema.status, 201, JSON.stringify(schema.body));
	const schemaId: string = schema.body.$id;
	const dataSet = await t.call('POST', `${catalog}/dataSets`, {
		body: {name: 'test dataset', schemaRef: {id: schemaId, contentType: 'application/vnd.adobe.xed+json;version=1'}},
	});
	assert.equal(dataSet.status, 201);
	const dataSetId = String(dataSet.body[0]).replace('@/dataSets/', '');
	const target = await t.call('POST', `${flowService}/targetConnections`, {
		body: {
			name: 'lake',
			connectionSpec: {id: dataLakeSpec, version: '1.0'},
			data: {format: 'parquet_xdm', schema: {id: schemaId, version: 'application/vnd.adobe.xed-full+json;version=1'}},
			params: {dataSetId},
		},
	});
	assert.equal(target.status, 201, JSON.stringify(target.body));
	const mappings = plan.mappings ?? [
		{sourceType: 'ATTRIBUTE', source: plan.idField ?? 'id', destination: '_id'},
		...Object.entries(fields).map(([from, to]) => ({sourceType: 'ATTRIBUTE', source: from, destination: `_${tenantId}.${to}`})),
	];
	const mapping = await t.call('POST', `${conversion}/mappingSets`, {
		body: {outputSchema: {schemaRef: {id: schemaId, contentType: 'application/vnd.adobe.xed-full+json;version=1'}}, mappings},
	});
	assert.equal(mapping.status, 200, JSON.stringify(mapping.body));
	const parts: FlowParts = {
		specId,
		baseId: base.body.id,
		sourceId: source.body.id,
		schemaId,
		dataSetId,
		targetId: target.body.id,
		mappingId: mapping.body.id,
		tenantId,
	};
	if (plan.noFlow) return parts;
	const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(parts, plan.scheduleParams)});
	assert.equal(flow.status, 201, JSON.stringify(flow.body));
	return {...parts, flowId: flow.body.id};
}

export function flowBody(parts: FlowParts, scheduleParams?: Record<string, unknown>): Record<string, unknown> {
	return {
		name: `test flow ${Math.random()}`,
		flowSpec: {id: restStorageToAep, version: '1.0'},
		sourceConnectionIds: [parts.sourceId],
		targetConnectionIds: [parts.targetId],
		transformations: [{name: 'Mapping', params: {mappingId: parts.mappingId, mappingVersion: 0}}],
		scheduleParams: scheduleParams ?? {startTime: String(Math.floor(Date.now() / 1000)), frequency: 'once'},
	};
}

/** Polls the flow's runs until the newest one is terminal; returns it. */
export async function finishedRun(t: TestSandbox, flowId: string, options: {runId?: string; timeoutMs?: number} = {}): Promise<any> {
	const deadline = Date.now() + (options.timeoutMs ?? 20_000);
	while (Date.now() < deadline) {
		const runs = (await t.call('GET', `${flowService}/runs?property=flowId==${flowId}`)).body.items as any[];
		const run = options.runId ? runs.find(each => each.id === options.runId) : runs[0];
		const status = run?.metrics?.statusSummary?.status;
		if (status === 'success' || status === 'failed') return run;
		await new Promise(resolve => setTimeout(resolve, 25));
	}
	throw new Error(`no finished run of flow ${flowId}`);
}

/** Resolves once `condition()` holds (polled every 10 ms), or rejects after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
