// The wizard's view of the test values (workflow/test-values.ts, the same resolution `run` uses): non-secret values
// live in the draft (draft.test), secret ones only in memory (wizard.testSecrets) or AEP_SOURCE_SECRET_* variables.
import type {Draft} from '../connection-spec/draft-types.js';
import {resolveTestValues, type TestValues} from '../workflow/test-values.js';

export {authEntries, describeRoute, secretEnvName, type AuthEntryInfo, type SourceRoute, type TestValues} from '../workflow/test-values.js';

export type WizardTestContext = {
	/** True on the local profile (the only one that can route to the demo API). */
	local: boolean;
	demoUrl?: string;
	secrets: Record<string, string>;
	env?: NodeJS.ProcessEnv;
};

export function wizardTestValues(draft: Draft, context: WizardTestContext): TestValues {
	return resolveTestValues({
		spec: draft.spec,
		...(draft.template === undefined ? {} : {template: draft.template}),
		test: draft.test,
		local: context.local,
		...(context.demoUrl === undefined ? {} : {demoUrl: context.demoUrl}),
		secrets: context.secrets,
		...(context.env === undefined ? {} : {env: context.env}),
	});
}
