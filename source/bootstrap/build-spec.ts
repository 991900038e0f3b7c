// A RequestShape (from an OpenAPI operation or a curl line) → a connection spec in instance form, with every
// guess and its evidence. Pure (no I/O, no React). What each field means: docs/bootstrap.md.
import {draft07, fixedExploreSpec, ids, specType, specVersion} from '../connection-spec/constants.js';
import {catalogDescriptionStub} from '../connection-spec/templates.js';
import {suggestFromResponse, type PaginationParams} from './detect-response.js';
import type {AuthShape, BootstrapResult, Guess, InputShape, Json, RequestShape, TestValues} from './guess.js';

const authNames: Record<AuthShape['type'], string> = {
	OAuth2RefreshCode: 'OAuth2 Refresh Code',
	BasicAuthentication: 'Basic Authentication',
	KeyBased: 'API Key Authentication',
};

const authDescriptions: Record<AuthShape['type'], string> = {
	OAuth2RefreshCode: 'OAuth 2 access token for the API (sent as Authorization: Bearer).',
	BasicAuthentication: 'User name and password for the API.',
	KeyBased: 'API key for the API.',
};

const windowStart = [
	'updated_since',
	'updatedSince',
	'modified_since',
	'modifiedSince',
	'since',
	'updated_after',
	'updatedAfter',
	'modified_after',
	'start_time',
	'startTime',
	'start_date',
	'startDate',
	'from',
	'created_after',
	'createdAfter',
];
const windowEnd = [
	'updated_before',
	'updatedBefore',
	'modified_before',
	'modifiedBefore',
	'until',
	'updated_until',
	'end_time',
	'endTime',
	'end_date',
	'endDate',
	'to',
	'created_before',
	'createdBefore',
	'before',
];

function property(input: InputShape): Json {
	const extra = [input.default !== undefined ? `default: ${input.default}` : '', input.enum?.length ? `one of: ${input.enum.join(', ')}` : '']
		.filter(Boolean)
		.join('; ');
	return {type: 'string', description: extra ? `${input.description} (${extra})` : input.description, ...(input.enum?.length ? {enum: input.enum} : {})};
}

/** One authSpec entry for the API's auth, with the host's server variables as credential-side properties. */
function authEntry(auth: AuthShape, hostVariables: InputShape[], needsHost: boolean): Json {
	const properties: Json = {};
	const required: string[] = [];
	if (needsHost) {
		properties['host'] = {type: 'string', description: 'API root URL, e.g. https://api.example.com'};
		required.push('host');
	}
	for (const variable of hostVariables) {
		properties[variable.name] = property(variable);
		required.push(variable.name);
	}
	if (auth.type === 'BasicAuthentication') {
		properties['username'] = {type: 'string', description: 'User name'};
		properties['password'] = {type: 'string', format: 'password', description: 'Password'};
		required.push('username', 'password');
	} else if (auth.type === 'OAuth2RefreshCode') {
		properties['accessToken'] = {type: 'string', format: 'password', description: 'Access token'};
		properties['refreshToken'] = {type: 'string', format: 'password', description: 'Refresh token (optional)'};
		properties['accessTokenUrl'] = {type: 'string', description: auth.tokenUrl ? `Token endpoint, e.g. ${auth.tokenUrl}` : 'Token endpoint (optional)'};
		required.push('accessToken');
	} else {
		const where = auth.headerName ? `sent in the ${auth.headerName} header` : `sent as the ${auth.queryName ?? 'key'} query parameter`;
		properties['authKey1'] = {
			type: 'string',
			format: 'password',
			title: 'API key',
			description: `API key, ${where}`,
			...(auth.headerName ? {restAttributes: {headerParamName: auth.headerName}} : {}),
		};
		required.push('authKey1');
	}
	// Users of the source read this in the platform's UI: plain words, not the bootstrapper's evidence.
	return {
		name: authNames[auth.type],
		type: auth.type,
		spec: {$schema: draft07, type: 'object', description: authDescriptions[auth.type], properties, required},
	};
}

function schedule(query: Record<string, string>): Guess<Json> {
	const start = windowStart.find(name => Object.hasOwn(query, name));
	const end = windowEnd.find(name => Object.hasOwn(query, name));
	const format = 'yyyy-MM-ddTHH:mm:ssZ';
	if (start && end) {
		return {
			field: 'scheduleParams',
			value: {scheduleStartParamName: start, scheduleEndParamName: end, scheduleStartParamFormat: format, scheduleEndParamFormat: format},
			evidence: `the \`${start}\` and \`${end}\` query parameters bound a time window → the incremental schedule sends them.`,
		};
	}
	const missingKind = start ? 'end' : end ? 'start' : 'time-window';
	const assumed = start || end ? 'the missing one is' : '`updated_since`/`updated_before` are';
	return {
		field: 'scheduleParams',
		value: {
			scheduleStartParamName: start ?? 'updated_since',
			scheduleEndParamName: end ?? 'updated_before',
			scheduleStartParamFormat: format,
			scheduleEndParamFormat: format,
		},
		evidence:
			`no ${missingKind} query parameter was found, so ${assumed} assumed: ` +
			'replace them with the names your API filters on (most APIs ignore unknown query parameters).',
	};
}

/**
 * Builds the spec. Shapes: `{spec, guesses: [{field, value, evidence}], missing: ["auth: …"], unmapped, testValues}`.
 * Never throws. The result validates with 0 errors when `missing` is empty.
 */
export function specFromShape(shape: RequestShape, secrets: Record<string, string> = {}): BootstrapResult {
	const guesses: Guess[] = [];
	const missing: string[] = [];
	const suggestion = suggestFromResponse({
		body: shape.response?.body,
		headers: shape.response?.headers ?? {},
		query: {...shape.knownQuery, ...shape.queryParams},
		source: shape.response?.source ?? 'sample',
	});
	if (shape.host) guesses.push({field: 'host', value: shape.host, evidence: shape.hostEvidence ?? 'from the input.'});
	else if (shape.hostParamEvidence) guesses.push({field: 'host', value: 'the auth param host', evidence: shape.hostParamEvidence});
	else missing.push('host: the input names no server or host; enter the API root URL as the auth param "host".');
	guesses.push({field: 'urlParams', value: `${shape.method} ${shape.path}`, evidence: "the request's method and path."});

	let authSpec: Json[] = [];
	if (shape.auth) {
		authSpec = [authEntry(shape.auth, shape.hostVariables, !shape.host)];
		guesses.push({field: 'authSpec', value: shape.auth.type, evidence: shape.auth.evidence});
	} else {
		missing.push(
			'auth: the input shows no credentials or security scheme, and a source needs one auth spec (basic, OAuth 2 or API key); ' +
				"choose one in the wizard's auth step.",
		);
	}

	const queryParams: Record<string, string> = {};
	const pagingNames = new Set(suggestion.pagingQueryNames);
	const scheduleGuess = schedule({...shape.knownQuery, ...shape.queryParams});
	const scheduleNames = new Set([scheduleGuess.value['scheduleStartParamName'], scheduleGuess.value['scheduleEndParamName']]);
	for (const [name, value] of Object.entries(shape.queryParams)) {
		// Paging and schedule parameters are sent by the platform itself.
		if (pagingNames.has(name) || scheduleNames.has(name)) continue;
		queryParams[name] = value;
	}
	if (shape.auth?.queryName) queryParams[shape.auth.queryName] = '${authKey1}';

	const contentPath = suggestion.contentPath;
	if (contentPath) guesses.push(contentPath);
	else {
		const why = shape.response ? 'the response holds no array of objects' : 'there is no response to look at';
		const next =
			shape.response?.source === 'schema'
				? 'describe the 200 response'
				: 'pass a sample response (--response FILE) or use "suggest from this response" in the live preview';
		missing.push(`contentPath: ${why}; ${next}, or set the path of the records by hand.`);
	}
	const pagination: PaginationParams = suggestion.pagination.value;
	guesses.push(suggestion.pagination, scheduleGuess);

	const inputs = shape.inputs;
	// Without a description from the API the catalog text is the blank template's stub: flagged until the author writes one.
	const uiDescription = firstSentence(shape.description) || catalogDescriptionStub;
	const attributes: Json = {
		uiAttributes: {
			isSource: true,
			isPreview: true,
			isBeta: true,
			category: {key: 'protocols'},
			icon: {key: 'genericRestIcon'},
			description: {text: uiDescription},
			label: {text: shape.name},
			...(shape.documentationLink ? {documentationLink: shape.documentationLink} : {}),
		},
		urlParams: {...(shape.host ? {host: shape.host} : {}), path: shape.path, method: shape.method, ...(Object.keys(queryParams).length ? {queryParams} : {})},
		...(Object.keys(shape.headerParams).length ? {headerParams: shape.headerParams} : {}),
		...(shape.bodyParams ? {bodyParams: shape.bodyParams} : {}),
		// Unknown records path: left out (a validation error, so `run` refuses the draft), never a guessed `$` that would
		// ingest each whole page as one record.
		...(contentPath ? {contentPath: {path: contentPath.value}} : {}),
		paginationParams: pagination,
		scheduleParams: scheduleGuess.value,
	};
	const sourceSpec: Json = {
		attributes,
		spec: {
			$schema: draft07,
			type: 'object',
			description: inputs.length ? 'User inputs used to fetch the resource.' : 'The source needs no user inputs.',
			properties: Object.fromEntries(inputs.map(input => [input.name, property(input)])),
			required: inputs.filter(input => input.required).map(input => input.name),
		},
		...(shape.itemSchema && contentPath ? {schema: customSchema(contentPath.value, shape.itemSchema)} : {}),
	};
	const spec: Json = {
		name: shape.name,
		description: uiDescription,
		type: specType,
		providerId: ids.restProviderId,
		version: specVersion,
		attributes: {uiAttributes: {apiFeatures: {explorePaginationSupported: false}}},
		authSpec,
		sourceSpec,
		exploreSpec: fixedExploreSpec(),
	};
	if (shape.itemSchema && contentPath)
		guesses.push({
			field: 'sourceSpec.schema',
			value: `${Object.keys((shape.itemSchema['properties'] as Json | undefined) ?? {}).length} fields`,
			evidence: 'the item schema of the response, as the custom schema of the records.',
		});
	return {spec, guesses, missing, unmapped: shape.unmapped, testValues: testValuesOf(shape, secrets)};
}

function testValuesOf(shape: RequestShape, secrets: Record<string, string>): TestValues {
	const authParams: Record<string, string> = {};
	for (const variable of shape.hostVariables) if (variable.default !== undefined) authParams[variable.name] = variable.default;
	const sourceParams: Record<string, string> = {};
	for (const input of shape.inputs) if (input.default !== undefined) sourceParams[input.name] = input.default;
	const open: Record<string, string> = {};
	const hidden: Record<string, string> = {};
	for (const [name, value] of Object.entries(secrets)) (name === 'username' ? open : hidden)[name] = value;
	return {authParams: {...authParams, ...open}, secrets: hidden, sourceParams};
}

/** `sourceSpec.schema`: the record's schema under the records' key (`$.results` → `{results: {type: array, items}}`). */
function customSchema(contentPath: string, item: Json): Json {
	const key = /^\$\.([A-Za-z_]\w*)$/.exec(contentPath)?.[1];
	const items = {type: 'object', ...item};
	return key ? {type: 'object', properties: {[key]: {type: 'array', items}}} : {type: 'array', items};
}

function firstSentence(text: string | undefined): string {
	if (!text) return '';
	const flat = text.replace(/\s+/g, ' ').trim();
	const end = flat.search(/[.!?](\s|$)/);
	const sentence = end === -1 ? flat : flat.slice(0, end + 1);
	return sentence.length > 200 ? `${sentence.slice(0, 197)}…` : sentence;
}
