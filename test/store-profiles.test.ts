import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {lastFour} from '../source/connection-spec/secrets.js';
import {openProfileStore, profileFromEnv, profileTarget, ProfileError, type AdobeProfile} from '../source/store/index.js';

const tempHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'aep-store-profiles-'));
const secret = 's3cr3t-CLIENT-value-9f2a';

const acme: AdobeProfile = {
	name: 'acme-dev',
	kind: 'adobe',
	orgId: 'c6420aaf5cd2749d0a495c60@AdobeOrg',
	clientId: '0123456789abcdef0123456789abcdef',
	scopes: 'openid,AdobeID,read_organizations',
	sandboxName: 'dev',
};

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Every file under dir except the one allowed to hold secrets. */
function otherFiles(dir: string, except: string): string[] {
	return fs
		.readdirSync(dir, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name))
		.filter(file => file !== except);
}

test('local is built in, listed first and the default', () => {
	const store = openProfileStore(tempHome());
	assert.deepEqual(store.list(), [{name: 'local', kind: 'local'}]);
	assert.deepEqual(store.get('local'), {name: 'local', kind: 'local'});
	assert.equal(store.defaultProfile(), 'local');
	assert.throws(() => store.remove('local'), /built in/);
});

test('profiles CRUD: save, get, list order, default, remove', () => {
	const home = tempHome();
	const store = openProfileStore(home);
	store.save(acme, secret);
	store.save({...acme, name: 'acme-prod', sandboxName: 'prod'}, 'another-secret-1234');
	assert.deepEqual(
		store.list().map(p => p.name),
		['local', 'acme-dev', 'acme-prod'],
	);
	assert.deepEqual(store.get('acme-dev'), acme);
	assert.equal(store.secret('acme-dev'), secret);

	store.setDefault('acme-prod');
	assert.equal(openProfileStore(home).defaultProfile(), 'acme-prod', 'the default survives reopening');
	assert.throws(() => store.setDefault('nope'), /no profile "nope"/);

	// Saving without a secret keeps the stored one.
	store.save({...acme, scopes: 'openid'});
	assert.equal(store.secret('acme-dev'), secret);
	assert.equal((store.get('acme-dev') as AdobeProfile).scopes, 'openid');

	store.remove('acme-prod');
	assert.equal(store.get('acme-prod'), undefined);
	assert.equal(store.secret('acme-prod'), undefined);
	assert.equal(store.defaultProfile(), 'local', 'removing the default falls back to local');
});

test('secrets and tokens live only in the conf file, which is mode 0600 after every write', () => {
	const home = tempHome();
	const store = openProfileStore(home);
	assert.equal(store.path, path.join(home, 'profiles.json'));
	assert.equal(mode(store.path), 0o600, 'created 0600');
	fs.chmodSync(store.path, 0o644);
	store.save(acme, secret);
	assert.equal(mode(store.path), 0o600, 'forced back to 0600 by save');
	const cache = store.tokenCache('acme-dev');
	fs.chmodSync(store.path, 0o644);
	cache.set('k', {token: 'cached-token-abcdef', expiresAt: Date.now() + 60_000});
	assert.equal(mode(store.path), 0o600, 'forced back to 0600 by a token write');
	assert.match(fs.readFileSync(store.path, 'utf8'), new RegExp(secret));

	for (const file of otherFiles(home, store.path)) {
		assert.doesNotMatch(fs.readFileSync(file, 'utf8'), new RegExp(secret), `${file} holds no secret`);
	}
	assert.equal(JSON.stringify(store.list()).includes(secret), false, 'list() never returns a secret');
	assert.equal(lastFour(store.secret('acme-dev')!), '***9f2a', 'display shows the last four only');
});

test('the persistent token cache survives reopening and is dropped when the profile changes', () => {
	const home = tempHome();
	const store = openProfileStore(home);
	store.save(acme, secret);
	const value = {token: 'tok-1234567890', expiresAt: Date.now() + 3_600_000};
	store.tokenCache('acme-dev').set('ims|key', value);
	assert.deepEqual(openProfileStore(home).tokenCache('acme-dev').get('ims|key'), value);
	assert.equal(store.tokenCache('other').get('ims|key'), undefined, 'caches are per profile');
	store.tokenCache('acme-dev').delete('ims|key');
	assert.equal(store.tokenCache('acme-dev').get('ims|key'), undefined);
	store.tokenCache('acme-dev').set('ims|key', value);
	store.save(acme, 'a-new-secret-value');
	assert.equal(store.tokenCache('acme-dev').get('ims|key'), undefined, 'new credentials, no stale token');
});

test('invalid fields are rejected with a message naming the field', () => {
	const store = openProfileStore(tempHome());
	const cases: [Partial<AdobeProfile>, string][] = [
		[{orgId: 'C6420AAF5CD2749D0A495C60'}, 'orgId'],
		[{orgId: 'XYZ@AdobeOrg'}, 'orgId'],
		[{sandboxName: 'Prod Sandbox'}, 'sandboxName'],
		[{clientId: ''}, 'clientId'],
		[{scopes: ' '}, 'scopes'],
		[{name: 'local'}, 'name'],
		[{name: '../evil'}, 'name'],
		[{platformUrl: 'not a url'}, 'platformUrl'],
	];
	for (const [change, field] of cases) {
		assert.throws(
			() => store.save({...acme, ...change}, secret),
			(error: unknown) => error instanceof ProfileError && error.field === field && error.message.startsWith(`${field}: `),
			`${JSON.stringify(change)} is rejected naming ${field}`,
		);
	}
	store.save({...acme, orgId: 'C6420AAF5CD2749D0A495C60@adobeOrg'}, secret);
	assert.equal(store.list().length, 2, 'the org id is accepted case-insensitively');
});

test('profileFromEnv lists missing variables, validates values, and fills hosts', () => {
	assert.deepEqual(profileFromEnv({AEP_CLIENT_ID: 'abc', AEP_SCOPES: 'openid'}), {missing: ['AEP_CLIENT_SECRET', 'AEP_ORG_ID', 'AEP_SANDBOX_NAME']});
	const env = {AEP_CLIENT_ID: acme.clientId, AEP_CLIENT_SECRET: secret, AEP_ORG_ID: acme.orgId, AEP_SCOPES: acme.scopes, AEP_SANDBOX_NAME: 'prod'};
	const result = profileFromEnv(env);
	assert.ok('profile' in result);
	assert.equal(result.profile.name, 'env');
	assert.equal(result.clientSecret, secret);
	const target = profileTarget(result.profile, result.clientSecret);
	assert.equal(target.imsUrl, 'https://ims-na1.adobelogin.com');
	assert.equal(target.platformUrl, 'https://platform.adobe.io');
	const local = profileFromEnv({...env, AEP_PLATFORM_URL: 'http://127.0.0.1:9999', AEP_IMS_URL: 'http://127.0.0.1:9999'});
	assert.ok('profile' in local && local.profile.platformUrl === 'http://127.0.0.1:9999');
	assert.throws(() => profileFromEnv({...env, AEP_ORG_ID: 'nope'}), /^ProfileError: AEP_ORG_ID: /);
});
