// Turns flags, environment variables and the draft's saved test inputs into the end-to-end check's inputs, with the
// same resolution as the wizard (workflow/test-values.ts). Secrets never come from the command line (they leak
// into shell history): only from AEP_SOURCE_SECRET_* variables, or, routed to the demo API, its public credentials.
import {UsageError} from './context.js';
import type {Session} from '../session.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';
import {findPlaceholders, specFromDraft} from '../connection-spec/index.js';
import {resolveTestValues, secretEnvName, type SourceApi, type SourceRoute} from '../workflow/test-values.js';
import type {EndToEndOptions} from '../workflow/index.js';

type Inputs = {draft: Draft; session: Session; params: string[]; authSpecName?: string; target?: string; env: NodeJS.ProcessEnv; sourceApi?: SourceApi};

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

function parseSourceApi(value: SourceApi | undefined, local: boolean): SourceApi | undefined {
	if (value === undefined) return undefined;
	if (!local && value === 'demo') throw new UsageError('--source-api demo needs the local profile (the demo API runs inside its sandbox).');
	return value;
}

/** `urlParams.host` when it is a literal URL (no `${…}` to fill), else undefined. */
function fixedHostOf(spec: Record<string, unknown>): string | undefined {
	const urlParams = (spec['sourceSpec'] as {attributes?: {urlParams?: {host?: unknown}}} | undefined)?.attributes?.urlParams;
	const host = urlParams?.host;
	return typeof host === 'string' && host.trim() !== '' && findPlaceholders(host).length === 0 ? host : undefined;
}

/** Throws UsageError naming the flag or environment variable for anything unknown, secret on the command line or missing. */
export function resolveTestInputs({draft, session, params, authSpecName, target, env, sourceApi}: Inputs): {
	options: EndToEndOptions;
	secrets: string[];
	route: SourceRoute;
} {
	const spec = specFromDraft(draft) as Record<string, unknown>;
	const local = session.profile.kind === 'local';
	const given = Object.fromEntries(parsePairs(params));
	const values = resolveTestValues({
		spec,
		template: draft.template,
		test: draft.test,
		local,
		demoUrl: session.demo?.url,
		env,
		overrides: {
			...(authSpecName === undefined ? {} : {authSpecName}),
			params: given,
			...(sourceApi === undefined ? {} : {sourceApi: parseSourceApi(sourceApi, local)}),
		},
	});
	const auth = values.auth;
	if (!auth) {
		const offered = (spec['authSpec'] as {name: string}[] | undefined)?.map(a => a.name).join(', ') || 'none';
		throw new UsageError(`No auth spec named "${authSpecName ?? draft.test.authSpecName}". This spec offers: ${offered}.`);
	}
	const sourceNames = values.sourceInputs.map(each => each.name);
	for (const key of Object.keys(given)) {
		if (auth.secrets.has(key) || isSecretKeyName(key))
			throw new UsageError(`"${key}" is a secret: pass it in the environment variable ${secretEnvName(key)}, not on the command line.`);
		if (!auth.properties.includes(key) && !sourceNames.includes(key)) {
			const fixedHost = fixedHostOf(spec);
			if (key === 'host' && fixedHost !== undefined) {
				// A spec file's draft is made afresh from the file on every run: the file is what to edit.
				const where = draft.madeBy?.specFile ? `in ${draft.madeBy.specFile}` : `("aep-source resume ${draft.id}", source spec step)`;
				throw new UsageError(`--param host: this spec's host is fixed (urlParams.host is ${fixedHost}), so it takes no host value.`, {
					hint: `To send the source requests elsewhere, change urlParams.host ${where}, or write it as \${host} and declare host in the auth spec.`,
				});
			}
			throw new UsageError(
				`Unknown --param "${key}". Auth properties of "${auth.name}": ${auth.properties.join(', ') || 'none'}; ` +
					`source inputs: ${sourceNames.join(', ') || 'none'}.`,
			);
		}
	}
	const missingSource = values.missing.filter(each => each.kind === 'source');
	if (missingSource.length > 0)
		throw new UsageError(`The source needs the input(s) ${missingSource.map(each => `${each.name} (--param ${each.name}=...)`).join(', ')}.`);
	const missingAuth = values.missing.filter(each => each.kind === 'auth');
	if (missingAuth.length > 0) {
		const how = missingAuth.map(each => (each.secret ? `${each.name} (environment variable ${each.envName})` : `${each.name} (--param ${each.name}=...)`));
		throw new UsageError(`The auth spec "${auth.name}" needs: ${how.join(', ')}.`);
	}
	if (values.route.api === 'spec' && !values.route.target) {
		throw new UsageError('The spec has no host to send source requests to: give it one (e.g. --param host=https://api.example.com), or use --source-api demo.');
	}
	return {
		options: {authSpecName: auth.name, authParams: values.authParams, sourceParams: values.sourceParams, target: parseTarget(target)},
		secrets: values.secretValues,
		route: values.route,
	};
}
