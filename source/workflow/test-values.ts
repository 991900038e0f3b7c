// Test values: the auth values and user inputs a spec is tried with (live preview, explore, end-to-end check), and
// where its source requests go on the local profile. One resolution for the wizard and `run` (docs/local-routing.md).
// Pure (no HTTP, no React): screens import this file directly.
import {substitutePlaceholders} from '../engine/placeholders.js';
import {demoValueFor} from '../shared/demo-credentials.js';
import type {TestInputs} from '../connection-spec/draft-types.js';
import {secretPropertyNames} from '../connection-spec/auth-specs.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';
import {userInputsOf, valueText} from '../connection-spec/user-inputs.js';

export type SourceApi = 'demo' | 'spec';

/**
 * Where source requests go. `api: 'demo'`: the local demo API (`target` is its URL when known); `'spec'`: the host
 * the spec resolves to (`target`, undefined while no host resolves). `why` says how it was chosen, for the screen.
 */
export type SourceRoute = {api: SourceApi; target?: string; why: string; canSwitch: boolean};

export type AuthEntryInfo = {name: string; type: string; properties: string[]; required: string[]; secrets: Set<string>};
export type SourceInputInfo = {name: string; required: boolean; default?: string; enum?: string[]};
export type MissingValue = {name: string; kind: 'auth' | 'source'; secret: boolean; envName: string};

export type TestValues = {
	authSpecName?: string;
	auth?: AuthEntryInfo;
	/** Declared user inputs (`sourceSpec.spec.properties`): required or not, their default and allowed values as text. */
	sourceInputs: SourceInputInfo[];
	/** Values to send, secrets included (keep in memory; never save or print). */
	authParams: Record<string, string>;
	sourceParams: Record<string, string>;
	/** Secret values, for masking. */
	secretValues: string[];
	/** Required values that have none yet. */
	missing: MissingValue[];
	route: SourceRoute;
};

export type TestValuesInput = {
	/** Connection spec (instance form); may be incomplete. */
	spec: Record<string, unknown>;
	template?: string;
	/** The draft's saved test inputs (no secrets). */
	test: TestInputs;
	/** True on the local profile (the only one with a demo API to route to). */
	local: boolean;
	demoUrl?: string;
	/** Secrets typed this session, by property name. */
	secrets?: Record<string, string>;
	/** AEP_SOURCE_SECRET_<PROPERTY> variables are read from here. */
	env?: NodeJS.ProcessEnv;
	/** Command-line values (`run --param`, `--auth`, `--source-api`); they win over everything else. */
	overrides?: {authSpecName?: string; params?: Record<string, string>; sourceApi?: SourceApi};
};

/** Templates whose spec is meant for the demo API (mailchimp-members: its real host is unreachable offline). */
const demoTemplates = new Set(['demo', 'mailchimp-members']);

/** `accessToken` → `AEP_SOURCE_SECRET_ACCESS_TOKEN`. */
export function secretEnvName(property: string): string {
	return `AEP_SOURCE_SECRET_${property
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9]+/g, '_')
		.toUpperCase()}`;
}

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The auth spec entries of a (possibly incomplete) spec: properties, required ones and secret ones. */
export function authEntries(spec: Record<string, unknown>): AuthEntryInfo[] {
	const list = Array.isArray(spec['authSpec']) ? (spec['authSpec'] as unknown[]).map(record) : [];
	return list.map(entry => {
		const name = String(entry['name'] ?? '');
		const schema = record(entry['spec']);
		return {
			name,
			type: String(entry['type'] ?? ''),
			properties: Object.keys(record(schema['properties'])),
			required: strings(schema['required']),
			secrets: secretPropertyNames(spec, name),
		};
	});
}

function sourceInputsOf(spec: Record<string, unknown>): SourceInputInfo[] {
	return userInputsOf(spec).map(input => ({
		name: input.name,
		required: input.required,
		...(input.default !== undefined ? {default: valueText(input.default)} : {}),
		...(input.enum ? {enum: input.enum.map(valueText)} : {}),
	}));
}

/**
 * The host source requests go to: `urlParams.host` after `${…}` substitution, else the auth param `host` (the
 * engine's rule, docs/local-routing.md). Undefined while a placeholder has no value or the result is not an
 * absolute http(s) URL.
 */
export function resolvedHost(spec: Record<string, unknown>, authParams: Record<string, string>, sourceParams: Record<string, string>): string | undefined {
	const urlParams = record(record(record(spec['sourceSpec'])['attributes'])['urlParams']);
	const raw = typeof urlParams['host'] === 'string' && urlParams['host'].trim() !== '' ? urlParams['host'] : authParams['host'];
	if (raw === undefined) return undefined;
	const {text, missing} = substitutePlaceholders(raw, {...authParams, ...sourceParams});
	if (missing.length > 0 || !/^https?:\/\/[^\s/]/i.test(text.trim())) return undefined;
	return text.trim().replace(/\/+$/, '');
}

function decideRoute(input: TestValuesInput, host: string | undefined): SourceRoute {
	if (!input.local) return {api: 'spec', ...(host ? {target: host} : {}), why: "the platform calls the spec's host", canSwitch: false};
	const demo = (why: string): SourceRoute => ({api: 'demo', ...(input.demoUrl ? {target: input.demoUrl} : {}), why, canSwitch: true});
	const spec = (why: string): SourceRoute => ({api: 'spec', ...(host ? {target: host} : {}), why, canSwitch: true});
	const chosen = input.overrides?.sourceApi ?? input.test.sourceApi;
	if (chosen === 'demo') return demo('you picked the demo API');
	if (chosen === 'spec') return spec("you picked the spec's host");
	if (input.template && demoTemplates.has(input.template)) return demo(`the ${input.template} template is made for the demo API`);
	if (host) return spec("the spec's host");
	return demo('the spec has no host yet');
}

/**
 * Resolves the test values and the source route. A value comes from, in order: `overrides.params`, the secrets
 * typed this session, AEP_SOURCE_SECRET_<PROPERTY> in `env` and the draft's saved values. When the route is the
 * demo API, `host` and the credentials the demo knows are the demo's public ones, and other required inputs get
 * "demo" when empty. Never throws.
 */
export function resolveTestValues(input: TestValuesInput): TestValues {
	const entries = authEntries(input.spec);
	// An explicit choice (--auth) must exist, by name or type; the draft's saved one falls back to the first entry.
	const explicit = input.overrides?.authSpecName;
	const auth =
		explicit !== undefined
			? (entries.find(each => each.name === explicit) ?? entries.find(each => each.type.toLowerCase() === explicit.toLowerCase()))
			: (entries.find(each => each.name === input.test.authSpecName) ?? entries[0]);
	const sourceInputs = sourceInputsOf(input.spec);
	const params = input.overrides?.params ?? {};
	const authParams: Record<string, string> = {};
	for (const name of auth?.properties ?? []) {
		const value = params[name] ?? input.secrets?.[name] ?? input.env?.[secretEnvName(name)] ?? input.test.authParams[name];
		if (value !== undefined && value !== '') authParams[name] = value;
	}
	const sourceParams: Record<string, string> = {};
	for (const [name, value] of Object.entries(input.test.sourceParams)) if (value !== '') sourceParams[name] = value;
	for (const {name} of sourceInputs) if (params[name] !== undefined && params[name] !== '') sourceParams[name] = params[name];
	// A user input's default is what the connect form starts with: it is the test value until one is given
	// (docs/connection-spec.md#user-input-values).
	for (const each of sourceInputs) if (each.default !== undefined && each.default !== '') sourceParams[each.name] ??= each.default;
	const route = decideRoute(input, resolvedHost(input.spec, authParams, sourceParams));
	if (route.api === 'demo' && input.local) {
		// The demo API only accepts its own public credentials: they replace the values meant for the real API.
		for (const name of auth?.properties ?? []) {
			const value = name === 'host' ? input.demoUrl : demoValueFor(name);
			if (value !== undefined) authParams[name] = value;
		}
		for (const name of auth?.required ?? []) authParams[name] ??= 'demo';
		for (const {name, required} of sourceInputs) if (required) sourceParams[name] ??= 'demo';
	}
	const isSecret = (name: string) => Boolean(auth?.secrets.has(name)) || isSecretKeyName(name);
	const missing: MissingValue[] = [
		...(auth?.required ?? [])
			.filter(name => auth?.properties.includes(name) && authParams[name] === undefined)
			.map(name => ({name, kind: 'auth' as const, secret: isSecret(name), envName: secretEnvName(name)})),
		...sourceInputs
			.filter(each => each.required && sourceParams[each.name] === undefined)
			.map(each => ({name: each.name, kind: 'source' as const, secret: false, envName: secretEnvName(each.name)})),
	];
	const secretValues = Object.entries(authParams)
		.filter(([name]) => isSecret(name))
		.map(([, value]) => value);
	return {...(auth ? {authSpecName: auth.name, auth} : {}), sourceInputs, authParams, sourceParams, secretValues, missing, route};
}

/** "→ demo API (why)" / "→ https://api.example.com (why)": the route as every screen and `run` show it. */
export function describeRoute(route: SourceRoute): string {
	if (route.api === 'demo') return `→ demo API${route.target ? ` ${route.target}` : ''} (${route.why})`;
	return `→ ${route.target ?? 'no host yet: give the host a test value'} (${route.why})`;
}
