// The --debug HTTP trace and the masking every traced or thrown text goes through.
import {maskKnownPatterns, maskSecrets, redactObject} from '../spec/secrets.js';

/** Knows the secret values of one client (its client secret, its tokens, values the caller registers). */
export type Masker = {
	add(values: Iterable<string | undefined>): void;
	/** Masks known values (plain, URL-, form-, JSON- and base64-encoded) and secret-looking patterns. */
	text(value: string): string;
	/** Like text(), but a JSON body also has secret-named fields replaced, whatever their value. */
	body(raw: string): string;
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
			return text(raw);
		}
	};
	return {add, text, body};
}

// maskKnownPatterns masks any word after "Basic"/"Bearer", which turns the auth spec name "Basic Authentication"
// (sources-sdk 3.4.2) into "Basic ***" in every error message. Words that cannot be credentials are shielded
// from it: after Basic, anything that is not base64 of "user:password"; after Bearer, a plain short word.
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

const bodyLimit = 600;

export function truncate(value: string, limit = bodyLimit): string {
	return value.length <= limit ? value : `${value.slice(0, limit)}… (${value.length} chars)`;
}

/** Trace sink for the CLI: on with `--debug` (the CLI sets AEP_SOURCE_DEBUG=1) or AEP_SOURCE_DEBUG=1. */
export function debugSink(env: NodeJS.ProcessEnv, stream: NodeJS.WritableStream): ((line: string) => void) | undefined {
	const flag = (env['AEP_SOURCE_DEBUG'] ?? '').trim().toLowerCase();
	if (!['1', 'true', 'yes', 'on'].includes(flag)) return undefined;
	return line => {
		stream.write(`[debug] ${line}\n`);
	};
}

export type TraceRequest = {method: string; url: string; headers: Record<string, string>; body?: string};

export function requestLine(masker: Masker, r: TraceRequest): string {
	const headers = Object.entries(r.headers)
		.map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? value.replace(/\s.*$/, ' ***') : value}`)
		.join('; ');
	const body = r.body === undefined ? '' : ` body=${truncate(masker.body(r.body))}`;
	return masker.text(`→ ${r.method} ${r.url} [${headers}]${body}`);
}

export function responseLine(
	masker: Masker,
	r: {method: string; url: string; status?: number; ms: number; requestId?: string; body?: string; error?: string},
): string {
	const outcome = r.status === undefined ? `✗ ${r.error ?? 'no response'}` : String(r.status);
	const request = r.requestId ? ` request-id=${r.requestId}` : '';
	const body = r.body ? ` body=${truncate(masker.body(r.body))}` : '';
	return masker.text(`← ${outcome} ${r.method} ${r.url} ${r.ms}ms${request}${body}`);
}
