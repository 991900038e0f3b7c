// Secret masking shared by the engine, the platform client, the sandbox and every printer.
// Pure: no I/O. A value is masked wherever it appears (headers, bodies, URLs, error text).

/** Key names whose values are always secrets, whatever the spec says (docs/connection-spec.md#authspec, docs/authentication.md#getting-a-token). */
const secretKeyPattern =
	/^(authorization|x-api-key-secret|client_?secret|access_?token|refresh_?token|password|passwd|secret|api_?key|authkey\d*|x-auth-key\d*|token)$/i;

export function isSecretKeyName(key: string): boolean {
	return secretKeyPattern.test(key);
}

export const mask = '***';

/**
 * A header or query parameter name that carries a credential: the secret key names above, plus API-key, token,
 * signature, cookie and session names. Paging names (page_token, next_cursor, …) are not credentials.
 */
export function isCredentialParamName(name: string): boolean {
	if (isSecretKeyName(name)) return true;
	if (/page|cursor|next|continuation|after|before/i.test(name)) return false;
	return /secret|passw|token|api[-_]?key|apikey|subscription[-_]?key|signature|^sig$|^x-auth|authorization|cookie|session/i.test(name);
}

/** Shows at most the last 4 characters of a secret (the wizard's rule for profiles). */
export function lastFour(secret: string): string {
	if (secret.length <= 4) return mask;
	return `${mask}${secret.slice(-4)}`;
}

/**
 * Replaces every occurrence of every secret (and its URL-encoded and base64 forms) in a text.
 * Secrets shorter than 4 characters are ignored: masking "a" would shred every message.
 */
export function maskSecrets(text: string, secrets: Iterable<string | undefined>): string {
	let out = text;
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(Buffer.from(secret).toString('base64'));
	}
	// Longest first, so a secret that contains another is masked whole.
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		out = out.split(form).join(mask);
	}
	return out;
}

/**
 * A token or base64 credential, not an English word: "Basic Authentication" (an auth spec name) must stay readable,
 * "Basic ZGVtbzpwYXNz" must not. Credentials are long and carry digits, symbols or inner capitals.
 */
function looksLikeCredential(value: string): boolean {
	return value.length >= 8 && /[0-9+/=._~-]|.[A-Z]/.test(value);
}

/** Masks `Authorization: Bearer x` / `Basic x` values and secret-named fields in a JSON-ish or form text. */
export function maskKnownPatterns(text: string): string {
	return text
		.replace(/\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]+)/g, (whole, scheme: string, value: string) => (looksLikeCredential(value) ? `${scheme} ${mask}` : whole))
		.replace(/("(?:client_?secret|access_?token|refresh_?token|password|clientSecret|accessToken|refreshToken|authKey\d*)"\s*:\s*)"[^"]*"/gi, `$1"${mask}"`)
		.replace(/\b(client_secret|access_token|refresh_token|password)=([^&\s]+)/gi, `$1=${mask}`);
}

/** Deep-copies a JSON value, replacing values of secret-named keys (and of `extraKeys`) with the mask. */
export function redactObject<T>(value: T, extraKeys: Iterable<string> = []): T {
	const extra = new Set(extraKeys);
	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(walk);
		if (node && typeof node === 'object') {
			const out: Record<string, unknown> = {};
			for (const [key, child] of Object.entries(node)) {
				out[key] = (isSecretKeyName(key) || extra.has(key)) && typeof child === 'string' ? mask : walk(child);
			}
			return out;
		}
		return node;
	};
	return walk(value) as T;
}
