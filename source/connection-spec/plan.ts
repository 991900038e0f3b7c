// The compiled plan: what the engine runs. `compileSpec` validates a raw spec once (normalise → zod → lint) and,
// when nothing the engine reads has an error, turns the normalised spec into typed, defaulted values. The engine
// trusts the plan and keeps no readers of its own; what a plan does at run time is in docs/connection-spec-model.md.
import {finding, type Finding} from './findings.js';
import {compileJsonPath, type JsonPath} from './json-path.js';
import {scheduleSchema, type AuthSpec, type AuthType, type ConnectionSpec} from './schema.js';
import {checkSpec, type ValidationResult} from './validate.js';

/** contentPath / explodeEntityPath (docs/connection-spec-model.md#records). */
export type FlattenPlan = {path: JsonPath; keep: string[]; skip: string[]; wrapper?: string};

/** `headers.<name>` holds the page count; a number is the last page number. */
export type EndPage = {kind: 'index'; value: number} | {kind: 'header'; name: string};

/** paginationParams with numbers parsed and defaults applied (docs/connection-spec-model.md#pagination). */
export type PaginationPlan =
	| {type: 'OFFSET'; limitName: string; limitValue: number; offsetName: string; endCondition?: {path: JsonPath; literal: string}}
	| {type: 'POINTER'; limitName: string; limitValue: number; pointer: JsonPath}
	| {type: 'CONTINUATION_TOKEN'; token: JsonPath; inHeader: boolean; parameterName: string; delayMs: number}
	| {type: 'PAGE'; limitName: string; limitValue: number; pageParamName: string; initialPageIndex: number; endPage?: EndPage; maximumRequest: number}
	| {type: 'NONE'};

/** scheduleParams (docs/connection-spec-model.md#schedule); formats default to `yyyy-MM-ddTHH:mm:ssZ`. */
export type SchedulePlan =
	| {kind: 'standard'; startName: string; endName: string; startFormat: string; endFormat: string}
	| {kind: 'advance'; paramFormat: string; incremental: string; backfill: string};

/** The request as written: strings still hold `${name}` placeholders, filled per run by the engine. */
export type RequestTemplate = {
	method: 'GET' | 'POST';
	/** urlParams.host; undefined means the base connection's `host` auth param. */
	host?: string;
	path: string;
	query: [string, string][];
	headers: [string, string][];
	/** bodyParams; sent only with POST. */
	body?: Record<string, unknown>;
};

/** One credential or user input: whether its value is a secret (`format: "password"`), and the header it goes in. */
export type PropertyPlan = {password: boolean; headerName?: string};

export type AuthPlan = {name: string; type: AuthType; properties: Record<string, PropertyPlan>};

export type SourcePlan = {
	request: RequestTemplate;
	/** In spec order; a base connection picks one by name. */
	auth: AuthPlan[];
	pagination: PaginationPlan;
	schedule?: SchedulePlan;
	content: FlattenPlan;
	explode?: FlattenPlan;
	/** sourceSpec.spec.properties. */
	inputs: Record<string, PropertyPlan>;
};

export type Compiled = ValidationResult & {
	/** Present when no error lies in a part the engine reads (see `planPaths`). */
	plan: SourcePlan | undefined;
	/** The errors that stop the plan: the engine refuses with these. */
	planErrors: Finding[];
};

export const defaultScheduleFormat = 'yyyy-MM-ddTHH:mm:ssZ';
/** PAGE's documented defaults (docs/connection-spec-model.md#pagination). */
export const pageDefaults = {initialPageIndex: 0, maximumRequest: 10_000} as const;

/** Finding paths the engine reads: an error under one of them stops the plan. */
export const planPaths = [
	'authSpec',
	'sourceSpec.attributes.urlParams',
	'sourceSpec.attributes.headerParams',
	'sourceSpec.attributes.bodyParams',
	'sourceSpec.attributes.contentPath',
	'sourceSpec.attributes.explodeEntityPath',
	'sourceSpec.attributes.paginationParams',
	'sourceSpec.attributes.scheduleParams',
	'sourceSpec.spec',
] as const;

const containers = new Set(['', 'sourceSpec', 'sourceSpec.attributes']);

/** True when a finding's path is one of `planPaths` or inside one (or a container of them, such as sourceSpec). */
export function blocksPlan(item: Finding): boolean {
	if (item.severity !== 'error') return false;
	if (containers.has(item.path)) return true;
	return planPaths.some(prefix => item.path === prefix || item.path.startsWith(`${prefix}.`) || item.path.startsWith(`${prefix}[`));
}

/** Validates and compiles a raw spec once. Pure and total, like validateSpec. */
export function compileSpec(input: unknown): Compiled {
	const {result, normalised} = checkSpec(input);
	const planErrors = result.errors.filter(blocksPlan);
	if (planErrors.length > 0) return {...result, plan: undefined, planErrors};
	const spec = normalised as ConnectionSpec;
	try {
		return {...result, plan: buildPlan(spec), planErrors};
	} catch (error) {
		// Unreachable for specs the rules accept; kept total so a missed rule is a finding, not a crash.
		const item = finding(
			'error',
			'',
			'plan',
			`The spec could not be compiled: ${error instanceof Error ? error.message : String(error)}.`,
			'Report this with the spec (secrets removed): a validation rule is missing.',
		);
		return {...result, valid: false, errors: [...result.errors, item], plan: undefined, planErrors: [item]};
	}
}

/** A count written as a number or a numeric string (`"100"`). */
export function countValue(value: number | string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	return typeof value === 'number' ? value : Number(value.trim());
}

function properties(schema: {
	properties: Record<string, {format?: string | undefined; restAttributes?: {headerParamName?: string | undefined} | undefined}>;
}): Record<string, PropertyPlan> {
	const out: Record<string, PropertyPlan> = {};
	for (const [name, property] of Object.entries(schema.properties)) {
		const headerName = property.restAttributes?.headerParamName;
		out[name] = {password: property.format === 'password', ...(headerName ? {headerName} : {})};
	}
	return out;
}

function flatten(rule: {
	path: string;
	skipAttributes?: string[] | undefined;
	keepAttributes?: string[] | undefined;
	overrideWrapperAttribute?: string | undefined;
}): FlattenPlan {
	const wrapper = rule.overrideWrapperAttribute;
	return {path: compileJsonPath(rule.path), keep: rule.keepAttributes ?? [], skip: rule.skipAttributes ?? [], ...(wrapper ? {wrapper} : {})};
}

/** `headers.x-pagecount` → the header (lower case); `"5"` or 5 → page 5. The rules admit nothing else. */
export function endPageOf(value: number | string | undefined): EndPage | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string' && value.trim().startsWith('headers.')) return {kind: 'header', name: value.trim().slice('headers.'.length).toLowerCase()};
	return {kind: 'index', value: countValue(value, 0)};
}

function pagination(params: ConnectionSpec['sourceSpec']['attributes']['paginationParams']): PaginationPlan {
	switch (params.type) {
		case 'OFFSET': {
			const base = {type: params.type, limitName: params.limitName, limitValue: countValue(params.limitValue, 0), offsetName: params.offSetName};
			if (params.endConditionName === undefined) return base;
			// `Const:` prefixes a literal; a value without the prefix is the literal too.
			return {...base, endCondition: {path: compileJsonPath(params.endConditionName), literal: (params.endConditionValue ?? '').replace(/^Const:/, '')}};
		}
		case 'POINTER':
			return {type: params.type, limitName: params.limitName, limitValue: countValue(params.limitValue, 0), pointer: compileJsonPath(params.pointerPath)};
		case 'CONTINUATION_TOKEN':
			return {
				type: params.type,
				token: compileJsonPath(params.continuationTokenPath),
				inHeader: params.parameterType === 'HEADERPARAM',
				parameterName: params.parameterName,
				delayMs: countValue(params.delayRequestMillis, 0),
			};
		case 'PAGE': {
			const endPage = endPageOf(params.endPageIndex);
			return {
				type: params.type,
				limitName: params.limitName,
				limitValue: countValue(params.limitValue, 0),
				pageParamName: params.pageParamName,
				initialPageIndex: countValue(params.initialPageIndex, pageDefaults.initialPageIndex),
				maximumRequest: countValue(params.maximumRequest, pageDefaults.maximumRequest),
				...(endPage ? {endPage} : {}),
			};
		}
		case 'NONE':
			return {type: 'NONE'};
	}
}

function schedule(params: ConnectionSpec['sourceSpec']['attributes']['scheduleParams']): SchedulePlan {
	if (params.type === 'ADVANCE') return {kind: 'advance', paramFormat: params.paramFormat, incremental: params.incremental, backfill: params.backfill};
	return {
		kind: 'standard',
		startName: params.scheduleStartParamName,
		endName: params.scheduleEndParamName,
		startFormat: params.scheduleStartParamFormat?.trim() || defaultScheduleFormat,
		endFormat: params.scheduleEndParamFormat?.trim() || defaultScheduleFormat,
	};
}

/** The schedule plan of scheduleParams alone (the source screen's window preview), or undefined when the model refuses them. */
export function schedulePlanOf(scheduleParams: unknown): SchedulePlan | undefined {
	const parsed = scheduleSchema.safeParse(scheduleParams);
	return parsed.success ? schedule(parsed.data) : undefined;
}

/** The auth plan of one auth spec (the sandbox tests a base connection with it). */
export function authPlanOf(entry: AuthSpec): AuthPlan {
	return {name: entry.name, type: entry.type, properties: properties(entry.spec)};
}

function buildPlan(spec: ConnectionSpec): SourcePlan {
	const attributes = spec.sourceSpec.attributes;
	const {urlParams} = attributes;
	const host = urlParams.host?.trim() ? urlParams.host : undefined;
	return {
		request: {
			method: urlParams.method,
			...(host === undefined ? {} : {host}),
			path: urlParams.path,
			query: Object.entries(urlParams.queryParams ?? {}),
			headers: Object.entries(attributes.headerParams ?? {}),
			...(attributes.bodyParams === undefined ? {} : {body: attributes.bodyParams}),
		},
		auth: spec.authSpec.map(authPlanOf),
		pagination: pagination(attributes.paginationParams),
		schedule: schedule(attributes.scheduleParams),
		content: flatten(attributes.contentPath),
		...(attributes.explodeEntityPath ? {explode: flatten(attributes.explodeEntityPath)} : {}),
		inputs: properties(spec.sourceSpec.spec),
	};
}
