// Explore against a third-party API that answers 404, 401, an HTML page or JSON Lines: the sandbox answers a 4xx
// that names the likely cause, so the platform client fails after one request (no retries, no "try again later").
// Every assertion counts requests in the third-party API's own log.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import {startSandbox, type RunningSandbox} from '../source/sandbox/index.js';
import {createPlatformClient, PlatformError, type PlatformClient} from '../source/api/index.js';
import {validateSpec} from '../source/connection-spec/index.js';
import {tempDir} from './helpers/sandbox-client.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';

let sandbox: RunningSandbox;
let client: PlatformClient;
let api: ThirdPartyApi;
const dataDir = tempDir('aep-explore-diagnosis-');

before(async () => {
	api = await startThirdPartyApi();
	sandbox = await startSandbox({dataDir});
	// A short retry delay: had the sandbox answered 5xx, the client would have retried (and the log would show it).
	client = createPlatformClient({imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials}, {retry: {baseDelayMs: 1}});
});

after(async () => {
	await sandbox.close();
	await api.close();
	rmSync(dataDir, {recursive: true, force: true});
});

async function exploreFailure(path: string, accessToken = api.token): Promise<PlatformError> {
	const spec = ticketsSpec('links') as {name: string; sourceSpec: {attributes: {urlParams: {path: string}}}};
	spec.name = `Diagnosis ${path} ${Date.now()}`;
	spec.sourceSpec.attributes.urlParams.path = path;
	const created = await client.connectionSpecs.create(spec as never);
	const base = await client.connections.create({
		name: 'base',
		connectionSpec: {id: created.id, version: '1.0'},
		auth: {specName: 'OAuth2 Refresh Code', params: {host: api.url, accessToken}},
	});
	const error = await client.connections.explore(base.id, {}).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	assert.ok(error instanceof PlatformError, `explore failed with a PlatformError, got ${String(error)}`);
	return error;
}

function assertOneRequest(path: string, before: number): void {
	assert.equal(api.requestsTo(path).length - before, 1, `exactly one request reached ${path}`);
}

test('a path that answers 404: a 400 naming the path, in one request', async () => {
	const before = api.requestsTo('/api/v2/no-such-thing').length;
	const error = await exploreFailure('/api/v2/no-such-thing');
	assert.equal(error.status, 400);
	assert.match(error.describe(), /answered 404/);
	assert.match(error.describe(), /has nothing at this path: check urlParams\.path/);
	assert.match(error.describe(), /InvalidEndpoint/, 'the first bytes of the body are shown');
	assert.doesNotMatch(error.describe(), /try again later|server error/);
	assertOneRequest('/api/v2/no-such-thing', before);
});

test('credentials the source refuses (401): a 400 naming the credentials, in one request, secret masked', async () => {
	const before = api.requestsTo('/api/v2/locked').length;
	const error = await exploreFailure('/api/v2/locked');
	assert.equal(error.status, 400);
	assert.match(error.describe(), /answered 401/);
	assert.match(error.describe(), /credentials/);
	assert.doesNotMatch(error.describe(), new RegExp(api.token));
	assert.doesNotMatch(error.describe(), /try again later/);
	assertOneRequest('/api/v2/locked', before);

	const wrongToken = 'wrong-token-0000';
	const beforeWrong = api.requestsTo('/api/v2/tickets').length;
	const wrong = await exploreFailure('/api/v2/tickets', wrongToken);
	assert.equal(wrong.status, 400);
	assert.match(wrong.describe(), /answered 401/);
	assert.doesNotMatch(wrong.describe(), new RegExp(wrongToken));
	assertOneRequest('/api/v2/tickets', beforeWrong);
});

test('an HTML page instead of JSON: a 400 that says it is HTML, in one request', async () => {
	const before = api.requestsTo('/api/v2/html').length;
	const error = await exploreFailure('/api/v2/html');
	assert.equal(error.status, 400);
	assert.match(error.describe(), /did not return valid JSON \(content-type text\/html\)/);
	assert.match(error.describe(), /HTML page, not the API/);
	assert.match(error.describe(), /Body starts: <!DOCTYPE html>/);
	assert.doesNotMatch(error.describe(), /try again later/);
	assertOneRequest('/api/v2/html', before);
});

test('a host where nothing listens: a 400 naming the host, not a platform outage', async () => {
	const spec = ticketsSpec('links') as {name: string};
	spec.name = `Refused ${Date.now()}`;
	const created = await client.connectionSpecs.create(spec as never);
	const base = await client.connections.create({
		name: 'base',
		connectionSpec: {id: created.id, version: '1.0'},
		auth: {specName: 'OAuth2 Refresh Code', params: {host: 'http://127.0.0.1:9', accessToken: api.token}},
	});
	const refused = await client.connections.explore(base.id, {}).then(
		() => undefined,
		(caught: unknown) => caught as PlatformError,
	);
	assert.equal(refused?.status, 400);
	assert.match(refused?.describe() ?? '', /Nothing is listening at that host and port/);
});

test('lint warns about a loopback or private urlParams.host, and only about those', () => {
	const withHost = (host: string) => {
		const spec = ticketsSpec('links') as {sourceSpec: {attributes: {urlParams: Record<string, unknown>}}};
		spec.sourceSpec.attributes.urlParams.host = host;
		return validateSpec(spec).warnings.filter(finding => finding.rule === 'private-host');
	};
	for (const host of [
		'http://127.0.0.1:4010',
		'http://localhost:8080',
		'https://10.1.2.3',
		'https://192.168.0.10/api',
		'http://[::1]:3000',
		'https://printer.local',
	]) {
		assert.equal(withHost(host).length, 1, host);
		assert.match(withHost(host)[0]!.message, /Adobe's servers cannot reach it/);
	}
	for (const host of ['https://api.example.com', 'https://${domain}.api.example.com', 'https://172.32.0.1', 'https://8.8.8.8'])
		assert.equal(withHost(host).length, 0, host);
});
