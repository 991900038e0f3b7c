// The platform client: IMS token + Flow Service, Schema Registry, Catalog and Data Prep over got.
// Public surface of source/api; other folders import only from here.
import {RetryQuota, standardRetryPolicy, type RetryEvent} from '../shared/retry.js';
import {seededRandom} from '../shared/seeded-random.js';
import {connectionSpecsApi, connectionsApi, flowSpecsApi, flowsApi, runsApi, sourceConnectionsApi, targetConnectionsApi} from './flow-service.js';
import {catalogApi, dataPrepApi, schemaRegistryApi} from './target-services.js';
import {createTokenSource, memoryTokenCache, type TokenCache} from './token.js';
import {createMasker} from '../connection-spec/masker.js';
import {createTransport, type RetryClock} from './transport.js';

export {PlatformError, hintFor} from './errors.js';
export type {RetryEvent} from '../shared/retry.js';
export type {RetryClock} from './transport.js';
export {debugSink} from './trace.js';
export {memoryTokenCache, tokenCacheKey, type TokenCache, type CachedToken} from './token.js';
export type {FlowFilters} from './flow-service.js';
export type {
	Batch,
	Connection,
	Created,
	Dataset,
	ExploreResult,
	Flow,
	FlowSpec,
	MappingSet,
	Run,
	SourceConnection,
	StoredSpec,
	TargetConnection,
	XdmResource,
} from './schemas.js';

export type Target = {imsUrl: string; platformUrl: string; orgId: string; clientId: string; clientSecret: string; scopes: string; sandboxName: string};

export type ClientOptions = {
	/** Where tokens are kept; the profile store provides a persistent one. Default: in memory. */
	tokenCache?: TokenCache;
	/** HTTP trace, one line per request/response/retry, already masked. */
	debug?: (line: string) => void;
	/**
	 * limit: retries after the first attempt (default 10); maxTotalMs: time budget per call (default 60 s);
	 * baseDelayMs: first backoff ceiling (default 500 ms). Defaults: standardRetryPolicy (docs/retries.md).
	 */
	retry?: {limit?: number; maxTotalMs?: number; baseDelayMs?: number; maxDelayMs?: number};
	/** Per attempt (default 30 s). */
	timeoutMs?: number;
	/** Seeds the jitter PRNG, for repeatable tests. */
	seed?: number;
	/** Time source of retry waits and budgets; tests pass a virtual clock. Default: real time. */
	clock?: RetryClock;
};

/** Fixed ids (docs/flow-service.md#fixed-identifiers). */
export const fixedIds = {
	restStorageToAep: '6499120c-0b15-42dc-936e-847ea3c24d72',
	dataLakeTargetSpec: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
} as const;

export function createPlatformClient(target: Target, options: ClientOptions = {}) {
	const masker = createMasker([target.clientSecret]);
	const retry = options.retry ?? {};
	const policy = {
		limit: retry.limit ?? standardRetryPolicy.limit,
		maxTotalMs: retry.maxTotalMs ?? standardRetryPolicy.maxTotalMs,
		baseDelayMs: retry.baseDelayMs ?? standardRetryPolicy.baseDelayMs,
		maxDelayMs: retry.maxDelayMs ?? standardRetryPolicy.maxDelayMs,
	};
	const retryListeners = new Set<(event: RetryEvent) => void>();
	const random = seededRandom(options.seed ?? Date.now());
	const transport = createTransport({
		platformUrl: target.platformUrl,
		imsUrl: target.imsUrl,
		// docs/authentication.md#request-headers: every platform call carries these four (Authorization is added per attempt).
		headers: () => ({'x-api-key': target.clientId, 'x-gw-ims-org-id': target.orgId, 'x-sandbox-name': target.sandboxName}),
		token: () => tokens.get(), // called only after `tokens` below exists
		rejectToken: token => tokens.reject(token),
		masker,
		policy,
		quota: new RetryQuota(),
		random,
		clock: options.clock,
		onRetry: event => {
			for (const listener of retryListeners) listener(event);
		},
		timeoutMs: options.timeoutMs ?? 30_000,
		debug: options.debug,
	});
	const tokens = createTokenSource(target, options.tokenCache ?? memoryTokenCache(), transport, masker);
	const flowSpecs = flowSpecsApi(transport);
	return {
		token: () => tokens.get(),
		/**
		 * A harmless read that proves token, org, sandbox and permissions (docs/authentication.md#checking-credentials); throws a PlatformError naming what is
		 * wrong.
		 */
		async checkAccess(): Promise<void> {
			await flowSpecs.get(fixedIds.restStorageToAep);
		},
		/** Values to mask in the trace and in errors from now on (e.g. a base connection's auth params). */
		addSecrets(values: Iterable<string | undefined>): void {
			masker.add(values);
		},
		/** Calls `listener` on every retry of any call from now on; returns the function that stops it. */
		onRetry(listener: (event: RetryEvent) => void): () => void {
			retryListeners.add(listener);
			return () => retryListeners.delete(listener);
		},
		/** Masks every secret this client knows in a text (for callers that print platform answers). */
		mask: (text: string): string => masker.text(text),
		connectionSpecs: connectionSpecsApi(transport),
		flowSpecs,
		connections: connectionsApi(transport),
		sourceConnections: sourceConnectionsApi(transport),
		targetConnections: targetConnectionsApi(transport),
		flows: flowsApi(transport),
		runs: runsApi(transport),
		schemaRegistry: schemaRegistryApi(transport),
		catalog: catalogApi(transport),
		dataPrep: dataPrepApi(transport),
	};
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
