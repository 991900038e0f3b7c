// Sandbox requests per second: 50 concurrent keep-alive clients GET the RestStorageToAEP flow spec from a sandbox
// running in its own process (so the load generator does not share its event loop).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Agent, request} from 'node:http';
import {cleanEnv} from './measure.js';
import type {Row} from './run.js';

function startSandboxProcess(dataDir: string): Promise<{url: string; output: string; stop: () => void}> {
	return new Promise((resolve, reject) => {
		const child = spawn('node', [path.resolve('dist/cli.js'), 'sandbox', '--port', '0', '--data', dataDir], {env: cleanEnv({AEP_SOURCE_HOME: dataDir}), stdio: ['ignore', 'pipe', 'inherit']});
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
		const agent = new Agent({keepAlive: true, maxSockets: clients});
		const url = new URL(`${sandbox.url}/data/foundation/flowservice/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72`);
		const headers = {authorization: `Bearer ${token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		const once = () =>
			new Promise<number>((resolve, reject) => {
				const req = request(url, {agent, headers}, res => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
				});
				req.on('error', reject);
				req.end();
			});
		const deadline = Date.now() + seconds * 1000;
		let done = 0;
		let failed = 0;
		const start = process.hrtime.bigint();
		await Promise.all(
			Array.from({length: clients}, async () => {
				while (Date.now() < deadline) {
					const status = await once();
					if (status === 200) done++;
					else failed++;
				}
			}),
		);
		const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
		agent.destroy();
		const rate = done / elapsed;
		return [{name: `Sandbox GET flow spec, ${clients} concurrent clients${failed ? ` (${failed} non-200!)` : ''}`, value: `${rate.toFixed(0)} req/s`, budget: '≥ 2,000 req/s', pass: rate >= 2000 && failed === 0}];
	} finally {
		sandbox.stop();
		rmSync(dataDir, {recursive: true, force: true});
	}
}
