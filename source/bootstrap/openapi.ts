// OpenAPI 3.0/3.1 and Swagger 2.0 documents (already parsed and $ref-resolved, see load-openapi.ts) → the list of
// operations and, for the one the author picks, a RequestShape. Pure (no I/O, no React). Mapping: docs/bootstrap.md.
import type {AuthShape, Headers, InputShape, Json, RequestShape} from './guess.js';
import {suggestContentPath} from './detect-response.js';

export type OperationSummary = {
	/** operationId, or "GET /path" when the document gives none. */
	id: string;
	method: 'GET' | 'POST';
	path: string;
	summary: string;
	/** The 2xx response holds an array of objects (a GET list, or a POST search endpoint). */
	returnsList: boolean;
};

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const searchLike = /search|query|list|find|export|filter|report/i;

/** `openapi: 3.x` or `swagger: "2.0"` with a `paths` object; the version label, or undefined. */
export function openApiVersion(doc: unknown): string | undefined {
	if (!isJson(doc) || !isJson(doc['paths'])) return undefined;
	if (typeof doc['openapi'] === 'string' && /^3\.\d/.test(doc['openapi'])) return `OpenAPI ${doc['openapi']}`;
	if (String(doc['swagger']) === '2.0') return 'Swagger 2.0';
	return undefined;
}

function operations(doc: Json): {method: 'GET' | 'POST'; path: string; item: Json; operation: Json}[] {
	const out: {method: 'GET' | 'POST'; path: string; item: Json; operation: Json}[] = [];
	for (const [path, item] of Object.entries(doc['paths'] as Json)) {
		if (!isJson(item)) continue;
		for (const method of ['get', 'post'] as const) {
			const operation = item[method];
			if (isJson(operation)) out.push({method: method === 'get' ? 'GET' : 'POST', path, item, operation});
		}
	}
	return out;
}

/** Every GET and POST operation, lists first. Shape: `[{id, method, path, summary, returnsList}]`. */
export function listOperations(doc: Json): OperationSummary[] {
	const all = operations(doc).map(({method, path, operation}) => {
		const id = text(operation['operationId']) ?? `${method} ${path}`;
		const summary = text(operation['summary']) ?? text(operation['description'])?.split('\n')[0] ?? '';
		// Shallow samples: a list's records sit a few levels down at most, and a 5 MB document has thousands of operations.
		const body = responseSample(operation, doc, 3)?.body;
		const list = body !== undefined && suggestContentPath(body) !== undefined;
		const returnsList = list && (method === 'GET' || searchLike.test(`${id} ${path} ${summary}`));
		return {id, method, path, summary, returnsList};
	});
	return [...all.filter(entry => entry.returnsList), ...all.filter(entry => !entry.returnsList)];
}

/** The operation an author named: its operationId, or "METHOD /path" (method in any case). */
export function findOperation(doc: Json, selector: string): {method: 'GET' | 'POST'; path: string; item: Json; operation: Json} | undefined {
	const wanted = selector.trim();
	const spaced = /^(get|post)\s+(\S.*)$/i.exec(wanted);
	return operations(doc).find(
		entry => entry.operation['operationId'] === wanted || (spaced && entry.method === spaced[1]?.toUpperCase() && entry.path === spaced[2]),
	);
}

/** Parameters of the path item and the operation (the operation's win by name+in). */
function parameters(item: Json, operation: Json): Json[] {
	const byKey = new Map<string, Json>();
	for (const list of [item['parameters'], operation['parameters']]) {
		if (!Array.isArray(list)) continue;
		for (const parameter of list)
			if (isJson(parameter) && typeof parameter['name'] === 'string') byKey.set(`${String(parameter['in'])}:${parameter['name']}`, parameter);
	}
	return [...byKey.values()];
}

function scalar(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function parameterValue(parameter: Json): string | undefined {
	const schema = isJson(parameter['schema']) ? parameter['schema'] : parameter;
	return (
		scalar(parameter['example']) ??
		scalar(schema['default']) ??
		scalar(schema['example']) ??
		(Array.isArray(schema['enum']) ? scalar(schema['enum'][0]) : undefined)
	);
}

function inputOf(parameter: Json, required: boolean): InputShape {
	const schema = isJson(parameter['schema']) ? parameter['schema'] : parameter;
	const name = String(parameter['name']);
	const enumValues = Array.isArray(schema['enum']) ? schema['enum'].map(String) : undefined;
	const fallback = scalar(schema['default']) ?? scalar(parameter['example']) ?? scalar(schema['example']);
	return {
		name: placeholderName(name),
		description: text(parameter['description'])?.split('\n')[0] ?? `${name} (${String(parameter['in'])} parameter)`,
		...(fallback !== undefined ? {default: fallback} : {}),
		...(enumValues ? {enum: enumValues} : {}),
		required,
	};
}

/** Placeholder names are identifiers; `page[size]` or `x-id` become `page_size`, `x_id`. */
const placeholderName = (name: string) => name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'value';

/** The first 2xx (or default) JSON response: its body (documented example, or one built from the schema) and headers. */
function responseSample(operation: Json, root: Json, maxDepth = 8): {body: unknown; headers: Headers; source: 'sample' | 'schema'; schema?: Json} | undefined {
	const responses = isJson(operation['responses']) ? operation['responses'] : {};
	const code = ['200', '201', '206', '2XX', '2xx', 'default'].find(key => isJson(responses[key])) ?? Object.keys(responses).find(key => /^2/.test(key));
	const response = code ? responses[code] : undefined;
	if (!isJson(response)) return undefined;
	const headers: Headers = {};
	if (isJson(response['headers'])) for (const name of Object.keys(response['headers'])) headers[name.toLowerCase()] = '3';
	let schema: unknown;
	let example: unknown;
	if (isJson(response['content'])) {
		const content = response['content'];
		const type = Object.keys(content).find(key => /json/i.test(key)) ?? Object.keys(content).find(key => key === '*/*');
		const media = type ? content[type] : undefined;
		if (isJson(media)) {
			schema = media['schema'];
			example = media['example'] ?? firstExample(media['examples']);
		}
	} else {
		schema = response['schema']; // Swagger 2.0
		example = isJson(response['examples']) ? Object.entries(response['examples']).find(([key]) => /json/i.test(key))?.[1] : undefined;
	}
	if (example !== undefined && typeof example === 'object' && example !== null)
		return {body: example, headers, source: 'sample', ...(isJson(schema) ? {schema} : {})};
	if (!isJson(schema)) return undefined;
	return {body: sampleFromSchema(schema, root, '', 0, new Set(), maxDepth), headers, source: 'schema', schema};
}

function firstExample(examples: unknown): unknown {
	if (!isJson(examples)) return undefined;
	const first = Object.values(examples)[0];
	return isJson(first) ? first['value'] : undefined;
}

/**
 * A `$ref` the parser left in place (a circular one, kept as `{$ref}` so the document stays a tree) resolved
 * against the document; anything else as is.
 */
function deref(node: unknown, root: Json | undefined): unknown {
	let current = node;
	for (let hops = 0; hops < 8 && root && isJson(current) && typeof current['$ref'] === 'string' && current['$ref'].startsWith('#/'); hops++) {
		let target: unknown = root;
		for (const part of current['$ref'].slice(2).split('/')) target = isJson(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
		current = target;
	}
	return current;
}

const nextLike = /^(next|next_?page(_?url)?|next_?url|next_?link|@odata\.nextLink|href|link|url)$/i;

/**
 * A value shaped like the schema: arrays get one element, strings named like a next-page link get a URL, so the
 * response detector reads a schema as it reads a response. Cycles and depth > 8 stop at `{}`.
 */
export function sampleFromSchema(raw: unknown, root?: Json, name = '', depth = 0, seen: Set<unknown> = new Set(), maxDepth = 8): unknown {
	const schema = deref(raw, root);
	if (!isJson(schema) || depth > maxDepth || seen.has(schema)) return {};
	const merged = mergeAllOf(schema, root);
	if (merged['example'] !== undefined && typeof merged['example'] !== 'object') return merged['example'];
	const type = schemaType(merged);
	const inner = new Set(seen).add(schema);
	if (type === 'array') return [sampleFromSchema(merged['items'], root, name, depth + 1, inner, maxDepth)];
	if (type === 'object') {
		const out: Json = {};
		for (const [key, child] of Object.entries((merged['properties'] as Json | undefined) ?? {}))
			out[key] = sampleFromSchema(child, root, key, depth + 1, inner, maxDepth);
		return out;
	}
	if (type === 'integer' || type === 'number') return 1;
	if (type === 'boolean') return true;
	if (type === 'null') return null;
	const format = String(merged['format'] ?? '');
	if (/^(uri|url|iri|uri-reference)$/.test(format) || nextLike.test(name)) return `https://api.example.invalid/next?${name}=1`;
	if (/date/.test(format)) return '2024-01-01T00:00:00Z';
	return Array.isArray(merged['enum']) && merged['enum'].length ? merged['enum'][0] : 'text';
}

function mergeAllOf(schema: Json, root: Json | undefined, depth = 0): Json {
	const resolve = (node: unknown) => deref(node, root);
	const parts = Array.isArray(schema['allOf']) ? schema['allOf'].map(resolve).filter(isJson) : [];
	const alternative = ([schema['oneOf'], schema['anyOf']].find(Array.isArray) as unknown[] | undefined)?.map(resolve).find(isJson);
	if ((parts.length === 0 && !alternative) || depth > 8) return schema;
	const properties: Json = {...((schema['properties'] as Json | undefined) ?? {})};
	let merged: Json = {...schema};
	for (const part of [...parts, ...(alternative ? [alternative] : [])].map(entry => mergeAllOf(entry, root, depth + 1))) {
		Object.assign(properties, (part['properties'] as Json | undefined) ?? {});
		merged = {...part, ...merged};
	}
	return {...merged, properties};
}

function schemaType(schema: Json): string {
	const type = Array.isArray(schema['type']) ? schema['type'].find(entry => entry !== 'null') : schema['type'];
	if (typeof type === 'string') return type;
	if (isJson(schema['properties'])) return 'object';
	if (schema['items'] !== undefined) return 'array';
	return 'string';
}

/** The record schema at contentPath inside the response schema, simplified to types (no $ref, bounded depth). */
function itemSchemaAt(schema: Json, contentPath: string, root: Json): Json | undefined {
	let node: Json | undefined = mergeAllOf(schema, root);
	const keys = contentPath === '$' ? [] : contentPath.replace(/^\$\.?/, '').split('.');
	for (const key of keys) {
		const child = deref(isJson(node?.['properties']) ? node['properties'][key] : undefined, root);
		node = isJson(child) ? mergeAllOf(child, root) : undefined;
	}
	const items = deref(node?.['items'], root);
	return isJson(items) ? simplify(items, root, 0, new Set()) : undefined;
}

function simplify(raw: Json, root: Json, depth: number, seen: Set<unknown>): Json {
	const schema = (deref(raw, root) as Json | undefined) ?? {};
	const merged = mergeAllOf(schema, root);
	const type = schemaType(merged);
	if (seen.has(schema) || depth > 4) return {type};
	const inner = new Set(seen).add(schema);
	if (type === 'object') {
		const properties: Json = {};
		for (const [key, child] of Object.entries((merged['properties'] as Json | undefined) ?? {}))
			if (isJson(child)) properties[key] = simplify(child, root, depth + 1, inner);
		return {type, properties};
	}
	if (type === 'array') return {type, items: isJson(merged['items']) ? simplify(merged['items'], root, depth + 1, inner) : {}};
	return {type, ...(typeof merged['format'] === 'string' ? {format: merged['format']} : {})};
}

/** The base URL: OpenAPI `servers` (variables → `${name}`) or Swagger `schemes`/`host`/`basePath`. */
function hostOf(doc: Json, item: Json, operation: Json, documentUrl?: string): {host?: string; variables: InputShape[]; evidence?: string; note?: string} {
	const servers = [operation['servers'], item['servers'], doc['servers']].find(list => Array.isArray(list) && list.length > 0) as unknown[] | undefined;
	const server = servers?.find(isJson);
	if (server && typeof server['url'] === 'string') {
		const variables: InputShape[] = [];
		const declared = isJson(server['variables']) ? server['variables'] : {};
		const url = server['url'].replace(/\{([^{}]+)\}/g, (_match, name: string) => {
			const variable = isJson(declared[name]) ? declared[name] : {};
			const enumValues = Array.isArray(variable['enum']) ? variable['enum'].map(String) : undefined;
			const fallback = scalar(variable['default']);
			variables.push({
				name: placeholderName(name),
				description: text(variable['description']) ?? `Server variable ${name}`,
				...(fallback !== undefined ? {default: fallback} : {}),
				...(enumValues ? {enum: enumValues} : {}),
				required: true,
			});
			return `\${${placeholderName(name)}}`;
		});
		const absolute = resolveServer(url, documentUrl);
		const more = servers && servers.length > 1 ? ` (${servers.length - 1} other server${servers.length > 2 ? 's' : ''} listed; the first is used)` : '';
		if (!absolute) return {variables, note: `servers[0].url "${server['url']}" is relative and the document was read from a file`};
		const inputs = variables.length ? `, whose variables ${variables.map(v => v.name).join(', ')} become credential-side inputs` : '';
		return {host: absolute.replace(/\/+$/, ''), variables, evidence: `the first server, ${server['url']}${inputs}${more}.`};
	}
	if (typeof doc['host'] === 'string') {
		const schemes = Array.isArray(doc['schemes']) ? doc['schemes'].map(String) : [];
		const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
		const basePath = typeof doc['basePath'] === 'string' ? doc['basePath'].replace(/\/+$/, '') : '';
		return {host: `${scheme}://${doc['host']}${basePath}`, variables: [], evidence: `schemes (${scheme}), host and basePath of the Swagger 2.0 document.`};
	}
	if (documentUrl && /^https?:/.test(documentUrl)) {
		return {
			host: new URL(documentUrl).origin,
			variables: [],
			evidence: `the document declares no server, so the origin it was fetched from (${new URL(documentUrl).origin}) is used.`,
		};
	}
	return {variables: []};
}

function resolveServer(url: string, documentUrl?: string): string | undefined {
	if (/^https?:\/\//i.test(url)) return url;
	if (documentUrl && /^https?:/.test(documentUrl)) return new URL(url, documentUrl).toString();
	return undefined;
}

/** Security schemes of the operation (or the document), in the order given; one AuthShape per usable scheme. */
function authOf(doc: Json, operation: Json): {auth?: AuthShape; unmapped: string[]} {
	const schemes = (
		isJson(doc['components']) && isJson(doc['components']['securitySchemes'])
			? doc['components']['securitySchemes']
			: isJson(doc['securityDefinitions'])
				? doc['securityDefinitions']
				: {}
	) as Json;
	const requirements = (Array.isArray(operation['security']) ? operation['security'] : Array.isArray(doc['security']) ? doc['security'] : []).filter(isJson);
	const names = requirements.flatMap(requirement => Object.keys(requirement));
	// No security requirement but a single scheme declared: most documents forget `security`.
	const candidates = names.length ? names : Object.keys(schemes).length === 1 ? Object.keys(schemes) : [];
	const unmapped: string[] = [];
	for (const name of candidates) {
		const scheme = schemes[name];
		if (!isJson(scheme)) continue;
		const mapped = mapScheme(name, scheme);
		if (mapped)
			return {
				auth: mapped,
				unmapped: [
					...unmapped,
					...candidates
						.filter(other => other !== name)
						.map(other => `security scheme "${other}" (only the first usable one becomes an auth spec; add others in the auth step)`),
				],
			};
		unmapped.push(`security scheme "${name}" (${String(scheme['type'])}${scheme['in'] ? ` in ${String(scheme['in'])}` : ''}): no matching auth type`);
	}
	return {unmapped};
}

function mapScheme(name: string, scheme: Json): AuthShape | undefined {
	const type = String(scheme['type'] ?? '');
	const httpScheme = String(scheme['scheme'] ?? '').toLowerCase();
	if (type === 'basic' || (type === 'http' && httpScheme === 'basic'))
		return {type: 'BasicAuthentication', evidence: `security scheme "${name}" is HTTP basic → BasicAuthentication`};
	if (type === 'http' && httpScheme === 'bearer')
		return {type: 'OAuth2RefreshCode', evidence: `security scheme "${name}" is an HTTP bearer token → OAuth2RefreshCode (Authorization: Bearer)`};
	if (type === 'oauth2' || type === 'openIdConnect') {
		const flows = isJson(scheme['flows']) ? Object.values(scheme['flows']).filter(isJson) : [scheme];
		const tokenUrl = flows.map(flow => text(flow['tokenUrl'])).find(Boolean);
		return {
			type: 'OAuth2RefreshCode',
			...(tokenUrl ? {tokenUrl} : {}),
			evidence: `security scheme "${name}" is ${type === 'oauth2' ? 'OAuth 2' : 'OpenID Connect'} → OAuth2RefreshCode`,
		};
	}
	if (type === 'apiKey' && typeof scheme['name'] === 'string') {
		if (scheme['in'] === 'header')
			return {
				type: 'KeyBased',
				headerName: scheme['name'],
				evidence: `security scheme "${name}" is an API key in the ${scheme['name']} header → KeyBased with restAttributes.headerParamName`,
			};
		if (scheme['in'] === 'query')
			return {
				type: 'KeyBased',
				queryName: scheme['name'],
				evidence: `security scheme "${name}" is an API key in the ${scheme['name']} query parameter → KeyBased, sent as ${scheme['name']}=\${authKey1}`,
			};
	}
	return undefined;
}

/** The RequestShape of one operation. `documentUrl` resolves relative servers when the document came from a URL. */
export function shapeFromOperation(doc: Json, found: {method: 'GET' | 'POST'; path: string; item: Json; operation: Json}, documentUrl?: string): RequestShape {
	const {method, path, item, operation} = found;
	const info = isJson(doc['info']) ? doc['info'] : {};
	const unmapped: string[] = [];
	const host = hostOf(doc, item, operation, documentUrl);
	if (host.note) unmapped.push(host.note);
	const inputs: InputShape[] = [];
	const queryParams: Record<string, string> = {};
	const knownQuery: Record<string, string> = {};
	const headerParams: Record<string, string> = {};
	const specPath = path.replace(/\{([^{}]+)\}/g, (_match, name: string) => `\${${placeholderName(name)}}`);
	for (const parameter of parameters(item, operation)) {
		const where = String(parameter['in']);
		const name = String(parameter['name']);
		const required = parameter['required'] === true || where === 'path';
		if (where === 'path') inputs.push(inputOf(parameter, true));
		else if (where === 'query') {
			const value = parameterValue(parameter);
			knownQuery[name] = value ?? '';
			if (!required) continue;
			if (value !== undefined) queryParams[name] = value;
			else {
				inputs.push(inputOf(parameter, true));
				queryParams[name] = `\${${placeholderName(name)}}`;
			}
		} else if (where === 'header' && required) {
			const value = parameterValue(parameter);
			if (value !== undefined) headerParams[name] = value;
			else {
				inputs.push(inputOf(parameter, true));
				headerParams[name] = `\${${placeholderName(name)}}`;
			}
		} else if (where === 'cookie' && required) unmapped.push(`cookie parameter "${name}" (sources send no cookies)`);
	}
	const sample = responseSample(operation, doc);
	const content = sample ? suggestContentPath(sample.body) : undefined;
	const itemSchema = sample?.schema && content ? itemSchemaAt(sample.schema, content.value, doc) : undefined;
	const auth = authOf(doc, operation);
	const body = method === 'POST' ? requestBody(operation, doc) : undefined;
	const title = nameOf(text(info['title']), path);
	const link =
		(isJson(operation['externalDocs']) && text(operation['externalDocs']['url'])) ||
		(isJson(doc['externalDocs']) && text(doc['externalDocs']['url'])) ||
		(isJson(info['contact']) && text(info['contact']['url'])) ||
		undefined;
	return {
		name: title,
		description: text(operation['description']) ?? text(operation['summary']) ?? text(info['description']),
		...(link ? {documentationLink: link} : {}),
		...(host.host ? {host: host.host, hostEvidence: host.evidence} : {}),
		hostVariables: host.variables,
		path: specPath,
		inputs,
		method,
		queryParams,
		knownQuery,
		headerParams,
		...(body ? {bodyParams: body} : {}),
		...(auth.auth ? {auth: auth.auth} : {}),
		...(sample ? {response: {body: sample.body, headers: sample.headers, source: sample.source}} : {}),
		...(itemSchema ? {itemSchema} : {}),
		unmapped: [...unmapped, ...auth.unmapped],
	};
}

function requestBody(operation: Json, root: Json): Json | undefined {
	const content = isJson(operation['requestBody']) && isJson(operation['requestBody']['content']) ? operation['requestBody']['content'] : undefined;
	const media = content ? Object.entries(content).find(([key]) => /json/i.test(key))?.[1] : undefined;
	if (isJson(media)) {
		const example = media['example'] ?? firstExample(media['examples']);
		if (isJson(example)) return example;
		const sample = isJson(media['schema']) ? sampleFromSchema(media['schema'], root) : undefined;
		return isJson(sample) ? sample : {};
	}
	const parameter = parameters({}, operation).find(entry => entry['in'] === 'body');
	const sample = parameter && isJson(parameter['schema']) ? sampleFromSchema(parameter['schema'], root) : undefined;
	return isJson(sample) ? sample : undefined;
}

/** "Acme CRM" + "/v2/contacts" → "Acme CRM Contacts": one document gives several sources, so the resource is named. */
function nameOf(title: string | undefined, path: string): string {
	const resource = path
		.split('/')
		.filter(part => part && !part.includes('{') && !/^v\d+(\.\d+)?$/i.test(part))
		.pop();
	const words = resource?.replace(/[-_.]+/g, ' ').replace(/\b\w/g, letter => letter.toUpperCase());
	if (!title) return words ?? 'Imported API';
	return words && !title.toLowerCase().endsWith(words.toLowerCase()) ? `${title} ${words}` : title;
}
