// run under platform faults, as a user sees it: retries said out loud, no orphan after a lost answer, Ctrl-C.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {cliPath, envProfileOf, runCli, tempHome} from './helpers/cli.js';
import {getToken} from './helpers/sandbox-client.js';
import {startSandbox} from '../source/sandbox/index.js';

test('run rides out a burst of five 503s and says which stage was retried and why', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx')});
	try {
		// What `aep-source sandbox --fail-burst 503:5` does: the next five platform calls answer 503.
		sandbox.setFaults({serverErrors: {status: 503, burst: 5}});
		// Short waits for the test only (the default first window is 500 ms); the count and the words are the same.
		const env = {...envProfileOf(sandbox), AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token', AEP_SOURCE_RETRY_BASE_MS: '1'};
		const result = await runCli(['run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`], {home, env});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^create-spec +ok +Registered connection spec \S+ \(\d+\.\ds, 5 retries after 503\)$/m);
		assert.match(result.stdout, /^append-flow-spec +ok +.*\(\d+\.\ds\)$/m, 'later stages had no retries and say none');
		assert.match(result.stdout, /Success: 250 records written/);
		const answered = sandbox
			.requestLog()
			.filter(entry => entry.path.startsWith('/data/'))
			.map(entry => entry.status);
		assert.deepEqual(answered.slice(0, 6), [503, 503, 503, 503, 503, 200], 'the sandbox really failed five calls');
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});

/** A real HTTP proxy in front of the sandbox that lets the first POST to each of `paths` reach it, then drops the answer. */
async function droppingProxy(platformUrl: string, paths: RegExp[]) {
	const dropped: string[] = [];
	const upstream = new URL(platformUrl);
	const proxy = http.createServer((request, response) => {
		const forward = http.request(
			{host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers},
			answer => {
				const chunks: Buffer[] = [];
				answer.on('data', chunk => chunks.push(chunk as Buffer));
				answer.on('end', () => {
					const pathname = new URL(request.url ?? '/', 'http://x').pathname;
					const match = paths.find(each => each.test(pathname));
					if (request.method === 'POST' && match && !dropped.includes(match.source)) {
						// The sandbox has acted (the object exists); the client never hears of it.
						dropped.push(match.source);
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
	return {url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, dropped, close: () => new Promise<void>(resolve => proxy.close(() => resolve()))};
}

test('when the answers to POST /connections, /flows and /dataSets are lost, run finds the objects by their stamped names and cleans them up', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx')});
	const proxy = await droppingProxy(sandbox.platformUrl, [/\/flowservice\/connections$/, /\/flowservice\/flows$/, /\/catalog\/dataSets$/]);
	try {
		const env = {...envProfileOf(sandbox), AEP_PLATFORM_URL: proxy.url, AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token', AEP_SOURCE_RETRY_BASE_MS: '1'};
		const result = await runCli(['run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`, '--json'], {home, env});
		assert.equal(proxy.dropped.length, 3, `three answers were really lost: ${proxy.dropped.join(', ')}`);
		assert.equal(result.code, 0, result.stderr);
		const summary = JSON.parse(result.stdout) as {run: {status: string; cleanedUp: boolean}};
		assert.deepEqual([summary.run.status, summary.run.cleanedUp], ['success', true]);

		const posts = (pathEnd: string) => sandbox.requestLog().filter(entry => entry.method === 'POST' && entry.path.endsWith(pathEnd)).length;
		assert.deepEqual([posts('/flowservice/connections'), posts('/flowservice/flows'), posts('/catalog/dataSets')], [1, 1, 1], 'no POST was repeated');
		const {clientId, orgId, sandboxName} = sandbox.credentials;
		const headers = {authorization: `Bearer ${await getToken(sandbox)}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		for (const collection of ['flows', 'connections', 'sourceConnections', 'targetConnections']) {
			const list = (await (await fetch(`${sandbox.platformUrl}/data/foundation/flowservice/${collection}`, {headers})).json()) as {items: unknown[]};
			assert.deepEqual(list.items, [], `${collection} left behind`);
		}
		const datasets = (await (await fetch(`${sandbox.platformUrl}/data/foundation/catalog/dataSets`, {headers})).json()) as Record<string, unknown>;
		assert.deepEqual(Object.keys(datasets), [], 'no dataset left behind');
		const draft = JSON.parse(readFileSync(path.join(home, 'drafts', 'demo.json'), 'utf8')) as {
			remote: Record<string, {ledger: {kind: string; deletedAt?: string}[]}>;
		};
		const ledger = draft.remote['env']!.ledger;
		for (const kind of ['connection', 'flow', 'dataset'])
			assert.ok(
				ledger.some(entry => entry.kind === kind && entry.deletedAt),
				`${kind} recorded and deleted`,
			);
	} finally {
		await proxy.close();
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('a second Ctrl-C quits at once and keeps the test objects in the ledger; the next run deletes them first', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx'), runTiming: 'realistic'});
	try {
		const env = {...process.env, ...envProfileOf(sandbox), AEP_SOURCE_HOME: home, NO_COLOR: '1', AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token'};
		const child = spawn(process.execPath, [cliPath, 'run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let sent = 0;
		child.stdout.on('data', chunk => {
			stdout += chunk;
			if (sent === 0 && /^dataflow +ok/m.test(stdout)) {
				// Slow every platform answer from now on: the clean-up is still deleting when the second Ctrl-C comes.
				sandbox.setFaults({latencyMs: 2_000});
				sent = 1;
				child.kill('SIGINT');
			}
		});
		child.stderr.on('data', chunk => {
			stderr += chunk;
			if (sent === 1 && /Stopping: deleting \d+ test object/.test(stderr)) {
				sent = 2;
				// A person's second press, a moment after the first.
				setTimeout(() => child.kill('SIGINT'), 500);
			}
		});
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		sandbox.setFaults(undefined);
		assert.equal(code, 130, stderr);
		assert.match(stderr, /Stopping: deleting 7 test object\(s\)… \(Ctrl-C again to quit now and keep them\)/);
		const kept = Number(/Quit\. Kept (\d+) test object\(s\) in the ledger of draft "demo" \(profile "env"\)/.exec(stderr)?.[1]);
		assert.ok(kept >= 6, `most objects kept: ${stderr}`);
		const draft = JSON.parse(readFileSync(path.join(home, 'drafts', 'demo.json'), 'utf8')) as {
			remote: Record<string, {ledger: {kind: string; deletedAt?: string}[]}>;
		};
		const open = draft.remote['env']!.ledger.filter(entry => !entry.deletedAt && entry.kind !== 'connectionSpec' && entry.kind !== 'mappingSet');
		assert.equal(open.length, kept, 'the ledger holds exactly the kept objects');
		assert.equal(existsSync(path.join(home, 'drafts', 'demo.run.lock')), false, 'the run lock is released');

		const next = await runCli(['run', 'demo', '--param', `host=${sandbox.demo!.url}`], {
			home,
			env: {...envProfileOf(sandbox), AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token'},
		});
		assert.equal(next.code, 0, next.stderr);
		assert.match(next.stdout, new RegExp(`${kept} object\\(s\\) left by an earlier attempt; deleting them first`));
		const {clientId, orgId, sandboxName} = sandbox.credentials;
		const headers = {authorization: `Bearer ${await getToken(sandbox)}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		const flows = (await (await fetch(`${sandbox.platformUrl}/data/foundation/flowservice/flows`, {headers})).json()) as {items: unknown[]};
		assert.deepEqual(flows.items, [], 'nothing left after the next run');
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});
