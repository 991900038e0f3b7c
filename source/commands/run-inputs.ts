// Turns flags, environment variables and the draft's saved test inputs into the end-to-end check's inputs.
// Secrets never come from the command line (they leak into shell history): only from AEP_SOURCE_SECRET_* variables,
// or, on the local profile, the public demo credentials of the demo source.
import {UsageError} from './context.js';
import type {Session} from '../session.js';
import type {Draft} from '../spec/draft-types.js';
import {isSecretKeyName} from '../spec/secrets.js';
import {resolveAuthSpec, secretPropertyNames, specFromDraft, testAuthSpecName, type ConnectionSpec} from '../spec/index.js';
import {demoTestDefaults} from '../spec/demo-credentials.js';
import type {EndToEndOptions} from '../workflow/index.js';

/** `accessToken` → `AEP_SOURCE_SECRET_ACCESS_TOKEN`. */
export function secretEnvName(property: string): string {
	return `AEP_SOURCE_SECRET_${property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}


type Inputs = {draft: Draft; session: Session; params: string[]; authSpecName?: string; target?: string; env: NodeJS.ProcessEnv};

function parsePairs(pairs: string[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const pair of pairs) {
		const at = pair.indexOf('=');
		if (at <= 0) throw new UsageError(`--param takes key=value, got "${pair}".`);
		out.set(pair.slice(0, at), pair.slice(at + 1));
	}
	return out;
}

function parseTarget(value: string | undefined): EndToEndOptions['target'] {
	if (value === undefined) return {mode: 'create'};
	const [schemaId, datasetId, mappingId] = value.split(',').map(part => part.trim());
	if (!schemaId || !datasetId) throw new UsageError('--target takes SCHEMA_ID,DATASET_ID[,MAPPING_ID] (existing ids); leave it out to create a test target.');
	return {mode: 'existing', schemaId, datasetId, mappingId: mappingId || undefined};
}

export function resolveTestInputs({draft, session, params, authSpecName, target, env}: Inputs): {options: EndToEndOptions; secrets: string[]} {
	const spec = specFromDraft(draft) as ConnectionSpec;
	// An explicit --auth must exist; the draft's saved choice falls back to the first auth spec when it was removed.
	const name = authSpecName ?? testAuthSpecName(draft);
	const auth = name ? resolveAuthSpec(spec, name) : undefined;
	if (!auth) throw new UsageError(`No auth spec named "${name}". This spec offers: ${spec.authSpec.map(a => a.name).join(', ')}.`);
	const authProperties = Object.keys(auth.spec.properties ?? {});
	const sourceProperties = Object.keys(((spec.sourceSpec.spec as {properties?: object}).properties ?? {}) as object);
	const secretNames = secretPropertyNames(spec, auth.name);
	const local = session.profile.kind === 'local';

	const authParams: Record<string, unknown> = {...draft.test.authParams};
	const sourceParams: Record<string, unknown> = {...draft.test.sourceParams};
	for (const [key, value] of parsePairs(params)) {
		if (secretNames.has(key) || isSecretKeyName(key)) {
			throw new UsageError(`"${key}" is a secret: pass it in the environment variable ${secretEnvName(key)}, not on the command line.`);
		}
		if (authProperties.includes(key)) authParams[key] = value;
		else if (sourceProperties.includes(key)) sourceParams[key] = value;
		else throw new UsageError(`Unknown --param "${key}". Auth properties of "${auth.name}": ${authProperties.join(', ') || 'none'}; source inputs: ${sourceProperties.join(', ') || 'none'}.`);
	}
	const secrets: string[] = [];
	for (const key of authProperties) {
		const fromEnv = env[secretEnvName(key)];
		if (fromEnv) authParams[key] = fromEnv;
	}
	const requiredSource = ((spec.sourceSpec.spec as {required?: string[]}).required ?? []).filter(key => sourceProperties.includes(key));
	// On the local profile the demo source stands in for the user's API (every source request goes to it, whatever the
	// host): point `host` at it, use its public credentials, and give other required inputs a placeholder value.
	if (local && session.demo) {
		const demo = demoTestDefaults(spec, auth.name, session.demo.url);
		for (const [key, value] of Object.entries(demo.authParams)) authParams[key] ??= value;
		for (const [key, value] of Object.entries(demo.sourceParams)) sourceParams[key] ??= value;
	}
	const missingSource = requiredSource.filter(key => sourceParams[key] === undefined || sourceParams[key] === '');
	if (missingSource.length > 0) throw new UsageError(`The source needs the input(s) ${missingSource.map(key => `${key} (--param ${key}=...)`).join(', ')}.`);
	for (const key of secretNames) if (typeof authParams[key] === 'string') secrets.push(authParams[key] as string);

	const missing = (auth.spec.required ?? []).filter(key => authProperties.includes(key) && (authParams[key] === undefined || authParams[key] === ''));
	if (missing.length > 0) {
		const how = missing.map(key => (secretNames.has(key) || isSecretKeyName(key) ? `${key} (environment variable ${secretEnvName(key)})` : `${key} (--param ${key}=...)`));
		throw new UsageError(`The auth spec "${auth.name}" needs: ${how.join(', ')}.`);
	}
	return {options: {authSpecName: auth.name, authParams, sourceParams, target: parseTarget(target)}, secrets};
}
