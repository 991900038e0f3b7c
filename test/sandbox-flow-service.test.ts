import assert from 'node:assert/strict';
import http from 'node:http';
import {after, before, test} from 'node:test';
import {getTemplate} from '../source/connection-spec/index.js';
import {demoCredentials} from '../source/sandbox/demo-source/index.js';
import {dataLakeSpec, flowService, restStorageToAep, startTestSandbox, type Answer, type TestSandbox} from './helpers/sandbox-client.js';

let t: TestSandbox;
before(async () => {
	t = await startTestSandbox({demo: {records: 30}});
});
after(async () => {
	await t.close();
});

const flowSpecPath = `${flowService}/flowSpecs/${restStorageToAep}`;
const otherIds = [
	'2d46966e-4fcc-4015-9f9e-a67594e395a3',
	'4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62',
	'2e8580db-6489-4726-96de-e33f5f60295f',
	'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a',
];

function assertFlowError(answer: Answer, code: string): void {
	const status = Number(code.split('-')[1]);
	assert.equal(answer.status, status, JSON.stringify(answer.body));
	assert.equal(answer.body.type, `https://ns.adobe.com/aep/errors/FLOW-${code}`);
	assert.equal(answer.body.status, status);
	assert.equal(typeof answer.body.title, 'string');
	assert.equal(typeof answer.body.report['detailed-message'], 'string');
	assert.equal(typeof answer.body.report['request-id'], 'string');
	assert.equal(answer.body.errorMessage, answer.body.report['detailed-message']);
	assert.equal(typeof answer.body.errorDetails, 'string');
}

async function createSpec(): Promise<string> {
	const answer = await t.call('POST', `${flowService}/connectionSpecs`, {body: getTemplate('demo')});
	assert.equal(answer.status, 201);
	return answer.body.id;
}

function baseBody(specId: string, params: Record<string, unknown> = {host: t.sandbox.demo!.url, accessToken: demoCredentials.accessToken}) {
	return {name: 'base', connectionSpec: {id: specId, version: '1.0'}, auth: {specName: 'OAuth2 Refresh Code', params}};
}

test('connection specs: validated POST (201 + Location), GET {items}, 404, property filters, PUT keeps createdAt', async () => {
	const invalid = await t.call('POST', `${flowService}/connectionSpecs`, {body: {...getTemplate('demo'), authSpec: [{name: 'x', type: 'Nope', spec: {}}]}});
	assertFlowError(invalid, '1452-400');
	assert.match(invalid.body.report['detailed-message'], /authSpec/);
	const spec = getTemplate('demo')!;
	const created = await t.call('POST', `${flowService}/connectionSpecs`, {body: spec});
	assert.equal(created.status, 201);
	assert.match(created.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	assert.equal(created.headers.get('location'), `${t.sandbox.url}${flowService}/connectionSpecs/${created.body.id}`);
	assert.equal(created.body.name, spec.name);
	assert.equal(typeof created.body.createdAt, 'number');
	const read = await t.call('GET', `${flowService}/connectionSpecs/${created.body.id}`);
	assert.equal(read.body.items.length, 1);
	assert.equal(read.body.items[0].sandboxName, t.sandbox.credentials.sandboxName);
	assertFlowError(await t.call('GET', `${flowService}/connectionSpecs/00000000-0000-0000-0000-000000000000`), '1101-404');
	const byId = await t.call('GET', `${flowService}/connectionSpecs?property=id==${created.body.id},nope`);
	assert.deepEqual(
		byId.body.items.map((item: any) => item.id),
		[created.body.id],
	);
	const nested = await t.call(
		'GET',
		`${flowService}/connectionSpecs?property=id==${created.body.id}&property=attributes.uiAttributes.apiFeatures.explorePaginationSupported==true`,
	);
	assert.equal(nested.body.items.length, 0);
	const put = await t.call('PUT', `${flowService}/connectionSpecs/${created.body.id}`, {body: {...read.body.items[0], description: 'changed'}});
	assert.equal(put.status, 200);
	assert.equal(put.body.createdAt, created.body.createdAt);
	assert.ok(put.body.updatedAt > created.body.updatedAt);
	assert.equal(put.body.description, 'changed');
});

test('flow spec: GET shape, a careless PUT really drops the other ids, 1413-400 / 400 on bad bodies', async () => {
	const current = (await t.call('GET', flowSpecPath)).body.items[0];
	assert.equal(current.name, 'RestStorageToAEP');
	assert.ok(Array.isArray(current.transformationSpecs));
	for (const id of otherIds) assert.ok(current.sourceConnectionSpecIds.includes(id));
	const {transformationSpecs, ...rest} = current;
	const careless = await t.call('PUT', flowSpecPath, {
		body: {...rest, transformationSpec: transformationSpecs, sourceConnectionSpecIds: ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55']},
	});
	assert.equal(careless.status, 200);
	assert.ok(Array.isArray(careless.body.transformationSpecs));
	assert.equal(careless.body.transformationSpec, undefined);
	assert.equal(careless.body.items, undefined);
	assert.equal(careless.body.createdAt, current.createdAt);
	const after = (await t.call('GET', flowSpecPath)).body.items[0];
	assert.deepEqual(after.sourceConnectionSpecIds, ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55']);
	// Put the documented ids back for the other tests.
	assert.equal((await t.call('PUT', flowSpecPath, {body: current})).status, 200);
	assertFlowError(await t.call('PUT', flowSpecPath, {body: {...current, id: '00000000-0000-0000-0000-000000000000'}}), '1413-400');
	const noName = await t.call('PUT', flowSpecPath, {body: {...current, name: undefined}});
	assert.equal(noName.status, 400);
	assert.match(noName.body.report['detailed-message'], /name/);
	assertFlowError(await t.call('PUT', flowSpecPath, {body: current, headers: {'if-match': '"stale"'}}), '1404-412');
	assertFlowError(await t.call('GET', `${flowService}/flowSpecs/00000000-0000-0000-0000-000000000000`), '1101-404');
	const listed = await t.call('GET', `${flowService}/flowSpecs?property=name==%22RestStorageToAEP%22`);
	assert.deepEqual(
		listed.body.items.map((item: any) => item.id),
		[restStorageToAep],
	);
});

test('flow spec hooks simulate a concurrent writer', async () => {
	let calls = 0;
	t.sandbox.hooks.beforeFlowSpecGet = () => {
		calls++;
	};
	await t.call('GET', flowSpecPath);
	delete t.sandbox.hooks.beforeFlowSpecGet;
	assert.equal(calls, 1);
});

test('base connections: 201, secrets masked, 1413/1415/missing params, PATCH If-Match rules, test and explore', async () => {
	const specId = await createSpec();
	assertFlowError(await t.call('POST', `${flowService}/connections`, {body: baseBody('00000000-0000-0000-0000-000000000000')}), '1413-400');
	assertFlowError(await t.call('POST', `${flowService}/connections`, {body: {...baseBody(specId), auth: {specName: 'Nope', params: {}}}}), '1415-400');
	const missing = await t.call('POST', `${flowService}/connections`, {body: baseBody(specId, {host: t.sandbox.demo!.url})});
	assert.equal(missing.status, 400);
	assert.match(missing.body.report['detailed-message'], /accessToken/);
	const byType = await t.call('POST', `${flowService}/connections`, {
		body: {...baseBody(specId), auth: {specName: 'oauth2refreshcode', params: {host: t.sandbox.demo!.url, accessToken: demoCredentials.accessToken}}},
	});
	assert.equal(byType.status, 201);
	const badTestUrl = await t.call('POST', `${flowService}/connections`, {
		body: baseBody(specId, {host: t.sandbox.demo!.url, accessToken: 'nope-token-1234', authorizationTestUrl: `${t.sandbox.demo!.url}/v1/offset/contacts`}),
	});
	assertFlowError(badTestUrl, '1452-400');
	assert.doesNotMatch(JSON.stringify(badTestUrl.body), /nope-token-1234/);
	const created = await t.call('POST', `${flowService}/connections`, {
		body: baseBody(specId, {
			host: t.sandbox.demo!.url,
			accessToken: demoCredentials.accessToken,
			authorizationTestUrl: `${t.sandbox.demo!.url}/v1/offset/contacts`,
		}),
	});
	assert.equal(created.status, 201);
	assert.match(created.body.etag, /^"[0-9a-f-]+"$/);
	const id = created.body.id;
	const read = await t.call('GET', `${flowService}/connections/${id}`);
	assert.equal(read.body.items[0].auth.params.accessToken, '***');
	assert.equal(read.body.items[0].auth.params.host, t.sandbox.demo!.url);
	assert.equal(read.body.items[0].etag, read.body.items[0].version);
	assert.doesNotMatch(JSON.stringify(read.body), new RegExp(demoCredentials.accessToken));
	const listed = await t.call('GET', `${flowService}/connections?property=connectionSpec.id==${specId}&property=state==enabled`);
	assert.equal(listed.body.items.length, 2);
	assert.deepEqual((await t.call('GET', `${flowService}/connections?property=connectionSpec.id==${specId}&count=true`)).body, {count: 2});
	assertFlowError(await t.call('GET', `${flowService}/connections?count=true&limit=1`), '1401-400');

	const rename = [{op: 'REPLACE', path: '/name', value: 'renamed'}];
	assertFlowError(await t.call('PATCH', `${flowService}/connections/${id}`, {body: rename}), '1403-400');
	assertFlowError(await t.call('PATCH', `${flowService}/connections/${id}`, {body: rename, headers: {'if-match': '"stale"'}}), '1404-412');
	const etag = created.body.etag;
	assertFlowError(
		await t.call('PATCH', `${flowService}/connections/${id}`, {
			body: [{op: 'replace', path: '/connectionSpec/id', value: specId}],
			headers: {'if-match': etag},
		}),
		'1414-400',
	);
	assertFlowError(
		await t.call('PATCH', `${flowService}/connections/${id}`, {body: [{op: 'replace', path: '/nothing/here', value: 1}], headers: {'if-match': etag}}),
		'1455-400',
	);
	const patched = await t.call('PATCH', `${flowService}/connections/${id}`, {body: rename, headers: {'if-match': `W/${etag}`}});
	assert.equal(patched.status, 200);
	assert.notEqual(patched.body.etag, etag);
	assert.equal((await t.call('GET', `${flowService}/connections/${id}`)).body.items[0].name, 'renamed');

	assert.deepEqual((await t.call('GET', `${flowService}/connections/${id}/test`)).body, {result: true});
	const explorePath = `${flowService}/connections/${id}/explore?objectType=rest&object=json&fileType=json&preview=true`;
	const explore = await t.call('GET', `${explorePath}&sourceParams=${encodeURIComponent(Buffer.from('{}').toString('base64'))}`);
	assert.equal(explore.status, 200);
	assert.equal(explore.body.format, 'hierarchical');
	assert.equal(explore.body.schema.type, 'object');
	assert.ok(explore.body.data.length > 0);
	const badParams = await t.call('GET', `${explorePath}&sourceParams=${Buffer.from('not json').toString('base64')}`);
	assertFlowError(badParams, '1451-400');
	assert.match(badParams.body.report['detailed-message'], /sourceParams/);
	assertFlowError(await t.call('GET', `${flowService}/connections/${id}/explore?objectType=table&object=json`), '1451-400');
	assert.equal((await t.call('DELETE', `${flowService}/connections/${byType.body.id}`)).status, 204);
	assertFlowError(await t.call('GET', `${flowService}/connections/${byType.body.id}`), '1101-404');
});

test('explore reports a source failure with the message, masked', async () => {
	const specId = await createSpec();
	const broken = http.createServer((_req, res) => res.writeHead(500, {'content-type': 'application/json'}).end('{"oops":true}'));
	await new Promise<void>(resolve => broken.listen(0, '127.0.0.1', resolve));
	try {
		const host = `http://127.0.0.1:${(broken.address() as {port: number}).port}`;
		const created = await t.call('POST', `${flowService}/connections`, {body: baseBody(specId, {host, accessToken: 'secret-value-9876'})});
		const explore = await t.call('GET', `${flowService}/connections/${created.body.id}/explore?objectType=rest&object=json&fileType=json&preview=true`);
		assert.ok(explore.status === 400 || explore.status === 502, String(explore.status));
		assert.match(explore.body.report['detailed-message'], /500/);
		assert.doesNotMatch(JSON.stringify(explore.body), /secret-value-9876/);
		assert.deepEqual((await t.call('GET', `${flowService}/connections/${created.body.id}/test`)).body, {result: false});
	} finally {
		broken.closeAllConnections();
		await new Promise(resolve => broken.close(resolve));
	}
});

test('source and target connections: validation, GET with inheritedAttributes, PATCH and DELETE', async () => {
	const specId = await createSpec();
	const base = (await t.call('POST', `${flowService}/connections`, {body: baseBody(specId)})).body.id;
	const good = {name: 's', baseConnectionId: base, connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {}};
	const bad: [Record<string, unknown>, RegExp][] = [
		[{...good, data: {format: 'csv'}}, /data\.format/],
		[{...good, data: undefined}, /data\.format/],
		[{...good, baseConnectionId: '00000000-0000-0000-0000-000000000000'}, /baseConnectionId/],
	];
	for (const [body, message] of bad) {
		const answer = await t.call('POST', `${flowService}/sourceConnections`, {body});
		assert.equal(answer.status, 400);
		assert.match(answer.body.report['detailed-message'], message);
	}
	const source = await t.call('POST', `${flowService}/sourceConnections`, {body: good});
	assert.equal(source.status, 201);
	const read = (await t.call('GET', `${flowService}/sourceConnections/${source.body.id}`)).body.items[0];
	assert.equal(read.inheritedAttributes.baseConnection.id, base);
	assert.equal(read.state, 'enabled');
	const patched = await t.call('PATCH', `${flowService}/sourceConnections/${source.body.id}`, {
		body: [{op: 'add', path: '/description', value: 'd'}],
		headers: {'if-match': source.body.etag},
	});
	assert.equal(patched.status, 200);

	const target = await t.call('POST', `${flowService}/targetConnections`, {
		body: {name: 't', connectionSpec: {id: specId, version: '1.0'}, data: {format: 'json'}, params: {dataSetId: 'abc'}},
	});
	assertFlowError(target, '1413-400');
	const noDataSet = await t.call('POST', `${flowService}/targetConnections`, {
		body: {name: 't', connectionSpec: {id: dataLakeSpec, version: '1.0'}, data: {format: 'json'}, params: {dataSetId: '0123456789abcdef01234567'}},
	});
	assert.equal(noDataSet.status, 400);
	assert.match(noDataSet.body.report['detailed-message'], /dataSetId/);
	assert.equal((await t.call('DELETE', `${flowService}/sourceConnections/${source.body.id}`)).status, 204);
	assertFlowError(await t.call('GET', `${flowService}/sourceConnections/${source.body.id}`), '1101-404');
});

test('flows: create-time validation answers the documented codes', async () => {
	const base = {
		name: 'f',
		flowSpec: {id: restStorageToAep, version: '1.0'},
		sourceConnectionIds: ['00000000-0000-0000-0000-000000000000'],
		targetConnectionIds: ['00000000-0000-0000-0000-000000000000'],
		transformations: [{name: 'Mapping', params: {mappingId: '0123456789abcdef0123456789abcdef', mappingVersion: 0}}],
		scheduleParams: {startTime: '1700000000', frequency: 'once'},
	};
	assertFlowError(await t.call('POST', `${flowService}/flows`, {body: {...base, state: 'enabled'}}), '1410-400');
	assertFlowError(
		await t.call('POST', `${flowService}/flows`, {body: {...base, flowSpec: {id: '00000000-0000-0000-0000-000000000000', version: '1.0'}}}),
		'1413-400',
	);
	const schedules: [Record<string, unknown>, RegExp][] = [
		[{startTime: '1700000000', frequency: 'once', interval: 15}, /interval/],
		[{startTime: '1700000000', frequency: 'once', backfill: true}, /backfill/],
		[{startTime: '1700000000', frequency: 'minute', interval: 14}, /interval/],
		[{startTime: '1700000000', frequency: 'hour'}, /interval/],
		[{startTime: '1700000000', frequency: 'day', interval: 0}, /interval/],
		[{startTime: 'yesterday', frequency: 'once'}, /startTime/],
		[{frequency: 'once'}, /startTime/],
		[{startTime: 1700000000, frequency: 'monthly'}, /frequency/],
	];
	for (const [scheduleParams, message] of schedules) {
		const answer = await t.call('POST', `${flowService}/flows`, {body: {...base, scheduleParams}});
		assert.equal(answer.status, 400, JSON.stringify(scheduleParams));
		assert.match(answer.body.report['detailed-message'], message);
	}
	const unknownSource = await t.call('POST', `${flowService}/flows`, {body: base});
	assert.equal(unknownSource.status, 400);
	assert.match(unknownSource.body.report['detailed-message'], /sourceConnectionIds/);
	assertFlowError(await t.call('GET', `${flowService}/flows/00000000-0000-0000-0000-000000000000`), '1101-404');
	assertFlowError(await t.call('GET', `${flowService}/runs/00000000-0000-0000-0000-000000000000`), '1101-404');
	assert.deepEqual((await t.call('GET', `${flowService}/runs?property=flowId==nothing`)).body, {items: [], _links: {}});
	assertFlowError(await t.call('GET', `${flowService}/runs?property=flowId~x`), '1440-400');
});
