import type {DemoFaults} from './demo-source/index.js';
export type SandboxFaults = {
	/** Added to every answer (with `seed`, a reproducible jitter between half and all of it). */
	latencyMs?: number;
	/** 429 + Retry-After: `burst` answers starting at every `every`-th matching request (default: the first `burst`). */
	rateLimit?: {every?: number; burst?: number; retryAfterSeconds?: number; paths?: RegExp};
	/** The first `burst` matching requests answer this status with the Flow Service envelope. */
	serverErrors?: {status: 500 | 502 | 503 | 504; burst: number; paths?: RegExp; methods?: string[]};
	seed?: number;
};

export type SandboxOptions = {
	/** Default 0 (ephemeral); always bound to 127.0.0.1. */
	port?: number;
	/** State files live here. */
	dataDir: string;
	clientId?: string;
	clientSecret?: string;
	orgId?: string;
	sandboxName?: string;
	scopes?: string;
	/** Default 86399 (docs/authentication.md#getting-a-token). */
	tokenTtlSeconds?: number;
	faults?: SandboxFaults;
	/** immediate: a due run starts at once; realistic: first run delayed (see scheduler.ts, docs/schedule.md#dataflow-schedules). */
	runTiming?: 'immediate' | 'realistic';
	/** Also start the demo source (default true). */
	demo?: boolean | {records?: number};
	/**
	 * Send every source request (explore, test, runs) to the demo source, whatever host the spec names. Default
	 * false: each spec's requests go to its own host unless `routeSources(id, 'demo')` says otherwise
	 * (docs/local-routing.md).
	 */
	routeSourcesToDemo?: boolean;
	/** Told (one line) about every change that could not be saved; default: written to stderr. */
	onStateWriteError?: (message: string) => void;
	/** Reject unknown connection spec ids in a flow spec PUT (docs/flow-spec.md#put-the-flow-spec). */
	strictFlowSpecIds?: boolean;
};

export type SandboxCredentials = {clientId: string; clientSecret: string; orgId: string; sandboxName: string; scopes: string};

/** The local emulator's own credentials; printing them is fine (they only open this local server). */
export const defaultSandboxCredentials: SandboxCredentials = {
	clientId: 'aep-source-sandbox',
	clientSecret: 'sandbox-client-secret',
	orgId: '0A1B2C3D4E5F60718293A4B5@AdobeOrg',
	sandboxName: 'dev',
	scopes: 'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext',
};

export type RunningSandbox = {
	/** Base for both hosts: IMS at `${url}/ims/token/v3`, platform at `${url}/data/foundation/...`. */
	url: string;
	imsUrl: string;
	platformUrl: string;
	credentials: SandboxCredentials;
	/** `setFaults` slows or breaks the demo source (tests, demos of slow runs). */
	demo?: {url: string; records: number; setFaults(faults: DemoFaults): void; close(): Promise<void>};
	setFaults(faults: SandboxFaults | undefined): void;
	/** Every issued token becomes invalid (401 401013). */
	expireTokens(): void;
	/** Source requests of this connection spec go to the demo source ('demo') or to the spec's own host ('spec', the default). */
	routeSources(connectionSpecId: string, api: 'demo' | 'spec'): void;
	/** Test-only: simulate a concurrent writer around flow spec reads/writes (docs/flow-spec.md#put-the-flow-spec). */
	hooks: {afterFlowSpecPut?: () => Promise<void> | void; beforeFlowSpecGet?: () => Promise<void> | void};
	requestLog(): {method: string; path: string; status: number}[];
	/** How many changes could not be saved since start (each answered 500 and was reported). */
	failedWrites(): number;
	close(): Promise<void>;
};

/** The Schema Registry tenant of the emulated org (docs/target-and-runs.md#schema-registry `GET /stats`). */
export const sandboxTenantId = 'sandbox';
