// `aep-source sandbox` as a real child process (the built dist/cli.js), for kill -9, permission and load tests.
import {spawn, type ChildProcess, type SpawnOptions} from 'node:child_process';
import {once} from 'node:events';
import {defaultSandboxCredentials} from '../../source/sandbox/index.js';
import {callSandbox, type Answer} from './sandbox-client.js';
import {cliPath} from './cli.js';

export type SandboxProcess = {
	child: ChildProcess;
	url: string;
	stderr: () => string;
	call(method: string, pathname: string, options?: {body?: unknown}): Promise<Answer>;
	/** Resolves with the exit code (or signal name). */
	exited: Promise<number | string>;
};

/**
 * Starts `aep-source sandbox --port 0 --data DIR`; resolves once it prints its URL and a token was issued.
 * `shell` wraps the command (e.g. `ulimit -f 400; exec "$@"`); `spawnOptions` may set uid/gid.
 */
export async function startSandboxProcess(
	dataDir: string,
	options: {shell?: string; spawnOptions?: SpawnOptions; extraArgs?: string[]} = {},
): Promise<SandboxProcess> {
	const args = [cliPath, 'sandbox', '--port', '0', '--data', dataDir, '--records', '5', ...(options.extraArgs ?? [])];
	const env = {...process.env, NO_COLOR: '1'};
	const child = options.shell
		? spawn('bash', ['-c', options.shell, 'sandbox', process.execPath, ...args], {env, stdio: ['ignore', 'pipe', 'pipe'], ...options.spawnOptions})
		: spawn(process.execPath, args, {env, stdio: ['ignore', 'pipe', 'pipe'], ...options.spawnOptions});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', chunk => (stdout += chunk));
	child.stderr!.on('data', chunk => (stderr += chunk));
	const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
	const url = await new Promise<string>((resolve, reject) => {
		const look = () => {
			const match = /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
			if (match) resolve(match[1]!);
		};
		child.stdout!.on('data', look);
		void exited.then(code => reject(new Error(`the sandbox exited (${code}) before it started.\nstderr: ${stderr}`)));
	});
	const {clientId, clientSecret, scopes, orgId, sandboxName} = defaultSandboxCredentials;
	const token = await fetch(`${url}/ims/token/v3`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes}),
	}).then(async response => ((await response.json()) as {access_token: string}).access_token);
	const headers = {authorization: `Bearer ${token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
	return {child, url, stderr: () => stderr, exited, call: (method, pathname, callOptions) => callSandbox(`${url}`, headers, method, pathname, callOptions)};
}
