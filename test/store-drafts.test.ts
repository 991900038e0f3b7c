import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Draft} from '../source/connection-spec/draft-types.js';
import {DraftSecretError, openDraftStore, openProfileStore} from '../source/store/index.js';

const tempHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'aep-store-drafts-'));

function draft(id: string, overrides: Partial<Draft> = {}): Draft {
	return {
		formatVersion: 1,
		id,
		step: 'source',
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		artifacts: {sourceName: id, label: `Label of ${id}`, description: 'd', category: 'crm'},
		spec: {
			name: id,
			authSpec: [
				{
					name: 'Basic Authentication',
					type: 'BasicAuthentication',
					spec: {type: 'object', properties: {username: {type: 'string'}, passphrase: {type: 'string', format: 'password'}}},
				},
			],
		},
		test: {
			authSpecName: 'Basic Authentication',
			authParams: {host: 'https://api.example.com', username: 'ann'},
			sourceParams: {listId: '42'},
			target: {mode: 'create'},
		},
		remote: {},
		...overrides,
	};
}

test('save, load, list newest first, remove', () => {
	const store = openDraftStore(tempHome());
	assert.deepEqual(store.list(), []);
	const first = store.save(draft('first'));
	store.save(draft('second', {step: 'review'}));
	// A later save of "first" makes it the newest.
	const resaved = store.save({...store.load('first')!, step: 'auth'});
	assert.ok(resaved.updatedAt >= first.updatedAt, 'save sets updatedAt');
	assert.notEqual(resaved.updatedAt, '2026-01-01T00:00:00.000Z');
	const list = store.list();
	assert.deepEqual(
		list.map(d => [d.id, d.name, d.step]),
		[
			['first', 'Label of first', 'auth'],
			['second', 'Label of second', 'review'],
		],
	);
	assert.equal(store.load('first')!.step, 'auth');
	assert.equal(store.load('missing'), undefined);
	store.remove('second');
	assert.deepEqual(
		store.list().map(d => d.id),
		['first'],
	);
	assert.equal(fs.existsSync(path.join(store.dir, 'second.json')), false);
	assert.throws(() => store.load('../profiles'), /not a draft id/);
});

test('writes are atomic: no temp file is left, and a crash leftover does not break list()', () => {
	const store = openDraftStore(tempHome());
	for (let i = 0; i < 5; i += 1) store.save(draft('acme', {step: i % 2 ? 'auth' : 'source'}));
	assert.deepEqual(fs.readdirSync(store.dir), ['acme.json']);
	// What a kill -9 between write and rename leaves behind: a half-written temp file next to the draft.
	fs.writeFileSync(path.join(store.dir, '.acme.json.999.deadbeef.tmp'), '{"formatVersion": 1, "id": "ac');
	assert.deepEqual(
		store.list().map(d => [d.id, d.corrupt]),
		[['acme', undefined]],
	);
	assert.equal(store.load('acme')!.id, 'acme');
});

test('a corrupt draft is listed by name with the reason, and does not hide the others', () => {
	const store = openDraftStore(tempHome());
	store.save(draft('good'));
	fs.writeFileSync(path.join(store.dir, 'broken.json'), '{"formatVersion": 1, "id": "bro');
	fs.writeFileSync(path.join(store.dir, 'wrong-shape.json'), JSON.stringify({formatVersion: 1, id: 'wrong-shape'}));
	const list = store.list();
	assert.deepEqual(list.map(d => d.id).sort(), ['broken', 'good', 'wrong-shape']);
	const broken = list.find(d => d.id === 'broken')!;
	assert.equal(broken.name, 'broken.json');
	assert.match(broken.corrupt!, /broken\.json is not valid JSON/);
	assert.match(list.find(d => d.id === 'wrong-shape')!.corrupt!, /wrong-shape\.json is not a valid draft: step: /);
	assert.equal(list.find(d => d.id === 'good')!.corrupt, undefined);
	assert.throws(() => store.load('broken'), /broken\.json is not valid JSON/);
});

test('secret auth values never reach the draft file', () => {
	const store = openDraftStore(tempHome());
	const withSecrets = draft('acme', {
		test: {
			authSpecName: 'Basic Authentication',
			// `password` is secret by name, `passphrase` by its format: "password" in the auth spec.
			authParams: {host: 'https://api.example.com', username: 'ann', password: 'hunter2-hunter2', passphrase: 'open-sesame-77'},
			sourceParams: {listId: '42', api_key: 'key-in-query-123'},
			target: {mode: 'create'},
		},
	});
	const saved = store.save(withSecrets);
	assert.deepEqual(saved.test.authParams, {host: 'https://api.example.com', username: 'ann'});
	assert.deepEqual(saved.test.sourceParams, {listId: '42'});
	const text = fs.readFileSync(path.join(store.dir, 'acme.json'), 'utf8');
	for (const value of ['hunter2-hunter2', 'open-sesame-77', 'key-in-query-123']) assert.equal(text.includes(value), false, value);
	assert.equal(withSecrets.test.authParams['password'], 'hunter2-hunter2', 'the caller’s object is not changed');
});

test('a known secret that slipped into another field stops the save, naming the field', () => {
	const home = tempHome();
	openProfileStore(home).save(
		{name: 'acme', kind: 'adobe', orgId: 'C6420AAF5CD2749D0A495C60@AdobeOrg', clientId: 'abc', scopes: 'openid', sandboxName: 'prod'},
		'profile-client-secret-42',
	);
	const store = openDraftStore(home);
	const leaking = draft('leak', {spec: {name: 'leak', description: 'pasted profile-client-secret-42 by mistake'}});
	assert.throws(
		() => store.save(leaking),
		(error: unknown) => error instanceof DraftSecretError && error.path === 'spec.description' && !error.message.includes('profile-client-secret-42'),
	);
	const echoed = draft('echo', {test: {...draft('echo').test, authParams: {password: 'typed-password-9'}, sourceParams: {note: 'typed-password-9'}}});
	assert.throws(() => store.save(echoed), /test\.sourceParams\.note/);
	assert.equal(fs.existsSync(path.join(store.dir, 'leak.json')), false);
	const extra = openDraftStore(home, {knownSecrets: () => ['token-from-memory-1']});
	assert.throws(() => extra.save(draft('x', {template: 'token-from-memory-1'})), /at template/);
});

test('export writes the draft without secrets; import validates and picks a new id when taken', () => {
	const home = tempHome();
	const store = openDraftStore(home);
	store.save(draft('acme'));
	const file = path.join(home, 'out', 'acme-export.json');
	fs.mkdirSync(path.dirname(file));
	store.exportTo('acme', file);
	const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as Draft;
	assert.equal(exported.id, 'acme');
	assert.throws(() => store.exportTo('nope', file), /no draft "nope"/);

	const imported = store.importFrom(file);
	assert.equal(imported.id, 'acme-2');
	assert.equal(store.importFrom(file).id, 'acme-3');
	assert.deepEqual(
		store
			.list()
			.map(d => d.id)
			.sort(),
		['acme', 'acme-2', 'acme-3'],
	);

	// Another machine's export carrying a secret is cleaned on import.
	fs.writeFileSync(file, JSON.stringify({...exported, id: 'other', test: {...exported.test, authParams: {password: 'imported-secret-1'}}}));
	assert.deepEqual(store.importFrom(file).test.authParams, {});
	assert.equal(fs.readFileSync(path.join(store.dir, 'other.json'), 'utf8').includes('imported-secret-1'), false);

	fs.writeFileSync(file, JSON.stringify({...exported, step: 'flying', test: {authParams: 3}}));
	assert.throws(() => store.importFrom(file), /acme-export\.json is not a valid draft: step: .*; test\.authParams: /);
	fs.writeFileSync(file, '{oops');
	assert.throws(() => store.importFrom(file), /acme-export\.json is not valid JSON/);
});
