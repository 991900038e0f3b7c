// Cross-field and recommendation checks of docs/connection-spec.md#validation-rules that a zod schema cannot express: W and L rows,
// references between sections (placeholders, required ⊆ properties), type-specific fields. Works on any value:
// every read is guarded, so broken structure (already reported by the zod model) never makes it throw.
import {ids, specType, specVersion} from './constants.js';
import {describeValue, finding, type Finding} from './findings.js';
import {isObject, objectAt} from './json.js';
import {checkSchemaUrl, lintAuthSpecs} from './lint-auth.js';
import {lintSourceSpec} from './lint-source.js';
import {lintUnfinishedText} from './unfinished-text.js';

export function lintSpec(spec: unknown): Finding[] {
	const out: Finding[] = [];
	if (!isObject(spec)) return out;
	lintTopLevel(spec, out);
	lintAuthSpecs(spec, out);
	lintSourceSpec(spec, out);
	lintExploreSpec(spec, out);
	lintUnfinishedText(spec, out);
	return out;
}

function lintTopLevel(spec: Record<string, unknown>, out: Finding[]): void {
	const providerId = spec['providerId'];
	if (typeof providerId === 'string' && providerId.trim() !== '' && providerId !== ids.restProviderId) {
		out.push(
			finding(
				'warning',
				'providerId',
				'provider-id',
				`providerId is "${providerId}", but REST batch sources use "${ids.restProviderId}".`,
				`Write "providerId": "${ids.restProviderId}" unless Adobe told you otherwise.`,
			),
		);
	}
	if (spec['type'] !== specType) {
		out.push(
			finding(
				'warning',
				'type',
				'spec-type',
				`type should be "${specType}" for Self-Serve batch sources, but it is ${describeValue(spec['type'])}.`,
				`Write "type": "${specType}".`,
			),
		);
	}
	if (spec['version'] !== specVersion) {
		out.push(
			finding(
				'warning',
				'version',
				'spec-version',
				`version should be the string "${specVersion}", but it is ${describeValue(spec['version'])}.`,
				`Write "version": "${specVersion}".`,
			),
		);
	}
	if (spec['attributes'] === undefined) {
		out.push(
			finding(
				'warning',
				'attributes',
				'attributes-object',
				'attributes is missing; every batch example sends it.',
				'Write "attributes": {"uiAttributes": {"apiFeatures": {"explorePaginationSupported": false}}}.',
			),
		);
	}
}

function lintExploreSpec(spec: Record<string, unknown>, out: Finding[]): void {
	const explore = objectAt(spec, 'exploreSpec');
	if (!explore) return;
	for (const key of ['name', 'type']) {
		if (explore[key] === 'Resource') continue;
		out.push(
			finding(
				'warning',
				['exploreSpec', key],
				'explore-spec',
				`exploreSpec.${key} should be "Resource" (the explore spec is fixed for batch sources), but it is ${describeValue(explore[key])}.`,
				'Copy the exploreSpec of as is.',
			),
		);
	}
	for (const key of ['requestSpec', 'responseSpec']) {
		const part = explore[key];
		if (isObject(part)) checkSchemaUrl(part['$schema'], ['exploreSpec', key, '$schema'], out);
	}
}
