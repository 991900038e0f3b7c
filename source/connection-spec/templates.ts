// Starting points for a new source. Each template is a complete instance-form spec that validates with no errors.
// Templates are built by functions, so every caller gets its own copy (no shared mutable state).
import {draft07, fixedExploreSpec, ids} from './constants.js';
import type {ConnectionSpec, PropertySchema} from './schema.js';

const header = (name: string, description: string) => ({
	name,
	description,
	type: 'generic-rest',
	providerId: ids.restProviderId,
	version: '1.0',
	attributes: {uiAttributes: {apiFeatures: {explorePaginationSupported: false}}},
});

const authSchema = (description: string, properties: Record<string, PropertySchema>, required: string[]) => ({
	$schema: draft07,
	type: 'object' as const,
	description,
	properties,
	required,
});

const text = (description: string) => ({type: 'string', description});

const uiAttributes = (label: string, description: string, category: string, icon: string) => ({
	isSource: true,
	isPreview: true,
	isBeta: true,
	category: {key: category},
	icon: {key: icon},
	description: {text: description},
	label: {text: label},
});

/** Standard time-window schedule (docs/schedule.md#scheduleparams): both bounds sent with the same date format. */
const windowSchedule = (start: string, end: string, format: string) => ({
	scheduleStartParamName: start,
	scheduleEndParamName: end,
	scheduleStartParamFormat: format,
	scheduleEndParamFormat: format,
});

const offsetPaging = (limitName: string, limitValue: string) => ({
	type: 'OFFSET' as const,
	limitName,
	limitValue,
	offSetName: 'offset',
	endConditionName: '$.hasMore',
	endConditionValue: 'Const:false',
});
const secret = (description: string) => ({type: 'string', format: 'password', description});

/** The catalog description a source starts with when nothing better is known (the blank template, a curl import). */
export const catalogDescriptionStub = 'Replace with a one-sentence description of the source.';

/** A generic REST source: one auth spec and values to replace (docs/connection-spec.md#the-authoring-template converted to instance form). */
function blank(): ConnectionSpec {
	const spec: ConnectionSpec = {
		...header('My REST source', 'A REST API source built with Self-Serve Sources (Batch SDK)'),
		authSpec: [
			{
				name: 'Basic Authentication',
				type: 'BasicAuthentication',
				spec: authSchema(
					'User name and password for the REST API.',
					{
						host: text('API root URL, e.g. https://api.example.com'),
						username: text('User name'),
						password: secret('Password'),
					},
					['host', 'username', 'password'],
				),
			},
		],
		sourceSpec: {
			attributes: {
				uiAttributes: uiAttributes('My REST source', catalogDescriptionStub, 'protocols', 'genericRestIcon'),
				urlParams: {path: '/v1/items', method: 'GET'},
				contentPath: {path: '$.items'},
				paginationParams: {type: 'NONE'},
				scheduleParams: windowSchedule('updated_since', 'updated_before', 'yyyy-MM-ddTHH:mm:ssZ'),
			},
			spec: authSchema('User inputs used to fetch the resource.', {}, []),
		},
		exploreSpec: fixedExploreSpec(),
	};
	return spec;
}

/** Modelled on the documented MailChimp Members source (docs/connection-spec.md#a-complete-example, docs/schedule.md#scheduleparams). */
function mailchimpMembers(): ConnectionSpec {
	const inputs = authSchema('User inputs used to fetch the resource.', {listId: text('Audience (list) whose members are fetched.')}, ['listId']);
	const spec: ConnectionSpec = {
		...header('Mailchimp Members', 'Mailchimp audience members through the Mailchimp Marketing API'),
		authSpec: [
			{
				name: 'OAuth2 Refresh Code',
				type: 'OAuth2RefreshCode',
				spec: authSchema(
					'OAuth 2 credentials for the Mailchimp Marketing API.',
					{
						domain: text('Data center of the account, e.g. us6 (the host is https://{domain}.api.mailchimp.com).'),
						authorizationTestUrl: text('URL used to validate the access token, e.g. https://login.mailchimp.com/oauth2/metadata'),
						accessToken: secret('Access token'),
					},
					['domain', 'accessToken'],
				),
			},
		],
		sourceSpec: {
			attributes: {
				uiAttributes: uiAttributes('Mailchimp Members', 'Ingest the members of a Mailchimp audience.', 'marketingAutomation', 'mailchimpMembersIcon'),
				urlParams: {host: 'https://${domain}.api.mailchimp.com', path: '/3.0/lists/${listId}/members', method: 'GET'},
				contentPath: {path: '$.members', skipAttributes: ['_links', 'total_items', 'list_id'], overrideWrapperAttribute: 'member'},
				paginationParams: offsetPaging('count', '100'),
				scheduleParams: windowSchedule('since_last_changed', 'before_last_changed', 'yyyy-MM-ddTHH:mm:ss:fffffffK'),
			},
			spec: inputs,
		},
		exploreSpec: fixedExploreSpec(),
	};
	return spec;
}

/** Targets the sandbox's demo REST API (source/sandbox/demo-source) on whatever host and port it runs. */
function demo(): ConnectionSpec {
	const host = () => text('Root URL of the demo API, e.g. http://127.0.0.1:4010');
	const spec: ConnectionSpec = {
		...header('Demo Contacts', 'Contacts from the aep-source demo REST API (local sandbox)'),
		authSpec: [
			{
				name: 'OAuth2 Refresh Code',
				type: 'OAuth2RefreshCode',
				spec: authSchema(
					'Bearer token for the demo API (`aep-source sandbox` prints the demo credentials).',
					{host: host(), accessToken: secret('Access token')},
					['host', 'accessToken'],
				),
			},
			{
				name: 'Basic Authentication',
				type: 'BasicAuthentication',
				spec: authSchema(
					'User name and password for the demo API (`aep-source sandbox` prints the demo credentials).',
					{
						host: host(),
						username: text('User name'),
						password: secret('Password'),
					},
					['host', 'username', 'password'],
				),
			},
			{
				name: 'API Key Authentication',
				type: 'KeyBased',
				spec: authSchema(
					'API key for the demo API, sent as the X-Api-Key header (`aep-source sandbox` prints the demo credentials).',
					{
						host: host(),
						authKey1: {type: 'string', format: 'password', title: 'API key', description: 'API key', restAttributes: {headerParamName: 'X-Api-Key'}},
					},
					['host', 'authKey1'],
				),
			},
		],
		sourceSpec: {
			attributes: {
				uiAttributes: uiAttributes('Demo Contacts', 'Contacts with tags and orders from the local demo API.', 'crm', 'demoContactsIcon'),
				// No urlParams.host: the base URL comes from the auth param `host` (docs/connection-spec.md#where-the-host-comes-from), so any port works.
				urlParams: {path: '/v1/offset/contacts', method: 'GET'},
				contentPath: {path: '$.contacts', skipAttributes: ['total', 'hasMore']},
				paginationParams: offsetPaging('limit', '50'),
				scheduleParams: windowSchedule('updated_since', 'updated_before', 'yyyy-MM-ddTHH:mm:ssZ'),
			},
			spec: authSchema('The demo source needs no user inputs.', {}, []),
		},
		exploreSpec: fixedExploreSpec(),
	};
	return spec;
}

const templates: Record<string, {describe: string; build: () => ConnectionSpec}> = {
	blank: {describe: 'Generic REST source: basic auth, no pagination, values to replace', build: blank},
	'mailchimp-members': {describe: 'Mailchimp audience members: OAuth 2, OFFSET paging, incremental schedule (docs example)', build: mailchimpMembers},
	demo: {describe: "The local sandbox's demo contacts API: OAuth 2, basic and API-key auth, OFFSET paging", build: demo},
};

export function templateNames(): string[] {
	return Object.keys(templates);
}

/** A fresh copy of the template's spec, or undefined for an unknown name. */
export function getTemplate(name: string): ConnectionSpec | undefined {
	return Object.hasOwn(templates, name) ? templates[name]?.build() : undefined;
}

export function describeTemplate(name: string): string {
	return Object.hasOwn(templates, name) ? (templates[name]?.describe ?? '') : '';
}
