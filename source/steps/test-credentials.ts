// Credentials used to try the spec (live preview, end-to-end check). Non-secret values live in the draft
// (draft.test.authParams); secret ones only in memory. On the local profile the demo template gets the demo
// source's public credentials and URL filled in (they protect nothing, see spec/demo-credentials.ts).
import {demoCredentials} from '../spec/demo-credentials.js';
import {secretPropertyNames} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';
import {getIn} from './spec-paths.js';

export type AuthEntryInfo = {name: string; type: string; properties: string[]; required: string[]; secrets: Set<string>};

export function authEntries(spec: Record<string, unknown>): AuthEntryInfo[] {
	const list = Array.isArray(spec['authSpec']) ? (spec['authSpec'] as Record<string, unknown>[]) : [];
	return list.map(entry => {
		const name = String(entry['name'] ?? '');
		return {
			name,
			type: String(entry['type'] ?? ''),
			properties: Object.keys((getIn(entry, ['spec', 'properties']) as Record<string, unknown>) ?? {}),
			required: ((getIn(entry, ['spec', 'required']) as unknown[]) ?? []).map(String),
			secrets: secretPropertyNames(spec, name),
		};
	});
}

const demoValues: Record<string, string> = {
	accessToken: demoCredentials.accessToken,
	username: demoCredentials.username,
	password: demoCredentials.password,
	authKey1: demoCredentials.apiKey,
};

/** True when the demo source's values may be filled in: the demo template on the local profile. */
export function usesDemoSource(draft: Draft, profileName: string): boolean {
	return profileName === 'local' && draft.template === 'demo';
}

export type TestCredentials = {authSpecName?: string; authParams: Record<string, string>; sourceParams: Record<string, string>; missing: string[]};

export function testCredentials(draft: Draft, options: {profileName: string; demoUrl?: string; secrets: Record<string, string>}): TestCredentials {
	const entries = authEntries(draft.spec);
	const entry = entries.find(each => each.name === draft.test.authSpecName) ?? entries[0];
	const authParams: Record<string, string> = {};
	const demo = usesDemoSource(draft, options.profileName);
	for (const name of entry?.properties ?? []) {
		const value = options.secrets[name] ?? draft.test.authParams[name] ?? (demo ? (name === 'host' ? options.demoUrl : demoValues[name]) : undefined);
		if (value !== undefined && value !== '') authParams[name] = value;
	}
	const missing = (entry?.required ?? []).filter(name => authParams[name] === undefined);
	return {authSpecName: entry?.name, authParams, sourceParams: {...draft.test.sourceParams}, missing};
}
