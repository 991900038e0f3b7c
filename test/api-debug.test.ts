// The --debug trace: useful lines, and no secret in any form, in the trace or in error messages.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {startSandbox} from '../source/sandbox/index.js';
import {getTemplate} from '../source/connection-spec/index.js';
import {createPlatformClient, debugSink, PlatformError, type Target} from '../source/api/index.js';
import {createMasker} from '../source/connection-spec/masker.js';
import {joinedPattern} from './helpers/regex.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let target: Target;

before(async () => {
	sandbox = await startSandbox({dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aep-api-debug-')), demo: false});
	target = {imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials};
});

after(() => sandbox.close());

/** Plain, URL-encoded, form-encoded and base64 forms of a secret. */
const forms = (secret: string) => [
	secret,
	encodeURIComponent(secret),
	new URLSearchParams({v: secret}).toString().slice(2),
	Buffer.from(secret).toString('base64'),
];

test('debugSink is off unless AEP_SOURCE_DEBUG is set, and writes one line per call', () => {
	const stream = new PassThrough();
	assert.equal(debugSink({}, stream), undefined);
	assert.equal(debugSink({AEP_SOURCE_DEBUG: '0'}, stream), undefined);
	const sink = debugSink({AEP_SOURCE_DEBUG: '1'}, stream)!;
	sink('hello');
	assert.equal(String(stream.read()), '[debug] hello\n');
});

test('masking hides credentials after Basic/Bearer but keeps the auth spec name "Basic Authentication"', () => {
	const masker = createMasker(['registered-secret']);
	const basic = Buffer.from('ann:pw').toString('base64');
	assert.equal(masker.text(`Authorization: Basic ${basic}`), 'Authorization: Basic ***');
	assert.equal(masker.text('authorization: Bearer eyJhbGciOi.x.y'), 'authorization: Bearer ***');
	assert.equal(masker.text('Use one of: "Basic Authentication" (BasicAuthentication).'), 'Use one of: "Basic Authentication" (BasicAuthentication).');
	assert.equal(masker.text('Bearer token for the demo API'), 'Bearer token for the demo API');
	assert.equal(masker.body('{"clientSecret":"abc","note":"registered-secret here"}'), '{"clientSecret":"***","note":"*** here"}');
	assert.equal(masker.text('client_secret=xyz&scope=openid'), 'client_secret=***&scope=openid');
});

test('a traced session never shows the client secret, the token or a base-connection password', async () => {
	const password = 'p@ss word+/=base-conn-PASSWORD';
	const stream = new PassThrough();
	const captured: Buffer[] = [];
	stream.on('data', chunk => captured.push(chunk as Buffer));
	const sink = debugSink({AEP_SOURCE_DEBUG: '1'}, stream)!;
	const client = createPlatformClient(target, {debug: sink, retry: {baseDelayMs: 1}});
	const errors: string[] = [];
	const attempt = async (work: () => Promise<unknown>) => {
		try {
			await work();
		} catch (error) {
			assert.ok(error instanceof PlatformError, String(error));
			errors.push(error.message, error.describe(), String(error.detail), String(error.stack));
		}
	};

	const token = await client.token();
	const spec = await client.connectionSpecs.create({...getTemplate('blank')!, name: `Debug trace ${Date.now()}`});
	client.addSecrets([password]);
	const auth = {specName: 'Basic Authentication', params: {host: 'https://api.example.com', username: 'ann', password}};
	const created = await client.connections.create({name: 'traced', connectionSpec: {id: spec.id, version: '1.0'}, auth});
	await client.connections.get(created.id);
	// Errors that echo what was sent: an unknown auth spec, a bad id, a wrong secret.
	await attempt(() => client.connections.create({name: 'bad', connectionSpec: {id: spec.id, version: '1.0'}, auth: {...auth, specName: `nope ${password}`}}));
	await attempt(() => client.connections.get(`missing-${password}`));
	sandbox.expireTokens();
	await attempt(() => client.flows.list({name: password}));
	const wrong = createPlatformClient({...target, clientSecret: `${target.clientSecret}-wrong`}, {debug: sink});
	await attempt(() => wrong.checkAccess());

	const trace = Buffer.concat(captured).toString('utf8');
	const newToken = await client.token();
	assert.ok(errors.length >= 2, 'some calls failed, so their messages are checked too');
	for (const secret of [target.clientSecret, `${target.clientSecret}-wrong`, token, newToken, password]) {
		for (const form of forms(secret)) {
			assert.equal(trace.includes(form), false, `trace leaks ${JSON.stringify(form)}`);
			for (const message of errors) assert.equal(message.includes(form), false, `error leaks ${JSON.stringify(form)}: ${message}`);
		}
	}
	// The trace is still useful: method, URL, status, duration, masked auth header, bodies.
	assert.match(
		trace,
		joinedPattern(
			/\[debug\] → POST http:\/\/127\.0\.0\.1:\d+\/ims\/token\/v3 \[.*content-type: application\/x-www-form-urlencoded.*\] /,
			/body=grant_type=client_credentials&client_id=aep-source-sandbox&client_secret=\*\*\*/,
		),
	);
	assert.match(
		trace,
		joinedPattern(
			/\[debug\] → GET http:\/\/127\.0\.0\.1:\d+\/data\/foundation\/flowservice\/connections\/[\w-]+ /,
			/\[accept: application\/json; authorization: Bearer \*\*\*; x-api-key: aep-source-sandbox; x-gw-ims-org-id: \S+; x-sandbox-name: \S+\]/,
		),
	);
	assert.match(trace, /\[debug\] ← 201 POST http:\/\/\S+\/connections \d+ms.* body=\{"id":"/);
	assert.match(trace, /\[debug\] ← 401 GET \S+\/flows\?property=name%3D%3D\*\*\* \d+ms/);
	assert.match(trace, /"password":"\*\*\*"/);
	assert.ok(
		errors.some(message => message.includes('"Basic Authentication"')),
		'error messages keep the auth spec name readable',
	);
});
