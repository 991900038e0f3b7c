// Before the first stage: the registered spec id, the auth spec to use, its secrets and the run's names
// (docs/workflow.md#step-6-end-to-end-test, docs/test-objects.md#every-name-carries-the-runs-stamp).
import type {RunSummary} from '../../connection-spec/draft-types.js';
import {resolveAuthSpec, secretPropertyNames, testAuthSpecName, type ConnectionSpec} from '../../connection-spec/index.js';
import {isSecretKeyName} from '../../connection-spec/secrets.js';
import {nowOf, remoteOf, type WorkflowContext} from '../progress.js';
import type {EndToEndOptions, Run} from './run.js';
import {preflightFailure} from './summary.js';

/** Secret values of the chosen auth spec: `format: password` properties plus secret-looking names. */
function collectSecrets(spec: Record<string, unknown>, authSpecName: string, authParams: Record<string, unknown>): string[] {
	const secretNames = new Set(secretPropertyNames(spec, authSpecName));
	return Object.entries(authParams)
		.filter(([key, value]) => typeof value === 'string' && (secretNames.has(key) || isSecretKeyName(key)))
		.map(([, value]) => value as string);
}

/**
 * The run's starting state, or a failed summary when the check cannot start (spec not registered for the profile,
 * no auth spec of that name). Registers the secrets with the client for masking.
 */
export function prepare(ctx: WorkflowContext, options: EndToEndOptions): Run | RunSummary {
	const remote = remoteOf(ctx.draft, ctx.profileName);
	const spec = ctx.draft.spec;
	const wanted = options.authSpecName ?? testAuthSpecName(ctx.draft) ?? '';
	if (!remote.connectionSpecId) {
		return preflightFailure(ctx, wanted, 'create-spec', 'The connection spec is not registered for this profile yet — register it (create step) first.');
	}
	const resolved = Array.isArray(spec['authSpec']) ? resolveAuthSpec(spec as unknown as ConnectionSpec, wanted) : undefined;
	if (!resolved) {
		return preflightFailure(ctx, wanted, 'base-connection', `The spec has no auth spec named "${wanted}" — choose one of its authSpec names.`);
	}
	// Send the auth spec's exact name: specName must match an authSpec[].name (docs/connection-spec.md#auth-specs-and-base-connections).
	const authSpecName = resolved.name;
	const secrets = collectSecrets(spec, authSpecName, options.authParams);
	ctx.client.addSecrets(secrets);
	const label = (ctx.draft.artifacts.label || ctx.draft.artifacts.sourceName || ctx.draft.id).slice(0, 60);
	const stamp =
		nowOf(ctx)
			.toISOString()
			.replace(/[-:.TZ]/g, '')
			.slice(0, 14) + Math.random().toString(16).slice(2, 6);
	return {ctx, options, secrets, specId: remote.connectionSpecId, authSpecName, label, stamp, attempt: stamp};
}
