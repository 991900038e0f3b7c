// Every endpoint of the client against the sandbox: the request shapes it sends and the answers it parses.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSandbox} from '../source/sandbox/index.js';
import {getTemplate} from '../source/connection-spec/index.js';
import {createPlatformClient, fixedIds, PlatformError, type PlatformClient} from '../source/api/index.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let client: PlatformClient;

before(async () => {
	sandbox = await startSandbox({dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aep-api-endpoints-')), runTiming: 'immediate'});
	client = createPlatformClient({imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials}, {retry: {baseDelayMs: 1}});
});

after(() => sandbox.close());

const version = '1.0';

test('connection specs: create, get, update, find by name; flow spec: append the id', async () => {
	const name = `Endpoints ${Date.now()}`;
	const created = await client.connectionSpecs.create({...getTemplate('demo')!, name});
	assert.match(created.id, /^[0-9a-f-]{36}$/);
	assert.equal((await client.connectionSpecs.get(created.id)).name, name);
	const updated = await client.connectionSpecs.update(created.id, {...getTemplate('demo')!, name, description: 'changed'});
	assert.equal(updated['description'], 'changed');
	assert.deepEqual(
		(await client.connectionSpecs.findByName(name)).map(s => s.id),
		[created.id],
	);

	const flowSpec = await client.flowSpecs.get(fixedIds.restStorageToAep);
	const put = await client.flowSpecs.put(fixedIds.restStorageToAep, {...flowSpec, sourceConnectionSpecIds: [...flowSpec.sourceConnectionSpecIds, created.id]});
	assert.ok(put.sourceConnectionSpecIds.includes(created.id));
	assert.ok(put.sourceConnectionSpecIds.length > flowSpec.sourceConnectionSpecIds.length);
});

test('from a base connection to a run, then clean-up in order', async () => {
	const spec = await client.connectionSpecs.create({...getTemplate('demo')!, name: `Pipeline ${Date.now()}`});
	const flowSpec = await client.flowSpecs.get(fixedIds.restStorageToAep);
	await client.flowSpecs.put(fixedIds.restStorageToAep, {...flowSpec, sourceConnectionSpecIds: [...flowSpec.sourceConnectionSpecIds, spec.id]});
	const demo = sandbox.demo!;
	const base = await client.connections.create({
		name: 'demo base',
		connectionSpec: {id: spec.id, version},
		auth: {specName: 'OAuth2 Refresh Code', params: {host: demo.url, accessToken: 'demo-access-token'}},
	});
	assert.match(base.etag, /^".+"$/);
	assert.equal((await client.connections.get(base.id)).connectionSpec.id, spec.id);
	assert.equal(await client.connections.test(base.id), true);
	const explored = await client.connections.explore(base.id, {});
	assert.ok(explored.data.length > 0);

	const source = await client.sourceConnections.create({
		name: 'src',
		baseConnectionId: base.id,
		connectionSpec: {id: spec.id, version},
		data: {format: 'json'},
		params: {},
	});
	assert.equal((await client.sourceConnections.get(source.id)).baseConnectionId, base.id);

	const tenant = await client.schemaRegistry.tenantId();
	const stamp = Date.now();
	const fieldGroup = await client.schemaRegistry.createFieldGroup({
		title: `Endpoint fields ${stamp}`,
		type: 'object',
		'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
		definitions: {customFields: {properties: {[`_${tenant}`]: {type: 'object', properties: {name: {type: 'string'}}}}}},
		allOf: [{$ref: '#/definitions/customFields'}],
	});
	const schema = await client.schemaRegistry.createSchema({
		title: `Endpoint schema ${stamp}`,
		type: 'object',
		allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: fieldGroup.$id}],
	});
	const schemaRef = {id: schema.$id, contentType: 'application/vnd.adobe.xed-full+json;version=1'};
	const datasetId = await client.catalog.createDataset({name: `Endpoint dataset ${stamp}`, schemaRef});
	assert.match(datasetId, /^[0-9a-f]{24}$/);
	assert.equal((await client.catalog.getDataset(datasetId)).id, datasetId);
	const mapping = await client.dataPrep.createMappingSet({
		outputSchema: {schemaRef},
		mappings: [{sourceType: 'ATTRIBUTE', source: 'name', destination: `_${tenant}.name`}],
	});
	assert.equal(typeof mapping.version, 'number');
	assert.equal((await client.dataPrep.getMappingSet(mapping.id)).id, mapping.id);

	const targetConnection = await client.targetConnections.create({
		name: 'dst',
		connectionSpec: {id: fixedIds.dataLakeTargetSpec, version},
		data: {format: 'parquet_xdm', schema: {id: schema.$id, version: 'application/vnd.adobe.xed-full+json;version=1'}},
		params: {dataSetId: datasetId},
	});
	assert.equal((await client.targetConnections.get(targetConnection.id)).params?.dataSetId, datasetId);

	const flow = await client.flows.create({
		name: `Endpoint flow ${stamp}`,
		flowSpec: {id: fixedIds.restStorageToAep, version},
		sourceConnectionIds: [source.id],
		targetConnectionIds: [targetConnection.id],
		transformations: [{name: 'Mapping', params: {mappingId: mapping.id, mappingVersion: mapping.version}}],
		scheduleParams: {startTime: Math.floor(Date.now() / 1000), frequency: 'once'},
	});
	assert.deepEqual((await client.flows.get(flow.id)).sourceConnectionIds, [source.id]);
	assert.deepEqual(
		(await client.flows.list({name: `Endpoint flow ${stamp}`})).map(f => f.id),
		[flow.id],
	);
	const runs = await client.runs.listForFlow(flow.id);
	for (const run of runs) assert.equal((await client.runs.get(run.id)).flowId, flow.id);
	for (const batch of await client.catalog.batches(datasetId)) assert.match(batch.id, /^[0-9A-Z]{26}$/);

	// The base connection cannot go while a flow uses it (1418-400).
	await assert.rejects(
		client.connections.delete(base.id),
		(error: unknown) => error instanceof PlatformError && error.code === '1418-400' && /delete the flows first/.test(error.hint),
	);
	await client.flows.delete(flow.id);
	await client.sourceConnections.delete(source.id);
	await client.targetConnections.delete(targetConnection.id);
	await client.connections.delete(base.id);
	await client.catalog.deleteDataset(datasetId);
	await client.schemaRegistry.deleteSchema(schema['meta:altId']);
	await client.schemaRegistry.deleteFieldGroup(fieldGroup.$id);
	await assert.rejects(client.flows.get(flow.id), (error: unknown) => error instanceof PlatformError && error.status === 404);
});
