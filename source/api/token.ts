// IMS access token for OAuth Server-to-Server credentials (docs/authentication.md#getting-a-token): fetched on demand with the
// client-credentials grant in a form body (never the query: query strings get logged), cached with its expiry,
// renewed when less than 5 minutes remain, or after the platform rejected it.
import {imsTokenSchema} from './schemas.js';
import type {Masker} from '../connection-spec/masker.js';
import type {Transport} from './transport.js';

export type CachedToken = {token: string; expiresAt: number};

export type TokenCache = {
	get(key: string): CachedToken | undefined;
	set(key: string, value: CachedToken): void;
	delete(key: string): void;
};

export function memoryTokenCache(): TokenCache {
	const entries = new Map<string, CachedToken>();
	return {get: key => entries.get(key), set: (key, value) => void entries.set(key, value), delete: key => void entries.delete(key)};
}

export type TokenCredentials = {imsUrl: string; orgId: string; clientId: string; clientSecret: string; scopes: string};

const renewMarginMs = 5 * 60_000;

/** Not secret: identifies the credential, so one cache can hold tokens of several. */
export function tokenCacheKey(c: TokenCredentials): string {
	return `${c.imsUrl}|${c.orgId}|${c.clientId}|${c.scopes}`;
}

export type TokenSource = {get(): Promise<string>; reject(token: string): void};

export function createTokenSource(credentials: TokenCredentials, cache: TokenCache, transport: Transport, masker: Masker): TokenSource {
	const key = tokenCacheKey(credentials);
	// Lifetimes of tokens this client fetched: a short-lived token (tests, the sandbox) is renewed at half its life
	// instead of always, so it is still cached.
	const lifetimes = new Map<string, number>();
	let inFlight: Promise<string> | undefined;

	const fresh = (cached: CachedToken | undefined): cached is CachedToken => {
		if (!cached) return false;
		const margin = Math.min(renewMarginMs, (lifetimes.get(cached.token) ?? Infinity) / 2);
		return cached.expiresAt - Date.now() > margin;
	};

	const fetchToken = async (): Promise<string> => {
		const body = await transport.send({
			method: 'POST',
			service: 'ims',
			path: '/ims/token/v3',
			idempotent: true, // issuing a token has no side effect worth guarding
			form: {grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: credentials.scopes},
			schema: imsTokenSchema,
		});
		masker.add([body.access_token]);
		const lifetimeMs = body.expires_in * 1000;
		lifetimes.set(body.access_token, lifetimeMs);
		cache.set(key, {token: body.access_token, expiresAt: Date.now() + lifetimeMs});
		return body.access_token;
	};

	return {
		async get() {
			const cached = cache.get(key);
			if (fresh(cached)) {
				masker.add([cached.token]);
				return cached.token;
			}
			inFlight ??= fetchToken().finally(() => {
				inFlight = undefined;
			});
			return inFlight;
		},
		reject(token) {
			if (cache.get(key)?.token === token) cache.delete(key);
		},
	};
}
