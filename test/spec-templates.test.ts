// Templates: every one validates with zero errors; demo matches the sandbox's demo API; copies are independent.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeTemplate, getTemplate, ids, templateNames, validateSpec} from '../source/connection-spec/index.js';

test('the three templates exist, each with a one-line description', () => {
	assert.deepEqual(templateNames(), ['blank', 'mailchimp-members', 'demo']);
	for (const name of templateNames()) {
		assert.ok(describeTemplate(name).length > 10 && !describeTemplate(name).includes('\n'));
	}
	assert.equal(getTemplate('nope'), undefined);
	assert.equal(describeTemplate('nope'), '');
	assert.equal(getTemplate('constructor'), undefined, 'only own template names resolve');
});

for (const name of ['blank', 'mailchimp-members', 'demo']) {
	test(`template ${name} validates with zero errors and uses the fixed ids`, () => {
		const spec = getTemplate(name);
		const result = validateSpec(spec);
		assert.deepEqual(result.errors, []);
		assert.equal(result.valid, true);
		assert.equal(spec?.providerId, ids.restProviderId);
		assert.equal(spec?.type, 'generic-rest');
		assert.deepEqual(result.warnings, [], 'templates carry no warnings either');
	});
}

test('getTemplate returns an independent copy each time', () => {
	const first = getTemplate('demo') as Record<string, any>;
	first['authSpec'][0].spec.properties.host.description = 'changed';
	first['sourceSpec'].attributes.urlParams.path = '/changed';
	const second = getTemplate('demo') as Record<string, any>;
	assert.equal(second['sourceSpec'].attributes.urlParams.path, '/v1/offset/contacts');
	assert.notEqual(second['authSpec'][1].spec.properties.host.description, 'changed');
});

test('demo targets the demo API on any host: three auth specs with host, no urlParams.host', () => {
	const spec = getTemplate('demo') as Record<string, any>;
	assert.deepEqual(
		spec['authSpec'].map((auth: any) => [auth.name, auth.type, auth.spec.required]),
		[
			['OAuth2 Refresh Code', 'OAuth2RefreshCode', ['host', 'accessToken']],
			['Basic Authentication', 'BasicAuthentication', ['host', 'username', 'password']],
			['API Key Authentication', 'KeyBased', ['host', 'authKey1']],
		],
	);
	assert.equal(spec['authSpec'][2].spec.properties.authKey1.restAttributes.headerParamName, 'X-Api-Key');
	const attributes = spec['sourceSpec'].attributes;
	assert.deepEqual(attributes.urlParams, {path: '/v1/offset/contacts', method: 'GET'});
	assert.deepEqual(attributes.contentPath, {path: '$.contacts', skipAttributes: ['total', 'hasMore']});
	assert.deepEqual(attributes.paginationParams, {
		type: 'OFFSET',
		limitName: 'limit',
		limitValue: '50',
		offSetName: 'offset',
		endConditionName: '$.hasMore',
		endConditionValue: 'Const:false',
	});
	assert.deepEqual(attributes.scheduleParams, {
		scheduleStartParamName: 'updated_since',
		scheduleEndParamName: 'updated_before',
		scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
		scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
	});
	assert.deepEqual(attributes.uiAttributes.category, {key: 'crm'});
	assert.deepEqual(attributes.uiAttributes.icon, {key: 'demoContactsIcon'});
	assert.ok('text' in attributes.uiAttributes.label && 'text' in attributes.uiAttributes.description);
	assert.deepEqual(spec['sourceSpec'].spec.required ?? [], []);
	assert.equal(spec['exploreSpec'].name, 'Resource');
});

test('mailchimp-members follows the documented example: domain host, listId input, OFFSET with $.hasMore', () => {
	const spec = getTemplate('mailchimp-members') as Record<string, any>;
	const attributes = spec['sourceSpec'].attributes;
	assert.equal(spec['authSpec'][0].type, 'OAuth2RefreshCode');
	assert.equal(attributes.urlParams.host, 'https://${domain}.api.mailchimp.com');
	assert.equal(attributes.urlParams.path, '/3.0/lists/${listId}/members');
	assert.equal(attributes.contentPath.path, '$.members');
	assert.equal(attributes.paginationParams.endConditionName, '$.hasMore');
	assert.equal(attributes.scheduleParams.scheduleStartParamName, 'since_last_changed');
	assert.ok(spec['sourceSpec'].spec.properties.listId);
});
