// Everything a screen needs from outside React, injected once so tests can pass a temporary home and await every
// piece of async work the screens start (toolchain §4 point 4). Screens never call got; they call these.
import {createContext, useContext} from 'react';
import {openDraftStore, openProfileStore} from '../store/index.js';
import {openSession as openRealSession, type Session, type SessionOptions} from '../session.js';
import * as workflow from '../workflow/index.js';
import {previewSourceSpec} from '../engine/index.js';
import {createPlatformClient} from '../api/index.js';
import {aepHome} from '../store/home.js';

export type ProfileStore = ReturnType<typeof openProfileStore>;
export type DraftStore = ReturnType<typeof openDraftStore>;
export type Workflow = Pick<
	typeof workflow,
	'createOrUpdateConnectionSpec' | 'appendToRestStorageToAEP' | 'runEndToEndCheck' | 'cleanUp' | 'checklist' | 'exportArtifacts' | 'exportSubmissionPacket' | 'checkSvgIcon'
>;

export type WizardServices = {
	home: string;
	env: NodeJS.ProcessEnv;
	profiles: ProfileStore;
	drafts: DraftStore;
	openSession: (profileName: string) => Promise<Session>;
	workflow: Workflow;
	preview: typeof previewSourceSpec;
	createClient: typeof createPlatformClient;
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

export type ServiceOptions = {exportDir?: string; home?: string; env?: NodeJS.ProcessEnv; session?: SessionOptions; pollIntervalMs?: number; previewDelayMs?: number};

export function createServices(options: ServiceOptions = {}): WizardServices {
	const env = options.env ?? process.env;
	const home = options.home ?? aepHome(env);
	const running = new Set<Promise<unknown>>();
	return {
		home,
		env,
		profiles: openProfileStore(home),
		drafts: openDraftStore(home),
		openSession: profileName => openRealSession(profileName, {env, home, ...options.session}),
		workflow,
		preview: previewSourceSpec,
		createClient: createPlatformClient,
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

const ServicesContext = createContext<WizardServices | undefined>(undefined);
export const ServicesProvider = ServicesContext.Provider;

export function useServices(): WizardServices {
	const services = useContext(ServicesContext);
	if (!services) throw new Error('useServices() needs a <ServicesProvider> (see source/app.tsx).');
	return services;
}
