// Reads what the engine needs from the connection spec (instance form) defensively and substitutes placeholders
// (reference 3.4.4, 3.5.3–3.5.5, 3.5.9, 3.5.11). The caller validated the spec; this only fails on what it needs.
import {configError} from './engine-error.js';
import {scheduleQueryPlaceholder, stripPipelineExpressions, substituteBareBraces, substitutePlaceholders} from './placeholders.js';
import {advanceScheduleQuery, readSchedule, standardScheduleParams} from './schedule.js';
import type {EngineOptions} from './types.js';

export type RequestPlan = {
	method: 'GET' | 'POST';
	/** host + path, possibly with a query already in the path. */
	baseUrl: string;
	query: [string, string][];
	headers: Record<string, string>;
	body?: string;
	warnings: string[];
};

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function sourceAttributes(spec: Record<string, unknown>): Record<string, unknown> {
	const attributes = record(record(spec.sourceSpec).attributes);
	if (Object.keys(attributes).length === 0) {
		throw configError('The connection spec has no sourceSpec.attributes.', 'Complete the source step: urlParams, contentPath, paginationParams and scheduleParams (reference 3.5.1).');
	}
	return attributes;
}

type Substituter = (text: string, where: string) => string;

function substituter(options: EngineOptions, scheduleQuery: string | undefined, warnings: string[]): Substituter {
	// Source params win over auth params of the same name (both feed `${name}`, 3.5.11).
	const values = {...options.authParams, ...options.sourceParams};
	return (text, where) => {
		const {text: out, missing} = substitutePlaceholders(text, values);
		if (missing.length > 0) {
			const list = missing.map(name => `\${${name}}`).join(', ');
			throw configError(`${list} in ${where} has no value.`, `Declare ${missing.join(', ')} in sourceSpec.spec.properties and pass it as a source param, or pass it as an auth param (reference 3.5.11).`);
		}
		if (!out.includes(scheduleQueryPlaceholder)) return out;
		if (scheduleQuery === undefined) {
			warnings.push(`${where} contains {SCHEDULE_QUERY} but scheduleParams is not ADVANCE; sent as written.`);
			return out;
		}
		return out.split(scheduleQueryPlaceholder).join(scheduleQuery);
	};
}

/** ADVANCE (3.5.9): the expression for the window; without a window, the backfill expression up to now. */
function scheduleQueryFor(options: EngineOptions, attributes: Record<string, unknown>, warnings: string[]): {query?: [string, string][]; scheduleQuery?: string} {
	const schedule = readSchedule(attributes.scheduleParams);
	if (!schedule) return {};
	if (schedule.kind === 'standard') return options.window ? {query: standardScheduleParams(schedule, options.window).map(({name, value}) => [name, value])} : {};
	if (options.window) return {scheduleQuery: advanceScheduleQuery(schedule, options.window, options.scheduleMode ?? 'incremental')};
	warnings.push('No schedule window was given: {SCHEDULE_QUERY} uses the backfill expression up to now.');
	return {scheduleQuery: advanceScheduleQuery(schedule, {start: new Date(0), end: new Date()}, 'backfill')};
}

function baseUrl(options: EngineOptions, urlParams: Record<string, unknown>, substitute: Substituter, warnings: string[]): string {
	// 3.4.4 Recommendation: urlParams.host after substitution, else the base connection's auth.params.host.
	let host: string;
	if (typeof urlParams.host === 'string' && urlParams.host.trim() !== '') {
		const bare = substituteBareBraces(urlParams.host, {...options.authParams, ...options.sourceParams});
		if (bare.used.length > 0) warnings.push(`urlParams.host uses {${bare.used.join('}, {')}} without "$"; treated as \${…} (reference 3.5.11).`);
		host = substitute(bare.text, 'urlParams.host');
	} else if (typeof options.authParams.host === 'string' && options.authParams.host.trim() !== '') {
		host = options.authParams.host;
	} else {
		throw configError('No host: neither urlParams.host nor the auth param "host" is set.', 'Set sourceSpec.attributes.urlParams.host or pass auth.params.host (reference 3.4.4).');
	}
	if (!/^https?:\/\/[^/]/i.test(host.trim())) {
		throw configError(`The host "${host}" is not an absolute http(s) URL.`, 'Write the host with its scheme, e.g. https://api.example.com.');
	}
	if (options.originOverride) host = withOrigin(host.trim(), options.originOverride);
	const rawPath = typeof urlParams.path === 'string' ? urlParams.path : '';
	const stripped = stripPipelineExpressions(rawPath);
	for (const expression of stripped.removed) warnings.push(`urlParams.path: left out the platform pipeline expression ${expression} (reference 3.5.9).`);
	const path = substitute(stripped.text, 'urlParams.path');
	if (path === '') return host.trim();
	return `${host.trim().replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function substituteDeep(value: unknown, substitute: Substituter, where: string): unknown {
	if (typeof value === 'string') return substitute(value, where);
	if (Array.isArray(value)) return value.map((item, index) => substituteDeep(item, substitute, `${where}[${index}]`));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, substituteDeep(child, substitute, `${where}.${key}`)]));
	}
	return value;
}

export function buildRequestPlan(options: EngineOptions, attributes: Record<string, unknown>): RequestPlan {
	const warnings: string[] = [];
	const urlParams = record(attributes.urlParams);
	const method = String(urlParams.method ?? 'GET').toUpperCase();
	if (method !== 'GET' && method !== 'POST') throw configError(`urlParams.method "${method}" is not supported.`, 'Use GET or POST (reference 3.5.3).');
	const schedule = scheduleQueryFor(options, attributes, warnings);
	const substitute = substituter(options, schedule.scheduleQuery, warnings);
	const query: [string, string][] = Object.entries(record(urlParams.queryParams)).map(([name, value]) => [name, substitute(String(value), `urlParams.queryParams.${name}`)]);
	query.push(...(schedule.query ?? []));
	const headers: Record<string, string> = {accept: 'application/json'};
	for (const [name, value] of Object.entries(record(attributes.headerParams))) headers[name] = substitute(String(value), `headerParams.${name}`);
	const plan: RequestPlan = {method, baseUrl: baseUrl(options, urlParams, substitute, warnings), query, headers, warnings};
	// 3.5.5 Recommendation: any JSON object, sent as the JSON body of a POST after placeholder substitution.
	const bodyParams = attributes.bodyParams;
	if (method === 'POST' && bodyParams && typeof bodyParams === 'object') {
		plan.body = JSON.stringify(substituteDeep(bodyParams, substitute, 'bodyParams'));
		if (!Object.keys(headers).some(name => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
	} else if (bodyParams && typeof bodyParams === 'object' && Object.keys(bodyParams).length > 0) {
		warnings.push('bodyParams is set but urlParams.method is GET: the body is not sent (reference 3.5.5).');
	}
	return plan;
}

/** The query string of one request: the plan's params, with pagination params replacing same-named ones. */
export function requestUrl(plan: RequestPlan, extra: [string, string][]): string {
	const names = new Set(extra.map(([name]) => name));
	const pairs = [...plan.query.filter(([name]) => !names.has(name)), ...extra];
	if (pairs.length === 0) return plan.baseUrl;
	const query = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
	const separator = plan.baseUrl.includes('?') ? (plan.baseUrl.endsWith('?') || plan.baseUrl.endsWith('&') ? '' : '&') : '?';
	return `${plan.baseUrl}${separator}${query}`;
}

/** Keeps the host's path prefix but swaps scheme, host name and port (see EngineOptions.originOverride). */
function withOrigin(host: string, origin: string): string {
	const from = new URL(host);
	const to = new URL(origin);
	return `${to.origin}${from.pathname === '/' ? '' : from.pathname}`;
}
