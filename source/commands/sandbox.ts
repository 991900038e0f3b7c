// `aep-source sandbox`: runs the local Flow Service + IMS emulator (and the demo REST API) until Ctrl-C / SIGTERM.
import {once} from 'node:events';
import path from 'node:path';
import {demoCredentials} from '../sandbox/demo-source/index.js';
import {startSandbox, type RunningSandbox, type SandboxFaults} from '../sandbox/index.js';
import {aepHome} from '../store/home.js';
import {parseFlags, withUsage} from './args.js';
import {UsageError, write, type Command} from './context.js';

const usage =
	'aep-source sandbox [--port N] [--data DIR] [--client-id X] [--client-secret Y] [--records N] [--realistic] [--token-ttl S] [--latency MS] [--rate-limit-every N] [--fail-burst STATUS:COUNT] [--seed N]';

const help = `Usage: ${usage}

Starts the local sandbox on 127.0.0.1: IMS (POST /ims/token/v3) and the platform APIs (Flow Service, Schema
Registry, Catalog, Data Prep under /data/foundation/...), plus the demo REST API to build a source against.
State is kept in --data (default $AEP_SOURCE_HOME/sandbox). Stop with Ctrl-C.

  --port N            Port of the sandbox (default 0: any free port)
  --data DIR          Where the sandbox keeps its state
  --client-id X       Client id (x-api-key) the sandbox accepts
  --client-secret Y   Client secret the sandbox accepts
  --records N         Number of contacts the demo API serves (default 250)

For demos of slow or flaky conditions (deterministic; --seed makes the latency jitter repeatable):
  --realistic         Delay dataflow runs as the real service does (first run ~15 s after it is due, ≥ 20 s running)
  --token-ttl S       Lifetime of issued access tokens in seconds (default 86399)
  --latency MS        Added latency on every platform call
  --rate-limit-every N  Every Nth platform call answers 429 with Retry-After
  --fail-burst STATUS:COUNT  The next COUNT platform calls answer STATUS (500, 502, 503 or 504)
  --seed N            Seed of the fault injection`;

function integerFlag(value: string | undefined, name: string, minimum: number): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < minimum) throw new UsageError(`--${name} must be an integer ≥ ${minimum} (got "${value}").\nUsage: ${usage}`);
	return number;
}

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

function faultsFrom(values: {latency?: string; 'rate-limit-every'?: string; 'fail-burst'?: string; seed?: string}): SandboxFaults | undefined {
	const faults: SandboxFaults = {};
	const latencyMs = integerFlag(values.latency, 'latency', 0);
	const every = integerFlag(values['rate-limit-every'], 'rate-limit-every', 1);
	const seed = integerFlag(values.seed, 'seed', 0);
	if (latencyMs !== undefined) faults.latencyMs = latencyMs;
	if (every !== undefined) faults.rateLimit = {every, burst: 1, retryAfterSeconds: 1};
	if (seed !== undefined) faults.seed = seed;
	if (values['fail-burst'] !== undefined) {
		const match = /^(500|502|503|504):(\d+)$/.exec(values['fail-burst']);
		if (!match) throw new UsageError(`--fail-burst takes STATUS:COUNT with STATUS 500, 502, 503 or 504 (got "${values['fail-burst']}").\nUsage: ${usage}`);
		faults.serverErrors = {status: Number(match[1]) as 500 | 502 | 503 | 504, burst: Number(match[2])};
	}
	return Object.keys(faults).length > 0 ? faults : undefined;
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
async function untilStopped(): Promise<void> {
	const controller = new AbortController();
	await Promise.race([once(process, 'SIGINT', {signal: controller.signal}), once(process, 'SIGTERM', {signal: controller.signal})]).finally(() => controller.abort());
}

const sandbox: Command = async ctx =>
	withUsage(ctx.stderr, async () => {
		if (ctx.argv.includes('--help') || ctx.argv.includes('-h')) {
			write(ctx.stdout, help);
			return 0;
		}
		const {values, positionals} = parseFlags(
			ctx.argv,
			{
				port: {type: 'string'},
				data: {type: 'string'},
				'client-id': {type: 'string'},
				'client-secret': {type: 'string'},
				records: {type: 'string'},
				realistic: {type: 'boolean'},
				'token-ttl': {type: 'string'},
				latency: {type: 'string'},
				'rate-limit-every': {type: 'string'},
				'fail-burst': {type: 'string'},
				seed: {type: 'string'},
			},
			usage,
		);
		if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
		const port = integerFlag(values.port, 'port', 0);
		const records = integerFlag(values.records, 'records', 0);
		const dataDir = path.resolve(values.data ?? path.join(aepHome(ctx.env), 'sandbox'));
		const tokenTtlSeconds = integerFlag(values['token-ttl'], 'token-ttl', 1);
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
			write(ctx.stderr, `aep-source sandbox: ${(error as Error).message}`);
			return 1;
		}
		write(ctx.stdout, describe(running, dataDir));
		await untilStopped();
		await running.close();
		write(ctx.stdout, 'Sandbox stopped.');
		return 0;
	});

export default sandbox;
