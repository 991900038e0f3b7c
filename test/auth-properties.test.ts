// The pure edits of an auth spec's properties (source/steps/auth-properties.ts): renaming keeps the property's place
// and its place in required, removing also leaves required, a taken or empty name is refused, nothing is mutated.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {addProperty, removeProperty, renameProperty, setHeader, setRequired, setSecret, type AuthEntry} from '../source/connection-spec/auth-properties.js';

const entry = (): AuthEntry => ({
	name: 'Basic Authentication',
	type: 'BasicAuthentication',
	spec: {
		type: 'object',
		properties: {host: {type: 'string'}, username: {type: 'string', description: 'User name'}, password: {type: 'string', format: 'password'}},
		required: ['host', 'username', 'password'],
	},
});

test('renameProperty keeps the position, the fields and the place in required; the original is untouched', () => {
	const before = entry();
	const frozen = structuredClone(before);
	const after = renameProperty(before, 'username', 'login') as {spec: {properties: Record<string, unknown>; required: string[]}};
	assert.deepEqual(Object.keys(after.spec.properties), ['host', 'login', 'password']);
	assert.deepEqual(after.spec.properties['login'], {type: 'string', description: 'User name'});
	assert.deepEqual(after.spec.required, ['host', 'login', 'password']);
	assert.deepEqual(before, frozen);
});

test('a taken or empty name is refused with a sentence', () => {
	assert.throws(() => renameProperty(entry(), 'username', 'password'), /“password” is already a property of this auth spec/);
	assert.throws(() => addProperty(entry(), '  '), /A property needs a name/);
	assert.throws(() => addProperty(entry(), 'host'), /“host” is already a property/);
	// Used as ${name} in the spec: a name the model's placeholders can refer to.
	assert.throws(() => addProperty(entry(), 'my key'), /A name is letters, digits and _/);
	assert.throws(() => addProperty(entry(), '2fa'), /not starting with a digit/);
	const same = entry();
	assert.equal(renameProperty(same, 'username', ' username '), same, 'keeping the name changes nothing');
});

test('removeProperty leaves required; secret, required and header toggles write and remove their keys', () => {
	const removed = removeProperty(entry(), 'username') as {spec: {properties: object; required: string[]}};
	assert.deepEqual(Object.keys(removed.spec.properties), ['host', 'password']);
	assert.deepEqual(removed.spec.required, ['host', 'password']);
	const open = setSecret(entry(), 'password', false) as {spec: {properties: {password: object}}};
	assert.deepEqual(open.spec.properties.password, {type: 'string'});
	const optional = setRequired(entry(), 'host', false) as {spec: {required: string[]}};
	assert.deepEqual(optional.spec.required, ['username', 'password']);
	const keyed = setHeader(entry(), 'password', 'X-Api-Key');
	assert.deepEqual((keyed as {spec: {properties: {password: object}}}).spec.properties.password, {
		type: 'string',
		format: 'password',
		restAttributes: {headerParamName: 'X-Api-Key'},
	});
	assert.deepEqual((setHeader(keyed, 'password', '') as {spec: {properties: {password: object}}}).spec.properties.password, {
		type: 'string',
		format: 'password',
	});
});
