// The request of a run, from the compiled plan's request template: placeholders substituted, host chosen, schedule
// applied (docs/connection-spec-model.md#request). The spec model checked the shapes; this fails only on params.
import {configError} from './engine-error.js';
import {scheduleQueryPlaceholder, stripPipelineExpressions, substituteBareBraces, substitutePlaceholders} from './placeholders.js';
import {advanceScheduleQuery, standardScheduleParams} from './schedule.js';
import type {EngineOptions} from './types.js';
import type {RequestTemplate, SchedulePlan, SourcePlan} from '../connection-spec/plan.js';

export type RequestPlan = {
	method: 'GET' | 'POST';
	/** host + path, possibly with a query already in the path. */
	baseUrl: string;
	query: [string, string][];
	headers: Record<string, string>;
	body?: string;
	warnings: string[];
};

type Substituter = (text: string, where: string) => string;

function substituter(options: EngineOptions, scheduleQuery: string | undefined, warnings: string[]): Substituter {
	// Source params win over auth params of the same name (both feed `${name}`).
	const values = {...options.authParams, ...options.sourceParams};
	return (text, where) => {
		const {text: out, missing} = substitutePlaceholders(text, values);
		if (missing.length > 0) {
			const list = missing.map(name => `\${${name}}`).join(', ');
			throw configError(
				`${list} in ${where} has no value.`,
				`Declare ${missing.join(', ')} in sourceSpec.spec.properties and pass it as a source param, or pass it as an auth param.`,
			);
		}
		if (!out.includes(scheduleQueryPlaceholder)) return out;
		if (scheduleQuery === undefined) {
			warnings.push(`${where} contains {SCHEDULE_QUERY} but scheduleParams is not ADVANCE; sent as written.`);
			return out;
		}
		return out.split(scheduleQueryPlaceholder).join(scheduleQuery);
	};
}

/** ADVANCE (docs/schedule.md#advance-schedules): the expression for the window; without a window, the backfill expression up to now. */
function scheduleQueryFor(
	options: EngineOptions,
	schedule: SchedulePlan | undefined,
	warnings: string[],
): {query?: [string, string][]; scheduleQuery?: string} {
	if (!schedule) return {};
	if (schedule.kind === 'standard')
		return options.window ? {query: standardScheduleParams(schedule, options.window).map(({name, value}) => [name, value])} : {};
	if (options.window) return {scheduleQuery: advanceScheduleQuery(schedule, options.window, options.scheduleMode ?? 'incremental')};
	warnings.push('No schedule window was given: {SCHEDULE_QUERY} uses the backfill expression up to now.');
	return {scheduleQuery: advanceScheduleQuery(schedule, {start: new Date(0), end: new Date()}, 'backfill')};
}

function baseUrl(options: EngineOptions, request: RequestTemplate, substitute: Substituter, warnings: string[]): string {
	// urlParams.host after substitution, else the base connection's auth.params.host (docs/connection-spec-model.md#request).
	let host: string;
	if (request.host !== undefined) {
		const bare = substituteBareBraces(request.host, {...options.authParams, ...options.sourceParams});
		if (bare.used.length > 0) warnings.push(`urlParams.host uses {${bare.used.join('}, {')}} without "$"; treated as \${…}.`);
		host = substitute(bare.text, 'urlParams.host');
	} else if (typeof options.authParams.host === 'string' && options.authParams.host.trim() !== '') {
		host = options.authParams.host;
	} else {
		throw configError(
			'No host: neither urlParams.host nor the auth param "host" is set.',
			'Set sourceSpec.attributes.urlParams.host or pass auth.params.host.',
		);
	}
	if (!/^https?:\/\/[^/]/i.test(host.trim())) {
		throw configError(`The host "${host}" is not an absolute http(s) URL.`, 'Write the host with its scheme, e.g. https://api.example.com.');
	}
	if (options.originOverride) host = withOrigin(host.trim(), options.originOverride);
	const stripped = stripPipelineExpressions(request.path);
	for (const expression of stripped.removed) warnings.push(`urlParams.path: left out the platform pipeline expression ${expression}.`);
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

/**
 * The request of a run: placeholders filled from the source and auth params, the schedule window applied.
 * Throws a config error for a placeholder without a value or a host that is not an absolute http(s) URL — both
 * depend on the params, so the spec model cannot rule them out.
 */
export function buildRequestPlan(options: EngineOptions, plan: SourcePlan): RequestPlan {
	const warnings: string[] = [];
	const {request} = plan;
	const {method} = request;
	const schedule = scheduleQueryFor(options, plan.schedule, warnings);
	const substitute = substituter(options, schedule.scheduleQuery, warnings);
	const query: [string, string][] = request.query.map(([name, value]) => [name, substitute(value, `urlParams.queryParams.${name}`)]);
	query.push(...(schedule.query ?? []));
	const headers: Record<string, string> = {accept: 'application/json'};
	for (const [name, value] of request.headers) headers[name] = substitute(value, `headerParams.${name}`);
	const result: RequestPlan = {method, baseUrl: baseUrl(options, request, substitute, warnings), query, headers, warnings};
	// Any JSON object, sent as the JSON body of a POST after placeholder substitution (docs/connection-spec-model.md#request).
	const body = request.body;
	if (method === 'POST' && body) {
		result.body = JSON.stringify(substituteDeep(body, substitute, 'bodyParams'));
		if (!Object.keys(headers).some(name => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
	} else if (body && Object.keys(body).length > 0) {
		warnings.push('bodyParams is set but urlParams.method is GET: the body is not sent.');
	}
	return result;
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
