import {createAuthSession} from '../engine/auth.js';
import {authPlanOf} from '../connection-spec/plan.js';
import {resolveAuthSpec, secretPropertyNames, type AuthSpec, type ConnectionSpec} from '../connection-spec/index.js';
import {isSecretKeyName, mask} from '../connection-spec/secrets.js';

// Base-connection auth helpers (docs/connection-spec.md#authspec, docs/connection-spec.md#auth-specs-and-base-connections,
// docs/flow-service.md#base-connections),
// on top of the spec model and the engine.

/** The authSpec entry a base connection selects: by name, then case-insensitively by type (docs/workflow.md#step-6-end-to-end-test). */
export function findAuthSpec(spec: Record<string, unknown>, specName: string): AuthSpec | undefined {
	if (!Array.isArray(spec['authSpec'])) return undefined;
	return resolveAuthSpec(spec as ConnectionSpec, specName);
}

export function authSpecNames(spec: Record<string, unknown>): string[] {
	const entries = (Array.isArray(spec['authSpec']) ? spec['authSpec'] : []) as {name?: unknown; type?: unknown}[];
	return entries.map(entry => `"${String(entry?.name)}" (${String(entry?.type)})`);
}

export function missingRequiredParams(entry: AuthSpec, params: Record<string, unknown>): string[] {
	const required = (entry.spec as {required?: unknown}).required;
	return (Array.isArray(required) ? required : []).filter(
		(name): name is string => typeof name === 'string' && (params[name] === undefined || params[name] === null || params[name] === ''),
	);
}

/** GET answers a partial view of the credentials: secret values become "***" (docs/flow-service.md#base-connections Recommendation). */
export function maskedParams(spec: Record<string, unknown>, specName: string, params: Record<string, unknown>): Record<string, unknown> {
	const isSecret = secretTest(spec, specName);
	return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, isSecret(name) && value !== undefined && value !== null ? mask : value]));
}

/** Declared secrets of the spec, plus names that are always secret (even when the spec is gone). */
function secretTest(spec: Record<string, unknown>, specName: string): (name: string) => boolean {
	const declared = secretPropertyNames(spec, specName);
	return name => declared.has(name) || isSecretKeyName(name);
}

export function secretValues(spec: Record<string, unknown>, specName: string, params: Record<string, unknown>): string[] {
	const isSecret = secretTest(spec, specName);
	return Object.entries(params)
		.filter(([name, value]) => isSecret(name) && typeof value === 'string')
		.map(([, value]) => value as string);
}

/**
 * Headers that authenticate a call to the source, built by the engine (docs/connection-spec.md#oauth2refreshcode, docs/connection-spec.md#keybased
 * Interpretations).
 */
export function authHeaders(spec: Record<string, unknown>, specName: string, params: Record<string, unknown>): Record<string, string> {
	const entry = findAuthSpec(spec, specName);
	if (!entry) throw new Error(`No authSpec entry is named "${specName}".`);
	return createAuthSession(authPlanOf(entry), params).headers();
}
