import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {callSandbox, flowService, getToken, restStorageToAep, startTestSandbox, type TestSandbox} from './helpers/sandbox-client.js';

let t: TestSandbox;
before(async () => {
	t = await startTestSandbox({tokenTtlSeconds: 3600});
});
after(async () => {
	await t.close();
});

const flowSpecPath = `${flowService}/flowSpecs/${restStorageToAep}`;

async function ims(form: Record<string, string>, query = ''): Promise<{status: number; body: any}> {
	const response = await fetch(`${t.sandbox.imsUrl}/ims/token/v3${query}`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams(form),
	});
	return {status: response.status, body: await response.json()};
}

test('IMS issues a bearer token for the right credentials (form body or query parameters)', async () => {
	const {clientId, clientSecret, scopes} = t.sandbox.credentials;
	const answer = await ims({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes});
	assert.equal(answer.status, 200);
	assert.equal(answer.body.token_type, 'bearer');
	assert.equal(answer.body.expires_in, 3600);
	assert.equal(typeof answer.body.access_token, 'string');
	const byQuery = await ims({}, `?${new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes})}`);
	assert.equal(byQuery.status, 200);
});

test('IMS errors are OAuth-style', async () => {
	const {clientId, clientSecret, scopes} = t.sandbox.credentials;
	const cases: [Record<string, string>, number, string][] = [
		[{client_id: clientId, client_secret: clientSecret, scope: scopes}, 400, 'unsupported_grant_type'],
		[{grant_type: 'password', client_id: clientId, client_secret: clientSecret, scope: scopes}, 400, 'unsupported_grant_type'],
		[{grant_type: 'client_credentials', client_id: clientId, scope: scopes}, 400, 'invalid_request'],
		[{grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong', scope: scopes}, 400, 'invalid_client'],
		[{grant_type: 'client_credentials', client_id: 'someone-else', client_secret: clientSecret, scope: scopes}, 400, 'invalid_client'],
	];
	for (const [form, status, error] of cases) {
		const answer = await ims(form);
		assert.equal(answer.status, status, JSON.stringify(form));
		assert.equal(answer.body.error, error);
		assert.equal(typeof answer.body.error_description, 'string');
		assert.doesNotMatch(answer.body.error_description, new RegExp(clientSecret));
	}
});

test('gateway header checks answer the documented codes, in order', async () => {
	const cases: [Record<string, string | undefined>, number, string][] = [
		[{authorization: undefined}, 403, '403010'],
		[{authorization: 'Bearer not-a-token'}, 401, '401013'],
		[{'x-api-key': undefined}, 403, '403000'],
		[{'x-api-key': 'other-client'}, 403, '403003'],
		[{'x-gw-ims-org-id': undefined}, 400, '400003'],
		[{'x-gw-ims-org-id': 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg'}, 403, '403025'],
		// Authorization is checked first, whatever else is missing.
		[{authorization: undefined, 'x-api-key': undefined, 'x-gw-ims-org-id': undefined}, 403, '403010'],
	];
	for (const [headers, status, code] of cases) {
		const answer = await t.call('GET', flowSpecPath, {headers});
		assert.equal(answer.status, status, JSON.stringify(headers));
		assert.deepEqual(Object.keys(answer.body).sort(), ['error_code', 'message']);
		assert.equal(answer.body.error_code, code);
	}
});

test('sandbox header: missing → FLOW-2105-400, unknown → FLOW-2100-404; prod and the configured one exist', async () => {
	const missing = await t.call('GET', flowSpecPath, {headers: {'x-sandbox-name': undefined}});
	assert.equal(missing.status, 400);
	assert.equal(missing.body.type, 'https://ns.adobe.com/aep/errors/FLOW-2105-400');
	assert.equal(missing.body.title, 'Header is missing');
	assert.equal(typeof missing.body.report['request-id'], 'string');
	const unknown = await t.call('GET', flowSpecPath, {headers: {'x-sandbox-name': 'nope'}});
	assert.equal(unknown.status, 404);
	assert.equal(unknown.body.type, 'https://ns.adobe.com/aep/errors/FLOW-2100-404');
	assert.equal((await t.call('GET', flowSpecPath, {headers: {'x-sandbox-name': 'prod'}})).status, 200);
});

test('a body without a JSON Content-Type gets the problem body of', async () => {
	for (const type of [undefined, 'text/plain']) {
		const answer = await t.call('POST', `${flowService}/connectionSpecs`, {raw: '{}', headers: {'content-type': type}});
		assert.equal(answer.status, 400);
		assert.deepEqual(answer.body, {type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified'});
	}
});

test('expireTokens and the token lifetime both invalidate tokens with 401 401013', async () => {
	const headers = {...t.headers, authorization: `Bearer ${await getToken(t.sandbox)}`};
	assert.equal((await callSandbox(t.sandbox.url, headers, 'GET', flowSpecPath)).status, 200);
	t.sandbox.expireTokens();
	const expired = await callSandbox(t.sandbox.url, headers, 'GET', flowSpecPath);
	assert.equal(expired.status, 401);
	assert.equal(expired.body.error_code, '401013');
	t.token = await getToken(t.sandbox);
	t.headers['authorization'] = `Bearer ${t.token}`;

	const short = await startTestSandbox({tokenTtlSeconds: 0});
	try {
		const answer = await short.call('GET', flowSpecPath);
		assert.equal(answer.status, 401);
		assert.equal(answer.body.error_code, '401013');
	} finally {
		await short.close();
	}
});

test('seeded faults: 429 with Retry-After every 3rd request, then a burst of exactly two 503s', async () => {
	t.sandbox.setFaults({rateLimit: {every: 3, burst: 1, retryAfterSeconds: 7}, seed: 42});
	const statuses: number[] = [];
	for (let index = 0; index < 6; index++) {
		const answer = await t.call('GET', flowSpecPath);
		statuses.push(answer.status);
		if (answer.status === 429) {
			assert.equal(answer.headers.get('retry-after'), '7');
			assert.equal(answer.body.error_code, '429050');
		}
	}
	assert.deepEqual(statuses, [200, 200, 429, 200, 200, 429]);
	t.sandbox.setFaults({serverErrors: {status: 503, burst: 2, methods: ['GET']}});
	const burst = [];
	for (let index = 0; index < 3; index++) burst.push(await t.call('GET', flowSpecPath));
	assert.deepEqual(
		burst.map(answer => answer.status),
		[503, 503, 200],
	);
	assert.equal(burst[0]!.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1103-503');
	assert.equal(burst[0]!.body.status, 503);
	t.sandbox.setFaults(undefined);
	const log = t.sandbox.requestLog().filter(entry => entry.path === flowSpecPath);
	assert.deepEqual(
		log.slice(-3).map(entry => entry.status),
		[503, 503, 200],
	);
});
