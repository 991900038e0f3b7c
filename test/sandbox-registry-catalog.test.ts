import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {startTestSandbox, type TestSandbox} from './helpers/sandbox-client.js';

const registry = '/data/foundation/schemaregistry';
const catalog = '/data/foundation/catalog';
const conversion = '/data/foundation/conversion';
const full = {accept: 'application/vnd.adobe.xed-full+json; version=1'};

let t: TestSandbox;
let tenant = '';
before(async () => {
	t = await startTestSandbox();
	tenant = (await t.call('GET', `${registry}/stats`)).body.tenantId;
});
after(async () => {
	await t.close();
});

function fieldGroupBody(
	title: string,
	fields: Record<string, unknown> = {[`_${tenant}`]: {type: 'object', properties: {name: {type: 'string'}, count: {type: 'integer'}}}},
) {
	return {
		title,
		type: 'object',
		'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
		definitions: {custom: {properties: fields}},
		allOf: [{$ref: '#/definitions/custom'}],
	};
}

function assertRegistryError(answer: {status: number; body: any}, code: string): void {
	assert.equal(answer.status, Number(code.split('-')[2]), JSON.stringify(answer.body));
	assert.equal(answer.body.type, `http://ns.adobe.com/aep/errors/${code}`);
	assert.match(answer.body.report.timestamp, /^\d\d-\d\d-\d{4} \d\d:\d\d:\d\d$/);
	assert.deepEqual(answer.body.report['sub-errors'], []);
	assert.equal(typeof answer.body.detail, 'string');
}

test('schema registry: stats, field groups and schemas with ids, Accept rules and documented errors', async () => {
	const stats = (await t.call('GET', `${registry}/stats`)).body;
	assert.equal(stats.imsOrg, t.sandbox.credentials.orgId);
	assert.deepEqual(Object.keys(stats.counts).sort(), ['classes', 'datatypes', 'mixins', 'schemas', 'unions']);
	assertRegistryError(await t.call('POST', `${registry}/tenant/fieldgroups`, {body: fieldGroupBody('outside', {name: {type: 'string'}})}), 'XDM-1020-400');
	const group = await t.call('POST', `${registry}/tenant/fieldgroups`, {body: fieldGroupBody('Fields A')});
	assert.equal(group.status, 201);
	assert.match(group.body.$id, new RegExp(`^https://ns\\.adobe\\.com/${tenant}/mixins/[0-9a-f]+$`));
	assert.match(group.body['meta:altId'], new RegExp(`^_${tenant}\\.mixins\\.[0-9a-f]+$`));
	assert.equal(group.body['meta:resourceType'], 'mixins');
	assertRegistryError(await t.call('POST', `${registry}/tenant/fieldgroups`, {body: fieldGroupBody('Fields A')}), 'XDM-1521-400');
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {title: 'Schema A', type: 'object', allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: group.body.$id}]},
	});
	assert.equal(schema.status, 201);
	assert.equal(schema.body.version, '1.0');
	assert.equal(schema.body['meta:class'], 'https://ns.adobe.com/xdm/context/profile');
	assert.ok(schema.body['meta:extends'].includes(group.body.$id));
	const byId = await t.call('GET', `${registry}/tenant/schemas/${encodeURIComponent(schema.body.$id)}`, {headers: full});
	assert.equal(byId.status, 200);
	assert.equal(byId.body.properties[`_${tenant}`].properties.count.type, 'integer');
	assert.ok(byId.body.properties._id);
	const byAltId = await t.call('GET', `${registry}/tenant/schemas/${schema.body['meta:altId']}`, {
		headers: {accept: 'application/vnd.adobe.xed+json; version=1'},
	});
	assert.ok(Array.isArray(byAltId.body.allOf));
	assertRegistryError(await t.call('GET', `${registry}/tenant/schemas/${schema.body['meta:altId']}`), 'XDM-1007-400');
	assert.equal(
		(await t.call('GET', `${registry}/tenant/schemas/${schema.body['meta:altId']}`, {headers: {accept: 'application/vnd.adobe.xed+json; version=2'}})).status,
		406,
	);
	const list = await t.call('GET', `${registry}/tenant/schemas`, {headers: {accept: 'application/vnd.adobe.xed-id+json'}});
	assert.deepEqual(
		list.body.results.map((item: any) => item.$id),
		[schema.body.$id],
	);
	assertRegistryError(await t.call('GET', `${registry}/tenant/schemas`, {headers: full}), 'XDM-1006-400');
	assertRegistryError(await t.call('GET', `${registry}/tenant/schemas/_nope.schemas.0`, {headers: full}), 'XDM-1010-404');
	assertRegistryError(
		await t.call('POST', `${registry}/tenant/schemas`, {body: {title: 'No class', type: 'object', allOf: [{$ref: group.body.$id}]}}),
		'XDM-1000-400',
	);
	assert.equal((await t.call('DELETE', `${registry}/tenant/schemas/${schema.body['meta:altId']}`)).status, 204);
	assert.equal((await t.call('GET', `${registry}/tenant/schemas/${schema.body['meta:altId']}`, {headers: full})).status, 404);
});

test('catalog datasets and data prep mapping sets', async () => {
	const group = await t.call('POST', `${registry}/tenant/fieldgroups`, {body: fieldGroupBody('Fields B')});
	const schema = await t.call('POST', `${registry}/tenant/schemas`, {
		body: {title: 'Schema B', type: 'object', allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: group.body.$id}]},
	});
	const noSchema = await t.call('POST', `${catalog}/dataSets`, {body: {name: 'x', schemaRef: {id: 'https://ns.adobe.com/x/schemas/0'}}});
	assert.equal(noSchema.status, 400);
	const created = await t.call('POST', `${catalog}/dataSets`, {
		body: {name: 'B', schemaRef: {id: schema.body.$id, contentType: 'application/vnd.adobe.xed+json;version=1'}},
	});
	assert.equal(created.status, 201);
	assert.match(created.body[0], /^@\/dataSets\/[0-9a-f]{24}$/);
	const id = created.body[0].slice('@/dataSets/'.length);
	const read = await t.call('GET', `${catalog}/dataSets/${id}`);
	assert.deepEqual(Object.keys(read.body), [id]);
	assert.equal(read.body[id].schemaRef.id, schema.body.$id);
	assert.equal(read.body[id].files, `@/dataSetFiles?dataSetId=${id}`);
	assert.deepEqual((await t.call('GET', `${catalog}/batches?dataSet=${id}`)).body, {});

	const mappings = (destination: string) => ({
		outputSchema: {schemaRef: {id: schema.body.$id, contentType: 'application/vnd.adobe.xed-full+json;version=1'}},
		mappings: [{sourceType: 'ATTRIBUTE', source: 'n', destination}],
	});
	const unknownField = await t.call('POST', `${conversion}/mappingSets`, {body: mappings(`_${tenant}.missing`)});
	assert.equal(unknownField.status, 400);
	assert.match(unknownField.body.detail, /missing/);
	const badSource = await t.call('POST', `${conversion}/mappingSets`, {
		body: {...mappings('_id'), mappings: [{sourceType: 'ATTRIBUTE', source: 5, destination: '_id'}]},
	});
	assert.equal(badSource.status, 400);
	const mapping = await t.call('POST', `${conversion}/mappingSets`, {body: mappings(`_${tenant}.name`)});
	assert.equal(mapping.status, 200);
	assert.equal(mapping.body.version, 0);
	assert.equal(typeof mapping.body.createdDate, 'number');
	const stored = await t.call('GET', `${conversion}/mappingSets/${mapping.body.id}`);
	assert.equal(stored.body.mappings[0].destinationXdmPath, `_${tenant}.name`);
	assert.equal((await t.call('GET', `${conversion}/mappingSets/0123456789abcdef0123456789abcdef`)).status, 404);

	assert.deepEqual((await t.call('DELETE', `${catalog}/dataSets/${id}`)).body, [`@/dataSets/${id}`]);
	assert.equal((await t.call('GET', `${catalog}/dataSets/${id}`)).status, 404);
	assert.deepEqual((await t.call('DELETE', `${catalog}/dataSets/${id}`)).body, []);
});
