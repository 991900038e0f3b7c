import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {test} from 'node:test';
import {defaultSandboxCredentials} from '../source/sandbox/index.js';
import {tempDir} from './helpers/sandbox-client.js';

test('aep-source sandbox prints its URLs and credentials, serves a token, and exits 0 on SIGTERM', async () => {
	const env: NodeJS.ProcessEnv = {...process.env, AEP_SOURCE_HOME: tempDir()};
	delete env['CI'];
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'sandbox', '--port', '0', '--data', tempDir(), '--records', '5'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	try {
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', chunk => {
				output += String(chunk);
				if (output.includes('Press Ctrl-C')) resolve(/Sandbox running at (\S+)/.exec(output)![1]!);
			});
			child.once('exit', code => reject(new Error(`exited early (${code}): ${stderr}`)));
		});
		assert.match(output, /client secret:\s+sandbox-client-secret/);
		assert.match(output, /Demo source:\s+http:\/\/127\.0\.0\.1:\d+/);
		const {clientId, clientSecret, scopes} = defaultSandboxCredentials;
		const response = await fetch(`${url}/ims/token/v3`, {
			method: 'POST',
			body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes}),
		});
		assert.equal(response.status, 200);
		assert.equal(((await response.json()) as {token_type: string}).token_type, 'bearer');
		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const [code] = await exited;
		assert.equal(code, 0, stderr);
		assert.match(output, /Sandbox stopped/);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
});

test('aep-source sandbox --fail-burst injects that many errors, then serves normally; a bad fault flag exits 2', async () => {
	const env: NodeJS.ProcessEnv = {...process.env, AEP_SOURCE_HOME: tempDir()};
	delete env['CI'];
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'sandbox', '--port', '0', '--data', tempDir(), '--fail-burst', '503:2'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	try {
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', chunk => {
				output += String(chunk);
				if (output.includes('Press Ctrl-C')) resolve(/Sandbox running at (\S+)/.exec(output)![1]!);
			});
			child.once('exit', code => reject(new Error(`exited early (${code})`)));
		});
		const {clientId, clientSecret, scopes, orgId, sandboxName} = defaultSandboxCredentials;
		const token = await fetch(`${url}/ims/token/v3`, {
			method: 'POST',
			body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes}),
		});
		const {access_token: accessToken} = (await token.json()) as {access_token: string};
		const headers = {authorization: `Bearer ${accessToken}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			const response = await fetch(`${url}/data/foundation/flowservice/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72`, {headers});
			await response.arrayBuffer();
			statuses.push(response.status);
		}
		assert.deepEqual(statuses, [503, 503, 200]);
	} finally {
		child.kill('SIGKILL');
	}
	const bad = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'sandbox', '--fail-burst', '418:1'], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	bad.stderr.on('data', chunk => (stderr += String(chunk)));
	const [code] = await once(bad, 'exit');
	assert.equal(code, 2);
	assert.match(stderr, /--fail-burst takes STATUS:COUNT/);
});
