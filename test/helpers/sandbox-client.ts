// Shared by the sandbox tests: start a sandbox on a temporary data dir and call it over real HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../source/sandbox/index.js';

export type Answer = {status: number; body: any; headers: Headers};

export type TestSandbox = {
	sandbox: RunningSandbox;
	dataDir: string;
	token: string;
	headers: Record<string, string>;
	/** Platform call with the four standard headers (override or drop one by passing `undefined`). */
	call(method: string, pathname: string, options?: {body?: unknown; raw?: string; headers?: Record<string, string | undefined>}): Promise<Answer>;
	close(): Promise<void>;
};

export function tempDir(prefix = 'aep-sandbox-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function getToken(sandbox: RunningSandbox): Promise<string> {
	const {clientId, clientSecret, scopes} = sandbox.credentials;
	const response = await fetch(`${sandbox.imsUrl}/ims/token/v3`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes}),
	});
	const body = (await response.json()) as {access_token: string};
	return body.access_token;
}

export async function callSandbox(
	url: string,
	headers: Record<string, string>,
	method: string,
	pathname: string,
	options: {body?: unknown; raw?: string; headers?: Record<string, string | undefined>} = {},
): Promise<Answer> {
	const merged: Record<string, string> = {...headers};
	const hasBody = options.body !== undefined || options.raw !== undefined;
	if (hasBody) merged['content-type'] = 'application/json';
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value === undefined) delete merged[name];
		else merged[name] = value;
	}
	const response = await fetch(`${url}${pathname}`, {
		method,
		headers: merged,
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
	});
	const text = await response.text();
	return {status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers};
}

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
	const dataDir = options.dataDir ?? tempDir();
	const sandbox = await startSandbox({demo: false, ...options, dataDir});
	const token = await getToken(sandbox);
	const headers = {
		authorization: `Bearer ${token}`,
		'x-api-key': sandbox.credentials.clientId,
		'x-gw-ims-org-id': sandbox.credentials.orgId,
		'x-sandbox-name': sandbox.credentials.sandboxName,
	};
	return {
		sandbox,
		dataDir,
		token,
		headers,
		call: (method, pathname, callOptions) => callSandbox(sandbox.platformUrl, headers, method, pathname, callOptions),
		close: () => sandbox.close(),
	};
}

export const flowService = '/data/foundation/flowservice';
export const restStorageToAep = '6499120c-0b15-42dc-936e-847ea3c24d72';
export const dataLakeSpec = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
