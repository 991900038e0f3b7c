// Bootstrapping a draft from what the author already has: an OpenAPI operation, a curl command, a sample response.
// The command (commands/import.ts) and the wizard screen (steps/bootstrap.tsx) both call these. No React.
// How inputs map to a connection spec: docs/bootstrap.md.
import {draftFromSpec, slugify, validateSpec} from '../connection-spec/index.js';
import {paginationFields} from '../connection-spec/constants.js';
import {jsonPath} from '../connection-spec/json-path.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {specFromShape} from './build-spec.js';
import {suggestFromResponse, type ResponseSuggestion} from './detect-response.js';
import {parseCurl, shapeFromCurl} from './curl.js';
import type {BootstrapResult, Headers, Json} from './guess.js';
import {BootstrapInputError, resolveOperation, type LoadedDocument} from './load-openapi.js';
import {findOperation, listOperations, shapeFromOperation, type OperationSummary} from './openapi.js';

export type {BootstrapResult, Guess, TestValues} from './guess.js';
export type {OperationSummary} from './openapi.js';
export type {LoadedDocument} from './load-openapi.js';
export {BootstrapInputError, loadOpenApi} from './load-openapi.js';
export {sendCurlOnce} from './send-sample.js';
export {listOperations} from './openapi.js';
export {suggestFromResponse, type ResponseSuggestion, type ResponseSample} from './detect-response.js';

/** Operations worth offering: those returning a list, or every GET/POST when none does. */
export function offeredOperations(doc: Json): OperationSummary[] {
	const all = listOperations(doc);
	const lists = all.filter(entry => entry.returnsList);
	return lists.length > 0 ? lists : all;
}

/**
 * The draft-to-be for one operation of a loaded document. Throws BootstrapInputError when `selector` (an
 * operationId or "GET /path") names no operation (the message lists the ones that exist) or one of its $refs
 * cannot be resolved.
 */
export async function bootstrapOperation(loaded: LoadedDocument, selector: string): Promise<BootstrapResult> {
	const found = findOperation(loaded.doc, selector);
	if (!found) {
		const offered = offeredOperations(loaded.doc);
		const list = offered.slice(0, 30).map(entry => `  ${entry.id}${entry.id === `${entry.method} ${entry.path}` ? '' : ` (${entry.method} ${entry.path})`}`);
		const more = offered.length > 30 ? [`  … and ${offered.length - 30} more`] : [];
		const instead = offered.length === 0 ? 'It has no GET or POST operation at all.' : `Operations that exist:\n${[...list, ...more].join('\n')}`;
		throw new BootstrapInputError(`${loaded.location} has no operation "${selector}". ${instead}`);
	}
	// Only this operation's part of the document is resolved: a 5 MB document costs what one operation costs.
	const resolved = await resolveOperation(loaded, found.path, found.method === 'GET' ? 'get' : 'post');
	const again = findOperation(resolved, `${found.method} ${found.path}`) ?? found;
	return specFromShape(shapeFromOperation(resolved, again, loaded.documentUrl));
}

/** A sample response as the author has it: a JSON body, or the output of `curl -i` (status line, headers, body). */
export function parseResponseSample(text: string, name = 'the response'): {body: unknown; headers: Headers} {
	const normalised = text.replace(/^\uFEFF/, '');
	const headers: Headers = {};
	let body = normalised;
	if (/^HTTP\/\d/.test(normalised)) {
		const split = normalised.search(/\r?\n\r?\n/);
		const head = split === -1 ? normalised : normalised.slice(0, split);
		body = split === -1 ? '' : normalised.slice(split).trimStart();
		for (const line of head.split(/\r?\n/).slice(1)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
	}
	try {
		return {body: JSON.parse(body) as unknown, headers};
	} catch (error) {
		throw new BootstrapInputError(`${name} is not a JSON body (${(error as Error).message.split('\n')[0]}); save the response body, or the output of curl -i.`);
	}
}

/** The draft-to-be for a curl command; throws BootstrapInputError when the line is not a usable curl command. */
export function bootstrapCurl(command: string, response?: {body: unknown; headers: Headers}): BootstrapResult {
	const request = parseCurl(command);
	const {shape, secrets} = shapeFromCurl(request, response);
	return specFromShape(shape, secrets);
}

/** Errors of the bootstrapped spec (0 when the input had everything the spec needs). */
export function specErrors(result: BootstrapResult): string[] {
	return validateSpec(result.spec).errors.map(finding => `${finding.path}: ${finding.message}`);
}

/** A new draft holding the spec and the non-secret test values; secrets stay in `result.testValues.secrets`. */
export function draftFromBootstrap(result: BootstrapResult, options: {id: string; now?: Date}): Draft {
	const draft = draftFromSpec(result.spec, options);
	return {
		...draft,
		test: {...draft.test, authParams: {...result.testValues.authParams}, sourceParams: {...result.testValues.sourceParams}},
	};
}

/** The draft id a bootstrapped spec starts from: its name, slugified (the store makes it free: `name-2` …). */
export function draftIdBase(result: BootstrapResult): string {
	return slugify(String(result.spec['name'] ?? 'imported-api')) || 'imported-api';
}

/**
 * A copy of `spec` with a suggestion applied: `sourceSpec.attributes.contentPath.path` (when one was found) and
 * `paginationParams`; query parameters the new pagination sends itself leave `urlParams.queryParams`. For the live
 * preview's "suggest from this response" and for --response.
 */
export function applySuggestion(spec: Json, suggestion: ResponseSuggestion): Json {
	const copy = structuredClone(spec);
	const attributes = (copy['sourceSpec'] as {attributes: Json} | undefined)?.attributes;
	if (!attributes) return copy;
	if (suggestion.contentPath) attributes['contentPath'] = {...((attributes['contentPath'] as Json | undefined) ?? {}), path: suggestion.contentPath.value};
	attributes['paginationParams'] = suggestion.pagination.value;
	const urlParams = attributes['urlParams'] as {queryParams?: Record<string, string>} | undefined;
	if (urlParams?.queryParams) {
		for (const name of suggestion.pagingQueryNames) delete urlParams.queryParams[name];
		if (Object.keys(urlParams.queryParams).length === 0) delete urlParams.queryParams;
	}
	return copy;
}

/**
 * The live preview's "suggest from this response", as it would change THIS spec (what is shown is what is applied):
 * - the same pagination type as the spec's: the spec's own values stay (they were written, or they worked; a
 *   suggestion may only assume a name such as `cursor`) — except a JSONPath that finds nothing in `body`, the
 *   response the suggestion came from — and the suggestion fills the fields the spec lacks;
 * - another type (or none yet): the suggestion's, keeping the spec's values of fields the new type also takes
 *   (`delayRequestMillis`, `limitName` …) only where the suggestion has none;
 * - query parameters the pagination sends itself leave `urlParams.queryParams` only when the type changes.
 * Shapes: `pagination` is the paginationParams to be written, `droppedQuery` the query names removed.
 */
export function suggestionForSpec(spec: Json, suggestion: ResponseSuggestion, body?: unknown): {spec: Json; pagination: Json; droppedQuery: string[]} {
	const copy = structuredClone(spec);
	const attributes = (copy['sourceSpec'] as {attributes?: Json} | undefined)?.attributes;
	const suggested = suggestion.pagination.value as Json;
	if (!attributes) return {spec: copy, pagination: suggested, droppedQuery: []};
	const current = (attributes['paginationParams'] as Json | undefined) ?? {};
	const type = String(suggested['type']).toUpperCase();
	const sameType = String(current['type'] ?? '').toUpperCase() === type;
	const takes = new Set<string>(paginationFields[type as keyof typeof paginationFields] ?? Object.keys(suggested));
	// A JSONPath of the spec that finds nothing in this response is what the suggestion is for: it is replaced.
	const findsNothing = (key: string, value: unknown) =>
		body !== undefined && responsePaths.has(key) && typeof value === 'string' && suggested[key] !== undefined && !resolves(body, value);
	const kept = Object.fromEntries(
		Object.entries(current).filter(([key, value]) => key !== 'type' && takes.has(key) && value !== undefined && value !== '' && !findsNothing(key, value)),
	);
	const pagination = sameType ? {...suggested, ...kept, type: current['type']} : {...kept, ...suggested};
	if (suggestion.contentPath) attributes['contentPath'] = {...((attributes['contentPath'] as Json | undefined) ?? {}), path: suggestion.contentPath.value};
	attributes['paginationParams'] = pagination;
	const droppedQuery: string[] = [];
	const urlParams = attributes['urlParams'] as {queryParams?: Record<string, string>} | undefined;
	if (!sameType && urlParams?.queryParams) {
		for (const name of suggestion.pagingQueryNames) {
			if (!(name in urlParams.queryParams)) continue;
			delete urlParams.queryParams[name];
			droppedQuery.push(name);
		}
		if (Object.keys(urlParams.queryParams).length === 0) delete urlParams.queryParams;
	}
	return {spec: copy, pagination, droppedQuery};
}

/** Pagination fields that are JSONPaths into the response (checked against it before the spec's value is kept). */
const responsePaths = new Set(['pointerPath', 'continuationTokenPath', 'endConditionName']);

function resolves(body: unknown, path: string): boolean {
	try {
		const found = jsonPath(body, path);
		return found !== undefined && found !== null;
	} catch {
		return false;
	}
}

/** The query parameters a spec sends (`urlParams.queryParams`), for detection. */
export function queryOfSpec(spec: Json): Record<string, string> {
	const attributes = (spec['sourceSpec'] as {attributes?: Json} | undefined)?.attributes;
	return {...((attributes?.['urlParams'] as {queryParams?: Record<string, string>} | undefined)?.queryParams ?? {})};
}

/** The result with contentPath and paginationParams re-detected from a real response (which beats a guess from the response schema). */
export function applyResponse(result: BootstrapResult, response: {body: unknown; headers: Headers}): BootstrapResult {
	const suggestion = suggestFromResponse({body: response.body, headers: response.headers, query: queryOfSpec(result.spec)});
	const spec = applySuggestion(result.spec, suggestion);
	const kept = result.guesses.filter(guess => guess.field !== 'paginationParams' && guess.field !== 'contentPath');
	const missing = suggestion.contentPath ? result.missing.filter(entry => !entry.startsWith('contentPath')) : result.missing;
	return {...result, spec, missing, guesses: [...kept, ...(suggestion.contentPath ? [suggestion.contentPath] : []), suggestion.pagination]};
}
