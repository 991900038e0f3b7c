// IMS token: issue, cache, renewal and the 401 refresh, against the local sandbox over real HTTP.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSandbox} from '../source/sandbox/index.js';
import {createPlatformClient, memoryTokenCache, PlatformError, tokenCacheKey, type Target} from '../source/api/index.js';
import {openProfileStore} from '../source/store/index.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let target: Target;

before(async () => {
	sandbox = await startSandbox({dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aep-api-token-')), demo: false});
	target = {imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials};
});

after(() => sandbox.close());

const imsCalls = () => sandbox.requestLog().filter(entry => entry.path.endsWith('/ims/token/v3')).length;

test('a token is fetched on demand and then served from the cache', async () => {
	const before = imsCalls();
	const client = createPlatformClient(target);
	const first = await client.token();
	assert.equal(imsCalls(), before + 1);
	assert.equal(await client.token(), first);
	await client.checkAccess();
	assert.equal(imsCalls(), before + 1, 'no second IMS request');
});

test('concurrent calls share one token request', async () => {
	const before = imsCalls();
	const client = createPlatformClient(target);
	const tokens = await Promise.all([client.token(), client.token(), client.checkAccess().then(() => client.token())]);
	assert.equal(new Set(tokens).size, 1);
	assert.equal(imsCalls(), before + 1);
});

test('a cached token with less than 5 minutes left is renewed', async () => {
	const cache = memoryTokenCache();
	const client = createPlatformClient(target, {tokenCache: cache});
	const old = await client.token();
	const key = tokenCacheKey(target);
	cache.set(key, {token: old, expiresAt: Date.now() + 4 * 60_000});
	const before = imsCalls();
	const renewed = await client.token();
	assert.notEqual(renewed, old);
	assert.equal(imsCalls(), before + 1);
	assert.ok(cache.get(key)!.expiresAt > Date.now() + 60 * 60_000, 'the new expiry comes from expires_in');
});

test('after a 401 the client fetches a new token once and the call succeeds', async () => {
	const client = createPlatformClient(target);
	const old = await client.token();
	sandbox.expireTokens();
	const mark = sandbox.requestLog().length;
	await client.checkAccess();
	const log = sandbox
		.requestLog()
		.slice(mark)
		.map(entry => `${entry.method} ${entry.status} ${entry.path.split('/').pop()}`);
	assert.deepEqual(log, ['GET 401 6499120c-0b15-42dc-936e-847ea3c24d72', 'POST 200 v3', 'GET 200 6499120c-0b15-42dc-936e-847ea3c24d72']);
	assert.notEqual(await client.token(), old);
});

test('the profile store keeps the token across clients', async () => {
	const store = openProfileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-api-token-home-')));
	await createPlatformClient(target, {tokenCache: store.tokenCache('local')}).token();
	const before = imsCalls();
	await createPlatformClient(target, {tokenCache: store.tokenCache('local')}).checkAccess();
	assert.equal(imsCalls(), before, 'the second client reused the stored token');
});

test('a wrong client secret fails with invalid_client and a clear sentence', async () => {
	const client = createPlatformClient({...target, clientSecret: 'definitely-wrong-secret'});
	await assert.rejects(client.checkAccess(), (error: unknown) => {
		assert.ok(error instanceof PlatformError);
		assert.equal(error.code, 'invalid_client');
		assert.equal(error.call, 'POST /ims/token/v3');
		assert.match(error.describe(), /^POST \/ims\/token\/v3 failed \(HTTP 400, invalid_client\): .*\. The client id or client secret is wrong/);
		assert.equal(error.describe().includes('definitely-wrong-secret'), false);
		return true;
	});
});

test('checkAccess names a wrong sandbox name or org id', async () => {
	const wrongSandbox = createPlatformClient({...target, sandboxName: 'no-such-sandbox'});
	await assert.rejects(wrongSandbox.checkAccess(), (error: unknown) => {
		assert.ok(error instanceof PlatformError);
		assert.deepEqual([error.status, error.code], [404, '2100-404']);
		assert.match(error.describe(), /sandbox name is wrong/);
		assert.ok(error.requestId, 'the Flow Service request id is kept');
		return true;
	});
	const wrongOrg = createPlatformClient({...target, orgId: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg'});
	await assert.rejects(wrongOrg.checkAccess(), (error: unknown) => error instanceof PlatformError && error.code === '403025' && /org id/.test(error.hint));
});
