// Request authentication per authSpec type (docs/connection-spec.md#oauth2refreshcode, #basicauthentication, #keybased).
import {configError, EngineError} from './engine-error.js';
import type {HttpClient, HttpResponse} from './http-client.js';
import type {Masker} from './masking.js';
import {pickAuthSpec} from '../connection-spec/auth-specs.js';
import type {AuthPlan} from '../connection-spec/plan.js';

/**
 * The auth plan a run uses: `authSpecName` picked like a base connection's `auth.specName` (exact name, then name
 * or type ignoring case and spaces); the first entry when no name is given. Throws a config error naming the choices.
 */
export function selectAuthSpec(auth: readonly AuthPlan[], authSpecName?: string): AuthPlan {
	const found = authSpecName === undefined ? auth[0] : pickAuthSpec(auth, authSpecName);
	if (found) return found;
	const names = auth.map(entry => `"${entry.name}" (${entry.type})`).join(', ');
	throw configError(`No authSpec entry is named "${authSpecName}".`, `Use one of: ${names}.`);
}

export type RefreshContext = {client: HttpClient; timeoutMs: number; signal?: AbortSignal; masker: Masker};

export type AuthSession = {
	type: string;
	headers(): Record<string, string>;
	canRefresh(): boolean;
	/** Gets a new access token; throws EngineError('source-auth') when the token endpoint refuses. */
	refresh(context: RefreshContext): Promise<void>;
};

function stringParam(params: Record<string, unknown>, name: string): string | undefined {
	const value = params[name];
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function requireParam(params: Record<string, unknown>, name: string, type: string): string {
	const value = stringParam(params, name);
	if (value === undefined) throw configError(`Auth param "${name}" is missing for ${type}.`, `Pass auth.params.${name} for the base connection.`);
	return value;
}

export function createAuthSession(entry: AuthPlan, authParams: Record<string, unknown>): AuthSession {
	const {type} = entry;
	switch (type) {
		case 'OAuth2RefreshCode':
			return oauthSession(authParams);
		case 'BasicAuthentication': {
			// Authorization: Basic base64(username + ":" + password) (docs/connection-spec-model.md#auth).
			const username = requireParam(authParams, 'username', type);
			const password = requireParam(authParams, 'password', type);
			const value = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
			return staticSession(type, {authorization: value});
		}
		case 'KeyBased':
			return staticSession(type, keyHeaders(entry, authParams));
	}
}

function staticSession(type: string, headers: Record<string, string>): AuthSession {
	return {type, headers: () => headers, canRefresh: () => false, refresh: async () => {}};
}

/**
 * `restAttributes.headerParamName` means "send as this header"; a key without it is sent
 * under its own property name ("`authKey1` may be sent ... as `authKey1` itself").
 */
function keyHeaders(entry: AuthPlan, authParams: Record<string, unknown>): Record<string, string> {
	const properties = entry.properties;
	const headers: Record<string, string> = {};
	for (const [name, property] of Object.entries(properties)) {
		const value = stringParam(authParams, name);
		if (value === undefined) continue;
		if (property.headerName) headers[property.headerName] = value;
		else if (/^authKey\d+$/.test(name)) headers[name] = value;
	}
	for (const [name] of Object.entries(authParams)) {
		const value = stringParam(authParams, name);
		if (/^authKey\d+$/.test(name) && value !== undefined && !Object.hasOwn(properties, name)) headers[name] = value;
	}
	if (Object.keys(headers).length === 0) {
		throw configError(
			'No API key value was given for KeyBased auth.',
			'Pass auth.params.authKey1 (and set restAttributes.headerParamName on the key property).',
		);
	}
	return headers;
}

function oauthSession(authParams: Record<string, unknown>): AuthSession {
	let accessToken = requireParam(authParams, 'accessToken', 'OAuth2RefreshCode');
	let refreshToken = stringParam(authParams, 'refreshToken');
	const tokenUrl = stringParam(authParams, 'accessTokenUrl') ?? stringParam(authParams, 'refreshTokenUrl');
	const overrides = (authParams.requestParameterOverride ?? {}) as Record<string, unknown>;
	const name = (key: string, fallback: string): string => (typeof overrides[key] === 'string' && overrides[key] !== '' ? overrides[key] : fallback);
	return {
		type: 'OAuth2RefreshCode',
		headers: () => ({authorization: `Bearer ${accessToken}`}),
		canRefresh: () => refreshToken !== undefined && tokenUrl !== undefined,
		async refresh(context) {
			const fields: Record<string, string> = {grant_type: 'refresh_token', [name('refreshTokenField', 'refresh_token')]: refreshToken!};
			const clientId = stringParam(authParams, 'clientId');
			const clientSecret = stringParam(authParams, 'clientSecret');
			if (clientId) fields[name('clientId', 'client_id')] = clientId;
			if (clientSecret) fields[name('clientSecret', 'client_secret')] = clientSecret;
			const json = await requestToken(context, tokenUrl!, String(name('authenticationMethod', 'POST')).toUpperCase(), fields);
			const token = json[name('accessTokenField', 'access_token')];
			if (typeof token !== 'string' || token === '') {
				throw new EngineError('source-auth', `The token endpoint answered without "${name('accessTokenField', 'access_token')}".`, {
					url: context.masker.url(tokenUrl!),
					hint: 'Check requestParameterOverride.accessTokenField.',
				});
			}
			context.masker.add([token]);
			accessToken = token;
			const next = json[name('refreshTokenField', 'refresh_token')];
			if (typeof next === 'string' && next !== '') {
				context.masker.add([next]);
				refreshToken = next;
			}
		},
	};
}

/**
 * docs/connection-spec.md#oauth2refreshcode: call accessTokenUrl with authenticationMethod (default POST) and grant_type=refresh_token.
 * POST sends a form body (the OAuth 2 convention); GET sends the same fields as query params.
 */
async function requestToken(context: RefreshContext, tokenUrl: string, method: string, fields: Record<string, string>): Promise<Record<string, unknown>> {
	const form = new URLSearchParams(fields).toString();
	let url: URL;
	try {
		url = new URL(tokenUrl);
	} catch {
		throw configError(
			`accessTokenUrl "${context.masker.text(tokenUrl)}" is not an absolute URL.`,
			'Set auth.params.accessTokenUrl to the full token endpoint URL.',
		);
	}
	if (method === 'GET') url.search = url.search ? `${url.search}&${form}` : form;
	const maskedUrl = context.masker.url(tokenUrl);
	let response: HttpResponse;
	try {
		response = await context.client.send(
			{
				method,
				url,
				headers: {accept: 'application/json', ...(method === 'GET' ? {} : {'content-type': 'application/x-www-form-urlencoded'})},
				...(method === 'GET' ? {} : {body: form}),
			},
			{timeoutMs: context.timeoutMs, signal: context.signal},
		);
	} catch (error) {
		throw new EngineError('source-auth', `The access token could not be refreshed at ${maskedUrl}: ${context.masker.text((error as Error).message)}.`, {
			url: maskedUrl,
			hint: 'Check accessTokenUrl and that the token endpoint is reachable.',
		});
	}
	let json: unknown;
	try {
		json = JSON.parse(response.body.toString('utf8'));
	} catch {
		json = undefined;
	}
	if (response.status < 200 || response.status >= 300 || !json || typeof json !== 'object') {
		throw new EngineError('source-auth', `The access token was rejected and refreshing it failed: ${maskedUrl} answered ${response.status}.`, {
			status: response.status,
			url: maskedUrl,
			hint: 'The refresh token is invalid or expired: authorise again and update accessToken and refreshToken in the base connection.',
		});
	}
	return json as Record<string, unknown>;
}
