import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {getTemplate} from '../source/connection-spec/index.js';
import {demoCredentials, demoRecord} from '../source/sandbox/demo-source/index.js';
import {dataLakeSpec, flowService, restStorageToAep, startTestSandbox, type TestSandbox} from './helpers/sandbox-client.js';

const registry = '/data/foundation/schemaregistry';
const catalog = '/data/foundation/catalog';
const conversion = '/data/foundation/conversion';

let t: TestSandbox;
before(async () => {
	t = await startTestSandbox({demo: {records: 120}});
});
after(async () => {
	await t.close();
});

async function pollRuns(flowId: string): Promise<any> {
	for (let attempt = 0; attempt < 400; attempt++) {
		const runs = await t.call('GET', `${flowService}/runs?property=flowId==${flowId}`);
		const run = runs.body.items[0];
		const status = run?.metrics?.statusSummary?.status;
		if (status === 'success' || status === 'failed') return run;
		await new Promise(resolve => setTimeout(resolve, 25));
	}
	throw new Error('the run did not finish');
}

async function registerDemoSpec(): Promise<string> {
	const created = await t.call('POST', `${flowService}/connectionSpecs`, {body: getTemplate('demo')});
	assert.equal(created.status, 201, JSON.stringify(created.body));
	return created.body.id;
}

/** The safe append: GET, add the id, PUT the whole spec back (docs/flow-spec.md#safe-append). */
async function appendToFlowSpec(specId: string): Promise<void> {
	const current = (await t.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0];
	const put = await t.call('PUT', `${flowService}/flowSpecs/${restStorageToAep}`, {
		body: {...current, sourceConnectionSpecIds: [...current.sourceConnectionSpecIds, specId]},
	});
	assert.equal(put.status, 200);
}

async function baseConnection(specId: string): Promise<string> {
	const base = await t.call('POST', `${flowService}/connections`, {
		body: {
			name: 'demo base',
			connectionSpec: {id: specId, version: '1.0'},
			auth: {specName: 'OAuth2 Refresh Code', params: {host: t.sandbox.demo!.url, accessToken: demoCredentials.accessToken}},
		},
	});
	assert.equal(base.status, 201, JSON.stringify(base.body));
	return base.body.id;
}

async function targetSide(): Promise<{schemaId: string; dataSetId: string; targetId: string; mappingId: string}> {
	const {tenantId} = (await t.call('GET', `${registry}/stats`)).body;
	const fieldGroup = await t.call('POST', `${registry}/tenant/fieldgroups`, {
		body: {
			title: `Demo contact fields ${Math.random()}`,
			type: 'object',
			'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
			definitions: {
				customFields: {
					properties: {
						[`_${tenantId}`]: {
							type: 'object',
							properties: {
								contactId: {type: 'string'},
								email: {type: 'string'},
								firstName: {type: 'string'},
								score: {type: 'integer'},
								updatedAt: {type: 'string', format: 'date-time'},
								tags: {type: 'array', items: {type: 'string'}},
							},
						},
					},
				},
			},
			allOf: [{$ref: '#/definitions/customFields'}],
		},
	});
	assert.equal(fieldGroup.status, 201, JSON.stringify(fieldGroup.body));
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {title: `Demo contacts ${Math.random()}`, type: 'object', allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: fieldGroup.body.$id}]},
	});
	assert.equal(schema.status, 201, JSON.stringify(schema.body));
	const schemaId: string = schema.body.$id;
	const dataSet = await t.call('POST', `${catalog}/dataSets`, {
		body: {name: 'demo contacts', schemaRef: {id: schemaId, contentType: 'application/vnd.adobe.xed+json;version=1'}},
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
	const field = (name: string) => `_${tenantId}.${name}`;
	const mapping = await t.call('POST', `${conversion}/mappingSets`, {
		body: {
			outputSchema: {schemaRef: {id: schemaId, contentType: 'application/vnd.adobe.xed-full+json;version=1'}},
			mappings: [
				{sourceType: 'ATTRIBUTE', source: 'id', destination: '_id'},
				{sourceType: 'ATTRIBUTE', source: 'id', destination: field('contactId')},
				{sourceType: 'ATTRIBUTE', source: 'email', destination: field('email')},
				{sourceType: 'ATTRIBUTE', source: 'score', destination: field('score')},
				{sourceType: 'ATTRIBUTE', source: 'updatedAt', destination: field('updatedAt')},
				{sourceType: 'ATTRIBUTE', source: 'tags', destination: field('tags')},
			],
		},
	});
	assert.equal(mapping.status, 200, JSON.stringify(mapping.body));
	assert.match(mapping.body.id, /^[0-9a-f]{32}$/);
	return {schemaId, dataSetId, targetId: target.body.id, mappingId: mapping.body.id};
}

function flowBody(sourceId: string, targetId: string, mappingId: string): Record<string, unknown> {
	return {
		name: 'demo flow',
		flowSpec: {id: restStorageToAep, version: '1.0'},
		sourceConnectionIds: [sourceId],
		targetConnectionIds: [targetId],
		transformations: [{name: 'Mapping', params: {mappingId, mappingVersion: 0}}],
		scheduleParams: {startTime: String(Math.floor(Date.now() / 1000)), frequency: 'once'},
	};
}

test('full dataflow: spec → append → connections → explore → target → mapping → flow → successful run with every record landed', async () => {
	const specId = await registerDemoSpec();
	await appendToFlowSpec(specId);
	const baseId = await baseConnection(specId);
	const explore = await t.call('GET', `${flowService}/connections/${baseId}/explore?objectType=rest&object=json&fileType=json&preview=true`);
	assert.equal(explore.status, 200, JSON.stringify(explore.body));
	assert.equal(explore.body.format, 'hierarchical');
	assert.ok(explore.body.data.length > 0);
	assert.equal(explore.body.data[0].id, 'c-000001');
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 'demo source', baseConnectionId: baseId, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	assert.equal(source.status, 201, JSON.stringify(source.body));
	const {dataSetId, targetId, mappingId} = await targetSide();
	const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, targetId, mappingId)});
	assert.equal(flow.status, 201, JSON.stringify(flow.body));
	assert.match(flow.body.etag, /^"[0-9a-f-]+"$/);
	const run = await pollRuns(flow.body.id);
	assert.equal(run.metrics.statusSummary.status, 'success', JSON.stringify(run.metrics));
	assert.equal(run.metrics.recordSummary.outputRecordCount, t.sandbox.demo!.records);
	assert.equal(run.metrics.recordSummary.failedRecordCount, 0);
	const promotion = run.activities.find((activity: any) => activity.id === 'promotionActivity');
	const [batchId] = promotion.targetInfo[0].reference.ids;
	assert.match(batchId, /^[0-9A-Z]{26}$/);
	const lines = fs
		.readFileSync(path.join(t.dataDir, 'datasets', dataSetId, `${batchId}.jsonl`), 'utf8')
		.trim()
		.split('\n');
	assert.equal(lines.length, t.sandbox.demo!.records);
	assert.equal(JSON.parse(lines[0]!)._id, 'c-000001');
	const batch = await t.call('GET', `${catalog}/batches/${batchId}`);
	assert.equal(batch.body[batchId].status, 'success');
	assert.equal(batch.body[batchId].recordCount, t.sandbox.demo!.records);
	const flowRead = await t.call('GET', `${flowService}/flows/${flow.body.id}`);
	assert.equal(flowRead.body.items[0].lastRunDetails.state, 'success');
	assert.equal(flowRead.body.items[0].inheritedAttributes.sourceConnections[0].baseConnection.id, baseId);
	// The base connection is in use: deleting it is refused (1418-400).
	const refused = await t.call('DELETE', `${flowService}/connections/${baseId}`);
	assert.equal(refused.status, 400);
	assert.equal(refused.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1418-400');
});

test('a flow for a spec missing from RestStorageToAEP is refused, naming both ids', async () => {
	const specId = await registerDemoSpec();
	const baseId = await baseConnection(specId);
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 's', baseConnectionId: baseId, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	const {targetId, mappingId} = await targetSide();
	const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, targetId, mappingId)});
	assert.equal(flow.status, 400);
	assert.match(flow.body.report['detailed-message'], new RegExp(specId));
	assert.match(flow.body.report['detailed-message'], new RegExp(restStorageToAep));
});

test('a source that rejects the credentials fails the run with a CONNECTOR-…-401 error and no secret in it', async () => {
	const specId = await registerDemoSpec();
	await appendToFlowSpec(specId);
	const baseId = await baseConnection(specId);
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 's', baseConnectionId: baseId, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	assert.equal(source.status, 201);
	// The credentials were good when the source connection was created (they are checked then), and change later.
	const base = (await t.call('GET', `${flowService}/connections/${baseId}`)).body.items[0];
	const patched = await t.call('PATCH', `${flowService}/connections/${baseId}`, {
		headers: {'if-match': base.etag},
		body: [{op: 'replace', path: '/auth/params/accessToken', value: 'wrong-token-value'}],
	});
	assert.equal(patched.status, 200, JSON.stringify(patched.body));
	const {targetId, mappingId} = await targetSide();
	const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, targetId, mappingId)});
	const run = await pollRuns(flow.body.id);
	assert.equal(run.metrics.statusSummary.status, 'failed');
	const [error] = run.metrics.statusSummary.errors;
	assert.match(error.code, /^CONNECTOR-\d+-401$/);
	assert.doesNotMatch(JSON.stringify(run), /wrong-token-value/);
});

test(
	'flows: 1412 bad mapping version, 1425 schema mismatch, PATCH/action/DELETE, runs outlive their flow, ' +
		'transformation errors are warnings on ingested rows',
	async () => {
		const specId = await registerDemoSpec();
		await appendToFlowSpec(specId);
		const baseId = await baseConnection(specId);
		const source = await t.call('POST', `${flowService}/sourceConnections`, {
			body: {name: 's', baseConnectionId: baseId, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
		});
		const first = await targetSide();
		const second = await targetSide();
		const badVersion = flowBody(source.body.id, first.targetId, first.mappingId);
		badVersion['transformations'] = [{name: 'Mapping', params: {mappingId: first.mappingId, mappingVersion: 5}}];
		const version = await t.call('POST', `${flowService}/flows`, {body: badVersion});
		assert.equal(version.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1412-400');
		const mismatch = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, first.targetId, second.mappingId)});
		assert.equal(mismatch.status, 400);
		assert.equal(mismatch.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1425-400');

		// A mapping whose source attribute is missing in some records (no orders): Data Prep sets that attribute to null
		// and still ingests the row, reporting a MAPPER-3700-400 warning with the rows affected (help/data-prep/home.md).
		const {tenantId} = (await t.call('GET', '/data/foundation/schemaregistry/stats')).body;
		const schemaId = (await t.call('GET', `${catalog}/dataSets/${first.dataSetId}`)).body[first.dataSetId].schemaRef.id;
		const partialMapping = await t.call('POST', `${conversion}/mappingSets`, {
			body: {
				version: 0,
				xdmSchema: schemaId,
				xdmVersion: '1.0',
				id: null,
				mappings: [{sourceAttribute: 'orders[0].orderId', destinationXdmPath: `_${tenantId}.firstName`, identity: false, version: 0}],
			},
		});
		assert.equal(partialMapping.status, 200);
		const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, first.targetId, partialMapping.body.id)});
		assert.equal(flow.status, 201, JSON.stringify(flow.body));
		const run = await pollRuns(flow.body.id);
		const records = Array.from({length: t.sandbox.demo!.records}, (_, index) => demoRecord(index) as {orders: {orderId: string}[]});
		const withoutOrders = records.filter(record => record.orders.length === 0).length;
		assert.ok(withoutOrders > 0 && withoutOrders < records.length, 'the demo data has rows with and without orders');
		assert.equal(run.metrics.statusSummary.status, 'success', JSON.stringify(run.metrics));
		assert.deepEqual(run.metrics.recordSummary, {inputRecordCount: records.length, outputRecordCount: records.length, failedRecordCount: 0});
		assert.equal(run.metrics.statusSummary.errors, undefined, 'a transformation error is not a run error');
		const promotion = run.activities.find((activity: any) => activity.id === 'promotionActivity');
		assert.equal(promotion.statusSummary.status, 'success');
		assert.equal(promotion.statusSummary.extensions.errors, undefined);
		const [warning, ...moreWarnings] = promotion.statusSummary.extensions.warnings;
		assert.deepEqual(moreWarnings, []);
		assert.equal(warning.code, 'MAPPER-3700-400');
		assert.equal(warning.recordCount, withoutOrders);
		const missingOrderId = 'source attribute "orders\\[0\\]\\.orderId" is missing in the record; the field was set to null\\.';
		assert.match(
			warning.message,
			new RegExp(
				`^${withoutOrders} row\\(s\\) were ingested with fields set to null\\. ` + `Mapper transform error at _${tenantId}\\.firstName: ${missingOrderId}$`,
			),
		);
		// Every row landed, in source order: the field holds the first order id, or is absent where the attribute was missing.
		const [batchId] = promotion.targetInfo[0].reference.ids;
		const lines = fs
			.readFileSync(path.join(t.dataDir, 'datasets', first.dataSetId, `${batchId}.jsonl`), 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line));
		assert.deepEqual(
			lines,
			records.map(record => (record.orders.length > 0 ? {[`_${tenantId}`]: {firstName: record.orders[0]!.orderId}} : {})),
		);
		const batch = (await t.call('GET', `${catalog}/batches/${batchId}`)).body[batchId];
		assert.deepEqual([batch.status, batch.recordCount, batch.failedRecordCount], ['success', records.length, 0]);

		const current = (await t.call('GET', `${flowService}/flows/${flow.body.id}`)).body.items[0];
		const patched = await t.call('PATCH', `${flowService}/flows/${flow.body.id}`, {
			body: [{op: 'replace', path: '/name', value: 'renamed'}],
			headers: {'if-match': current.etag},
		});
		assert.equal(patched.status, 200);
		assert.equal(
			(await t.call('PATCH', `${flowService}/flows/${flow.body.id}`, {body: [{op: 'replace', path: '/name', value: 'x'}], headers: {'if-match': current.etag}}))
				.status,
			412,
		);
		const disabled = await t.call('POST', `${flowService}/flows/${flow.body.id}/action?op=DISABLE`);
		assert.equal(disabled.status, 200);
		const listed = await t.call('GET', `${flowService}/flows?property=state==disabled&property=name==renamed`);
		assert.deepEqual(
			listed.body.items.map((item: any) => item.id),
			[flow.body.id],
		);
		assert.equal((await t.call('DELETE', `${flowService}/flows/${flow.body.id}`)).status, 204);
		assert.equal((await t.call('GET', `${flowService}/flows/${flow.body.id}`)).status, 404);
		assert.equal((await t.call('GET', `${flowService}/runs/${run.id}`)).body.items[0].id, run.id);
	},
);

test('a transformation error that leaves a required XDM field null fails that row (INGEST-1212-400); the other rows land', async () => {
	const specId = await registerDemoSpec();
	await appendToFlowSpec(specId);
	const baseId = await baseConnection(specId);
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 's', baseConnectionId: baseId, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	assert.equal(source.status, 201, JSON.stringify(source.body));
	// ExperienceEvent requires `_id` and `timestamp`; `_id` comes from an attribute that rows without orders lack.
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {title: `Demo events ${Math.random()}`, type: 'object', allOf: [{$ref: 'https://ns.adobe.com/xdm/context/experienceevent'}]},
	});
	assert.equal(schema.status, 201, JSON.stringify(schema.body));
	const dataSet = await t.call('POST', `${catalog}/dataSets`, {
		body: {name: 'demo events', schemaRef: {id: schema.body.$id, contentType: 'application/vnd.adobe.xed+json;version=1'}},
	});
	assert.equal(dataSet.status, 201);
	const dataSetId = String(dataSet.body[0]).replace('@/dataSets/', '');
	const target = await t.call('POST', `${flowService}/targetConnections`, {
		body: {
			name: 'lake',
			connectionSpec: {id: dataLakeSpec, version: '1.0'},
			data: {format: 'parquet_xdm', schema: {id: schema.body.$id, version: 'application/vnd.adobe.xed-full+json;version=1'}},
			params: {dataSetId},
		},
	});
	assert.equal(target.status, 201, JSON.stringify(target.body));
	const mapping = await t.call('POST', `${conversion}/mappingSets`, {
		body: {
			outputSchema: {schemaRef: {id: schema.body.$id, contentType: 'application/vnd.adobe.xed-full+json;version=1'}},
			mappings: [
				{sourceType: 'ATTRIBUTE', source: 'orders[0].orderId', destination: '_id'},
				{sourceType: 'ATTRIBUTE', source: 'updatedAt', destination: 'timestamp'},
			],
		},
	});
	assert.equal(mapping.status, 200, JSON.stringify(mapping.body));
	const flow = await t.call('POST', `${flowService}/flows`, {body: flowBody(source.body.id, target.body.id, mapping.body.id)});
	assert.equal(flow.status, 201, JSON.stringify(flow.body));
	const run = await pollRuns(flow.body.id);

	const records = Array.from({length: t.sandbox.demo!.records}, (_, index) => demoRecord(index) as {updatedAt: string; orders: {orderId: string}[]});
	const landed = records.filter(record => record.orders.length > 0);
	const rejected = records.length - landed.length;
	assert.ok(rejected > 0 && landed.length > 0);
	// A partial run stays `success` and lists its row errors.
	assert.equal(run.metrics.statusSummary.status, 'success', JSON.stringify(run.metrics));
	assert.deepEqual(run.metrics.recordSummary, {inputRecordCount: records.length, outputRecordCount: landed.length, failedRecordCount: rejected});
	const promotion = run.activities.find((activity: any) => activity.id === 'promotionActivity');
	const errors = promotion.statusSummary.extensions.errors;
	assert.deepEqual(
		errors.map((error: any) => [error.code, error.recordCount]),
		[
			['INGEST-1212-400', undefined],
			['INGEST-1212-400', rejected],
		],
	);
	assert.equal(errors[0].message, `${rejected} row(s) had errors; ${landed.length} row(s) ingested.`);
	assert.equal(
		errors[1].message,
		'Required field(s) missing or null: _id. ' +
			'Mapper transform error at _id: source attribute "orders[0].orderId" is missing in the record; the field was set to null.',
	);
	// Only rows that were ingested count as warned: none here had a transformation error.
	assert.equal(promotion.statusSummary.extensions.warnings, undefined);
	const [batchId] = promotion.targetInfo[0].reference.ids;
	const lines = fs
		.readFileSync(path.join(t.dataDir, 'datasets', dataSetId, `${batchId}.jsonl`), 'utf8')
		.trim()
		.split('\n')
		.map(line => JSON.parse(line));
	assert.deepEqual(
		lines,
		landed.map(record => ({_id: record.orders[0]!.orderId, timestamp: record.updatedAt})),
	);
	const batch = (await t.call('GET', `${catalog}/batches/${batchId}`)).body[batchId];
	assert.deepEqual([batch.status, batch.recordCount, batch.failedRecordCount], ['success', landed.length, rejected]);
	assert.deepEqual(
		batch.errors.map((error: any) => [error.code, error.rows.length]),
		[['INGEST-1212-400', Math.min(rejected, 100)]],
	);
});
