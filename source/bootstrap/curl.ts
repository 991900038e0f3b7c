// A curl command (as pasted from an API's docs) → a RequestShape. Words are split by shell-quote, a well-kept
// shell-words parser; credentials are recognised and returned apart, so they never reach the draft. docs/bootstrap.md.
import {parse as shellWords} from 'shell-quote';
import type {AuthShape, Headers, RequestShape} from './guess.js';
import {BootstrapInputError} from './input-error.js';
import {looksLikeCredentialName as looksLikeCredential} from './credential-names.js';

/**
 * A header, query or body name as messages may echo it: a plain name as it is; anything else (a JSON fragment that
 * several -d parts turned into a form "name", say) could hold the credential itself, so only its length is told.
 */
function shownName(name: string): string {
	return /^[A-Za-z0-9_.[\]-]{1,64}$/.test(name) ? name : `(a ${name.length}-character name that is not a plain field name, not shown)`;
}

export type CurlRequest = {
	method: 'GET' | 'POST';
	/** The URL as parsed; a placeholder in its host stands there as its `token` (see `hostPlaceholders`). */
	url: URL;
	/** Placeholders written in the URL's host (`{{host}}`, `${subdomain}`, `$SUB`, `{region}`), in order. */
	hostPlaceholders: HostPlaceholder[];
	headers: [string, string][];
	body?: string;
	user?: string;
	/** Flags we read but that change nothing in a spec (-s, -L, --compressed…), and those we cannot map. */
	ignored: string[];
	unsupported: string[];
};

/** Flags that take no value and do not matter to a spec. */
const quietFlags = new Set([
	'-s',
	'--silent',
	'-S',
	'--show-error',
	'-L',
	'--location',
	'-i',
	'--include',
	'-v',
	'--verbose',
	'--compressed',
	'-k',
	'--insecure',
	'-f',
	'--fail',
	'--fail-with-body',
	'-g',
	'--globoff',
	'-#',
	'--progress-bar',
	'--http1.1',
	'--http2',
	'-N',
	'--no-buffer',
	'-4',
	'-6',
	'--location-trusted',
	'-j',
	'--junk-session-cookies',
]);
/** Flags whose value does not matter to a spec. */
const quietWithValue = new Set([
	'-o',
	'--output',
	'-m',
	'--max-time',
	'--connect-timeout',
	'--retry',
	'-w',
	'--write-out',
	'-e',
	'--referer',
	'--max-redirs',
	'-D',
	'--dump-header',
]);
/** Flags a connection spec cannot express. */
const unsupportedWithValue = new Set([
	'-F',
	'--form',
	'-T',
	'--upload-file',
	'-b',
	'--cookie',
	'-c',
	'--cookie-jar',
	'-E',
	'--cert',
	'--key',
	'--cacert',
	'-x',
	'--proxy',
	'--aws-sigv4',
	'--resolve',
	'--data-urlencode',
	'--form-string',
	'--unix-socket',
]);
const unsupportedFlags = new Set(['--digest', '--ntlm', '--negotiate', '-I', '--head', '--anyauth']);
const dataFlags = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);

/** Unterminated quotes: shell-quote accepts them silently, a shell would not. Scans quote state only. */
function unterminatedQuote(text: string): string | undefined {
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const character = text[i];
		if (quote === undefined && character === '\\') i++;
		else if (quote === '"' && character === '\\') i++;
		else if (quote === undefined && (character === "'" || character === '"')) quote = character;
		else if (character === quote) quote = undefined;
	}
	return quote;
}

function words(text: string): string[] {
	const joined = text.replace(/\\\r?\n/g, ' ').trim();
	const quote = unterminatedQuote(joined);
	if (quote) throw new BootstrapInputError(`The curl command has an unterminated ${quote === '"' ? 'double' : 'single'} quote; paste the whole command.`);
	// Variables are kept as written ($TOKEN), not expanded to nothing.
	const tokens = shellWords(joined, name => `$${name}`);
	const out: string[] = [];
	for (const [index, token] of tokens.entries()) {
		if (typeof token === 'string') out.push(token);
		else if ('pattern' in token) out.push(token.pattern);
		else if ('comment' in token) break;
		else if ('op' in token) {
			// `| jq .` and `> out.json` after the command are the shell's business, not the request's.
			if (['|', '>', '>>', ';', '&&', '||'].includes(token.op) && out.length > 1) return out;
			const next = tokens[index + 1];
			if (token.op === '&' && typeof next === 'string' && next.includes('='))
				throw new BootstrapInputError('The URL holds an unquoted "&", which the shell reads as "run in the background": put the URL in single quotes.');
			throw new BootstrapInputError(`The curl command contains the shell operator "${token.op}" where a word was expected; paste only the curl command.`);
		}
	}
	return out;
}

/** Splits `--flag=value` and joins short flags' attached values (`-XPOST`, `-HAccept: x`). */
function flagAndValue(word: string): [string, string | undefined] {
	if (word.startsWith('--') && word.includes('=')) return [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)];
	if (/^-[XHdu][^-]/.test(word) && word.length > 2) return [word.slice(0, 2), word.slice(2)];
	return [word, undefined];
}

/** Parses a curl command line; throws BootstrapInputError with a sentence for a line that is not a usable curl command. */
export function parseCurl(text: string): CurlRequest {
	const list = words(text);
	if (list[0] === '$') list.shift(); // a prompt pasted along
	if (list[0] !== 'curl')
		throw new BootstrapInputError(
			list.length === 0 ? 'The curl command is empty.' : `A curl command starts with "curl", but this one starts with "${list[0]}".`,
		);
	let method: string | undefined;
	let url: string | undefined;
	let user: string | undefined;
	let getMode = false;
	const headers: [string, string][] = [];
	const data: string[] = [];
	const ignored: string[] = [];
	const unsupported: string[] = [];
	for (let i = 1; i < list.length; i++) {
		const [flag, attached] = flagAndValue(list[i] ?? '');
		const value = (): string => {
			if (attached !== undefined) return attached;
			const next = list[++i];
			if (next === undefined) throw new BootstrapInputError(`The curl option ${flag} needs a value, but the command ends there.`);
			return next;
		};
		if (flag === '-X' || flag === '--request') method = value().toUpperCase();
		else if (flag === '-H' || flag === '--header') {
			const header = value();
			const colon = header.indexOf(':');
			if (colon <= 0) throw new BootstrapInputError(`The header "${header}" has no "Name: value" form.`);
			headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
		} else if (dataFlags.has(flag)) {
			data.push(value());
			if (flag === '--json') headers.push(['Content-Type', 'application/json'], ['Accept', 'application/json']);
		} else if (flag === '-u' || flag === '--user') user = value();
		else if (flag === '--oauth2-bearer') headers.push(['Authorization', `Bearer ${value()}`]);
		else if (flag === '-A' || flag === '--user-agent') headers.push(['User-Agent', value()]);
		else if (flag === '-G' || flag === '--get') getMode = true;
		else if (flag === '--url') url = value();
		else if (quietFlags.has(flag) || /^-[sSLikvfg#N]+$/.test(flag)) ignored.push(flag);
		else if (quietWithValue.has(flag)) {
			value();
			ignored.push(flag);
		} else if (unsupportedWithValue.has(flag)) {
			value();
			unsupported.push(flag);
		} else if (unsupportedFlags.has(flag) || flag.startsWith('-')) unsupported.push(flag);
		else if (url === undefined) url = flag;
		else throw new BootstrapInputError(`The curl command names two URLs ("${url}" and "${flag}"); a source reads one.`);
	}
	if (url === undefined) throw new BootstrapInputError('The curl command has no URL.');
	const {url: parsed, placeholders: hostPlaceholders} = parseUrl(url);
	// https://user:password@host/… is basic auth: taken out of the URL so it is never shown or saved.
	if (parsed.username !== '' && user === undefined) user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
	parsed.username = '';
	parsed.password = '';
	if (getMode) for (const part of data) for (const [key, entry] of new URLSearchParams(part)) parsed.searchParams.append(key, entry);
	const body = getMode || data.length === 0 ? undefined : data.join('&');
	const finalMethod = method ?? (body !== undefined ? 'POST' : 'GET');
	if (finalMethod !== 'GET' && finalMethod !== 'POST')
		throw new BootstrapInputError(`The curl command uses ${finalMethod}; a source reads with GET or POST only.`);
	return {
		method: finalMethod,
		url: parsed,
		hostPlaceholders,
		headers,
		...(body !== undefined ? {body} : {}),
		...(user !== undefined ? {user} : {}),
		ignored,
		unsupported,
	};
}

/** A placeholder in a curl URL's host, as written (`written`) and as it stands in the parsed URL (`token`). */
export type HostPlaceholder = {name: string; written: string; token: string};

/**
 * Placeholders people leave in a copied curl URL's host: `{{name}}` (Postman, Insomnia), `${name}` and `$name` (shell
 * variables; unquoted ones reach us as `$name`), `{name}` (OpenAPI server variables).
 */
const hostPlaceholderPattern = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)|\{([A-Za-z_][\w.-]*)\}/g;
const placeholderToken = /^aep-host-var-\d+$/;

/**
 * Parses the URL; placeholders in its host are swapped for host-name-safe tokens first, so `https://{{host}}/v2`
 * parses and the names keep their case (a URL lowercases its host).
 */
function parseUrl(text: string): {url: URL; placeholders: HostPlaceholder[]} {
	const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
	const rest = text.slice(scheme.length);
	const authorityEnd = rest.search(/[/?#]/);
	const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
	const placeholders: HostPlaceholder[] = [];
	const tokenised = authority.replace(hostPlaceholderPattern, (written, ...names: (string | undefined)[]) => {
		const token = `aep-host-var-${placeholders.length}`;
		placeholders.push({name: names.slice(0, 4).find(Boolean)!, written, token});
		return token;
	});
	const rewritten = `${scheme || 'https://'}${tokenised}${authorityEnd === -1 ? '' : rest.slice(authorityEnd)}`;
	let url: URL;
	try {
		url = new URL(rewritten);
	} catch {
		throw new BootstrapInputError(`"${text}" is not a URL curl could fetch.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new BootstrapInputError(`The URL uses ${url.protocol.slice(0, -1)}; a source reads over http or https.`);
	return {url, placeholders};
}

// A header is an API key when its whole name is a key-like word (optionally x-prefixed), or it ends in one.
const keyHeaderName =
	/^(x-)?(api[-_]?key|apikey|api[-_]?token|auth[-_]?token|access[-_]?token|token|secret|subscription[-_]?key|app[-_]?key|client[-_]?secret)$/i;
const keyHeaderSuffix = /(^|-)(api[-_]?key|apikey|token|secret)$/i;
const keyHeader = {test: (name: string) => keyHeaderName.test(name) || keyHeaderSuffix.test(name)};
const keyQuery = /^(api[-_]?key|apikey|key|access[-_]?token|token|auth[-_]?token|app[-_]?key)$/i;
const droppedHeaders = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent']);

/** Credentials found in the request: the auth shape, and the secret values (by auth property) kept in memory only. */
type Credentials = {auth?: AuthShape; secrets: Record<string, string>; consumedHeaders: Set<string>; consumedQuery: Set<string>; extraSecrets: string[]};
type Candidate = {auth: AuthShape; secrets: Record<string, string>; what: string};

function fromAuthorization(name: string, value: string): Candidate {
	const [scheme = '', ...rest] = value.split(/\s+/);
	const credential = rest.join(' ');
	if (/^bearer$/i.test(scheme))
		return {
			auth: {type: 'OAuth2RefreshCode', evidence: 'the Authorization: Bearer header → OAuth2RefreshCode'},
			secrets: {accessToken: credential},
			what: 'the Authorization header',
		};
	if (/^basic$/i.test(scheme)) {
		const decoded = Buffer.from(credential, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const secrets = {username: colon === -1 ? decoded : decoded.slice(0, colon), password: colon === -1 ? '' : decoded.slice(colon + 1)};
		return {auth: {type: 'BasicAuthentication', evidence: 'the Authorization: Basic header → BasicAuthentication'}, secrets, what: 'the Authorization header'};
	}
	return {
		auth: {type: 'KeyBased', headerName: name, evidence: `the Authorization header with the "${scheme}" scheme → KeyBased (the whole value is the key)`},
		secrets: {authKey1: value},
		what: 'the Authorization header',
	};
}

/** Every credential in the request, in the order -u, Authorization, API-key headers, API-key query parameters; the first becomes the auth spec. */
function credentialsOf(request: CurlRequest): Credentials {
	const candidates: Candidate[] = [];
	const consumedHeaders = new Set<string>();
	const consumedQuery = new Set<string>();
	if (request.user !== undefined) {
		const colon = request.user.indexOf(':');
		const secrets = {username: colon === -1 ? request.user : request.user.slice(0, colon), password: colon === -1 ? '' : request.user.slice(colon + 1)};
		candidates.push({auth: {type: 'BasicAuthentication', evidence: '-u user:password → BasicAuthentication'}, secrets, what: '-u'});
	}
	for (const [name, value] of request.headers) {
		if (name.toLowerCase() === 'authorization') candidates.push(fromAuthorization(name, value));
		else if (keyHeader.test(name))
			candidates.push({
				auth: {type: 'KeyBased', headerName: name, evidence: `the ${name} header looks like an API key → KeyBased with restAttributes.headerParamName ${name}`},
				secrets: {authKey1: value},
				what: `the ${name} header`,
			});
		else continue;
		consumedHeaders.add(name.toLowerCase());
	}
	for (const [name, value] of request.url.searchParams) {
		if (!keyQuery.test(name)) continue;
		candidates.push({
			auth: {type: 'KeyBased', queryName: name, evidence: `the ${name} query parameter looks like an API key → KeyBased, sent as ${name}=\${authKey1}`},
			secrets: {authKey1: value},
			what: `the ${name} query parameter`,
		});
		consumedQuery.add(name);
	}
	const [first, ...rest] = candidates;
	const secrets = Object.fromEntries(Object.entries(first?.secrets ?? {}).filter(([, value]) => value !== ''));
	return {...(first ? {auth: first.auth} : {}), secrets, consumedHeaders, consumedQuery, extraSecrets: rest.map(candidate => candidate.what)};
}

function nameFrom(url: URL): string {
	// An IP address names nothing; a host name's first label names the API (api.acme.com → Acme).
	const label = url.hostname.replace(/^(api|www|rest)\./, '').split('.')[0] ?? url.hostname;
	const host = /^[\d.]+$|^\[/.test(url.hostname) || placeholderToken.test(label) ? undefined : label;
	const segment = url.pathname
		.split('/')
		.filter(part => part && !/^v\d+(\.\d+)?$/i.test(part) && !/^\d+$/.test(part))
		.pop();
	const words = [host, segment].filter(Boolean).map(word =>
		String(word)
			.replace(/[-_.]+/g, ' ')
			.replace(/\b\w/g, letter => letter.toUpperCase()),
	);
	return words.join(' ') || 'Imported API';
}

/**
 * The host part of the shape. A host that is one placeholder (`{{baseUrl}}/v2/…`, `https://{{host}}/v2/…`) becomes
 * the auth param `host`, given as a test value (`--param host=…`); placeholders inside a host
 * (`https://${subdomain}.example.com`) become `${name}` in urlParams.host, each an auth property
 * (docs/connection-spec.md#placeholders).
 */
function hostOf(request: CurlRequest): Pick<RequestShape, 'host' | 'hostEvidence' | 'hostParamEvidence' | 'hostVariables'> {
	const {url, hostPlaceholders: placeholders} = request;
	if (placeholders.length === 1 && url.host === placeholders[0]!.token) {
		const written = placeholders[0]!.written;
		return {
			hostParamEvidence: `the URL's host is the placeholder ${written}, so the host is the auth param "host": give it as a test value (--param host=…).`,
			hostVariables: [],
		};
	}
	let origin = `${url.protocol}//${url.host}`;
	for (const each of placeholders) origin = origin.replace(each.token, `\${${each.name}}`);
	const named = [...new Map(placeholders.map(each => [each.name, each])).values()];
	return {
		host: origin,
		hostEvidence: `the URL's scheme and host (${origin}).`,
		hostVariables: named.map(each => ({name: each.name, description: `Part of the API's host (${each.written} in the curl command)`, required: true})),
	};
}

/**
 * The RequestShape of a curl request, plus its credentials apart. `response` (a sample body and headers) feeds
 * detection. Shape: `{shape, secrets: {accessToken|password|authKey1|username: value}}`.
 */
export function shapeFromCurl(request: CurlRequest, response?: {body: unknown; headers: Headers}): {shape: RequestShape; secrets: Record<string, string>} {
	const credentials = credentialsOf(request);
	const unmapped = [
		...request.unsupported.map(flag => `curl option ${flag} (a connection spec cannot express it)`),
		...credentials.extraSecrets.map(
			what => `${what}: a second credential, left out so its value is not saved (add it as another auth spec if the API needs both)`,
		),
	];
	const headerParams: Record<string, string> = {};
	for (const [name, value] of request.headers) {
		const lower = name.toLowerCase();
		if (credentials.consumedHeaders.has(lower) || droppedHeaders.has(lower)) continue;
		if (lower === 'cookie') {
			unmapped.push('the Cookie header (sources send no cookies; its value is not saved)');
			continue;
		}
		if (looksLikeCredential(name)) {
			unmapped.push(`the ${shownName(name)} header looks like a credential: its value is not saved (declare it as an auth property)`);
			continue;
		}
		headerParams[name] = value;
	}
	const queryParams: Record<string, string> = {};
	for (const [name, value] of request.url.searchParams) {
		if (credentials.consumedQuery.has(name)) continue;
		if (looksLikeCredential(name)) unmapped.push(`the ${shownName(name)} query parameter looks like a credential: its value is not saved`);
		else queryParams[name] = value;
	}
	let bodyParams: Record<string, unknown> | undefined;
	if (request.body !== undefined) {
		try {
			const json: unknown = JSON.parse(request.body);
			if (json && typeof json === 'object' && !Array.isArray(json)) bodyParams = json as Record<string, unknown>;
			else unmapped.push('a request body that is not a JSON object (bodyParams holds an object)');
		} catch {
			bodyParams = Object.fromEntries(new URLSearchParams(request.body));
			unmapped.push('the form-encoded body was turned into a JSON object: the platform sends bodyParams as JSON');
		}
		for (const name of Object.keys(bodyParams ?? {})) {
			if (!looksLikeCredential(name)) continue;
			delete bodyParams![name];
			unmapped.push(`the body field ${shownName(name)} looks like a credential: its value is not saved`);
		}
	}
	const shape: RequestShape = {
		name: nameFrom(request.url),
		...hostOf(request),
		path: decodeURIComponent(request.url.pathname) || '/',
		inputs: [],
		method: request.method,
		queryParams,
		knownQuery: queryParams,
		headerParams,
		...(bodyParams ? {bodyParams} : {}),
		...(credentials.auth ? {auth: credentials.auth} : {}),
		...(response ? {response: {...response, source: 'sample' as const}} : {}),
		unmapped,
	};
	return {shape, secrets: credentials.secrets};
}
