// Reads an OpenAPI document from a file or a URL: JSON or YAML (syntax errors by line:column), checked to be
// OpenAPI 3.0/3.1 or Swagger 2.0, $refs resolved by @apidevtools/swagger-parser. The parsers are imported here,
// lazily, so only the import path loads them (start-up budgets in bench/startup.ts). No React.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {cannotRead} from '../shared/file-errors.js';
import {parseSpecText} from '../connection-spec/parse.js';
import type {Json} from './guess.js';
import {openApiVersion} from './openapi.js';
import {atPointer, pruneToOperation} from './prune.js';
import {BootstrapInputError} from './input-error.js';

export {BootstrapInputError};

export type LoadedDocument = {doc: Json; version: string; location: string; documentUrl?: string; bytes: number; timeoutMs: number};

export type LoadOptions = {
	/** Timeout of each HTTP request (the document and external $refs), ms; default 10000. */
	timeoutMs?: number;
	signal?: AbortSignal;
};

const isUrl = (location: string) => /^https?:\/\//i.test(location);

async function readText(location: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
	if (!isUrl(location)) {
		try {
			return await readFile(location, 'utf8');
		} catch (error) {
			throw new BootstrapInputError(cannotRead(location, error));
		}
	}
	const timeout = AbortSignal.timeout(timeoutMs);
	let response: Response;
	try {
		response = await fetch(location, {
			signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
			headers: {accept: 'application/json, application/yaml, text/yaml, */*'},
		});
	} catch (error) {
		if (timeout.aborted)
			throw new BootstrapInputError(`${location} did not answer within ${timeoutMs / 1000} s; check the URL, or download the document and pass the file.`);
		const cause = (error as {cause?: {code?: string; message?: string}}).cause;
		throw new BootstrapInputError(`Cannot reach ${location}: ${cause?.code ?? cause?.message ?? (error as Error).message}.`);
	}
	if (!response.ok) throw new BootstrapInputError(`${location} answered ${response.status} ${response.statusText}; an OpenAPI document was expected.`);
	try {
		return await response.text();
	} catch {
		throw new BootstrapInputError(`${location} did not send the whole document within ${timeoutMs / 1000} s.`);
	}
}

/** JSON when it looks like JSON (fast for big documents), YAML otherwise; errors name line and column. */
async function parseText(text: string, name: string): Promise<unknown> {
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		const parsed = parseSpecText(text);
		if (!parsed.ok) throw new BootstrapInputError(`${name}:${parsed.line}:${parsed.column}: ${parsed.message}`);
		return parsed.value;
	}
	// js-yaml: several times faster than the yaml package on large documents (bench/bootstrap.ts), and already the
	// YAML reader of the $ref resolver. `json: true` lets a repeated key win instead of failing, as JSON.parse does.
	const {load} = await import('js-yaml');
	try {
		return load(text, {json: true});
	} catch (error) {
		const {mark, reason} = error as {mark?: {line: number; column: number}; reason?: string};
		const where = mark ? `${name}:${mark.line + 1}:${mark.column + 1}` : name;
		throw new BootstrapInputError(`${where}: not valid YAML or JSON (${reason ?? (error as Error).message.split('\n')[0]}).`);
	}
}

/** The first line of a $ref resolver error, with the absolute base path cut to the document's name. */
function refProblem(error: unknown, location: string): string {
	const message = (error instanceof Error ? error.message : String(error))
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean);
	const base = isUrl(location) ? location : path.resolve(location);
	const clean = (line: string) => line.split(base).join(path.basename(location));
	return message.slice(0, 2).map(clean).join(' ');
}

/**
 * Loads an OpenAPI document. Shape: `{doc, version: "OpenAPI 3.1.0", location, documentUrl?, bytes}`; `doc` still
 * holds its $refs (resolveOperation resolves those of one operation). Throws BootstrapInputError for a missing file,
 * an unreachable URL (after `timeoutMs`), a syntax error (`file:line:column: …`), a document that is not OpenAPI,
 * or a local $ref whose target does not exist (named, with where it is used).
 */
export async function loadOpenApi(location: string, options: LoadOptions = {}): Promise<LoadedDocument> {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const text = await readText(location, timeoutMs, options.signal);
	const name = isUrl(location) ? location : path.basename(location);
	const value = await parseText(text, name);
	const version = openApiVersion(value);
	if (!version) {
		const what =
			value && typeof value === 'object' && !Array.isArray(value) && ('authSpec' in value || 'sourceSpec' in value)
				? ' (it looks like a connection spec: import it with "aep-source import FILE")'
				: '';
		throw new BootstrapInputError(`${name} is not an OpenAPI document: it has no "openapi: 3.x" or "swagger: 2.0" field with "paths"${what}.`);
	}
	const broken = brokenLocalRef(value as Json);
	if (broken) throw new BootstrapInputError(`${name} has a $ref that cannot be resolved: Missing $ref pointer "${broken.ref}" (used at ${broken.at}).`);
	if (isUrl(location)) absoluteServers(value as Json, location);
	return {doc: value as Json, version, location, ...(isUrl(location) ? {documentUrl: location} : {}), bytes: Buffer.byteLength(text), timeoutMs};
}

/**
 * The document reduced to one operation and what it references, with every $ref resolved by the parser (external
 * files and URLs included). A copy: the loaded document is not changed. Throws BootstrapInputError naming a $ref
 * the parser cannot resolve.
 */
export async function resolveOperation(loaded: LoadedDocument, path_: string, method: 'get' | 'post'): Promise<Json> {
	const pruned = structuredClone(pruneToOperation(loaded.doc, path_, method));
	const {default: SwaggerParser} = await import('@apidevtools/swagger-parser');
	const base = isUrl(loaded.location) ? loaded.location : path.resolve(loaded.location);
	const name = isUrl(loaded.location) ? loaded.location : path.basename(loaded.location);
	try {
		return (await SwaggerParser.dereference(base, pruned as never, {
			dereference: {circular: 'ignore'},
			resolve: {http: {timeout: loaded.timeoutMs}},
		})) as unknown as Json;
	} catch (error) {
		if ((error as Error)?.name === 'SyntaxError') throw new BootstrapInputError(`${name}: ${(error as Error).message}`);
		throw new BootstrapInputError(`${name} has a $ref that cannot be resolved: ${refProblem(error, loaded.location)}`);
	}
}

/**
 * The first local `$ref` (`#/…`) whose target is missing, and where it is used. One pass collects the distinct
 * refs (no paths built: a 5 MB document has hundreds of thousands of nodes); only a broken one is then located.
 */
function brokenLocalRef(doc: Json): {ref: string; at: string} | undefined {
	const refs = new Set<string>();
	walk(doc, node => {
		const ref = node['$ref'];
		if (typeof ref === 'string' && ref.startsWith('#/')) refs.add(ref);
	});
	const broken = [...refs].find(ref => atPointer(doc, ref) === undefined);
	return broken === undefined ? undefined : {ref: broken, at: locate(doc, broken)};
}

function walk(root: unknown, visit: (node: Json) => void): void {
	const stack: unknown[] = [root];
	while (stack.length > 0) {
		const node = stack.pop();
		if (typeof node !== 'object' || node === null) continue;
		if (Array.isArray(node)) stack.push(...node);
		else {
			visit(node as Json);
			for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
		}
	}
}

/** The dotted path of the first object whose `$ref` is `ref`. */
function locate(root: unknown, ref: string): string {
	const stack: {node: unknown; at: string}[] = [{node: root, at: ''}];
	while (stack.length > 0) {
		const {node, at} = stack.pop()!;
		if (typeof node !== 'object' || node === null) continue;
		if ((node as Json)['$ref'] === ref) return at.replace(/^\./, '');
		for (const [key, child] of Object.entries(node)) stack.push({node: child, at: Array.isArray(node) ? `${at}[${key}]` : `${at}.${key}`});
	}
	return '?';
}

/**
 * OpenAPI 3 lets a server URL be relative to where the document is served. Resolved here, in place (the parsed
 * value is ours), because the parser's own fix-up drops the port of the document's URL.
 */
function absoluteServers(doc: Json, documentUrl: string): void {
	const fix = (servers: unknown) => {
		if (!Array.isArray(servers)) return;
		for (const server of servers) {
			if (server && typeof server === 'object' && typeof server.url === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(server.url) && !server.url.startsWith('{'))
				server.url = new URL(server.url, documentUrl).toString().replace(/\/+$/, '');
		}
	};
	fix(doc['servers']);
	for (const item of Object.values((doc['paths'] as Json | undefined) ?? {})) {
		if (!item || typeof item !== 'object') continue;
		fix((item as Json)['servers']);
		for (const operation of Object.values(item as Json)) if (operation && typeof operation === 'object') fix((operation as Json)['servers']);
	}
}
