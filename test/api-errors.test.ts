// Error bodies and response shapes, against a tiny local HTTP server that answers canned bodies per path.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {createPlatformClient, PlatformError, type Target} from '../source/api/index.js';

type Canned = {status: number; body: unknown; headers?: Record<string, string>};
const answers = new Map<string, Canned>();
let server: http.Server;
let base = '';

before(async () => {
	server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const pathname = new URL(request.url ?? '/', 'http://x').pathname;
			const canned =
				pathname === '/ims/token/v3'
					? {status: 200, body: {access_token: 'stub-token-123456', token_type: 'bearer', expires_in: 86399}}
					: answers.get(pathname);
			const answer = canned ?? {status: 404, body: {error_code: '404', message: 'no canned answer'}};
			response.writeHead(answer.status, {'content-type': 'application/json', ...answer.headers});
			response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>(resolve => server.close(() => resolve())));

const target = (): Target => ({
	imsUrl: base,
	platformUrl: base,
	orgId: 'C6420AAF5CD2749D0A495C60@AdobeOrg',
	clientId: 'client-id',
	clientSecret: 'client-secret-value',
	scopes: 'openid',
	sandboxName: 'prod',
});

const flowSpecPath = '/data/foundation/flowservice/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72';

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof PlatformError, `a PlatformError, got ${String(error)}`);
		return error;
	}
	assert.fail('expected a PlatformError');
}

test('each gateway code becomes a PlatformError with its code, request id and a hint', async () => {
	const client = createPlatformClient(target(), {retry: {limit: 0}});
	const cases: [number, string, string, RegExp][] = [
		[403, '403010', 'Oauth token is missing.', /no access token/],
		[401, '401013', 'Oauth token is not valid', /invalid or expired/],
		[403, '403000', 'Api Key is required', /x-api-key header was missing/],
		[403, '403003', 'Api Key is invalid', /client id \(x-api-key\) is wrong/],
		[400, '400003', 'Missing header', /org id header \(x-gw-ims-org-id\) is missing/],
		[403, '403025', 'Profile is not valid', /not entitled for this organization/],
		[403, '403027', 'User region is missing', /product profile/],
	];
	for (const [status, code, message, hint] of cases) {
		answers.set(flowSpecPath, {status, body: {error_code: code, message}, headers: {'x-request-id': `req-${code}`}});
		const error = await failure(client.checkAccess());
		assert.equal(error.call, 'GET /flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72');
		assert.equal(error.status, status);
		assert.equal(error.code, code);
		assert.equal(error.requestId, `req-${code}`);
		assert.match(error.hint, hint, code);
		assert.equal(error.describe(), `${error.message} ${error.hint}`);
		assert.ok(error.message.includes(message.replace(/\.$/, '')), error.message);
	}
});

test('a Flow Service envelope gives the catalog code, the report request id and the matching hint', async () => {
	const client = createPlatformClient(target(), {retry: {limit: 0}});
	const envelope = (code: string, message: string) => ({
		type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
		title: 'Invalid request',
		status: Number(code.split('-')[1]),
		report: {'detailed-message': message, 'request-id': `rid-${code}`},
		errorMessage: message,
		errorDetails: message,
	});
	const connectionPath = '/data/foundation/flowservice/connections/c1';
	answers.set(connectionPath, {status: 400, body: envelope('1418-400', 'Connection c1 is used by 1 flow.')});
	const inUse = await failure(client.connections.delete('c1'));
	assert.deepEqual([inUse.call, inUse.status, inUse.code, inUse.requestId], ['DELETE /connections/c1', 400, '1418-400', 'rid-1418-400']);
	assert.match(
		inUse.describe(),
		/^DELETE \/connections\/c1 failed \(HTTP 400, 1418-400\): Connection c1 is used by 1 flow \(request id rid-1418-400\)\. .*delete the flows first/,
	);

	answers.set(flowSpecPath, {status: 404, body: envelope('2100-404', 'Sandbox dev2 was not found.')});
	assert.match((await failure(client.checkAccess())).hint, /sandbox name is wrong/);
	answers.set(flowSpecPath, {status: 403, body: envelope('2120-403', 'Insufficient permissions for this operation.')});
	assert.match((await failure(client.checkAccess())).hint, /product profile/);
	// The old etag body (docs/flow-service.md#etag-mismatch) has no code; a 412 means 1404-412.
	answers.set(connectionPath, {status: 412, body: {errorMessage: 'Supplied version=["a"] does not match the current version on entity=["b"]'}});
	const stale = await failure(client.connections.delete('c1'));
	assert.equal(stale.code, '1404-412');
	assert.match(stale.hint, /re-read it and retry/);
	// The content-type problem body (docs/flow-service.md#content-type-errors) keeps its detail.
	answers.set('/data/foundation/flowservice/flows', {
		status: 400,
		body: {type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified'},
	});
	const problem = await failure(client.flows.create({name: 'f'}));
	assert.equal(problem.code, undefined);
	assert.equal(problem.detail, 'A valid content-type must be specified');
	// A Schema Registry body keeps its XDM prefix and registry request id.
	answers.set('/data/foundation/schemaregistry/tenant/schemas', {
		status: 400,
		body: {
			type: 'http://ns.adobe.com/aep/errors/XDM-1521-400',
			title: 'Bad Request',
			status: 400,
			report: {registryRequestId: 'reg-1', 'detailed-message': 'Title not unique'},
			detail: 'Title not unique',
		},
	});
	const xdm = await failure(client.schemaRegistry.createSchema({title: 't'}));
	assert.deepEqual([xdm.code, xdm.requestId], ['XDM-1521-400', 'reg-1']);
	assert.match(xdm.hint, /unique title/);
});

test('an IMS OAuth error names the token call and says the client id or secret is wrong', async () => {
	const client = createPlatformClient({...target(), imsUrl: `${base}/bad-ims`}, {retry: {limit: 0}});
	answers.set('/bad-ims/ims/token/v3', {status: 401, body: {error: 'invalid_client', error_description: 'invalid client_id or client_secret'}});
	const error = await failure(client.token());
	assert.deepEqual([error.call, error.status, error.code], ['POST /ims/token/v3', 401, 'invalid_client']);
	assert.match(error.describe(), /client id or client secret is wrong/);
});

test('a changed response shape fails naming the call and the field path', async () => {
	const client = createPlatformClient(target(), {retry: {limit: 0}});
	answers.set(flowSpecPath, {
		status: 200,
		body: {items: [{id: 'x', name: 'RestStorageToAEP', sourceConnectionSpecIds: 'not-an-array'}]},
		headers: {'x-request-id': 'shape-1'},
	});
	const error = await failure(client.flowSpecs.get('6499120c-0b15-42dc-936e-847ea3c24d72'));
	assert.equal(error.code, 'unexpected-response');
	assert.equal(error.requestId, 'shape-1');
	assert.match(error.message, /^GET \/flowSpecs\/6499120c-0b15-42dc-936e-847ea3c24d72 failed .*field "items\.0\.sourceConnectionSpecIds": .*expected array/);

	answers.set('/data/foundation/flowservice/flows', {status: 201, body: {id: 'f1'}});
	assert.match((await failure(client.flows.create({name: 'f'}))).message, /POST \/flows failed .*field "etag"/);
	answers.set('/data/foundation/catalog/dataSets', {status: 201, body: ['not-a-ref']});
	assert.match((await failure(client.catalog.createDataset({name: 'd'}))).message, /POST \/dataSets failed .*@\/dataSets\//);
	answers.set('/data/foundation/flowservice/connections/c2', {status: 200, body: '<html>gateway page</html>'});
	assert.match((await failure(client.connections.get('c2'))).message, /GET \/connections\/c2 failed .*not JSON/);
	// Extra fields survive the parse.
	answers.set('/data/foundation/flowservice/connections/c3', {
		status: 200,
		body: {items: [{id: 'c3', connectionSpec: {id: 's', version: '1.0'}, futureField: {a: 1}}]},
	});
	assert.deepEqual((await client.connections.get('c3'))['futureField'], {a: 1});
});

test('a refused connection is reported with a network hint, not as a crash', async () => {
	const closed = http.createServer();
	await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
	const port = (closed.address() as AddressInfo).port;
	await new Promise<void>(resolve => closed.close(() => resolve()));
	const client = createPlatformClient({...target(), imsUrl: `http://127.0.0.1:${port}`}, {retry: {limit: 1, baseDelayMs: 1}});
	const error = await failure(client.token());
	assert.equal(error.code, 'ECONNREFUSED');
	assert.equal(error.status, undefined);
	assert.match(error.hint, /could not be reached/);
});
