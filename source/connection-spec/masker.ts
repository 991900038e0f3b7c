// The one Masker: the platform client (traces, errors) and the engine (page traces, errors of a run) mask through
// it. It knows the secret values of one client or run and masks them in every encoding, plus secret-looking patterns.
// Pure: no I/O.
import {isCredentialParamName, isSecretKeyName, mask, maskKnownPatterns, maskSecrets, redactObject} from './secrets.js';

export type Masker = {
	/** Registers more secret values (a token learnt during a run); values shorter than 4 characters are ignored. */
	add(values: Iterable<string | undefined>): void;
	/** Masks known values (plain, URL-, form-, JSON- and base64-encoded) and secret-looking patterns. */
	text(value: string): string;
	/** Like text(), but a JSON body also has secret-named fields replaced, whatever their value. */
	body(raw: string): string;
	/** Like text(), and the values of secret-named query parameters (`?api_key=…`) too. */
	url(value: string): string;
	/**
	 * One header or query parameter as it may be shown: a credential-named one (Authorization, X-API-Key, api_key,
	 * Cookie…) keeps only its scheme word (`Bearer ***`), any other has known secrets and secret patterns masked.
	 */
	param(name: string, value: string): string;
};

export function createMasker(initial: Iterable<string | undefined> = []): Masker {
	const known = new Set<string>();
	const add = (values: Iterable<string | undefined>) => {
		for (const value of values) {
			if (!value || value.length < 4) continue;
			known.add(value);
			// Extra encodings maskSecrets does not cover: form encoding (space as +) and JSON string escaping.
			known.add(new URLSearchParams({v: value}).toString().slice(2));
			known.add(JSON.stringify(value).slice(1, -1));
		}
	};
	add(initial);
	const text = (value: string) => maskPatterns(maskSecrets(value, known));
	const body = (raw: string) => {
		try {
			return text(JSON.stringify(redactObject(JSON.parse(raw) as unknown)));
		} catch {
			// Not JSON, or a JSON body cut short: secret-named string fields are masked in the text itself.
			return text(raw).replace(/"([^"\\]{1,64})"(\s*:\s*)"(?:[^"\\]|\\.)*("?)/g, (whole, key: string, colon: string, closed: string) =>
				isSecretKeyName(key) ? `"${key}"${colon}"${mask}${closed ? '"' : ''}` : whole,
			);
		}
	};
	const param = (name: string, value: string) => {
		if (!isCredentialParamName(name)) return text(value);
		const scheme = /^(Bearer|Basic|Token|Digest|ApiKey)\s+\S/i.exec(value)?.[1];
		return scheme ? `${scheme} ${mask}` : mask;
	};
	const url = (value: string) =>
		text(value).replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, separator: string, key: string) =>
			isSecretKeyName(safeDecode(key)) ? `${separator}${key}=${mask}` : whole,
		);
	return {add, text, body, url, param};
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

// maskKnownPatterns masks any word after "Basic"/"Bearer", which would turn the auth spec name "Basic
// Authentication" into "Basic ***" in every error message. Words that cannot be credentials are shielded from it:
// after Basic, anything that is not base64 of "user:password"; after Bearer, a plain short word.
const shield = '\uE000';
const schemeWord = /\b(Basic|Bearer)(\s+)([A-Za-z0-9._~+/=-]+)/g;

function isCredential(scheme: string, word: string): boolean {
	if (scheme === 'Bearer') return !/^[A-Za-z]{1,24}$/.test(word);
	return /^[A-Za-z0-9+/]+=*$/.test(word) && Buffer.from(word, 'base64').toString('utf8').includes(':');
}

function maskPatterns(text: string): string {
	if (text.includes(shield)) return maskKnownPatterns(text);
	const shielded = text.replace(schemeWord, (all, scheme: string, space: string, word: string) =>
		isCredential(scheme, word) ? all : `${scheme}${shield}${space}${word}`,
	);
	return maskKnownPatterns(shielded).split(shield).join('');
}
