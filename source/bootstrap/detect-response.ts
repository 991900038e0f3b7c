// "Suggest from this response": given one JSON body, its headers and the query the request sent, propose
// contentPath (the largest array of objects) and paginationParams, each with the evidence it rests on.
// Pure (no I/O, no React). The styles recognised and a public API using each are listed in docs/bootstrap.md.
import type {Guess, Headers, Json} from './guess.js';

export type PaginationParams = Record<string, unknown> & {type: 'OFFSET' | 'POINTER' | 'CONTINUATION_TOKEN' | 'PAGE' | 'NONE'};

export type ResponseSuggestion = {
	/** Absent when the body holds no array of objects. */
	contentPath?: Guess<string>;
	pagination: Guess<PaginationParams>;
	/** Query parameters the chosen pagination sends itself, so the request must not send them too. */
	pagingQueryNames: string[];
};

export type ResponseSample = {
	body: unknown;
	headers?: Headers;
	/** Query parameters of the request that produced the body (names → values; '' when unknown). */
	query?: Record<string, string>;
	/** Where the body came from, for the evidence text ("the response" / "the response schema"). */
	source?: 'sample' | 'schema';
};

type Field = {path: string[]; value: unknown};

const nextUrlKeys = ['next', 'next_page', 'nextPage', 'next_page_url', 'nextPageUrl', 'next_url', 'nextUrl', 'nextLink', '@odata.nextLink', 'next_link'];
const cursorKeys = [
	'after_cursor',
	'next_cursor',
	'nextCursor',
	'cursor',
	'next_token',
	'nextToken',
	'continuation_token',
	'continuationToken',
	'next_page_token',
	'nextPageToken',
	'endCursor',
	'end_cursor',
	'after',
	'offset_token',
];
const hasMoreKeys = [
	'has_more',
	'hasMore',
	'more',
	'has_next',
	'hasNext',
	'hasNextPage',
	'has_next_page',
	'more_items',
	'moreItems',
	'has_more_items',
	'more_items_in_collection',
	'moreItemsInCollection',
];
const pageCountKeys = ['total_pages', 'totalPages', 'page_count', 'pageCount', 'pages', 'last_page', 'lastPage'];
const pageCountHeaders = ['x-total-pages', 'x-pagecount', 'x-page-count', 'total-pages', 'x-pages', 'x-last-page'];
const offsetKeys = ['offset', 'start', 'skip', '_skip'];
const limitKeys = ['limit', '_limit', 'per_page', 'perPage', 'page_size', 'pageSize', 'count', 'size', 'max_results', 'maxResults', 'top', '$top'];
const pageKeys = ['page', 'page_number', 'pageNumber', 'current_page', 'currentPage', 'pageIndex', 'page_index'];
const cursorParams = [
	'page[after]',
	'after',
	'cursor',
	'starting_after',
	'next_token',
	'nextToken',
	'page_token',
	'pageToken',
	'continuation_token',
	'continuationToken',
	'next_cursor',
];

/** `$.a.b`, with `['x-y']` for keys that are not plain identifiers. */
export function jsonPathOf(path: readonly (string | number)[]): string {
	return path.reduce<string>(
		(text, key) => (typeof key === 'number' ? `${text}[${key}]` : /^[A-Za-z_][\w]*$/.test(key) ? `${text}.${key}` : `${text}['${key}']`),
		'$',
	);
}

const isJsonObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Arrays whose elements are (mostly) objects, with their paths; bounded depth so a huge body stays cheap. */
function arraysOfObjects(body: unknown): {path: string[]; length: number; keys: number}[] {
	const found: {path: string[]; length: number; keys: number}[] = [];
	const walk = (node: unknown, path: string[]) => {
		if (path.length > 6) return;
		if (Array.isArray(node)) {
			const objects = node.filter(isJsonObject);
			if (objects.length > 0 && objects.length >= node.length / 2) {
				found.push({path, length: node.length, keys: Object.keys(objects[0] ?? {}).length});
			}
			return;
		}
		if (!isJsonObject(node)) return;
		for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
	};
	walk(body, []);
	return found;
}

/** The largest array of objects: most elements, then most keys per element, then the shallowest. */
export function suggestContentPath(body: unknown, source = 'the response'): Guess<string> | undefined {
	return largestArray(body, source)?.guess;
}

function largestArray(body: unknown, source: string): {guess: Guess<string>; path: string[]} | undefined {
	const arrays = arraysOfObjects(body);
	arrays.sort((a, b) => b.length - a.length || b.keys - a.keys || a.path.length - b.path.length);
	const best = arrays[0];
	if (!best) return undefined;
	const path = jsonPathOf(best.path);
	const others =
		arrays.length > 1
			? ` (also seen: ${arrays
					.slice(1, 4)
					.map(entry => jsonPathOf(entry.path))
					.join(', ')})`
			: '';
	const what = best.path.length === 0 ? `${source} is itself an array of objects` : `${path} is the largest array of objects in ${source}`;
	const size =
		source === 'the response schema' ? `items of ${best.keys} fields` : `${best.length} element${best.length === 1 ? '' : 's'} of ${best.keys} fields`;
	return {guess: {field: 'contentPath', value: path, evidence: `${what} (${size})${others}.`}, path: best.path};
}

/** Scalars (and `next` objects) outside the records array, by path; the records array itself is skipped. */
function scalarFields(body: unknown, skip: string | undefined): Field[] {
	const out: Field[] = [];
	const walk = (node: unknown, path: string[]) => {
		if (path.length > 4 || !isJsonObject(node)) return;
		for (const [key, child] of Object.entries(node)) {
			const childPath = [...path, key];
			if (jsonPathOf(childPath) === skip || Array.isArray(child)) continue;
			if (isJsonObject(child)) walk(child, childPath);
			else out.push({path: childPath, value: child});
		}
	};
	walk(body, []);
	return out;
}

const lastKey = (field: Field) => field.path[field.path.length - 1] ?? '';
const findField = (fields: Field[], keys: string[], accept: (value: unknown) => boolean) =>
	fields.find(field => keys.includes(lastKey(field)) && accept(field.value));

const looksLikeUrl = (value: unknown): value is string => typeof value === 'string' && /^(https?:\/\/|\/|\?)\S+$/.test(value);
const isCursor = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !looksLikeUrl(value);
const isFlag = (value: unknown) => typeof value === 'boolean';
const isCount = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && /^\d+$/.test(value));

function headerValue(headers: Headers | undefined, name: string): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** The query parameters of a URL (relative ones resolved against a dummy origin). */
function queryOf(url: string): URLSearchParams {
	try {
		return new URL(url, 'https://host.invalid/').searchParams;
	} catch {
		return new URLSearchParams();
	}
}

/** The page-size parameter: from the request's query, then the next-page URL; `limit` (assumed) otherwise. */
function pageSize(query: Record<string, string>, extra?: URLSearchParams): {name: string; value: string; evidence: string} {
	for (const name of limitKeys) {
		if (Object.hasOwn(query, name)) return {name, value: positive(query[name]), evidence: `the request's \`${name}\` parameter sets the page size`};
		const fromUrl = extra?.get(name);
		if (fromUrl) return {name, value: positive(fromUrl), evidence: `the next-page URL carries \`${name}=${fromUrl}\``};
	}
	return {name: 'limit', value: '100', evidence: 'no page-size parameter was seen, so `limit` is assumed: check the API docs'};
}

const positive = (value: string | undefined) => (value && /^[1-9]\d*$/.test(value) ? value : '100');

/** Which query parameter sends a cursor: the one in the next-page URL holding (a prefix of) it, or a known name. */
function cursorParameter(cursor: string, query: Record<string, string>, urls: Field[]): {name: string; evidence: string} {
	const forms = [cursor, safeDecode(cursor)].filter(form => form !== '');
	for (const url of urls) {
		for (const [name, value] of queryOf(String(url.value))) {
			if (value !== '' && forms.some(form => form.startsWith(value) || value.startsWith(form)))
				return {name, evidence: `\`${jsonPathOf(url.path)}\` sends it as \`${name}\``};
		}
	}
	const known = cursorParams.find(name => Object.hasOwn(query, name));
	if (known) return {name: known, evidence: `the request has a \`${known}\` parameter`};
	return {name: 'cursor', evidence: 'no parameter name was seen, so `cursor` is assumed: check the API docs'};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const none = (why: string): Guess<PaginationParams> => ({field: 'paginationParams', value: {type: 'NONE'}, evidence: why});

/**
 * Proposes contentPath and paginationParams from one response. Never throws; a body it cannot read gives NONE
 * with the reason. Shapes: `{contentPath?: {value: "$.items", evidence}, pagination: {value: {type, …}, evidence}}`.
 */
export function suggestFromResponse(sample: ResponseSample): ResponseSuggestion {
	const source = sample.source === 'schema' ? 'the response schema' : 'the response';
	const largest = largestArray(sample.body, source);
	const contentPath = largest?.guess;
	const query = sample.query ?? {};
	const fields = scalarFields(sample.body, contentPath?.value);
	const found = detectPagination(sample.body, fields, sample.headers, query, largest?.path, source);
	return {...(contentPath ? {contentPath} : {}), pagination: found.guess, pagingQueryNames: found.queryNames};
}

function detectPagination(
	body: unknown,
	fields: Field[],
	headers: Headers | undefined,
	query: Record<string, string>,
	records: string[] | undefined,
	source: string,
) {
	const at = (field: Field) => jsonPathOf(field.path);
	const hasMore = findField(fields, hasMoreKeys, isFlag);
	const nextUrl = findField(fields, nextUrlKeys, looksLikeUrl);
	const cursor = findField(fields, cursorKeys, isCursor) ?? findField(fields, cursorKeys, value => value === null && hasMore !== undefined);
	const flagText = hasMore ? ` and \`${at(hasMore)}\` says whether more pages exist` : '';

	// A cursor with a has-more flag (Zendesk's meta.after_cursor + meta.has_more, HubSpot's paging.next.after).
	// `cursor` and `after` alone could be anything; the other names (next_cursor, nextPageToken…) say what they are.
	const namedCursor = cursor !== undefined && !['cursor', 'after'].includes(lastKey(cursor));
	if (cursor && (hasMore || namedCursor || cursor.path.includes('next') || cursor.path.some(key => /^(meta|paging|pagination|cursors?)$/.test(key)))) {
		const parameter = cursorParameter(
			typeof cursor.value === 'string' ? cursor.value : '',
			query,
			fields.filter(field => looksLikeUrl(field.value)),
		);
		const also = nextUrl ? ` (${at(nextUrl)} also holds a next-page URL: POINTER with pointerPath ${at(nextUrl)} would work too)` : '';
		return {
			guess: {
				field: 'paginationParams',
				value: {type: 'CONTINUATION_TOKEN', continuationTokenPath: at(cursor), parameterType: 'QUERYPARAM', parameterName: parameter.name} as PaginationParams,
				evidence: `\`${at(cursor)}\` in ${source} holds a cursor${flagText}, and ${parameter.evidence} → CONTINUATION_TOKEN${also}.`,
			},
			queryNames: [parameter.name],
		};
	}
	// A next-page URL (links.next, next, next_page, paging.next, @odata.nextLink).
	if (nextUrl && typeof nextUrl.value === 'string') {
		const size = pageSize(query, queryOf(nextUrl.value));
		return {
			guess: {
				field: 'paginationParams',
				value: {type: 'POINTER', limitName: size.name, limitValue: Number(size.value), pointerPath: at(nextUrl)} as PaginationParams,
				evidence: `\`${at(nextUrl)}\` in ${source} holds the next page's URL → POINTER; ${size.evidence}.`,
			},
			queryNames: [size.name],
		};
	}
	const offset = findField(fields, offsetKeys, isCount);
	const offsetName = offsetKeys.find(name => Object.hasOwn(query, name)) ?? (offset ? lastKey(offset) : undefined);
	// has_more with no cursor and no offset: the next request starts after the last record's id (Stripe).
	if (hasMore && !offsetName && records !== undefined && lastRecordHasId(body, records)) {
		const tokenPath = `${jsonPathOf(records)}[-1].id`;
		const name = Object.hasOwn(query, 'starting_after') ? 'starting_after' : Object.hasOwn(query, 'after') ? 'after' : 'starting_after';
		return {
			guess: {
				field: 'paginationParams',
				value: {type: 'CONTINUATION_TOKEN', continuationTokenPath: tokenPath, parameterType: 'QUERYPARAM', parameterName: name} as PaginationParams,
				evidence:
					`\`${at(hasMore)}\` in ${source} says whether more records exist but there is no cursor or offset, so the next page starts ` +
					`after the last record's id (\`${tokenPath}\`, ` +
					`sent as \`${name}\`) → CONTINUATION_TOKEN; the run stops on the empty page after the last one.`,
			},
			queryNames: [name],
		};
	}
	const pages = pageCount(fields, headers);
	const pageField = findField(fields, pageKeys, isCount);
	const pageName = pageKeys.find(name => Object.hasOwn(query, name)) ?? (pageField ? lastKey(pageField) : undefined);
	if (pages || (pageName && !offsetName)) {
		const size = pageSize(query);
		const name = pageName ?? 'page';
		const first = initialPage(query[name], pageField?.value);
		const value: PaginationParams = {type: 'PAGE', limitName: size.name, limitValue: Number(size.value), pageParamName: name, initialPageIndex: first};
		if (pages?.value) value['endPageIndex'] = pages.value;
		const why = pages ? pages.evidence : `the request pages with \`${name}\``;
		return {
			guess: {
				field: 'paginationParams',
				value,
				evidence: `${why} → PAGE from page ${first}${pageName ? '' : ' (`page` is assumed as the page parameter: check the API docs)'}; ${size.evidence}.`,
			},
			queryNames: [size.name, name],
		};
	}
	if (offsetName) {
		const size = pageSize(query);
		const value: PaginationParams = {type: 'OFFSET', limitName: size.name, limitValue: Number(size.value), offSetName: offsetName};
		let end = '';
		if (hasMore) {
			value['endConditionName'] = at(hasMore);
			value['endConditionValue'] = 'Const:false';
			end = `; \`${at(hasMore)}\` is false on the last page, so it is the end condition`;
		}
		const whence = Object.hasOwn(query, offsetName) ? `the request's \`${offsetName}\` parameter` : `\`${offset ? at(offset) : offsetName}\` in ${source}`;
		return {
			guess: {field: 'paginationParams', value, evidence: `${whence} carries the offset and ${size.evidence} → OFFSET${end}.`},
			queryNames: [size.name, offsetName],
		};
	}
	if (hasMore) {
		const unreachable = 'no cursor, next-page URL, page or offset was found to ask for them → NONE; set the pagination by hand.';
		return {guess: none(`\`${at(hasMore)}\` says more records exist, but ${unreachable}`), queryNames: []};
	}
	// Without a response there was nothing to look in: say so, rather than that the response had no paging.
	if (body === undefined)
		return {guess: {...none('not detected: no sample response was given → NONE (one request) for now.'), needsResponse: true as const}, queryNames: []};
	return {guess: none(`no next-page URL, cursor, page count or offset was found in ${source} → NONE (one request).`), queryNames: []};
}

function pageCount(fields: Field[], headers: Headers | undefined): {value?: string; evidence: string} | undefined {
	for (const name of pageCountHeaders) {
		const value = headerValue(headers, name);
		if (value !== undefined) return {value: `headers.${name}`, evidence: `the \`${name}\` header holds the page count`};
	}
	const field = findField(fields, pageCountKeys, isCount);
	// endPageIndex takes a page number or `headers.<name>` only (docs/bootstrap.md): a count in the body cannot be
	// used, so the run stops on the first empty page instead.
	return field
		? {evidence: `\`${jsonPathOf(field.path)}\` holds the page count (endPageIndex cannot read the body, so paging stops at the first empty page)`}
		: undefined;
}

/** The first page number: the request's own page when it is 0 or 1, else the body's when it is, else 1. */
function initialPage(requested: string | undefined, current: unknown): number {
	for (const candidate of [requested, current]) if (candidate === 0 || candidate === 1 || candidate === '0' || candidate === '1') return Number(candidate);
	return 1;
}

function lastRecordHasId(body: unknown, records: string[]): boolean {
	let node: unknown = body;
	for (const key of records) node = isJsonObject(node) ? node[key] : undefined;
	return Array.isArray(node) && isJsonObject(node[node.length - 1]) && (node[node.length - 1] as Json)['id'] !== undefined;
}
