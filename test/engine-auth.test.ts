import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {EngineError, previewSourceSpec, streamRecords, type EngineOptions} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, demoCredentials, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';

let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: 120});
});
after(() => demo.close());

const spec = demoConnectionSpec({pagination: 'OFFSET', limit: 50});

async function collect(options: Partial<EngineOptions> & {authParams: Record<string, unknown>}) {
	return previewSourceSpec({spec, sourceParams: {}, maxPages: Number.POSITIVE_INFINITY, ...options});
}

async function rejection(options: EngineOptions): Promise<EngineError> {
	try {
		for await (const _ of streamRecords(options)) {
			// drain
		}
	} catch (error) {
		assert.ok(error instanceof EngineError, `an EngineError, got ${String(error)}`);
		return error;
	}
	assert.fail('expected the run to fail');
}

test('OAuth2RefreshCode sends the access token as a Bearer token', async () => {
	const {records, error} = await collect({authParams: demoAuthParams(demo.url, 'OAuth2RefreshCode')});
	assert.equal(error, undefined);
	assert.equal(records.length, 120);
	assert.equal(demo.recentRequests().at(-1)?.headers.authorization, `Bearer ${demoCredentials.accessToken}`);
});

test('BasicAuthentication is chosen by name and sends base64(username:password)', async () => {
	const {records, error} = await collect({authSpecName: 'Basic Authentication', authParams: demoAuthParams(demo.url, 'BasicAuthentication')});
	assert.equal(error, undefined);
	assert.equal(records.length, 120);
	const expected = `Basic ${Buffer.from('demo:demo-password').toString('base64')}`;
	assert.equal(demo.recentRequests().at(-1)?.headers.authorization, expected);
});

test('KeyBased is chosen by type (any case) and sends authKey1 in its headerParamName header', async () => {
	const {records, error} = await collect({authSpecName: 'keybased', authParams: demoAuthParams(demo.url, 'KeyBased')});
	assert.equal(error, undefined);
	assert.equal(records.length, 120);
	const last = demo.recentRequests().at(-1)!;
	assert.equal(last.headers['x-api-key'], demoCredentials.apiKey);
	assert.equal(last.headers.authorization, undefined);
});

test('a wrong credential of each type is an EngineError "source-auth" that does not leak it', async () => {
	const cases: [string, Record<string, unknown>, string][] = [
		['OAuth2 Refresh Code', {host: demo.url, accessToken: 'wrong-token-0001'}, 'wrong-token-0001'],
		['Basic Authentication', {host: demo.url, username: 'demo', password: 'wrong-password-0002'}, 'wrong-password-0002'],
		['API Key Authentication', {host: demo.url, authKey1: 'wrong-key-0003'}, 'wrong-key-0003'],
	];
	for (const [authSpecName, authParams, secret] of cases) {
		const error = await rejection({spec, authSpecName, authParams, sourceParams: {}});
		assert.equal(error.code, 'source-auth', authSpecName);
		assert.equal(error.status, 401);
		assert.match(error.hint, /credentials/);
		const text = `${error.message} ${error.hint} ${error.url}`;
		assert.ok(!text.includes(secret), `${authSpecName}: ${text}`);
	}
});

test('an unknown authSpecName is a config error listing the choices', async () => {
	const error = await rejection({spec, authSpecName: 'Magic', authParams: demoAuthParams(demo.url), sourceParams: {}});
	assert.equal(error.code, 'config');
	assert.match(error.hint, /Basic Authentication/);
});

test('OAuth2RefreshCode refreshes an expired token once and goes on', async () => {
	const refreshing = await startDemoSource({records: 120, refreshTokens: true});
	try {
		const pages: boolean[] = [];
		const {records, result, error} = await previewSourceSpec({
			spec,
			authParams: {
				host: refreshing.url,
				accessToken: demoCredentials.accessToken,
				refreshToken: 'demo-refresh-token',
				accessTokenUrl: `${refreshing.url}/oauth/token`,
			},
			sourceParams: {},
			maxPages: Number.POSITIVE_INFINITY,
			onPage: page => pages.push(page.refreshed === true),
		});
		assert.equal(error, undefined, error?.message);
		assert.equal(records.length, 120);
		assert.deepEqual(pages, [false, true, false]);
		assert.equal(refreshing.tokenRefreshes(), 1);
		const token = refreshing.recentRequests().find(request => request.url === '/oauth/token');
		assert.equal(token?.method, 'POST');
		assert.equal(token?.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.ok(result!.pages.every(page => !page.url.includes('demo-')));
	} finally {
		await refreshing.close();
	}
});

test('a refresh that the token endpoint refuses is a "source-auth" error naming the refresh', async () => {
	const refreshing = await startDemoSource({records: 120, refreshTokens: true});
	try {
		const error = await rejection({
			spec,
			authParams: {
				host: refreshing.url,
				accessToken: demoCredentials.accessToken,
				refreshToken: 'stale-refresh-token',
				accessTokenUrl: `${refreshing.url}/oauth/token`,
			},
			sourceParams: {},
		});
		assert.equal(error.code, 'source-auth');
		assert.match(error.message, /refresh/);
		assert.ok(!error.message.includes('stale-refresh-token'));
	} finally {
		await refreshing.close();
	}
});

test('secrets never appear in page traces or error messages', async () => {
	const leaky = demoConnectionSpec({
		overrides: {
			urlParams: {path: '/v1/offset/contacts', method: 'GET', queryParams: {key: '${authKey1}', api_key: '${api_key}', list: '${listId}'}},
		},
		inputs: ['api_key', 'listId'],
	});
	const authParams = {host: demo.url, authKey1: demoCredentials.apiKey};
	const sourceParams = {api_key: 'source-secret-999', listId: 'list-42'};
	const {result, error} = await previewSourceSpec({spec: leaky, authSpecName: 'KeyBased', authParams, sourceParams, maxPages: 2});
	assert.equal(error, undefined);
	const urls = result!.pages.map(page => page.url).join('\n');
	assert.ok(!urls.includes(demoCredentials.apiKey) && !urls.includes('source-secret-999'), urls);
	assert.match(urls, /list=list-42/, 'ordinary params stay readable');
	const failed = await rejection({spec: leaky, authSpecName: 'KeyBased', authParams: {host: demo.url, authKey1: 'not-the-key-4444'}, sourceParams});
	const text = `${failed.message} ${failed.url} ${failed.hint}`;
	assert.ok(!text.includes('not-the-key-4444') && !text.includes('source-secret-999'), text);
});
