// Sandbox requests per second: 50 concurrent keep-alive clients GET the RestStorageToAEP flow spec from a sandbox
// running in its own process (so the load generator does not share its event loop).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Agent, request} from 'node:http';
import {cleanEnv} from './measure.js';
import type {Row} from './run.js';
import {getTemplate} from '../source/connection-spec/index.js';

function startSandboxProcess(dataDir: string): Promise<{url: string; output: string; stop: () => void}> {
	return new Promise((resolve, reject) => {
		const child = spawn('node', [path.resolve('dist/cli.js'), 'sandbox', '--port', '0', '--data', dataDir], {
			env: cleanEnv({AEP_SOURCE_HOME: dataDir}),
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match && /client.?secret/i.test(output)) resolve({url: match[1]!, output, stop: () => child.kill('SIGTERM')});
		});
		child.on('exit', code => reject(new Error(`sandbox exited ${code}: ${output}`)));
	});
}

function pick(output: string, label: RegExp): string {
	const line = output.split('\n').find(l => label.test(l));
	if (!line) throw new Error(`sandbox output has no ${label}: ${output}`);
	return line.split(/:\s+/).slice(1).join(': ').trim();
}

type Load = {url: URL; headers: Record<string, string>; clients: number; seconds: number; expect: number; method?: string; body?: string};

/** `clients` keep-alive loops sending the same request for `seconds`; rate counts answers with the expected status. */
async function hammer(load: Load): Promise<{rate: number; failed: number}> {
	const agent = new Agent({keepAlive: true, maxSockets: load.clients});
	const once = () =>
		new Promise<number>((resolve, reject) => {
			const req = request(load.url, {agent, headers: load.headers, method: load.method ?? 'GET'}, res => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.on('error', reject);
			req.end(load.body);
		});
	const deadline = Date.now() + load.seconds * 1000;
	let done = 0;
	let failed = 0;
	const start = process.hrtime.bigint();
	await Promise.all(
		Array.from({length: load.clients}, async () => {
			while (Date.now() < deadline) {
				if ((await once()) === load.expect) done++;
				else failed++;
			}
		}),
	);
	const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
	agent.destroy();
	return {rate: done / elapsed, failed};
}

export async function benchSandboxThroughput(seconds = 5, clients = 50): Promise<Row[]> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aep-bench-sbx-'));
	const sandbox = await startSandboxProcess(dataDir);
	try {
		const clientId = pick(sandbox.output, /client id/i);
		const clientSecret = pick(sandbox.output, /client secret/i);
		const orgId = pick(sandbox.output, /org id/i);
		const sandboxName = pick(sandbox.output, /sandbox name/i);
		const form = new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'openid'});
		const tokenResponse = await fetch(`${sandbox.url}/ims/token/v3`, {method: 'POST', body: form});
		const {access_token: token} = (await tokenResponse.json()) as {access_token: string};
		const headers = {authorization: `Bearer ${token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		const base = `${sandbox.url}/data/foundation/flowservice`;
		const reads = await hammer({url: new URL(`${base}/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72`), headers, clients, seconds, expect: 200});
		const readRow: Row = {
			name: `Sandbox GET flow spec, ${clients} concurrent clients${reads.failed ? ` (${reads.failed} non-200!)` : ''}`,
			value: `${reads.rate.toFixed(0)} req/s`,
			budget: '≥ 2,000 req/s',
			pass: reads.rate >= 2000 && reads.failed === 0,
		};
		// Durable writes: each 201 is sent only after the new base connection is committed and flushed (docs/sandbox-state.md).
		const specResponse = await fetch(`${base}/connectionSpecs`, {
			method: 'POST',
			headers: {...headers, 'content-type': 'application/json'},
			body: JSON.stringify(getTemplate('demo')),
		});
		const specId = ((await specResponse.json()) as {id: string}).id;
		const connection = JSON.stringify({
			name: 'bench',
			connectionSpec: {id: specId, version: '1.0'},
			auth: {specName: 'Basic Authentication', params: {username: 'u', password: 'p', host: 'http://127.0.0.1:9'}},
		});
		const writers = 20;
		const writes = await hammer({
			url: new URL(`${base}/connections`),
			headers: {...headers, 'content-type': 'application/json'},
			clients: writers,
			seconds,
			expect: 201,
			method: 'POST',
			body: connection,
		});
		const writeRow: Row = {
			name: `Sandbox acknowledged durable writes (POST base connection), ${writers} clients${writes.failed ? ` (${writes.failed} non-201!)` : ''}`,
			value: `${writes.rate.toFixed(0)} writes/s`,
			budget: '≥ 1,000 writes/s',
			pass: writes.rate >= 1000 && writes.failed === 0,
		};
		return [readRow, writeRow];
	} finally {
		sandbox.stop();
		rmSync(dataDir, {recursive: true, force: true});
	}
}
