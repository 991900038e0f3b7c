// Credentials used to try the spec (live preview, end-to-end check). Non-secret values live in the draft
// (draft.test.authParams); secret ones only in memory. On the local profile every source request goes to the demo
// source, so its public credentials and URL are filled in (they protect nothing, see spec/demo-credentials.ts).
import {demoTestDefaults} from '../spec/demo-credentials.js';
import {getAt, secretPropertyNames} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';

export type AuthEntryInfo = {name: string; type: string; properties: string[]; required: string[]; secrets: Set<string>};

export function authEntries(spec: Record<string, unknown>): AuthEntryInfo[] {
	const list = Array.isArray(spec['authSpec']) ? (spec['authSpec'] as Record<string, unknown>[]) : [];
	return list.map(entry => {
		const name = String(entry['name'] ?? '');
		return {
			name,
			type: String(entry['type'] ?? ''),
			properties: Object.keys((getAt(entry, ['spec', 'properties']) as Record<string, unknown>) ?? {}),
			required: ((getAt(entry, ['spec', 'required']) as unknown[]) ?? []).map(String),
			secrets: secretPropertyNames(spec, name),
		};
	});
}

/** True when the demo source's values may be filled in: on the local profile, which sends every request there. */
export function usesDemoSource(_draft: Draft, profileName: string): boolean {
	return profileName === 'local';
}

export type TestCredentials = {authSpecName?: string; authParams: Record<string, string>; sourceParams: Record<string, string>; missing: string[]};

export function testCredentials(draft: Draft, options: {profileName: string; demoUrl?: string; secrets: Record<string, string>}): TestCredentials {
	const entries = authEntries(draft.spec);
	const entry = entries.find(each => each.name === draft.test.authSpecName) ?? entries[0];
	const authParams: Record<string, string> = {};
	const demo = usesDemoSource(draft, options.profileName) && options.demoUrl ? demoTestDefaults(draft.spec, entry?.name, options.demoUrl) : undefined;
	for (const name of entry?.properties ?? []) {
		const value = options.secrets[name] ?? draft.test.authParams[name] ?? demo?.authParams[name];
		if (value !== undefined && value !== '') authParams[name] = value;
	}
	const missing = (entry?.required ?? []).filter(name => authParams[name] === undefined);
	return {authSpecName: entry?.name, authParams, sourceParams: {...demo?.sourceParams, ...draft.test.sourceParams}, missing};
}
