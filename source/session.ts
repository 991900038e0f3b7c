// Resolves a profile name into a live platform target: the built-in `local` profile starts the sandbox (and its
// demo source) in-process on an ephemeral port; Adobe profiles and `env` only need credentials.
import path from 'node:path';
import {createPlatformClient, type ClientOptions, type PlatformClient, type Target} from './api/index.js';
import {openProfileStore, profileFromEnv, profileTarget, type Profile} from './store/index.js';
import {aepHome} from './store/home.js';
import type {RunningSandbox} from './sandbox/index.js';
import {AepError} from './shared/errors.js';

export type Session = {
	profile: Profile;
	target: Target;
	client: PlatformClient;
	/** The local demo REST source, when the profile is `local`. */
	demo?: {url: string; records: number};
	/**
	 * Local profile only: where the sandbox sends the source requests (explore, connection test, runs) of a
	 * connection spec — the demo API or the spec's own host (docs/local-routing.md). Rejects when the sandbox
	 * refuses (it answers over HTTP, so an attached sandbox works too).
	 */
	routeSources?: (connectionSpecId: string, api: 'demo' | 'spec') => Promise<void>;
	close(): Promise<void>;
};

export type SessionOptions = {env?: NodeJS.ProcessEnv; home?: string; client?: ClientOptions; demoRecords?: number};

export class SessionError extends AepError {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

export async function openSession(profileName: string, options: SessionOptions = {}): Promise<Session> {
	const env = options.env ?? process.env;
	const home = options.home ?? aepHome(env);
	if (profileName === 'local') return openLocalSession(home, options);
	if (profileName === 'env') {
		const fromEnv = profileFromEnv(env);
		if ('missing' in fromEnv) {
			throw new SessionError(
				`The env profile needs ${fromEnv.missing.join(', ')}.`,
				'Set those environment variables (credentials never go on the command line), or use --profile local.',
			);
		}
		return remoteSession(fromEnv.profile, fromEnv.clientSecret, options);
	}
	const store = openProfileStore(home);
	const profile = store.get(profileName);
	if (!profile) {
		throw new SessionError(
			`There is no profile named "${profileName}".`,
			`Known profiles: ${store
				.list()
				.map(p => p.name)
				.join(', ')}. Add one with "aep-source profiles".`,
		);
	}
	if (profile.kind === 'local') return openLocalSession(home, options);
	const secret = store.secret(profile.name);
	if (!secret)
		throw new SessionError(
			`Profile "${profile.name}" has no client secret stored.`,
			'Edit the profile with "aep-source profiles" and enter the client secret again.',
		);
	return remoteSession(profile, secret, {...options, client: {tokenCache: store.tokenCache(profile.name), ...options.client}});
}

function remoteSession(profile: Extract<Profile, {kind: 'adobe'}>, clientSecret: string, options: SessionOptions): Session {
	const target = profileTarget(profile, clientSecret);
	return {profile, target, client: createPlatformClient(target, options.client), close: async () => {}};
}

async function openLocalSession(home: string, options: SessionOptions): Promise<Session> {
	// Loaded lazily: only the local profile pays for the emulator.
	const {startSandbox, findRunningSandbox, SandboxBusyError} = await import('./sandbox/index.js');
	const dataDir = path.join(home, 'sandbox');
	let sandbox: Pick<RunningSandbox, 'imsUrl' | 'platformUrl' | 'credentials' | 'close'> & {demo?: {url: string; records: number}};
	for (let attempt = 0; ; attempt++) {
		try {
			sandbox = await startSandbox({dataDir, port: 0, demo: {records: options.demoRecords ?? 250}});
			break;
		} catch (error) {
			if (!(error instanceof SandboxBusyError)) throw error;
			// Another aep-source (or "aep-source sandbox") serves this home: use its sandbox (docs/sandbox-state.md).
			const running = await findRunningSandbox(dataDir, error.ownerPid);
			if (running) {
				sandbox = {
					imsUrl: running.url,
					platformUrl: running.url,
					credentials: running.credentials,
					...(running.demo ? {demo: running.demo} : {}),
					close: async () => {},
				};
				break;
			}
			// Its owner exited meanwhile: the next start takes its lock over.
			if (attempt >= 2)
				throw new SessionError(
					error.message,
					'Another aep-source holds the local sandbox under AEP_SOURCE_HOME but does not answer; close it, or wait until it has started.',
				);
		}
	}
	const target: Target = {imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials};
	return {
		profile: {name: 'local', kind: 'local'},
		target,
		client: createPlatformClient(target, options.client),
		demo: sandbox.demo ? {url: sandbox.demo.url, records: sandbox.demo.records} : undefined,
		routeSources: (specId, api) => setSourceRoute(sandbox.platformUrl, specId, api),
		close: () => sandbox.close(),
	};
}

/** `PUT /local/source-routes/{id}` of the local sandbox (its own control endpoint, docs/local-routing.md). */
async function setSourceRoute(platformUrl: string, specId: string, api: 'demo' | 'spec'): Promise<void> {
	const response = await fetch(`${platformUrl.replace(/\/+$/, '')}/local/source-routes/${encodeURIComponent(specId)}`, {
		method: 'PUT',
		headers: {'content-type': 'application/json'},
		body: JSON.stringify({api}),
	});
	if (response.status !== 204)
		throw new SessionError(
			`The local sandbox refused to route the source requests (HTTP ${response.status}).`,
			'Restart aep-source; if it persists, report it.',
		);
}
