// The user-facing API documentation page, following the outline of Adobe's API template (docs/workflow.md#step-8-document-the-source):
// Overview (partner-maintained notice + contact), Prerequisites, Gather required credentials, the Flow Service
// walk-through, and the appendix. Secrets never appear: their values become placeholders like {ACCESS_TOKEN}.
// Example values come from the spec itself (a property's `example`/`examples`/`default`/first `enum` value, or an
// "e.g. …" in its description), never from the draft's test inputs: those are the author's end-to-end values
// (a local demo host, a test account) and mean nothing to the readers of a public page (docs/docs-page.md).
import {ids, secretPropertyNames} from '../connection-spec/index.js';
import type {Draft, RunSummary} from '../connection-spec/draft-types.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';

type PropertySchema = {description?: string; format?: string; title?: string; example?: unknown; examples?: unknown; default?: unknown; enum?: unknown};
type AuthSpec = {name: string; type?: string; spec?: {properties?: Record<string, PropertySchema>; required?: string[]}};

const flowBase = 'https://platform.adobe.io/data/foundation/flowservice';
const headers = [
	"  -H 'Authorization: Bearer {ACCESS_TOKEN}' \\",
	"  -H 'x-api-key: {API_KEY}' \\",
	"  -H 'x-gw-ims-org-id: {ORG_ID}' \\",
	"  -H 'x-sandbox-name: {SANDBOX_NAME}'",
];

/** accessToken → {ACCESS_TOKEN}, authKey1 → {AUTH_KEY1}. */
export function placeholderFor(name: string): string {
	return `{${name
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9]+/g, '_')
		.toUpperCase()}}`;
}

function authSpecsOf(draft: Draft): AuthSpec[] {
	const list = draft.spec['authSpec'];
	return Array.isArray(list) ? (list.filter(a => a && typeof (a as AuthSpec).name === 'string') as AuthSpec[]) : [];
}

function sourceProperties(draft: Draft): Record<string, PropertySchema> {
	const sourceSpec = draft.spec['sourceSpec'] as {spec?: {properties?: Record<string, PropertySchema>}} | undefined;
	return sourceSpec?.spec?.properties ?? {};
}

function curl(method: string, url: string, body?: unknown): string {
	const lines = [`curl -X ${method} \\`, `  '${url}' \\`, ...headers];
	if (body !== undefined) {
		lines[lines.length - 1] += ' \\';
		lines.push("  -H 'Content-Type: application/json' \\", `  -d '${JSON.stringify(body, null, 2).replace(/\n/g, '\n  ')}'`);
	}
	return ['```shell', ...lines, '```'].join('\n');
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A scalar example as text, or undefined. */
function scalar(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * The example the spec gives for a property: `example`, `examples[0]`, `default`, the first `enum` value, or the
 * value after "e.g." / "for example" / "such as" in its description (up to the next space, comma or bracket).
 * Undefined when the spec gives none. The draft's test values are never used (see the comment at the top).
 */
export function specExample(property: PropertySchema | undefined): string | undefined {
	if (!property) return undefined;
	const listed = Array.isArray(property.examples) ? property.examples[0] : undefined;
	const enumerated = Array.isArray(property.enum) ? property.enum[0] : undefined;
	const declared = scalar(property.example) ?? scalar(listed) ?? scalar(property.default) ?? scalar(enumerated);
	if (declared !== undefined) return declared;
	const match = /(?:\be\.g\.|\bfor example|\bsuch as)[:,]?\s+`?([^\s,;`()]+[^\s,;`().])/i.exec(property.description ?? '');
	return match?.[1];
}

function isSecretProperty(draft: Draft, auth: AuthSpec, name: string): boolean {
	const secret = new Set(secretPropertyNames(draft.spec, auth.name));
	return secret.has(name) || isSecretKeyName(name) || auth.spec?.properties?.[name]?.format === 'password';
}

/** Example value for one auth property: the spec's own example, else a placeholder; secrets always a placeholder. */
function authExample(draft: Draft, auth: AuthSpec, name: string): string {
	if (isSecretProperty(draft, auth, name)) return placeholderFor(name);
	return specExample(auth.spec?.properties?.[name]) ?? placeholderFor(name);
}

/** Required properties, plus those the author filled in for the check (so the example shows what was tested). */
function authParamsExample(draft: Draft, auth: AuthSpec): Record<string, string> {
	const properties = auth.spec?.properties ?? {};
	const names = Object.keys(properties).filter(name => auth.spec?.required?.includes(name) || draft.test.authParams[name] !== undefined);
	return Object.fromEntries(names.map(name => [name, authExample(draft, auth, name)]));
}

function sourceExample(name: string, property: PropertySchema | undefined): string {
	return isSecretKeyName(name) || property?.format === 'password' ? placeholderFor(name) : (specExample(property) ?? placeholderFor(name));
}

function sourceParamsExample(draft: Draft): Record<string, string> {
	return Object.fromEntries(Object.entries(sourceProperties(draft)).map(([name, property]) => [name, sourceExample(name, property)]));
}

function overview(draft: Draft, label: string): string[] {
	const {providerName, providerContact, description, documentationLink} = draft.artifacts;
	const who = providerName || label;
	return [
		`# Create a ${label} source connection and dataflow using the Flow Service API`,
		'',
		'>[!NOTE]',
		'>',
		`>The ${label} source is in beta. This documentation page was created by the ${who} team and is maintained by them.`,
		`>For any inquiries or update requests, contact them directly at ${providerContact || '{PROVIDER_CONTACT}'}.`,
		'',
		'## Overview',
		'',
		description || `${label} is a source for Adobe Experience Platform.`,
		...(documentationLink ? ['', `See the ${label} documentation: ${documentationLink}`] : []),
		'',
	];
}

function prerequisites(draft: Draft, label: string): string[] {
	const lines = [
		'## Prerequisites',
		'',
		`Before connecting ${label} to Experience Platform, you need an Experience Platform sandbox with access to Sources, and an account with ${label}.`,
		'',
		'### Gather required credentials',
		'',
		`To connect ${label} to Experience Platform, provide values for the following properties.`,
		'',
	];
	for (const auth of authSpecsOf(draft)) {
		lines.push(`#### ${auth.name}`, '', '| Credential | Description | Example |', '| --- | --- | --- |');
		for (const [name, property] of Object.entries(auth.spec?.properties ?? {})) {
			const required = auth.spec?.required?.includes(name) ? ' (required)' : '';
			lines.push(`| \`${name}\` | ${cell((property.description ?? property.title ?? '') + required)} | \`${cell(authExample(draft, auth, name))}\` |`);
		}
		lines.push('');
	}
	const params = Object.entries(sourceProperties(draft));
	if (params.length > 0) {
		lines.push('#### Source parameters', '', '| Parameter | Description | Example |', '| --- | --- | --- |');
		for (const [name, property] of params) lines.push(`| \`${name}\` | ${cell(property.description ?? '')} | \`${cell(sourceExample(name, property))}\` |`);
		lines.push('');
	}
	return lines;
}

function connectionSteps(draft: Draft, label: string, specId: string): string[] {
	const params = sourceParamsExample(draft);
	const encoded = Buffer.from(JSON.stringify(params)).toString('base64');
	const lines = [
		`## Connect ${label} to Experience Platform using the Flow Service API`,
		'',
		'### Create a base connection',
		'',
		`A base connection stores your ${label} credentials. Use one of the auth specs below; \`auth.specName\` is the auth spec's name.`,
		'',
	];
	for (const auth of authSpecsOf(draft)) {
		lines.push(
			`**${auth.name}**`,
			'',
			curl('POST', `${flowBase}/connections`, {
				name: `${label} base connection`,
				description: `Base connection for ${label}`,
				connectionSpec: {id: specId, version: '1.0'},
				auth: {specName: auth.name, params: authParamsExample(draft, auth)},
			}),
			'',
		);
	}
	lines.push(
		'A successful response returns the new base connection `id` and its `etag`.',
		'',
		'### Explore your source',
		'',
		`Preview records with the base connection id. \`sourceParams\` is the base64 encoding of ${'`'}${JSON.stringify(params)}${'`'}.`,
		'',
		curl('GET', `${flowBase}/connections/{BASE_CONNECTION_ID}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${encoded}`),
		'',
		'### Create a source connection',
		'',
		curl('POST', `${flowBase}/sourceConnections`, {
			name: `${label} source connection`,
			baseConnectionId: '{BASE_CONNECTION_ID}',
			connectionSpec: {id: specId, version: '1.0'},
			data: {format: 'json'},
			params,
		}),
		'',
	);
	return lines;
}

function targetSteps(label: string): string[] {
	return [
		'### Create a target XDM schema',
		'',
		'Create an XDM schema (one class plus a field group holding your fields under `_{TENANT_ID}`) with the Schema Registry API; keep its `$id`.',
		'',
		curl('POST', 'https://platform.adobe.io/data/foundation/schemaregistry/tenant/schemas', {
			title: `${label} records`,
			type: 'object',
			allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: 'https://ns.adobe.com/{TENANT_ID}/mixins/{FIELD_GROUP_ID}'}],
		}),
		'',
		'### Create a target dataset',
		'',
		curl('POST', 'https://platform.adobe.io/data/foundation/catalog/dataSets', {
			name: `${label} dataset`,
			schemaRef: {id: '{SCHEMA_ID}', contentType: 'application/vnd.adobe.xed+json;version=1'},
		}),
		'',
		'### Create a target connection',
		'',
		curl('POST', `${flowBase}/targetConnections`, {
			name: `${label} target connection`,
			connectionSpec: {id: ids.dataLakeTargetSpec, version: '1.0'},
			data: {format: 'parquet_xdm', schema: {id: '{SCHEMA_ID}', version: 'application/vnd.adobe.xed-full+json;version=1'}},
			params: {dataSetId: '{DATASET_ID}'},
		}),
		'',
		'### Create a mapping',
		'',
		curl('POST', 'https://platform.adobe.io/data/foundation/conversion/mappingSets', {
			outputSchema: {schemaRef: {id: '{SCHEMA_ID}', contentType: 'application/vnd.adobe.xed-full+json;version=1'}},
			mappings: [{sourceType: 'ATTRIBUTE', source: '{SOURCE_FIELD}', destination: '_{TENANT_ID}.{XDM_FIELD}'}],
		}),
		'',
		'### Create a flow',
		'',
		curl('POST', `${flowBase}/flows`, {
			name: `${label} dataflow`,
			flowSpec: {id: ids.restStorageToAep, version: '1.0'},
			sourceConnectionIds: ['{SOURCE_CONNECTION_ID}'],
			targetConnectionIds: ['{TARGET_CONNECTION_ID}'],
			transformations: [{name: 'Mapping', params: {mappingId: '{MAPPING_ID}', mappingVersion: '0'}}],
			scheduleParams: {startTime: '{START_TIME}', frequency: 'minute', interval: 15},
		}),
		'',
	];
}

function appendix(lastRun: RunSummary | undefined): string[] {
	const verified =
		lastRun?.status === 'success'
			? [
					`This walk-through was verified on ${lastRun.finishedAt.slice(0, 10)} with the "${lastRun.authSpecName ?? ''}" auth spec: ${lastRun.recordsWritten}` +
						` records written, ${lastRun.recordsFailed} failed.`,
					'',
				]
			: [];
	return [
		'## Appendix',
		'',
		...verified,
		'### Monitor your dataflow',
		'',
		curl('GET', `${flowBase}/runs?property=flowId=={FLOW_ID}`),
		'',
		'A run is finished when `metrics.statusSummary.status` is `success` or `failed`; `metrics.recordSummary` holds the record counts.',
		'',
		'### Update your dataflow',
		'',
		"Send a JSON Patch with the flow's current `etag` in `If-Match`.",
		'',
		curl('PATCH', `${flowBase}/flows/{FLOW_ID}`, [{op: 'replace', path: '/scheduleParams/frequency', value: 'day'}]).replace(
			"x-sandbox-name: {SANDBOX_NAME}' \\",
			"x-sandbox-name: {SANDBOX_NAME}' \\\n  -H 'If-Match: {ETAG}' \\",
		),
		'',
		'### Update your account',
		'',
		curl('PATCH', `${flowBase}/connections/{BASE_CONNECTION_ID}`, [{op: 'replace', path: '/auth/params', value: {'{CREDENTIAL}': '{NEW_VALUE}'}}]).replace(
			"x-sandbox-name: {SANDBOX_NAME}' \\",
			"x-sandbox-name: {SANDBOX_NAME}' \\\n  -H 'If-Match: {ETAG}' \\",
		),
		'',
		'### Delete your dataflow',
		'',
		curl('DELETE', `${flowBase}/flows/{FLOW_ID}`),
		'',
		'### Delete your account',
		'',
		'Delete the dataflows that use the base connection first; then:',
		'',
		curl('DELETE', `${flowBase}/connections/{BASE_CONNECTION_ID}`),
		'',
	];
}

export function renderDocsPage(draft: Draft, options: {lastRun?: RunSummary; profileName?: string} = {}): string {
	const label = draft.artifacts.label || draft.artifacts.sourceName || draft.id;
	const remote = options.profileName ? draft.remote[options.profileName] : Object.values(draft.remote).find(r => r.connectionSpecId);
	const specId = remote?.connectionSpecId ?? '{CONNECTION_SPEC_ID}';
	return [
		...overview(draft, label),
		...prerequisites(draft, label),
		...connectionSteps(draft, label, specId),
		...targetSteps(label),
		...appendix(options.lastRun ?? remote?.lastRun),
	].join('\n');
}
