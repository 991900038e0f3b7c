// Retries against the sandbox's seeded faults, and a lost answer through a local HTTP proxy.
import {test, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {startSandbox} from '../source/sandbox/index.js';
import {getTemplate} from '../source/connection-spec/index.js';
import {createPlatformClient, fixedIds, PlatformError, type Target} from '../source/api/index.js';
import {backoffDelay, standardRetryPolicy as defaultRetryPolicy, parseRetryAfter} from '../source/shared/retry.js';
import {seededRandom} from '../source/shared/seeded-random.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let target: Target;

before(async () => {
	sandbox = await startSandbox({dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aep-api-retry-')), demo: false});
	target = {imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials};
});

afterEach(() => sandbox.setFaults(undefined));
after(() => sandbox.close());

const fast = {retry: {baseDelayMs: 1}, seed: 7};
const flowSpecPath = `/data/foundation/flowservice/flowSpecs/${fixedIds.restStorageToAep}`;

/** Statuses the sandbox answered for one method + path since `mark`. */
function statuses(mark: number, method: string, pathEnd: string): number[] {
	return sandbox
		.requestLog()
		.slice(mark)
		.filter(entry => entry.method === method && entry.path.endsWith(pathEnd))
		.map(entry => entry.status);
}

test('a 429 burst is retried, honouring Retry-After over the backoff', async () => {
	const lines: string[] = [];
	// A huge base delay: only an honoured `Retry-After: 0` lets this finish at once.
	const client = createPlatformClient(target, {retry: {baseDelayMs: 60_000}, debug: line => lines.push(line)});
	await client.token();
	sandbox.setFaults({rateLimit: {burst: 2, retryAfterSeconds: 0}});
	const mark = sandbox.requestLog().length;
	const spec = await client.flowSpecs.get(fixedIds.restStorageToAep);
	assert.equal(spec.id, fixedIds.restStorageToAep);
	assert.deepEqual(statuses(mark, 'GET', flowSpecPath), [429, 429, 200]);
	assert.deepEqual(
		lines.filter(line => line.startsWith('retry ')).map(line => line.replace(/ of .* in/, ' in')),
		['retry 1/10 in 0ms after HTTP 429', 'retry 2/10 in 0ms after HTTP 429'],
	);
});

test('a 503 burst is retried with backoff until it succeeds', async () => {
	const client = createPlatformClient(target, fast);
	await client.token();
	sandbox.setFaults({serverErrors: {status: 503, burst: 3}});
	const mark = sandbox.requestLog().length;
	await client.checkAccess();
	assert.deepEqual(statuses(mark, 'GET', flowSpecPath), [503, 503, 503, 200]);
});

test('a permanent 503 gives up after the retry limit with a PlatformError', async () => {
	const client = createPlatformClient(target, {...fast, retry: {limit: 2, baseDelayMs: 1}});
	await client.token();
	sandbox.setFaults({serverErrors: {status: 503, burst: 1000}});
	const mark = sandbox.requestLog().length;
	await assert.rejects(client.checkAccess(), (error: unknown) => {
		assert.ok(error instanceof PlatformError);
		assert.deepEqual([error.status, error.code], [503, '1103-503']);
		assert.match(error.hint, /temporarily unavailable/);
		assert.match(error.message, /gave up after 2 retries over \d+\.\d s \(the retry limit\)/);
		return true;
	});
	assert.deepEqual(statuses(mark, 'GET', flowSpecPath), [503, 503, 503], 'one attempt + 2 retries');
});

test('the total time budget stops retries that would wait too long', async () => {
	const client = createPlatformClient(target, {retry: {maxTotalMs: 200}});
	await client.token();
	sandbox.setFaults({rateLimit: {burst: 5, retryAfterSeconds: 30}});
	const mark = sandbox.requestLog().length;
	await assert.rejects(client.checkAccess(), (error: unknown) => error instanceof PlatformError && error.status === 429);
	assert.deepEqual(statuses(mark, 'GET', flowSpecPath), [429]);
});

test('a POST is not repeated after an ambiguous 500 unless it can look for what it made first; it is after 503 1103 (not processed)', async () => {
	const client = createPlatformClient(target, fast);
	await client.token();
	const run = {flowId: 'no-such-flow', params: {windowStartTime: 0, windowEndTime: 1}};
	sandbox.setFaults({serverErrors: {status: 500, burst: 1, methods: ['POST']}});
	let mark = sandbox.requestLog().length;
	await assert.rejects(client.runs.create(run), (error: unknown) => {
		assert.ok(error instanceof PlatformError && error.status === 500);
		// Not retried, so never "retries were exhausted": the hint says why it was not repeated.
		assert.doesNotMatch(error.describe(), /exhausted|gave up|retries/);
		assert.match(error.hint, /not repeated because the platform may have acted on it/);
		return true;
	});
	assert.deepEqual(statuses(mark, 'POST', '/runs'), [500]);

	// A named flow is looked up by its name first; nothing carries it, so the POST was not processed and is sent again.
	const body = {
		name: `no such flow ${Date.now()}`,
		flowSpec: {id: fixedIds.restStorageToAep, version: '1.0'},
		sourceConnectionIds: ['x'],
		targetConnectionIds: ['y'],
	};
	sandbox.setFaults({serverErrors: {status: 500, burst: 1, methods: ['POST']}});
	mark = sandbox.requestLog().length;
	await assert.rejects(client.flows.create(body), (error: unknown) => error instanceof PlatformError && error.status === 400);
	assert.deepEqual(statuses(mark, 'POST', '/flows'), [500, 400]);
	assert.deepEqual(statuses(mark, 'GET', '/flows'), [200], 'one look-up by name between the two');

	sandbox.setFaults({serverErrors: {status: 503, burst: 1, methods: ['POST']}});
	mark = sandbox.requestLog().length;
	await assert.rejects(client.runs.create(run), (error: unknown) => error instanceof PlatformError && error.status === 400 && error.code === '1430-400');
	assert.deepEqual(statuses(mark, 'POST', '/runs'), [503, 400], 'retried once after 503 1103, then the real validation answer');
});

test('a POST /connectionSpecs whose answer was lost is not duplicated', async () => {
	// A real HTTP proxy in front of the sandbox: it forwards the first POST /connectionSpecs, lets the sandbox finish
	// it, then drops the client's socket instead of answering.
	let dropped = 0;
	const upstream = new URL(target.platformUrl);
	const proxy = http.createServer((request, response) => {
		const forward = http.request(
			{host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers},
			answer => {
				const chunks: Buffer[] = [];
				answer.on('data', chunk => chunks.push(chunk as Buffer));
				answer.on('end', () => {
					if (request.method === 'POST' && request.url?.endsWith('/connectionSpecs') && dropped === 0) {
						dropped += 1;
						request.socket.destroy();
						return;
					}
					response.writeHead(answer.statusCode ?? 502, answer.headers);
					response.end(Buffer.concat(chunks));
				});
			},
		);
		request.pipe(forward);
	});
	await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
	try {
		const proxied = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		const client = createPlatformClient({...target, platformUrl: proxied}, fast);
		const spec = {...getTemplate('blank')!, name: `Lost answer ${Date.now()}`};
		const mark = sandbox.requestLog().length;
		const created = await client.connectionSpecs.create(spec);
		assert.equal(dropped, 1, 'the first answer was really lost');
		assert.equal(created.name, spec.name);
		assert.deepEqual(statuses(mark, 'POST', '/connectionSpecs'), [201], 'exactly one POST reached the sandbox');
		const sameName = await client.connectionSpecs.findByName(spec.name);
		assert.deepEqual(
			sameName.map(s => s.id),
			[created.id],
		);
	} finally {
		await new Promise<void>(resolve => proxy.close(() => resolve()));
	}
});

test('Retry-After is read as seconds or an HTTP date; jitter is repeatable with a seed', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	assert.equal(parseRetryAfter('3', now), 3000);
	assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
	assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0);
	assert.equal(parseRetryAfter('soon', now), undefined);
	assert.equal(parseRetryAfter(undefined, now), undefined);
	const run = (seed: number) => [0, 1, 2, 3, 4, 5].map(retry => backoffDelay(defaultRetryPolicy, retry, seededRandom(seed)));
	assert.deepEqual(run(42), run(42));
	assert.notDeepEqual(run(42), run(43));
	for (const [retry, delay] of run(42).entries()) {
		assert.ok(delay >= 0 && delay <= Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** retry), `retry ${retry}: ${delay}`);
	}
});

/** A clock whose waits pass at once but are counted: a minute of retrying, checked in milliseconds. */
function virtualClock() {
	let now = 0;
	const waits: number[] = [];
	return {
		waits,
		elapsed: () => now,
		clock: {
			now: () => now,
			sleep: async (ms: number) => {
				waits.push(ms);
				now += ms;
			},
		},
	};
}

test('the standard policy rides out a 5-answer 503 burst and keeps an idempotent call going for at least 30 s, then says it gave up', async () => {
	const burst = virtualClock();
	const retried: string[] = [];
	const client = createPlatformClient(target, {clock: burst.clock, seed: 3});
	client.onRetry(event => retried.push(`${event.call} ${event.reason}`));
	await client.token();
	sandbox.setFaults({serverErrors: {status: 503, burst: 5}});
	await client.checkAccess();
	assert.deepEqual(retried, Array(5).fill(`GET /flowSpecs/${fixedIds.restStorageToAep} 503`), 'five retries, each reported');

	// A 503 that never ends: the windows grow 0.5, 1, 2, 4 … s up to 20 s each; the jitter is seeded, so repeatable.
	const endless = virtualClock();
	const worst = createPlatformClient(target, {clock: endless.clock, seed: 11});
	await worst.token();
	sandbox.setFaults({serverErrors: {status: 503, burst: 1000, methods: ['GET']}});
	await assert.rejects(worst.checkAccess(), (error: unknown) => {
		assert.ok(error instanceof PlatformError && error.status === 503);
		assert.match(error.message, /gave up after \d+ retries over \d+\.\d s/);
		assert.doesNotMatch(error.message, /exhausted/);
		return true;
	});
	assert.ok(endless.elapsed() >= 30_000 && endless.elapsed() <= 60_000, `kept trying for 30–60 s: ${endless.elapsed()} ms (${endless.waits.join(', ')})`);
	assert.ok(endless.waits.length >= 5, `at least five retries: ${endless.waits.join(', ')}`);
	for (const [retry, wait] of endless.waits.entries()) assert.ok(wait <= Math.min(20_000, 500 * 2 ** retry), `wait ${retry} within its window: ${wait}`);
});
