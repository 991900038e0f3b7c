// Named platform profiles over conf: the built-in local sandbox plus Adobe orgs/sandboxes. The profile file is the
// only place a client secret or cached token is written to disk, and it is kept at mode 0600.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {z} from 'zod';
import type {CachedToken, Target, TokenCache} from '../api/index.js';
import {aepHome} from './home.js';
import {readDataFile, wrongShape} from './data-file.js';
import {AepError} from '../shared/errors.js';

export type LocalProfile = {name: 'local'; kind: 'local'};
/** The client secret is stored apart from the profile (ProfileStore.secret), never returned with it. */
export type AdobeProfile = {
	name: string;
	kind: 'adobe';
	orgId: string;
	clientId: string;
	scopes: string;
	sandboxName: string;
	imsUrl?: string;
	platformUrl?: string;
};
export type Profile = LocalProfile | AdobeProfile;

export const adobeDefaults = {imsUrl: 'https://ims-na1.adobelogin.com', platformUrl: 'https://platform.adobe.io'} as const;
const builtInNames = new Set(['local', 'env']);

// Field rules: org id and sandbox name formats of docs/flow-service.md#identifier-formats (org id accepted case-insensitively).
const adobeProfileSchema = z.object({
	name: z
		.string()
		.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'use 1–64 letters, digits, "-" or "_", starting with a letter or digit')
		.refine(name => !builtInNames.has(name), 'the names "local" and "env" are built in'),
	kind: z.literal('adobe'),
	orgId: z
		.string()
		.trim()
		.regex(/^[0-9A-F]{24}@AdobeOrg$/i, 'must be 24 hex characters followed by @AdobeOrg, e.g. C6420AAF5CD2749D0A495C60@AdobeOrg'),
	clientId: z.string().trim().regex(/^\S+$/, 'must be the Client ID of the OAuth Server-to-Server credential (no spaces)'),
	scopes: z.string().trim().min(1, 'must be the comma-separated scopes shown on the credential'),
	sandboxName: z
		.string()
		.trim()
		.regex(/^[a-z0-9-]+$/, 'must be the all-lower-case sandbox name, e.g. prod'),
	imsUrl: z.url('must be a URL such as https://ims-na1.adobelogin.com').optional(),
	platformUrl: z.url('must be a URL such as https://platform.adobe.io').optional(),
});

export class ProfileError extends AepError {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'ProfileError';
	}
}

/** Validates an Adobe profile; throws a ProfileError naming the first bad field (as `rename(field)`). */
export function validateAdobeProfile(profile: AdobeProfile, rename: (field: string) => string = field => field): AdobeProfile {
	const result = adobeProfileSchema.safeParse(profile);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	const field = rename(String(issue.path[0] ?? 'profile'));
	throw new ProfileError(field, `${field}: ${issue.message}`);
}

type ProfilesFile = {
	defaultProfile: string;
	profiles: Record<string, AdobeProfile>;
	secrets: Record<string, string>;
	tokens: Record<string, Record<string, CachedToken>>;
};

export type ProfileStore = {
	/** 'local' first (built in), then the saved Adobe profiles by name. */
	list(): Profile[];
	get(name: string): Profile | undefined;
	/** Validates and saves; without clientSecret the stored one is kept. Cached tokens of the profile are dropped. */
	save(profile: AdobeProfile, clientSecret?: string): void;
	remove(name: string): void;
	secret(name: string): string | undefined;
	defaultProfile(): string;
	setDefault(name: string): void;
	/** Persistent token cache of one profile, inside the 0600 file. */
	tokenCache(profileName: string): TokenCache;
	/** The conf file. */
	path: string;
};

/** The top level of profiles.json: what is there must have the right type (conf would silently reset it). */
const profilesFileShape = z
	.object({
		defaultProfile: z.string().optional(),
		profiles: z.record(z.string(), z.object({name: z.string(), kind: z.string()}).loose()).optional(),
		secrets: z.record(z.string(), z.string()).optional(),
		tokens: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
	})
	.loose();

/** Throws DataFileError when an existing profiles.json is not JSON or not of the right shape; never resets it. */
function checkProfilesFile(file: string): void {
	if (!fs.existsSync(file)) return;
	const result = profilesFileShape.safeParse(readDataFile(file, 'profiles'));
	if (result.success) return;
	const issue = result.error.issues[0];
	throw wrongShape(file, 'profiles', `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'wrong shape'}`);
}

export function openProfileStore(home: string = aepHome()): ProfileStore {
	fs.mkdirSync(home, {recursive: true, mode: 0o700});
	checkProfilesFile(path.join(home, 'profiles.json'));
	const conf = new Conf<ProfilesFile>({
		projectName: 'aep-source',
		cwd: home,
		configName: 'profiles',
		accessPropertiesByDotNotation: false, // profile names are keys, not paths
		configFileMode: 0o600,
		defaults: {defaultProfile: 'local', profiles: {}, secrets: {}, tokens: {}},
	});
	// conf applies the mode only when it creates the file; enforce it after every write (secrets and tokens live here).
	const lock = () => fs.chmodSync(conf.path, 0o600);
	lock();
	const update = <K extends keyof ProfilesFile>(key: K, change: (value: ProfilesFile[K]) => void) => {
		const value = structuredClone(conf.get(key));
		change(value);
		conf.set(key, value);
		lock();
	};
	const get = (name: string): Profile | undefined => (name === 'local' ? {name: 'local', kind: 'local'} : conf.get('profiles')[name]);

	return {
		path: conf.path,
		list: () => [{name: 'local', kind: 'local'}, ...Object.values(conf.get('profiles')).sort((a, b) => a.name.localeCompare(b.name))],
		get,
		save(profile, clientSecret) {
			const valid = validateAdobeProfile(profile);
			update('profiles', profiles => {
				profiles[valid.name] = valid;
			});
			if (clientSecret !== undefined) {
				update('secrets', secrets => {
					secrets[valid.name] = clientSecret;
				});
			}
			update('tokens', tokens => void delete tokens[valid.name]);
		},
		remove(name) {
			if (name === 'local') throw new ProfileError('name', 'name: the local profile is built in and cannot be removed');
			for (const key of ['profiles', 'secrets', 'tokens'] as const) update(key, entries => void delete entries[name]);
			if (conf.get('defaultProfile') === name) {
				conf.set('defaultProfile', 'local');
				lock();
			}
		},
		secret: name => conf.get('secrets')[name],
		defaultProfile() {
			const name = conf.get('defaultProfile');
			return get(name) ? name : 'local';
		},
		setDefault(name) {
			if (!get(name)) throw new ProfileError('name', `name: there is no profile "${name}"; see \`aep-source profiles\``);
			conf.set('defaultProfile', name);
			lock();
		},
		tokenCache: profileName => ({
			get: key => conf.get('tokens')[profileName]?.[key],
			set: (key, value) =>
				update('tokens', tokens => {
					tokens[profileName] = {...tokens[profileName], [key]: value};
				}),
			delete: key => update('tokens', tokens => void delete tokens[profileName]?.[key]),
		}),
	};
}

/**
 * Every secret value stored under `home`: the client secrets and the cached access tokens of every profile, read
 * without creating the profile file (the draft store and every export check their output against them).
 * A missing or unreadable file has none.
 */
export function storedSecrets(home: string): string[] {
	let file: Partial<ProfilesFile>;
	try {
		file = JSON.parse(fs.readFileSync(path.join(home, 'profiles.json'), 'utf8')) as Partial<ProfilesFile>;
	} catch {
		return [];
	}
	const secrets = Object.values(file.secrets ?? {});
	const tokens = Object.values(file.tokens ?? {}).flatMap(cache => Object.values(cache ?? {}).map(entry => entry?.token));
	return [...secrets, ...tokens].filter((value): value is string => typeof value === 'string');
}

/** Secret values given through the environment: `AEP_CLIENT_SECRET` and every `AEP_SOURCE_SECRET_<PROPERTY>`. */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
	return Object.entries(env)
		.filter(([name]) => name === 'AEP_CLIENT_SECRET' || name.startsWith('AEP_SOURCE_SECRET_'))
		.map(([, value]) => value)
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

const envNames = {
	clientId: 'AEP_CLIENT_ID',
	clientSecret: 'AEP_CLIENT_SECRET',
	orgId: 'AEP_ORG_ID',
	scopes: 'AEP_SCOPES',
	sandboxName: 'AEP_SANDBOX_NAME',
	imsUrl: 'AEP_IMS_URL',
	platformUrl: 'AEP_PLATFORM_URL',
} as const;

/** Headless / CI credentials from the environment, as the profile named 'env'. Invalid values throw a ProfileError naming the variable. */
export function profileFromEnv(env: NodeJS.ProcessEnv): {profile: AdobeProfile; clientSecret: string} | {missing: string[]} {
	const read = (name: string) => {
		const value = env[name]?.trim();
		return value === undefined || value === '' ? undefined : value;
	};
	const required = ['clientId', 'clientSecret', 'orgId', 'scopes', 'sandboxName'] as const;
	const missing = required.filter(field => read(envNames[field]) === undefined).map(field => envNames[field]);
	if (missing.length > 0) return {missing};
	const profile: AdobeProfile = {
		name: 'env',
		kind: 'adobe',
		clientId: read(envNames.clientId)!,
		orgId: read(envNames.orgId)!,
		scopes: read(envNames.scopes)!,
		sandboxName: read(envNames.sandboxName)!,
		...(read(envNames.imsUrl) ? {imsUrl: read(envNames.imsUrl)} : {}),
		...(read(envNames.platformUrl) ? {platformUrl: read(envNames.platformUrl)} : {}),
	};
	// 'env' is reserved for stored profiles, so validate under a placeholder name.
	const valid = validateAdobeProfile({...profile, name: 'from-env'}, field => envNames[field as keyof typeof envNames] ?? field);
	return {profile: {...valid, name: 'env'}, clientSecret: read(envNames.clientSecret)!};
}

/** The platform client's target for an Adobe profile, with the default Adobe hosts filled in. */
export function profileTarget(profile: AdobeProfile, clientSecret: string): Target {
	return {
		imsUrl: profile.imsUrl ?? adobeDefaults.imsUrl,
		platformUrl: profile.platformUrl ?? adobeDefaults.platformUrl,
		orgId: profile.orgId,
		clientId: profile.clientId,
		clientSecret,
		scopes: profile.scopes,
		sandboxName: profile.sandboxName,
	};
}
