// paginationParams: deciding the next request or the stop reason for each type, from the compiled plan
// (the spec model reads and checks the fields; docs/connection-spec-model.md#pagination has the rules).
import type {IncomingHttpHeaders} from 'node:http';
import {firstMatch} from '../connection-spec/json-path.js';
import {pageDefaults, type PaginationPlan} from '../connection-spec/plan.js';
import type {StopCode} from './types.js';

export type Pagination = PaginationPlan;

export type PageStep = {query: [string, string][]; headers: Record<string, string>; url?: string; delayMs?: number};
export type PageStop = {stop: StopCode; message: string};
export type PageOutcome = {body: unknown; headers: IncomingHttpHeaders; elementCount: number; url: string};
export type Paginator = {first(): PageStep; next(page: PageOutcome): PageStep | PageStop};

function emptyPage(): PageStop {
	return {stop: 'empty-page', message: 'The last page had no records.'};
}

/**
 * Requests one run may make (docs/pagination.md "Stop rules"): PAGE's `maximumRequest` (documented, default
 * 10,000); every other type gets the same documented default, since a run of any type must end.
 */
export function requestCap(pagination: Pagination): number {
	return pagination.type === 'PAGE' ? pagination.maximumRequest : pageDefaults.maximumRequest;
}

export function createPaginator(pagination: Pagination): Paginator {
	switch (pagination.type) {
		case 'OFFSET':
			return offsetPaginator(pagination);
		case 'POINTER':
			return pointerPaginator(pagination);
		case 'CONTINUATION_TOKEN':
			return tokenPaginator(pagination);
		case 'PAGE':
			return pagePaginator(pagination);
		case 'NONE':
			return {first: () => ({query: [], headers: {}}), next: () => ({stop: 'single-request', message: 'NONE pagination makes one request.'})};
	}
}

/** OFFSET (docs/connection-spec.md#pagination): start at 0, add limitValue; stop on the end condition, an empty or a short page. */
function offsetPaginator(p: Pagination & {type: 'OFFSET'}): Paginator {
	let offset = 0;
	const step = (): PageStep => ({
		query: [
			[p.limitName, String(p.limitValue)],
			[p.offsetName, String(offset)],
		],
		headers: {},
	});
	return {
		first: step,
		next(page) {
			if (p.endCondition) {
				const value = firstMatch(page.body, p.endCondition.path);
				if (value !== undefined && String(value) === p.endCondition.literal) {
					return {stop: 'end-condition', message: `${p.endCondition.path.text} is ${p.endCondition.literal}.`};
				}
			}
			if (page.elementCount === 0) return {stop: 'empty-page', message: `The page at offset ${offset} had no records.`};
			if (page.elementCount < p.limitValue)
				return {stop: 'short-page', message: `The page at offset ${offset} had ${page.elementCount} records, fewer than ${p.limitName}=${p.limitValue}.`};
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

/** POINTER (docs/connection-spec.md#pagination): follow the pointer (absolute, or relative to the host); stop when absent/null/empty. */
function pointerPaginator(p: Pagination & {type: 'POINTER'}): Paginator {
	const seen = new Set<string>();
	return {
		first: () => ({query: [[p.limitName, String(p.limitValue)]], headers: {}}),
		next(page) {
			if (page.elementCount === 0) return emptyPage();
			const pointer = present(firstMatch(page.body, p.pointer));
			if (pointer === undefined) return {stop: 'no-pointer', message: `No next-page pointer at ${p.pointer.text}.`};
			// Resolving against the current request URL equals resolving against the host for the usual
			// "/path?query" pointers, and keeps "next?x=1" style pointers working as a browser would.
			const url = new URL(pointer, page.url).toString();
			if (seen.has(url))
				return {stop: 'repeated-pointer', message: `The pointer at ${p.pointer.text} repeated a page already fetched; stopped to avoid a loop.`};
			seen.add(url);
			return {query: [], headers: {}, url};
		},
	};
}

/** CONTINUATION_TOKEN (docs/connection-spec.md#pagination): stop when the token is missing, null or empty. */
function tokenPaginator(p: Pagination & {type: 'CONTINUATION_TOKEN'}): Paginator {
	const seen = new Set<string>();
	return {
		first: () => ({query: [], headers: {}}),
		next(page) {
			// A cursor API may hand out a fresh token with every empty page: the empty page ends the run.
			if (page.elementCount === 0) return emptyPage();
			const token = present(firstMatch(page.body, p.token));
			if (token === undefined) return {stop: 'no-token', message: `No continuation token at ${p.token.text}.`};
			if (seen.has(token)) return {stop: 'repeated-token', message: `The continuation token at ${p.token.text} repeated; stopped to avoid a loop.`};
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
 * PAGE (docs/connection-spec-model.md#pagination): stop after the page equal to endPageIndex or on an empty page
 * (maximumRequest is the stream loop's request cap, applied to every type: requestCap). A `headers.<name>` value
 * is a page *count* (Adobe's field table), so the last page number is
 * initialPageIndex + count - 1: the same as the Interpretation for the documented 1-based example, and no extra
 * request past the end for a 0-based API.
 */
function pagePaginator(p: Pagination & {type: 'PAGE'}): Paginator {
	let page = p.initialPageIndex;
	const step = (): PageStep => ({
		query: [
			[p.limitName, String(p.limitValue)],
			[p.pageParamName, String(page)],
		],
		headers: {},
	});
	const lastPage = (outcome: PageOutcome): number | undefined => {
		if (!p.endPage) return undefined;
		if (p.endPage.kind === 'index') return p.endPage.value;
		const raw = headerValue(outcome.headers, p.endPage.name);
		const count = raw === undefined ? Number.NaN : Number(raw);
		if (!Number.isFinite(count)) return undefined;
		return p.initialPageIndex + count - 1;
	};
	return {
		first: step,
		next(outcome) {
			if (outcome.elementCount === 0) return {stop: 'empty-page', message: `Page ${page} had no records.`};
			const last = lastPage(outcome);
			if (last !== undefined && page >= last) return {stop: 'end-page-index', message: `Page ${page} is the last page (endPageIndex ${last}).`};
			page++;
			return step();
		},
	};
}
