// `aep-source sandbox`: runs the local Flow Service + IMS emulator (and the demo REST API) until Ctrl-C / SIGTERM.
import {once} from 'node:events';
import path from 'node:path';
import {demoCredentials} from '../sandbox/demo-source/index.js';
import {findRunningSandbox, SandboxBusyError, startSandbox, type RunningSandbox, type SandboxFaults} from '../sandbox/index.js';
import {aepHome} from '../store/home.js';
import {cutForEcho} from '../shared/errors.js';
import {UsageError, write} from './context.js';
import type {CommandBody} from './registry.js';

function describe(running: RunningSandbox, dataDir: string): string {
	const {credentials, demo} = running;
	const lines = [
		`Sandbox running at ${running.url}`,
		`  IMS token:      ${running.imsUrl}/ims/token/v3`,
		`  Platform:       ${running.platformUrl}/data/foundation/flowservice (also schemaregistry, catalog, conversion)`,
		...(demo ? [`  Demo source:    ${demo.url} (${demo.records} contacts, GET /v1/offset/contacts)`] : []),
		`  Data:           ${dataDir}`,
		'',
		'Credentials this sandbox accepts (local only):',
		`  client id (x-api-key): ${credentials.clientId}`,
		`  client secret:         ${credentials.clientSecret}`,
		`  org id:                ${credentials.orgId}`,
		`  sandbox name:          ${credentials.sandboxName}`,
		'  other sandbox:         prod',
		`  scopes:                ${credentials.scopes}`,
	];
	if (demo) {
		lines.push(
			'',
			'Demo source credentials (auth param host = the demo source URL):',
			`  OAuth2 Refresh Code:    accessToken ${demoCredentials.accessToken}`,
			`  Basic Authentication:   username ${demoCredentials.username}, password ${demoCredentials.password}`,
			`  API Key Authentication: authKey1 ${demoCredentials.apiKey} (header ${demoCredentials.apiKeyHeader})`,
		);
	}
	lines.push('', 'Press Ctrl-C to stop.');
	return lines.join('\n');
}

function faultsFrom(values: {latency?: number; 'rate-limit-every'?: number; 'fail-burst'?: string; seed?: number}): SandboxFaults | undefined {
	const faults: SandboxFaults = {};
	if (values.latency !== undefined) faults.latencyMs = values.latency;
	if (values['rate-limit-every'] !== undefined) faults.rateLimit = {every: values['rate-limit-every'], burst: 1, retryAfterSeconds: 1};
	if (values.seed !== undefined) faults.seed = values.seed;
	if (values['fail-burst'] !== undefined) {
		const match = /^(500|502|503|504):(\d+)$/.exec(values['fail-burst']);
		if (!match)
			throw new UsageError(`--fail-burst takes STATUS:COUNT with STATUS 500, 502, 503 or 504 (got "${cutForEcho(values['fail-burst'], 60)}").`, {
				hint: 'Run "aep-source sandbox --help" to see its options.',
			});
		faults.serverErrors = {status: Number(match[1]) as 500 | 502 | 503 | 504, burst: Number(match[2])};
	}
	return Object.keys(faults).length > 0 ? faults : undefined;
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
async function untilStopped(): Promise<void> {
	const controller = new AbortController();
	await Promise.race([once(process, 'SIGINT', {signal: controller.signal}), once(process, 'SIGTERM', {signal: controller.signal})]).finally(() =>
		controller.abort(),
	);
}

const sandbox: CommandBody<'sandbox'> = async (ctx, {flags: values}) => {
	const port = values.port;
	const records = values.records;
	const dataDir = path.resolve(values.data ?? path.join(aepHome(ctx.env), 'sandbox'));
	const tokenTtlSeconds = values['token-ttl'];
	const faults = faultsFrom(values);
	let running: RunningSandbox;
	try {
		running = await startSandbox({
			dataDir,
			...(port === undefined ? {} : {port}),
			...(values['client-id'] === undefined ? {} : {clientId: values['client-id']}),
			...(values['client-secret'] === undefined ? {} : {clientSecret: values['client-secret']}),
			...(records === undefined ? {} : {demo: {records}}),
			...(tokenTtlSeconds === undefined ? {} : {tokenTtlSeconds}),
			...(faults ? {faults} : {}),
			runTiming: values.realistic ? 'realistic' : 'immediate',
		});
	} catch (error) {
		// Already served (by the wizard, run, or another "aep-source sandbox"): say where, so it can be used as is.
		const running = error instanceof SandboxBusyError ? await findRunningSandbox(dataDir, error.ownerPid, 1000) : undefined;
		write(
			ctx.stderr,
			running
				? `aep-source sandbox: a sandbox for ${dataDir} is already running at ${running.url} (pid ${running.pid}); use that one, or stop it first.`
				: `aep-source sandbox: ${(error as Error).message}`,
		);
		return 1;
	}
	write(ctx.stdout, describe(running, dataDir));
	await untilStopped();
	await running.close();
	const failed = running.failedWrites();
	if (failed > 0) {
		write(ctx.stderr, `aep-source sandbox: ${failed} change(s) could not be saved during this session (each was answered 500; the causes are above).`);
		return 1;
	}
	write(ctx.stdout, 'Sandbox stopped.');
	return 0;
};

export default sandbox;
