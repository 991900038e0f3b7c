import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {EngineError, previewSourceSpec, streamRecords, type EngineOptions} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';

let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: 120});
});
afterEach(() => demo.setFaults({}));
after(() => demo.close());

function options(extra: Partial<EngineOptions> = {}): EngineOptions {
	return {
		spec: demoConnectionSpec({pagination: 'OFFSET', limit: 50}),
		authParams: demoAuthParams(demo.url),
		sourceParams: {},
		maxPages: Number.POSITIVE_INFINITY,
		retryBaseDelayMs: 1,
		...extra,
	};
}

async function failure(engineOptions: EngineOptions): Promise<{error: EngineError; records: number}> {
	let records = 0;
	try {
		for await (const _ of streamRecords(engineOptions)) records++;
	} catch (error) {
		assert.ok(error instanceof EngineError, `an EngineError, got ${String(error)}`);
		return {error, records};
	}
	assert.fail('expected the run to fail');
}

test('malformed JSON on the second page is a "source-json" error after the first page\'s records', async () => {
	demo.setFaults({malformedJsonAt: 2});
	const {error, records} = await failure(options());
	assert.equal(records, 50);
	assert.equal(error.code, 'source-json');
	assert.match(error.message, /did not return valid JSON/);
	assert.match(error.url ?? '', /offset=50/);
});

test('previewSourceSpec never throws: it returns the records so far and the error', async () => {
	demo.setFaults({malformedJsonAt: 1});
	const preview = await previewSourceSpec(options());
	assert.deepEqual(preview.records, []);
	assert.equal(preview.result, undefined);
	assert.equal(preview.error?.code, 'source-json');
});

test('a 5xx burst within the retry budget is retried and recorded in the trace', async () => {
	demo.setFaults({errorBurst: {status: 503, count: 2, after: 1}});
	const {records, result, error} = await previewSourceSpec(options());
	assert.equal(error, undefined);
	assert.equal(records.length, 120);
	assert.deepEqual(
		result!.pages.map(page => page.retries ?? 0),
		[0, 2, 0],
	);
});

test('a 5xx burst beyond the retry budget is a "source-http" error with status, URL and body snippet', async () => {
	demo.setFaults({errorBurst: {status: 500, count: 5}});
	const {error} = await failure(options({retries: 1}));
	assert.equal(error.code, 'source-http');
	assert.equal(error.status, 500);
	assert.match(error.message, /answered 500: \{"error":"injected failure 500"\}/);
	assert.match(error.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1\/offset\/contacts\?limit=50&offset=0$/);
	assert.match(error.hint, /retry/);
});

test('a 429 waits for Retry-After and goes on', async () => {
	demo.setFaults({rateLimitEvery: 2});
	const {records, result, error} = await previewSourceSpec(options({maxPages: 2}));
	assert.equal(error, undefined);
	assert.equal(records.length, 100);
	assert.deepEqual(
		result!.pages.map(page => page.retries ?? 0),
		[0, 1],
	);
});

test('a 404 is "source-http" with a hint about the path', async () => {
	const spec = demoConnectionSpec({overrides: {urlParams: {path: '/v1/nowhere', method: 'GET'}}});
	const {error} = await failure(options({spec}));
	assert.equal(error.code, 'source-http');
	assert.equal(error.status, 404);
	assert.match(error.hint, /urlParams\.path/);
});

test('a refused connection is a "network" error and a slow source a "timeout"', async () => {
	const closed = await startDemoSource({records: 1});
	const url = closed.url;
	await closed.close();
	const refused = await failure(options({authParams: demoAuthParams(url)}));
	assert.equal(refused.error.code, 'network');
	assert.match(refused.error.hint, /host/);
	demo.setFaults({latencyMs: 500});
	const slow = await failure(options({timeoutMs: 50, retries: 0}));
	assert.equal(slow.error.code, 'timeout');
});

test('configuration problems are "config" errors that say what to fix', async () => {
	const noHost = await failure(options({authParams: {accessToken: 'demo-access-token'}}));
	assert.equal(noHost.error.code, 'config');
	assert.match(noHost.error.hint, /urlParams\.host or pass auth\.params\.host/);
	const placeholder = demoConnectionSpec({overrides: {urlParams: {path: '/v1/lists/${listId}/contacts', method: 'GET'}}, inputs: ['listId']});
	const missing = await failure(options({spec: placeholder}));
	assert.equal(missing.error.code, 'config');
	assert.match(missing.error.message, /\$\{listId\} in urlParams\.path has no value/);
	const badType = demoConnectionSpec({overrides: {paginationParams: {type: 'CURSOR'}}});
	assert.equal((await failure(options({spec: badType}))).error.code, 'config');
	const badLimit = demoConnectionSpec({overrides: {paginationParams: {type: 'OFFSET', limitName: 'limit', limitValue: 'ten', offSetName: 'offset'}}});
	const limit = await failure(options({spec: badLimit}));
	assert.match(limit.error.message, /paginationParams\.limitValue must be a whole number greater than 0/);
	assert.equal((await failure(options({spec: {}}))).error.code, 'config');
});

test('a source error body is masked before it is cut: a secret-named field across the 200-character cut never shows', async () => {
	const http = await import('node:http');
	const leaked = 'tok-live-SECRET-across-the-cut-1234567890';
	const server = http.createServer((_request, response) => {
		response.writeHead(404, {'content-type': 'application/json'});
		response.end(JSON.stringify({message: 'x'.repeat(160), access_token: leaked, detail: 'not found'}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	try {
		const {port} = server.address() as {port: number};
		const {error} = await failure(options({authParams: {...demoAuthParams(`http://127.0.0.1:${port}`)}, retries: 0}));
		const shown = `${error.message} ${error.hint ?? ''}`;
		assert.match(shown, /404/);
		for (const fragment of [leaked, leaked.slice(0, 12), 'tok-live']) assert.ok(!shown.includes(fragment), `"${fragment}" reached the message: ${shown}`);
	} finally {
		server.close();
	}
});
