// The local sandbox: a Flow Service + IMS (+ Schema Registry, Catalog, Data Prep) emulator over node:http.
import type {AddressInfo} from 'node:net';
import {startDemoSource} from './demo-source/index.js';
import {catalogRoutes} from './catalog.js';
import {connectionRoutes} from './connections.js';
import {connectionSpecRoutes} from './connection-specs.js';
import type {SandboxContext} from './context.js';
import {dataPrepRoutes} from './data-prep.js';
import {FaultInjector} from './faults.js';
import {newEtag} from './ids.js';
import {TokenStore} from './ims.js';
import {flowRoutes} from './flows.js';
import {flowSpecRoutes} from './flow-specs.js';
import {restStorageToAep, restStorageToAepId} from './flow-spec-seed.js';
import {defaultSandboxCredentials, sandboxTenantId, type RunningSandbox, type SandboxOptions} from './options.js';
import {Router} from './router.js';
import {runRoutes} from './runs.js';
import {Scheduler} from './scheduler.js';
import {schemaRegistryRoutes} from './schema-registry.js';
import {createFrontServer, type LogEntry} from './server.js';
import {sourceTargetConnectionRoutes} from './source-target-connections.js';
import {StateStore} from './state-store.js';
import {publishAddress, withdrawAddress} from './running-sandbox.js';

export {defaultSandboxCredentials, type RunningSandbox, type SandboxFaults, type SandboxOptions, type SandboxCredentials} from './options.js';
export {SandboxBusyError, SandboxDataError} from './state-store.js';
export {findRunningSandbox, type SandboxAddress} from './running-sandbox.js';

function buildRouter(scheduler: () => Scheduler): Router {
	const router = new Router();
	router.add('flowservice', [
		...connectionSpecRoutes(),
		...flowSpecRoutes(),
		...connectionRoutes(),
		...sourceTargetConnectionRoutes(),
		...flowRoutes(),
		...runRoutes(scheduler),
	]);
	router.add('schemaregistry', schemaRegistryRoutes());
	router.add('catalog', catalogRoutes());
	router.add('conversion', dataPrepRoutes());
	return router;
}

async function listen(server: import('node:http').Server, port: number): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return (server.address() as AddressInfo).port;
}

async function startDemo(options: SandboxOptions): Promise<RunningSandbox['demo']> {
	if (options.demo === false) return undefined;
	const records = typeof options.demo === 'object' ? options.demo.records : undefined;
	const demo = await startDemoSource(records === undefined ? {} : {records});
	return {url: demo.url, records: demo.records, setFaults: faults => demo.setFaults(faults), close: () => demo.close()};
}

/** Starts the sandbox; rejects with a clear error when a data file is corrupt or the port is taken. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
	const store = await StateStore.open(options.dataDir, options.onStateWriteError ? {onWriteError: options.onStateWriteError} : {});
	if (!store.collections.flowSpecs.get(restStorageToAepId))
		await store.collectWrites(() => store.collections.flowSpecs.put({...restStorageToAep(), etag: newEtag()}));
	const credentials = {
		clientId: options.clientId ?? defaultSandboxCredentials.clientId,
		clientSecret: options.clientSecret ?? defaultSandboxCredentials.clientSecret,
		orgId: options.orgId ?? defaultSandboxCredentials.orgId,
		sandboxName: options.sandboxName ?? defaultSandboxCredentials.sandboxName,
		scopes: options.scopes ?? defaultSandboxCredentials.scopes,
	};
	let url = '';
	let scheduler: Scheduler | undefined;
	let demoUrl: string | undefined;
	const hooks: RunningSandbox['hooks'] = {};
	const routedToDemo = new Set<string>();
	const context: SandboxContext = {
		store,
		credentials,
		tenantId: sandboxTenantId,
		options,
		tokens: new TokenStore(options.tokenTtlSeconds ?? 86_399),
		hooks,
		scheduleFlow: flowId => scheduler?.schedule(flowId),
		baseUrl: () => url,
		sourceOrigin: specId => (options.routeSourcesToDemo || (specId !== undefined && routedToDemo.has(specId)) ? demoUrl : undefined),
		routeSources: (specId, api) => void (api === 'demo' ? routedToDemo.add(specId) : routedToDemo.delete(specId)),
	};
	scheduler = new Scheduler(context);
	const faults = new FaultInjector(options.faults);
	const log: LogEntry[] = [];
	const server = createFrontServer({context, router: buildRouter(() => scheduler!), faults, log});
	const demo = await startDemo(options);
	demoUrl = demo?.url;
	try {
		url = `http://127.0.0.1:${await listen(server, options.port ?? 0)}`;
	} catch (error) {
		await demo?.close();
		await store.close();
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new Error(`Port ${options.port} is already in use on 127.0.0.1. Pick another with --port, or 0 for any free port.`);
		throw error;
	}
	scheduler.start();
	publishAddress(options.dataDir, {pid: process.pid, url, credentials, ...(demo ? {demo: {url: demo.url, records: demo.records}} : {})});
	let closing: Promise<void> | undefined;
	return {
		url,
		imsUrl: url,
		platformUrl: url,
		credentials,
		...(demo ? {demo} : {}),
		setFaults: next => faults.set(next),
		expireTokens: () => context.tokens.expireAll(),
		routeSources: (specId, api) => context.routeSources(specId, api),
		hooks,
		requestLog: () => [...log],
		failedWrites: () => store.failedWrites,
		close: () => {
			closing ??= (async () => {
				await new Promise<void>(resolve => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				await scheduler!.close();
				await demo?.close();
				withdrawAddress(options.dataDir);
				await store.close();
			})();
			return closing;
		},
	};
}
