// Every auth param value and every secret-named or `format: password` source param is a secret for the run
// (task brief; reference 3.4.5). Values that only locate the API stay readable so traces remain useful.
import {isSecretKeyName, mask, maskKnownPatterns, maskSecrets} from '../spec/secrets.js';
import type {PropertyPlan} from '../spec/plan.js';

/** Auth params that locate the API rather than prove identity (reference 3.4.1, 3.4.4). */
const locatorKeys = new Set(['host', 'domain', 'authorizationTestUrl', 'accessTokenUrl', 'refreshTokenUrl', 'expirationDate']);

export type Masker = {
	/** Adds a secret learnt during the run (a refreshed access token). */
	add(secret: string): void;
	/** Masks the run's known secrets (for the engine's own messages). */
	text(value: string): string;
	/** Also masks `Bearer x` / `Basic x` / secret-named fields: for text that came from the source. */
	external(value: string): string;
	url(value: string): string;
};

function passwordNames(properties: Record<string, PropertyPlan> | undefined): Set<string> {
	return new Set(Object.entries(properties ?? {}).filter(([, property]) => property.password).map(([name]) => name));
}

export function createMasker(input: {
	authParams: Record<string, unknown>;
	sourceParams: Record<string, unknown>;
	authProperties?: Record<string, PropertyPlan> | undefined;
	sourceProperties?: Record<string, PropertyPlan> | undefined;
}): Masker {
	const secrets = new Set<string>();
	const authPasswords = passwordNames(input.authProperties);
	for (const [key, value] of Object.entries(input.authParams)) {
		if (typeof value !== 'string') continue;
		if (!locatorKeys.has(key) || authPasswords.has(key)) secrets.add(value);
	}
	const {username, password} = input.authParams;
	if (typeof username === 'string' && typeof password === 'string') secrets.add(`${username}:${password}`);
	const sourcePasswords = passwordNames(input.sourceProperties);
	for (const [key, value] of Object.entries(input.sourceParams)) {
		if (typeof value === 'string' && (isSecretKeyName(key) || sourcePasswords.has(key))) secrets.add(value);
	}
	const text = (value: string): string => maskSecrets(value, secrets);
	return {
		add: secret => void secrets.add(secret),
		text,
		external: value => maskKnownPatterns(text(value)),
		url: value => maskKnownPatterns(text(value)).replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, sep: string, key: string) => {
			return isSecretKeyName(safeDecode(key)) ? `${sep}${key}=${mask}` : whole;
		}),
	};
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
