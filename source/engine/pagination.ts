// paginationParams (reference 3.5.8): reading each type and deciding the next request or the stop reason,
// following each type's Interpretation paragraph. Numeric strings are accepted wherever the docs show them.
import type {IncomingHttpHeaders} from 'node:http';
import {configError} from './engine-error.js';
import {getAt, parseJsonPath, type PathSegment} from './json-path.js';
import type {StopCode} from './types.js';

const where = 'sourceSpec.attributes.paginationParams';

export type Pagination =
	| {type: 'OFFSET'; limitName: string; limitValue: number; offsetName: string; endCondition?: {segments: PathSegment[]; path: string; literal: string}}
	| {type: 'POINTER'; limitName: string; limitValue: number; pointer: {segments: PathSegment[]; path: string}}
	| {type: 'CONTINUATION_TOKEN'; token: {segments: PathSegment[]; path: string}; inHeader: boolean; parameterName: string; delayMs: number}
	| {type: 'PAGE'; limitName: string; limitValue: number; pageParamName: string; initialPageIndex: number; endPage?: EndPage; maximumRequest: number}
	| {type: 'NONE'};

/** `headers.<name>` holds the page count; a number is the last page number; `$.x` (extension) a body value. */
type EndPage = {kind: 'index'; value: number} | {kind: 'header'; name: string} | {kind: 'body'; segments: PathSegment[]};

export type PageStep = {query: [string, string][]; headers: Record<string, string>; url?: string; delayMs?: number};
export type PageStop = {stop: StopCode; message: string};
export type PageOutcome = {body: unknown; headers: IncomingHttpHeaders; elementCount: number; url: string};
export type Paginator = {first(): PageStep; next(page: PageOutcome): PageStep | PageStop};

function field(params: Record<string, unknown>, name: string): string {
	const value = params[name];
	if (typeof value !== 'string' || value.trim() === '') throw configError(`${where}.${name} is missing.`, `Set ${where}.${name} (reference 3.5.8).`);
	return value;
}

function integer(params: Record<string, unknown>, name: string, fallback?: number, min = 0): number {
	const value = params[name];
	if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
	const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		throw configError(`${where}.${name} must be an integer ≥ ${min} (a numeric string is fine), got ${JSON.stringify(value)}.`, `Fix ${where}.${name} (reference 3.5.8).`);
	}
	return number;
}

function path(params: Record<string, unknown>, name: string): {segments: PathSegment[]; path: string} {
	const text = field(params, name);
	try {
		return {segments: parseJsonPath(text), path: text};
	} catch (error) {
		throw configError(`${where}.${name} is not a usable JSONPath: ${(error as Error).message}.`, 'Use $.a.b or a.b.');
	}
}

export function readPagination(raw: unknown): Pagination {
	if (!raw || typeof raw !== 'object') throw configError(`${where} is missing.`, 'Add paginationParams, e.g. {"type": "NONE"} (reference 3.5.8).');
	const params = raw as Record<string, unknown>;
	// Older revisions wrote the type in lower case (3.5.8).
	const type = String(params.type ?? '').toUpperCase();
	switch (type) {
		case 'OFFSET': return readOffset(params);
		case 'POINTER':
			return {type, limitName: field(params, 'limitName'), limitValue: integer(params, 'limitValue', undefined, 1), pointer: path(params, 'pointerPath')};
		case 'CONTINUATION_TOKEN': {
			const parameterType = String(params.parameterType ?? 'QUERYPARAM').toUpperCase();
			if (parameterType !== 'QUERYPARAM' && parameterType !== 'HEADERPARAM') {
				throw configError(`${where}.parameterType must be QUERYPARAM or HEADERPARAM, got "${parameterType}".`, 'Fix parameterType (reference 3.5.8).');
			}
			return {type, token: path(params, 'continuationTokenPath'), inHeader: parameterType === 'HEADERPARAM', parameterName: field(params, 'parameterName'), delayMs: integer(params, 'delayRequestMillis', 0)};
		}
		case 'PAGE': return readPage(params);
		case 'NONE': return {type};
		default:
			throw configError(`${where}.type "${String(params.type)}" is not supported.`, 'Use OFFSET, POINTER, CONTINUATION_TOKEN, PAGE or NONE (reference 3.5.8).');
	}
}

function readOffset(params: Record<string, unknown>): Pagination {
	// Spelled `offSetName` in every example; the schema form declares `offsetName` (3.5.8): accept both.
	const offsetName = typeof params.offSetName === 'string' && params.offSetName !== '' ? params.offSetName : params.offsetName;
	if (typeof offsetName !== 'string' || offsetName === '') throw configError(`${where}.offSetName is missing.`, 'Set offSetName to the query parameter that carries the offset.');
	const base = {type: 'OFFSET' as const, limitName: field(params, 'limitName'), limitValue: integer(params, 'limitValue', undefined, 1), offsetName};
	if (typeof params.endConditionName !== 'string' || params.endConditionName === '') return base;
	// `Const:` prefixes a literal (3.5.11); a value without the prefix is taken as the literal too.
	const literal = String(params.endConditionValue ?? '').replace(/^Const:/, '');
	return {...base, endCondition: {...path(params, 'endConditionName'), literal}};
}

function readPage(params: Record<string, unknown>): Pagination {
	const raw = params.endPageIndex;
	let endPage: EndPage | undefined;
	if (typeof raw === 'string' && raw.startsWith('headers.')) endPage = {kind: 'header', name: raw.slice('headers.'.length).toLowerCase()};
	else if (typeof raw === 'string' && raw.startsWith('$')) endPage = {kind: 'body', segments: path(params, 'endPageIndex').segments};
	else if (raw !== undefined && raw !== null && raw !== '') endPage = {kind: 'index', value: integer(params, 'endPageIndex')};
	return {
		type: 'PAGE',
		limitName: field(params, 'limitName'),
		limitValue: integer(params, 'limitValue', undefined, 1),
		pageParamName: field(params, 'pageParamName'),
		initialPageIndex: integer(params, 'initialPageIndex', 0), // default 0 (3.5.8)
		maximumRequest: integer(params, 'maximumRequest', 10000, 1), // current default 10000 (3.5.8)
		...(endPage ? {endPage} : {}),
	};
}

export function createPaginator(pagination: Pagination): Paginator {
	switch (pagination.type) {
		case 'OFFSET': return offsetPaginator(pagination);
		case 'POINTER': return pointerPaginator(pagination);
		case 'CONTINUATION_TOKEN': return tokenPaginator(pagination);
		case 'PAGE': return pagePaginator(pagination);
		case 'NONE': return {first: () => ({query: [], headers: {}}), next: () => ({stop: 'single-request', message: 'NONE pagination makes one request.'})};
	}
}

/** 3.5.8 OFFSET Interpretation: start at 0, add limitValue; stop on the end condition, an empty or a short page. */
function offsetPaginator(p: Pagination & {type: 'OFFSET'}): Paginator {
	let offset = 0;
	const step = (): PageStep => ({query: [[p.limitName, String(p.limitValue)], [p.offsetName, String(offset)]], headers: {}});
	return {
		first: step,
		next(page) {
			if (p.endCondition) {
				const value = getAt(page.body, p.endCondition.segments);
				if (value !== undefined && String(value) === p.endCondition.literal) {
					return {stop: 'end-condition', message: `${p.endCondition.path} is ${p.endCondition.literal}.`};
				}
			}
			if (page.elementCount === 0) return {stop: 'empty-page', message: `The page at offset ${offset} had no records.`};
			if (page.elementCount < p.limitValue) return {stop: 'short-page', message: `The page at offset ${offset} had ${page.elementCount} records, fewer than ${p.limitName}=${p.limitValue}.`};
			offset += p.limitValue;
			return step();
		},
	};
}

function present(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text === '' ? undefined : text;
}

/** 3.5.8 POINTER Interpretation: follow the pointer (absolute, or relative to the host); stop when absent/null/empty. */
function pointerPaginator(p: Pagination & {type: 'POINTER'}): Paginator {
	const seen = new Set<string>();
	return {
		first: () => ({query: [[p.limitName, String(p.limitValue)]], headers: {}}),
		next(page) {
			const pointer = present(getAt(page.body, p.pointer.segments));
			if (pointer === undefined) return {stop: 'no-pointer', message: `No next-page pointer at ${p.pointer.path}.`};
			// Resolving against the current request URL equals resolving against the host for the usual
			// "/path?query" pointers, and keeps "next?x=1" style pointers working as a browser would.
			const url = new URL(pointer, page.url).toString();
			if (seen.has(url)) return {stop: 'no-pointer', message: `The pointer at ${p.pointer.path} repeated a page already fetched; stopped to avoid a loop.`};
			seen.add(url);
			return {query: [], headers: {}, url};
		},
	};
}

/** 3.5.8 CONTINUATION_TOKEN Interpretation: stop when the token is missing, null or empty. */
function tokenPaginator(p: Pagination & {type: 'CONTINUATION_TOKEN'}): Paginator {
	const seen = new Set<string>();
	return {
		first: () => ({query: [], headers: {}}),
		next(page) {
			const token = present(getAt(page.body, p.token.segments));
			if (token === undefined) return {stop: 'no-token', message: `No continuation token at ${p.token.path}.`};
			if (seen.has(token)) return {stop: 'no-token', message: `The continuation token at ${p.token.path} repeated; stopped to avoid a loop.`};
			seen.add(token);
			const delay = p.delayMs > 0 ? {delayMs: p.delayMs} : {};
			if (p.inHeader) return {query: [], headers: {[p.parameterName]: token}, ...delay};
			return {query: [[p.parameterName, token]], headers: {}, ...delay};
		},
	};
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * 3.5.8 PAGE Interpretation: stop after the page equal to endPageIndex, on an empty page, or after maximumRequest
 * requests. A `headers.<name>` value is a page *count* (3.5.8 field table), so the last page number is
 * initialPageIndex + count - 1: the same as the Interpretation for the documented 1-based example, and no extra
 * request past the end for a 0-based API.
 */
function pagePaginator(p: Pagination & {type: 'PAGE'}): Paginator {
	let page = p.initialPageIndex;
	let requests = 1;
	const step = (): PageStep => ({query: [[p.limitName, String(p.limitValue)], [p.pageParamName, String(page)]], headers: {}});
	const lastPage = (outcome: PageOutcome): number | undefined => {
		if (!p.endPage) return undefined;
		if (p.endPage.kind === 'index') return p.endPage.value;
		const raw = p.endPage.kind === 'header' ? headerValue(outcome.headers, p.endPage.name) : present(getAt(outcome.body, p.endPage.segments));
		const count = raw === undefined ? Number.NaN : Number(raw);
		if (!Number.isFinite(count)) return undefined;
		return p.endPage.kind === 'header' ? p.initialPageIndex + count - 1 : count;
	};
	return {
		first: step,
		next(outcome) {
			if (outcome.elementCount === 0) return {stop: 'empty-page', message: `Page ${page} had no records.`};
			const last = lastPage(outcome);
			if (last !== undefined && page >= last) return {stop: 'end-page-index', message: `Page ${page} is the last page (endPageIndex ${last}).`};
			if (requests >= p.maximumRequest) return {stop: 'maximum-request', message: `Reached maximumRequest (${p.maximumRequest} requests).`};
			page++;
			requests++;
			return step();
		},
	};
}
