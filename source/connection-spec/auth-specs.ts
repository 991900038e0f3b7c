// Looking up auth specs and their secret fields (docs/workflow.md#step-6-end-to-end-test, docs/connection-spec.md#auth-specs-and-base-connections,
// docs/connection-spec.md#authspec-rules).
import {secretAuthProperty} from './constants.js';
import {arrayAt, isObject, objectAt} from './json.js';
import type {AuthSpec, ConnectionSpec} from './schema.js';
import {isSecretKeyName} from './secrets.js';

const compact = (text: string): string => text.toLowerCase().replace(/\s+/g, '');

/**
 * The entry a base connection's `auth.specName` selects: the exact name, then the name or the type compared
 * case- and space-insensitively. The docs spell specName several ways ("oAuth2RefreshCode", "OAuth 2 Refresh
 * Code"; docs/connection-spec-model.md#auth). Works on raw entries, auth specs and the plan's AuthPlan alike.
 */
export function pickAuthSpec<T extends {name?: unknown; type?: unknown}>(list: readonly T[], specName: string): T | undefined {
	const byName = list.find(auth => auth.name === specName);
	if (byName) return byName;
	const wanted = compact(specName);
	return (
		list.find(auth => typeof auth.name === 'string' && compact(auth.name) === wanted) ??
		list.find(auth => typeof auth.type === 'string' && compact(auth.type) === wanted)
	);
}

/** The auth spec a base connection's `auth.specName` selects: by name first, then case-insensitively by type. */
export function resolveAuthSpec(spec: ConnectionSpec, specName: string): AuthSpec | undefined {
	return pickAuthSpec(spec.authSpec, specName);
}

/**
 * Names of the fields whose values are secrets: `format: "password"` or a secret-like name, in the auth specs
 * (only the named one when `authSpecName` resolves) and in the user inputs. Used for masking, so it errs on the
 * side of masking more.
 */
export function secretPropertyNames(spec: unknown, authSpecName?: string): Set<string> {
	const names = new Set<string>();
	const authSpecs = (arrayAt(spec, 'authSpec') ?? []).filter(isObject);
	const chosen = authSpecName === undefined ? undefined : pickAuthSpec(authSpecs, authSpecName);
	const schemas = [...(chosen ? [chosen] : authSpecs).map(auth => objectAt(auth, 'spec')), objectAt(spec, 'sourceSpec', 'spec')];
	for (const schema of schemas) {
		for (const [name, property] of Object.entries(objectAt(schema, 'properties') ?? {})) {
			if (objectAt(property)?.['format'] === 'password' || isSecretKeyName(name) || secretAuthProperty.test(name)) names.add(name);
		}
	}
	return names;
}

/**
 * The auth spec the end-to-end check uses for a draft: the draft's choice (`test.authSpecName`) while the spec still
 * offers it, else the spec's first auth spec — a removed auth spec never stays chosen. Returns the entry's exact
 * name, or undefined when the spec has no named auth spec.
 */
export function testAuthSpecName(draft: {spec: unknown; test: {authSpecName?: string}}): string | undefined {
	const entries = (arrayAt(draft.spec, 'authSpec') ?? []).filter(isObject).filter(entry => typeof entry['name'] === 'string');
	const chosen = draft.test.authSpecName === undefined ? undefined : pickAuthSpec(entries, draft.test.authSpecName);
	return (chosen ?? entries[0])?.['name'] as string | undefined;
}
