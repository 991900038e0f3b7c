// Everything a screen needs from outside React, injected once so tests can pass a temporary home and await every
// piece of async work the screens start. Screens never call got; they call these.
// This file stays light (types and `await import()` only): the wizard's first frame must not wait for zod, conf,
// got or the sandbox (startup budget, bench/startup.ts). Heavy modules load at first use.
import {createContext, useContext} from 'react';
import type {DraftStore as StoreOfDrafts, ProfileStore as StoreOfProfiles} from '../store/index.js';
import type {Session, SessionOptions} from '../session.js';
import type * as workflowModule from '../workflow/index.js';
import type {EngineOptions} from '../workflow/preview.js';
import type {ClientOptions, PlatformClient, Target} from '../api/index.js';
import {aepHome} from '../store/home.js';

export type ProfileStore = StoreOfProfiles;
export type DraftStore = StoreOfDrafts;
export type Workflow = Pick<
	typeof workflowModule,
	| 'createOrUpdateConnectionSpec'
	| 'appendToRestStorageToAEP'
	| 'runEndToEndCheck'
	| 'cleanUp'
	| 'checklist'
	| 'exportArtifacts'
	| 'exportSubmissionPacket'
	| 'checkSvgIcon'
>;
type PreviewResult = Awaited<ReturnType<typeof import('../workflow/preview.js').previewSourceSpec>>;

export type WizardServices = {
	home: string;
	env: NodeJS.ProcessEnv;
	/** Available once `ready` has settled (always, for services made by createServices). */
	profiles: ProfileStore;
	/** Available once `ready` has settled (always, for services made by createServices). */
	drafts: DraftStore;
	/** Settles when the stores are loaded; undefined when they were loaded from the start. Screens that use a store render after it. */
	ready?: Promise<void>;
	openSession: (profileName: string) => Promise<Session>;
	workflow: Workflow;
	preview: (options: EngineOptions) => Promise<PreviewResult>;
	createClient: (target: Target, options?: ClientOptions) => Promise<PlatformClient>;
	/** Where exports (artifacts folder, submission packet, spec file) are written; default the current directory. */
	exportDir: string;
	/** Milliseconds now; tests may freeze it. */
	clock: () => number;
	/** Poll interval of run checks (tests make it small). */
	pollIntervalMs?: number;
	/** Debounce of the live preview after a field is committed. */
	previewDelayMs: number;
	/** Every async job a screen starts goes through here, so a test can await them all. */
	track: <T>(work: Promise<T>) => Promise<T>;
	/** Jobs started and not yet settled (tests await these). */
	pending: () => Promise<unknown>[];
};

export type ServiceOptions = {
	exportDir?: string;
	home?: string;
	env?: NodeJS.ProcessEnv;
	session?: SessionOptions;
	pollIntervalMs?: number;
	previewDelayMs?: number;
	/** --debug: every HTTP request and response of the wizard's clients, already masked (see app-entry.tsx). */
	debug?: (line: string) => void;
};

export type Stores = {profiles: ProfileStore; drafts: DraftStore};

const workflowNames = [
	'createOrUpdateConnectionSpec',
	'appendToRestStorageToAEP',
	'runEndToEndCheck',
	'cleanUp',
	'checklist',
	'exportArtifacts',
	'exportSubmissionPacket',
	'checkSvgIcon',
] as const;

/** The workflow functions, each loading workflow/ (got, the platform client) on its first call. */
function lazyWorkflow(): Workflow {
	const entries = workflowNames.map(name => [
		name,
		async (...args: unknown[]) => ((await import('../workflow/index.js'))[name] as (...a: unknown[]) => unknown)(...args),
	]);
	return Object.fromEntries(entries) as Workflow;
}

/**
 * Services over stores that are given (`Stores`) or still loading (`{load}`): the store getters throw until the load
 * has finished, so the step machine renders store-using screens behind `ready` (see app.tsx).
 */
export function servicesOver(stores: Stores | {load: (home: string) => Promise<Stores>}, options: ServiceOptions = {}): WizardServices {
	const env = options.env ?? process.env;
	const home = options.home ?? aepHome(env);
	const running = new Set<Promise<unknown>>();
	let loaded = 'load' in stores ? undefined : stores;
	const ready =
		'load' in stores
			? settledThenable(
					stores.load(home).then(value => {
						loaded = value;
					}),
				)
			: undefined;
	const store = <K extends keyof Stores>(key: K): Stores[K] => {
		if (!loaded) throw new Error(`The ${key} store is still loading (await services.ready first).`);
		return loaded[key];
	};
	return {
		home,
		env,
		get profiles() {
			return store('profiles');
		},
		get drafts() {
			return store('drafts');
		},
		ready,
		openSession: async profileName =>
			(await import('../session.js')).openSession(profileName, {
				env,
				home,
				...options.session,
				client: {...options.session?.client, ...(options.debug ? {debug: options.debug} : {})},
			}),
		workflow: lazyWorkflow(),
		preview: async engineOptions => (await import('../workflow/preview.js')).previewSourceSpec(engineOptions),
		createClient: async (target, clientOptions) =>
			(await import('../api/index.js')).createPlatformClient(target, {...clientOptions, ...(options.debug ? {debug: options.debug} : {})}),
		exportDir: options.exportDir ?? process.cwd(),
		clock: Date.now,
		pollIntervalMs: options.pollIntervalMs,
		previewDelayMs: options.previewDelayMs ?? 400,
		track(work) {
			running.add(work);
			const forget = () => running.delete(work);
			work.then(forget, forget);
			return work;
		},
		pending: () => [...running],
	};
}

/** The wizard's services with the stores (zod, conf) loading in the background. */
export function createLazyServices(options: ServiceOptions = {}): WizardServices {
	return servicesOver(
		{
			load: async home => {
				const {openProfileStore, openDraftStore} = await import('../store/index.js');
				return {profiles: openProfileStore(home), drafts: openDraftStore(home)};
			},
		},
		options,
	);
}

/** A promise React's `use()` reads without suspending once it has settled (React's thenable status fields). */
export function settledThenable<T>(promise: Promise<T>): Promise<T> {
	const tracked = promise as Promise<T> & {status?: string; value?: T; reason?: unknown};
	tracked.status = 'pending';
	// The callbacks return nothing: returning `tracked` (a thenable) would make this chain adopt its rejection,
	// an unhandled rejection when the stores fail to load (a corrupt profiles.json).
	promise.then(
		value => void Object.assign(tracked, {status: 'fulfilled', value}),
		(reason: unknown) => void Object.assign(tracked, {status: 'rejected', reason}),
	);
	return tracked;
}

const ServicesContext = createContext<WizardServices | undefined>(undefined);
export const ServicesProvider = ServicesContext.Provider;

export function useServices(): WizardServices {
	const services = useContext(ServicesContext);
	if (!services) throw new Error('useServices() needs a <ServicesProvider> (see source/wizard/app.tsx).');
	return services;
}
