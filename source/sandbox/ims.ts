import {randomBytes} from 'node:crypto';
import {ApiError} from './errors.js';
import type {SandboxCredentials} from './options.js';

// IMS OAuth Server-to-Server token endpoint (docs/authentication.md#getting-a-token). Success shape is documented; the error bodies are
// NOT documented by Adobe — the OAuth-style `{error, error_description}` answers below are emulator choices
// (docs/authentication.md#getting-a-token Recommendation).

type IssuedToken = {clientId: string; orgId: string; expiresAt: number};

export class TokenStore {
	private readonly tokens = new Map<string, IssuedToken>();

	constructor(private readonly ttlSeconds: number) {}

	issue(clientId: string, orgId: string): {token: string; expiresIn: number} {
		const token = `sbx.${randomBytes(32).toString('base64url')}`;
		this.tokens.set(token, {clientId, orgId, expiresAt: Date.now() + this.ttlSeconds * 1000});
		return {token, expiresIn: this.ttlSeconds};
	}

	/** The token's grant, or undefined when unknown or expired. */
	lookup(token: string): IssuedToken | undefined {
		const grant = this.tokens.get(token);
		if (!grant) return undefined;
		if (grant.expiresAt <= Date.now()) {
			this.tokens.delete(token);
			return undefined;
		}
		return grant;
	}

	expireAll(): void {
		this.tokens.clear();
	}
}

function oauthError(status: number, error: string, description: string): ApiError {
	return new ApiError(status, {error, error_description: description});
}

/** Handles `POST /ims/token/v3` with form fields (or query parameters; the body wins when both are given). */
export function issueToken(form: URLSearchParams, query: URLSearchParams, credentials: SandboxCredentials, tokens: TokenStore): unknown {
	const field = (name: string) => form.get(name) ?? query.get(name) ?? undefined;
	const grantType = field('grant_type');
	if (grantType !== 'client_credentials') {
		const what = grantType ? `grant_type "${grantType}" is not supported` : 'grant_type is missing';
		throw oauthError(400, 'unsupported_grant_type', `${what}; OAuth Server-to-Server credentials use grant_type=client_credentials.`);
	}
	const missing = ['client_id', 'client_secret', 'scope'].filter(name => !field(name));
	if (missing.length > 0) throw oauthError(400, 'invalid_request', `Missing required parameter(s): ${missing.join(', ')}.`);
	if (field('client_id') !== credentials.clientId || field('client_secret') !== credentials.clientSecret) {
		// 400 invalid_client, as Adobe's own IMS clients expect (docs/sandbox-fidelity.md "IMS").
		throw oauthError(400, 'invalid_client', 'invalid client_id or client_secret for this sandbox (see the credentials printed by `aep-source sandbox`).');
	}
	const allowed = new Set(credentials.scopes.split(',').map(scope => scope.trim()));
	const unknown = field('scope')!
		.split(',')
		.map(scope => scope.trim())
		.filter(scope => scope && !allowed.has(scope));
	if (unknown.length > 0) throw oauthError(400, 'invalid_scope', `scope(s) not assigned to this credential: ${unknown.join(', ')}.`);
	const {token, expiresIn} = tokens.issue(credentials.clientId, credentials.orgId);
	return {access_token: token, token_type: 'bearer', expires_in: expiresIn};
}
