import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, test} from 'node:test';
import {flowService, startTestSandbox, type TestSandbox} from './helpers/sandbox-client.js';
import {buildDataflow, finishedRun} from './helpers/sandbox-dataflow.js';
import {cursorApiCredentials, startCursorApi, type CursorApi} from './helpers/cursor-api.js';

// One test per fidelity item of docs/sandbox-fidelity.md, over real HTTP; sources are third-party test APIs.

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/spec/${name}`, import.meta.url), 'utf8')) as Record<string, any>;

let t: TestSandbox;
let api: CursorApi;
before(async () => {
	t = await startTestSandbox({demo: false});
	api = await startCursorApi('finite');
});
after(async () => {
	await api.close();
	await t.close();
});

/** The ADVANCE case with no delay between pages (the case's 850 ms only slows the test). */
function advanceSpec(): Record<string, any> {
	const spec = fixture('advance-schedule-backfill.json');
	spec.sourceSpec.attributes.paginationParams.delayRequestMillis = '0';
	return spec;
}

const auth = () => ({specName: 'Basic Authentication', params: {host: api.url, ...cursorApiCredentials}});
// The case's contentPath wraps each record as {user: {...}} (overrideWrapperAttribute).
const userFields = {idField: 'user.id', fields: {'user.email': 'email'}};
const queriesSince = (index: number) => api.requests.slice(index).map(request => new URL(request, 'http://x').searchParams.get('query'));

test('(k) the first run of a flow with backfill sends the ADVANCE backfill expression; an on-demand run later sends incremental', async () => {
	const before = api.requests.length;
	const parts = await buildDataflow(t, {
		spec: advanceSpec(),
		auth: auth(),
		...userFields,
		scheduleParams: {startTime: String(Math.floor(Date.now() / 1000)), frequency: 'minute', interval: 15, backfill: true},
	});
	const first = await finishedRun(t, parts.flowId!);
	assert.equal(first.metrics.statusSummary.status, 'success', JSON.stringify(first.metrics.statusSummary));
	const firstQueries = queriesSince(before);
	assert.ok(firstQueries.length > 0);
	for (const query of firstQueries) assert.match(query!, /^type:user updated<\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'backfill: no START_TIME, no 1970');
});

test('(k, f) an on-demand run reads the window it is given with the incremental expression; POST /runs answers {items: [{id, etag}]}', async () => {
	const parts = await buildDataflow(t, {spec: advanceSpec(), auth: auth(), ...userFields});
	await finishedRun(t, parts.flowId!);
	const before = api.requests.length;
	const created = await t.call('POST', `${flowService}/runs`, {
		body: {flowId: parts.flowId, params: {windowStartTime: '1699990000', windowEndTime: '1700000000', startTime: '1700000000'}},
	});
	assert.equal(created.status, 201, JSON.stringify(created.body));
	assert.equal(created.body.items.length, 1);
	assert.match(created.body.items[0].etag, /^"/);
	const run = await finishedRun(t, parts.flowId!, {runId: created.body.items[0].id});
	assert.equal(run.metrics.statusSummary.status, 'success');
	const queries = queriesSince(before);
	assert.ok(queries.length > 0);
	// 1699990000 = 2023-11-14T19:26:40Z, 1700000000 = 2023-11-14T22:13:20Z (paramFormat yyyy-MM-ddTHH:mm:ssK).
	for (const query of queries) assert.match(query!, /^type:user updated>2023-11-14T19:26:40Z? updated<2023-11-14T22:13:20Z?$/);
	assert.deepEqual(run.activities.find((activity: {id: string}) => activity.id === 'copyActivity').durationSummary.extensions, {
		windowStart: 1_699_990_000_000,
		windowEnd: 1_700_000_000_000,
	});
	const bad = await t.call('POST', `${flowService}/runs`, {body: {flowId: parts.flowId, params: {windowStartTime: '1700000000', windowEndTime: '1699990000'}}});
	assert.equal(bad.status, 400);
	assert.match(bad.body.report['detailed-message'], /windowStartTime .* must be before/);
});

test('(d) GET /flows echoes scheduleParams.startTime, interval, backfill and mappingVersion as strings', async () => {
	const parts = await buildDataflow(t, {
		spec: advanceSpec(),
		auth: auth(),
		scheduleParams: {startTime: Math.floor(Date.now() / 1000) + 3600, frequency: 'hour', interval: 2, backfill: false},
	});
	for (const answer of [
		await t.call('GET', `${flowService}/flows/${parts.flowId}`),
		await t.call('GET', `${flowService}/flows?property=id==${parts.flowId}`),
	]) {
		const flow = answer.body.items[0];
		assert.equal(typeof flow.scheduleParams.startTime, 'string');
		assert.equal(flow.scheduleParams.interval, '2');
		assert.equal(flow.scheduleParams.backfill, 'false');
		assert.equal(flow.scheduleParams.frequency, 'hour');
		assert.equal(flow.transformations[0].params.mappingVersion, '0');
	}
});

test('(j) IMS answers a wrong client id or secret with 400 invalid_client', async () => {
	const {clientId, clientSecret, scopes} = t.sandbox.credentials;
	for (const [id, secret] of [
		[clientId, 'wrong-secret'],
		['someone-else', clientSecret],
	]) {
		const response = await fetch(`${t.sandbox.imsUrl}/ims/token/v3`, {
			method: 'POST',
			headers: {'content-type': 'application/x-www-form-urlencoded'},
			body: new URLSearchParams({grant_type: 'client_credentials', client_id: id!, client_secret: secret!, scope: scopes}),
		});
		assert.equal(response.status, 400);
		assert.equal(((await response.json()) as {error: string}).error, 'invalid_client');
	}
});

test('(l) a path with a malformed percent-encoding answers 400, not 500', async () => {
	for (const path of ['/connectionSpecs/%', '/connectionSpecs/%zz', '/flows/abc%E0%A4%A']) {
		const answer = await t.call('GET', `${flowService}${path}`);
		assert.equal(answer.status, 400, path);
		assert.match(JSON.stringify(answer.body), /malformed percent-encoding/);
	}
});

test('(b) auth.specName is matched the same way at creation, explore, connection test and runs', async () => {
	// A name that differs from the spec's "Basic Authentication" only in case and spacing resolves everywhere, or nowhere.
	const parts = await buildDataflow(t, {spec: advanceSpec(), auth: {...auth(), specName: 'basic  AUTHENTICATION'}, ...userFields});
	const explore = await t.call('GET', `${flowService}/connections/${parts.baseId}/explore?objectType=rest&object=json&fileType=json&preview=true`);
	assert.equal(explore.status, 200, JSON.stringify(explore.body));
	assert.equal((await t.call('GET', `${flowService}/connections/${parts.baseId}/test`)).body.result, true);
	assert.equal((await finishedRun(t, parts.flowId!)).metrics.statusSummary.status, 'success');
	const unknown = await t.call('POST', `${flowService}/connections`, {
		body: {name: 'x', connectionSpec: {id: parts.specId, version: '1.0'}, auth: {specName: 'OAuth 2 Refresh Code', params: {host: api.url}}},
	});
	assert.equal(unknown.status, 400, 'a name no entry has is refused at creation, not later');
	assert.match(unknown.body.report['detailed-message'], /Auth spec name "OAuth 2 Refresh Code" was not found/);
});

test('(c) without authorizationTestUrl, wrong credentials are refused when the source connection is created', async () => {
	const wrong = await buildDataflow(t, {spec: advanceSpec(), auth: auth(), ...userFields, noFlow: true});
	const base = await t.call('POST', `${flowService}/connections`, {
		body: {
			name: 'wrong password',
			connectionSpec: {id: wrong.specId, version: '1.0'},
			auth: {specName: 'Basic Authentication', params: {host: api.url, username: cursorApiCredentials.username, password: 'not-the-password'}},
		},
	});
	assert.equal(base.status, 201, 'no authorizationTestUrl: nothing is checked at base-connection creation');
	const before = api.requests.length;
	const source = await t.call('POST', `${flowService}/sourceConnections`, {
		body: {name: 's', baseConnectionId: base.body.id, connectionSpec: {id: wrong.specId, version: '1.0'}, data: {format: 'json'}, params: {}},
	});
	assert.equal(source.status, 400);
	assert.match(source.body.report['detailed-message'], /Credential validation failed/);
	assert.doesNotMatch(JSON.stringify(source.body), /not-the-password/);
	assert.equal(api.requests.length, before, 'the refused request never reached the records (401 before the handler logs)');
});

test('(h) a flow keeps the target connection it was created with; a target PATCH is validated like a POST', async () => {
	const parts = await buildDataflow(t, {spec: advanceSpec(), auth: auth(), ...userFields});
	await finishedRun(t, parts.flowId!);
	const other = await t.call('POST', '/data/foundation/catalog/dataSets', {
		body: {name: 'other dataset', schemaRef: {id: parts.schemaId, contentType: 'application/vnd.adobe.xed+json;version=1'}},
	});
	const otherId = String(other.body[0]).replace('@/dataSets/', '');
	const target = (await t.call('GET', `${flowService}/targetConnections/${parts.targetId}`)).body.items[0];
	const missing = await t.call('PATCH', `${flowService}/targetConnections/${parts.targetId}`, {
		headers: {'if-match': target.etag},
		body: [{op: 'replace', path: '/params/dataSetId', value: '0123456789abcdef01234567'}],
	});
	assert.equal(missing.status, 400);
	assert.match(JSON.stringify(missing.body), /dataset 0123456789abcdef01234567 does not exist/);
	const moved = await t.call('PATCH', `${flowService}/targetConnections/${parts.targetId}`, {
		headers: {'if-match': target.etag},
		body: [{op: 'replace', path: '/params/dataSetId', value: otherId}],
	});
	assert.equal(moved.status, 200, JSON.stringify(moved.body));
	const created = await t.call('POST', `${flowService}/runs`, {
		body: {flowId: parts.flowId, params: {windowStartTime: '1699990000', windowEndTime: '1700000000'}},
	});
	const run = await finishedRun(t, parts.flowId!, {runId: created.body.items[0].id});
	const batchId = run.activities.find((activity: {id: string}) => activity.id === 'promotionActivity').targetInfo[0].reference.ids[0];
	const batch = (await t.call('GET', `/data/foundation/catalog/batches/${batchId}`)).body;
	const related = JSON.stringify(batch);
	assert.match(related, new RegExp(parts.dataSetId), 'the run still writes to the dataset the flow was created with');
	assert.doesNotMatch(related, new RegExp(otherId));
	assert.doesNotMatch(JSON.stringify((await t.call('GET', `${flowService}/flows/${parts.flowId}`)).body), /_connections/);
});

test('(e) unknown query parameters and filters on unknown fields answer 400; filters on computed fields work', async () => {
	const parts = await buildDataflow(t, {spec: advanceSpec(), auth: auth(), ...userFields});
	await finishedRun(t, parts.flowId!);
	const typo = await t.call('GET', `${flowService}/runs?propery=flowId==${parts.flowId}`);
	assert.equal(typo.status, 400);
	assert.equal(typo.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1451-400');
	const unknownField = await t.call('GET', `${flowService}/flows?property=flowIdd==${parts.flowId}`);
	assert.equal(unknownField.status, 400);
	assert.equal(unknownField.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1449-400');
	const unknownSort = await t.call('GET', `${flowService}/flows?orderby=-createdAtt`);
	assert.equal(unknownSort.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1433-400');
	const bySource = await t.call('GET', `${flowService}/flows?property=inheritedAttributes.sourceConnections.id==${parts.sourceId}`);
	assert.equal(bySource.status, 200, JSON.stringify(bySource.body));
	assert.deepEqual(
		bySource.body.items.map((flow: {id: string}) => flow.id),
		[parts.flowId],
	);
	const byRun = await t.call('GET', `${flowService}/flows?property=lastRunDetails.state==success&property=id==${parts.flowId}`);
	assert.deepEqual(
		byRun.body.items.map((flow: {id: string}) => flow.id),
		[parts.flowId],
	);
	const runs = await t.call('GET', `${flowService}/runs?property=flowId==${parts.flowId}&orderby=-createdAt&limit=1`);
	assert.equal(runs.status, 200);
	assert.equal(runs.body.items.length, 1);
});

test('(g) a PATCH to a start time that has passed is refused, and so is replacing the mapping of a once flow', async () => {
	const future = Math.floor(Date.now() / 1000) + 3600;
	const parts = await buildDataflow(t, {
		spec: advanceSpec(),
		auth: auth(),
		...userFields,
		scheduleParams: {startTime: String(future), frequency: 'hour', interval: 1},
	});
	const etag = async () => (await t.call('GET', `${flowService}/flows/${parts.flowId}`)).body.items[0].etag;
	const past = await t.call('PATCH', `${flowService}/flows/${parts.flowId}`, {
		headers: {'if-match': await etag()},
		body: [{op: 'replace', path: '/scheduleParams/startTime', value: String(future - 7200)}],
	});
	assert.equal(past.status, 400);
	assert.match(past.body.report['detailed-message'], /has passed/);
	const later = await t.call('PATCH', `${flowService}/flows/${parts.flowId}`, {
		headers: {'if-match': await etag()},
		body: [{op: 'replace', path: '/scheduleParams/startTime', value: String(future + 60)}],
	});
	assert.equal(later.status, 200, JSON.stringify(later.body));
	const once = await buildDataflow(t, {spec: advanceSpec(), auth: auth(), ...userFields});
	await finishedRun(t, once.flowId!);
	const onceFlow = (await t.call('GET', `${flowService}/flows/${once.flowId}`)).body.items[0];
	const remap = await t.call('PATCH', `${flowService}/flows/${once.flowId}`, {
		headers: {'if-match': onceFlow.etag},
		body: [{op: 'replace', path: '/transformations/0/params/mappingId', value: parts.mappingId}],
	});
	assert.equal(remap.status, 400);
	assert.match(remap.body.report['detailed-message'], /mapping of a dataflow scheduled "once" cannot be replaced/);
});

test("(i) the standard field groups of the docs' mapping examples and Adobe's catalogue entries exist", async () => {
	const registry = '/data/foundation/schemaregistry';
	const groups = await t.call('GET', `${registry}/global/fieldgroups`, {headers: {accept: 'application/vnd.adobe.xed-id+json'}});
	assert.equal(groups.status, 200, JSON.stringify(groups.body));
	const ids = groups.body.results.map((group: {$id: string}) => group.$id);
	assert.ok(ids.includes('https://ns.adobe.com/xdm/context/profile-person-details'));
	assert.ok(ids.includes('https://ns.adobe.com/xdm/context/profile-personal-details'));
	// A schema built from them resolves to the fields the docs' mapping examples write to.
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {
			title: `Person ${Math.random()}`,
			type: 'object',
			allOf: [
				{$ref: 'https://ns.adobe.com/xdm/context/profile'},
				{$ref: 'https://ns.adobe.com/xdm/context/profile-person-details'},
				{$ref: 'https://ns.adobe.com/xdm/context/profile-personal-details'},
			],
		},
	});
	assert.equal(schema.status, 201, JSON.stringify(schema.body));
	const full = await t.call('GET', `${registry}/tenant/schemas/${encodeURIComponent(schema.body.$id)}`, {
		headers: {accept: 'application/vnd.adobe.xed-full+json; version=1'},
	});
	assert.equal(full.body.properties.person.properties.name.properties.firstName.type, 'string');
	assert.equal(full.body.properties.personalEmail.properties.address.type, 'string');
	for (const id of [
		'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
		...(await t.call('GET', `${flowService}/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72`)).body.items[0].sourceConnectionSpecIds.slice(0, 4),
	]) {
		const spec = await t.call('GET', `${flowService}/connectionSpecs/${id}`);
		assert.equal(spec.status, 200, id);
		assert.equal(spec.body.items[0].id, id);
	}
	assert.equal((await t.call('GET', `${flowService}/connectionSpecs/c604ff05-7f1a-43c0-8e18-33bf874cb11c`)).body.items[0].name, 'Data Lake');
});
