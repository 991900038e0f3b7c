// Runs the built CLI (dist/cli.js; `npm test` builds it first) as a child process with a temporary home.
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const cliPath = new URL('../../dist/cli.js', import.meta.url).pathname;

export function tempHome(prefix = 'aep-cli-'): string {
	return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type CliResult = {code: number | null; stdout: string; stderr: string};

/** `interruptWhen`: send SIGINT (as Ctrl-C would) once stdout matches it. */
export function runCli(
	args: string[],
	options: {home: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; interruptWhen?: RegExp},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = {...process.env, AEP_SOURCE_HOME: options.home, NO_COLOR: '1', ...options.env};
		delete env['AEP_SOURCE_DEBUG'];
		const child = spawn(process.execPath, [cliPath, ...args], {env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let interrupted = false;
		child.stdout.on('data', chunk => {
			stdout += chunk;
			if (options.interruptWhen && !interrupted && options.interruptWhen.test(stdout)) {
				interrupted = true;
				child.kill('SIGINT');
			}
		});
		child.stderr.on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`aep-source ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
		}, options.timeoutMs ?? 60_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}

/** The AEP_* variables of `--profile env` pointing at a running sandbox (never on the command line). */
export function envProfileOf(sandbox: {
	imsUrl: string;
	platformUrl: string;
	credentials: {clientId: string; clientSecret: string; orgId: string; scopes: string; sandboxName: string};
}): Record<string, string> {
	return {
		AEP_CLIENT_ID: sandbox.credentials.clientId,
		AEP_CLIENT_SECRET: sandbox.credentials.clientSecret,
		AEP_ORG_ID: sandbox.credentials.orgId,
		AEP_SCOPES: sandbox.credentials.scopes,
		AEP_SANDBOX_NAME: sandbox.credentials.sandboxName,
		AEP_IMS_URL: sandbox.imsUrl,
		AEP_PLATFORM_URL: sandbox.platformUrl,
	};
}
