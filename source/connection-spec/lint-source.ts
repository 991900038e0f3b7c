// Cross-field checks of sourceSpec (docs/connection-spec.md#validation-rules rows 17, 21, 24, 26, 30–31, 37–40; docs/connection-spec.md#pagination,
// docs/connection-spec.md#placeholders).
import {categories, paginationFields, paginationRules, paginationTypes} from './constants.js';
import {describeValue, finding, formatPath, type Finding, type PathSegment} from './findings.js';
import {arrayAt, isObject, objectAt, stringAt, visitStrings} from './json.js';
import {checkSchemaUrl, lintRequired} from './lint-auth.js';
import {matchesType} from './user-inputs.js';
import {declaredPlaceholders, findBareBraces, findPlaceholders, headerNameProblem} from './placeholders.js';
import {describeJsonPathProblem, getAt, parseJsonPath} from './json-path.js';

const sa: PathSegment[] = ['sourceSpec', 'attributes'];
const categoryKeys = new Set(categories.map(category => category.key));
const categoryList = categories.map(entry => `${entry.key} (${entry.label})`).join(', ');
const compact = (text: string): string => text.toLowerCase().replace(/[\s_-]/g, '');

export function lintSourceSpec(spec: unknown, out: Finding[]): void {
	const attributes = objectAt(spec, 'sourceSpec', 'attributes');
	if (attributes) {
		lintCategory(attributes['uiAttributes'], out);
		lintHost(spec, attributes['urlParams'], out);
		lintUnreachableHost(attributes['urlParams'], out);
		lintPlaceholders(spec, attributes, out);
		lintBody(attributes, out);
		lintHeaderNames(attributes, out);
		for (const key of ['contentPath', 'explodeEntityPath']) lintJsonPath(getAt(attributes, [key, 'path']), [...sa, key, 'path'], out);
		lintJsonPathSyntax(attributes, out);
		lintPagination(attributes['paginationParams'], out);
		lintSchedule(attributes, out);
	}
	lintUserInputs(spec, out);
}

function lintCategory(ui: unknown, out: Finding[]): void {
	const category = getAt(ui, ['category']);
	if (category === undefined) return;
	const path: PathSegment[] = [...sa, 'uiAttributes', 'category'];
	if (!isObject(category) || typeof category['key'] !== 'string') {
		const example = typeof category === 'string' ? category : 'crm';
		out.push(
			finding(
				'warning',
				path,
				'ui-category',
				`category must be an object {"key": "<category key>"}, but it is ${describeValue(category)}.`,
				`Write "category": {"key": "${example}"}. Keys: ${categoryList}.`,
			),
		);
		return;
	}
	const key = category['key'];
	if (categoryKeys.has(key)) return;
	const near = categories.find(entry => compact(entry.key) === compact(key) || compact(entry.label) === compact(key));
	out.push(
		finding(
			'warning',
			[...path, 'key'],
			'ui-category',
			`"${key}" is not one of the ten catalog category keys${near ? `; did you mean "${near.key}"?` : '.'}`,
			`Use one of: ${categoryList}. If none fits, discuss the category with Adobe.`,
		),
	);
}

function lintHost(spec: unknown, urlParams: unknown, out: Finding[]): void {
	if (!isObject(urlParams)) return;
	const path: PathSegment[] = [...sa, 'urlParams', 'host'];
	const host = urlParams['host'];
	if (typeof host === 'string' && host.trim() !== '') {
		// The engine sends to host + path, so a host that cannot be an absolute URL is an error; one that starts
		// with a placeholder gets its scheme from the value (docs/connection-spec-model.md#request).
		if (!/^https?:\/\/[^\s/]+/.test(host.trim().replace(/\$\{[^{}]*\}/g, 'x'))) {
			const fromValue = host.trim().startsWith('${');
			const caveat = 'it works only if the value of its first placeholder starts with the scheme.';
			const message = fromValue
				? `urlParams.host should be an absolute URL starting with https:// (or http://), but it is ${describeValue(host)}: ${caveat}`
				: `urlParams.host must be an absolute URL starting with https:// (or http://), but it is ${describeValue(host)}.`;
			out.push(
				finding(fromValue ? 'warning' : 'error', path, 'url-host', message, 'Write e.g. "https://api.example.com" or "https://${domain}.api.example.com".'),
			);
		}
		for (const name of findBareBraces(host)) {
			out.push(
				finding(
					'warning',
					path,
					'placeholder-syntax',
					`urlParams.host contains "{${name}}" without "$"; placeholders are written \${${name}}, so this text would be sent literally.`,
					`Write "\${${name}}".`,
				),
			);
		}
		return;
	}
	if (host !== undefined && (typeof host !== 'string' || host.trim() !== '')) return;
	const authSpecs = (arrayAt(spec, 'authSpec') ?? []).filter(isObject);
	const withoutHost = authSpecs.filter(auth => !Object.hasOwn(objectAt(auth, 'spec', 'properties') ?? {}, 'host'));
	if (authSpecs.length > 0 && withoutHost.length === 0) return;
	const names = withoutHost.map(auth => `"${String(auth['name'])}"`).join(', ');
	// Without a host the engine has no base URL for the auth specs that declare none: an error, not advice.
	out.push(
		finding(
			'error',
			path,
			'url-host',
			`urlParams.host is not set${names ? ` and the auth spec(s) ${names} declare no "host" property` : ''}, so requests have no base URL.`,
			'Set urlParams.host (e.g. "https://api.example.com"), or give every auth spec a "host" property.',
		),
	);
}

/** A loopback, private, link-local or `.local` host name (IPv4, IPv6 or a name); placeholders never match. */
export function isPrivateHost(hostname: string): boolean {
	const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name === '0.0.0.0') return true;
	const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(name);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
	}
	return name === '::1' || /^f[cd][0-9a-f]{2}:/.test(name) || /^fe[89ab][0-9a-f]:/.test(name);
}

/** Adobe's servers call the source from the internet: a loopback or private host only works locally (docs/local-routing.md). */
function lintUnreachableHost(urlParams: unknown, out: Finding[]): void {
	const host = stringAt(urlParams, 'host');
	if (host === undefined || host.includes('${')) return;
	let hostname: string;
	try {
		hostname = new URL(host.trim()).hostname;
	} catch {
		return; // lintHost reports a host that is not a URL.
	}
	if (!isPrivateHost(hostname)) return;
	out.push(
		finding(
			'warning',
			[...sa, 'urlParams', 'host'],
			'private-host',
			`urlParams.host "${host}" is a loopback or private address: Adobe's servers cannot reach it, so the source works only on the local profile.`,
			'Use the API\'s public host before you submit (keep the private one for local tests, e.g. as a test value of an auth param "host").',
		),
	);
}

/** Strings that are sent to the source and may carry `${name}` placeholders. */
function requestStrings(attributes: Record<string, unknown>, visit: (text: string, path: PathSegment[]) => void): void {
	const urlParams = objectAt(attributes, 'urlParams');
	for (const key of ['host', 'path']) {
		const value = urlParams?.[key];
		if (typeof value === 'string') visit(value, [...sa, 'urlParams', key]);
	}
	visitStrings(urlParams?.['queryParams'], [...sa, 'urlParams', 'queryParams'], visit);
	visitStrings(attributes['headerParams'], [...sa, 'headerParams'], visit);
	visitStrings(attributes['bodyParams'], [...sa, 'bodyParams'], visit);
}

/**
 * The names of `${name}` placeholders in the request (host, path, query, header and body values) that resolve to no
 * user input and no auth property, in order of first use (docs/connection-spec.md#placeholders); blank names excluded.
 */
export function undeclaredPlaceholders(spec: unknown): string[] {
	const attributes = objectAt(spec, 'sourceSpec', 'attributes');
	if (!attributes) return [];
	const declared = declaredPlaceholders(spec);
	const names = new Set<string>();
	requestStrings(attributes, text => {
		for (const {name} of findPlaceholders(text)) if (name.trim() !== '' && !declared.has(name)) names.add(name);
	});
	return [...names];
}

function lintPlaceholders(spec: unknown, attributes: Record<string, unknown>, out: Finding[]): void {
	const declared = declaredPlaceholders(spec);
	const used = new Set<string>();
	const list = [...declared].join(', ') || 'none';
	requestStrings(attributes, (text, path) => {
		for (const {name} of findPlaceholders(text)) {
			used.add(name);
			if (declared.has(name)) continue;
			if (name.trim() === '') {
				out.push(
					finding(
						'error',
						path,
						'placeholder-declared',
						`${formatPath(path)} contains an empty placeholder "\${}".`,
						'Put the name of a user input or credential inside the braces, or remove it.',
					),
				);
				continue;
			}
			const near = [...declared].find(candidate => candidate.toLowerCase() === name.trim().toLowerCase());
			out.push(
				finding(
					'error',
					path,
					'placeholder-declared',
					`${formatPath(path)} uses \${${name}}, but "${name}" is neither a user input (sourceSpec.spec.properties) ` +
						`nor a credential of any auth spec${near ? `; did you mean \${${near}}?` : '.'}`,
					`Declare "${name}" in sourceSpec.spec.properties (a value the user enters) or in an auth spec's properties (a credential), ` +
						`or fix the spelling. Declared: ${list}.`,
				),
			);
		}
	});
	const inputs = objectAt(spec, 'sourceSpec', 'spec', 'properties');
	if (!inputs || looksLikeSchemaForm(spec)) return;
	for (const name of Object.keys(inputs)) {
		if (used.has(name)) continue;
		out.push(
			finding(
				'warning',
				['sourceSpec', 'spec', 'properties', name],
				'user-inputs-schema',
				`The user input "${name}" is declared but never used as \${${name}} in urlParams, headerParams or bodyParams, so its value is never sent.`,
				`Use \${${name}} in the path, a query, header or body value, or remove the input.`,
			),
		);
	}
}

/** Header names the engine sends: headerParams keys, and a CONTINUATION_TOKEN parameterName sent as a header. */
function lintHeaderNames(attributes: Record<string, unknown>, out: Finding[]): void {
	const headers = objectAt(attributes, 'headerParams');
	for (const name of Object.keys(headers ?? {})) {
		const problem = headerNameProblem(name);
		if (problem)
			out.push(
				finding(
					'error',
					[...sa, 'headerParams', name],
					'header-name',
					`${problem}, so no request could be sent.`,
					'Use the header name alone as the key, e.g. "Accept"; its value goes on the right.',
				),
			);
	}
	const pagination = objectAt(attributes, 'paginationParams');
	const name = pagination?.['parameterName'];
	if (pagination?.['type'] !== 'CONTINUATION_TOKEN' || pagination['parameterType'] !== 'HEADERPARAM' || typeof name !== 'string' || name.trim() === '') return;
	const problem = headerNameProblem(name);
	if (problem)
		out.push(
			finding(
				'error',
				[...sa, 'paginationParams', 'parameterName'],
				'header-name',
				`${problem}, but HEADERPARAM sends the token in a header of that name.`,
				'Write the header the API expects, or use "parameterType": "QUERYPARAM" for a query parameter such as "page[after]".',
			),
		);
}

function lintBody(attributes: Record<string, unknown>, out: Finding[]): void {
	if (attributes['bodyParams'] === undefined || getAt(attributes, ['urlParams', 'method']) !== 'GET') return;
	out.push(
		finding(
			'warning',
			[...sa, 'bodyParams'],
			'body-params-post-only',
			'bodyParams is only sent with POST requests, but urlParams.method is GET, so the body is ignored.',
			'Set urlParams.method to "POST", or remove bodyParams.',
		),
	);
}

function lintJsonPath(value: unknown, path: PathSegment[], out: Finding[]): void {
	if (typeof value !== 'string' || value.trim() === '' || value.startsWith('$')) return;
	out.push(
		finding(
			'warning',
			path,
			'jsonpath-dollar',
			`${formatPath(path)} should be a JSONPath starting with "$", but it is ${describeValue(value)}.`,
			`Write "$.${value.replace(/^\.+/, '')}".`,
		),
	);
}

/** JSONPath fields the engine evaluates, by where they live; pagination fields only for the type that reads them. */
const jsonPathFields: {path: PathSegment[]; definite?: string; type?: string}[] = [
	{path: ['contentPath', 'path']},
	{
		path: ['explodeEntityPath', 'path'],
		definite: 'explodeEntityPath replaces one array inside each record, so its path must name one place (no wildcard or slice)',
	},
	{path: ['paginationParams', 'endConditionName'], type: 'OFFSET'},
	{path: ['paginationParams', 'pointerPath'], type: 'POINTER'},
	{path: ['paginationParams', 'continuationTokenPath'], type: 'CONTINUATION_TOKEN'},
];

/** A JSONPath the engine cannot evaluate is an error, with the character where reading stopped (docs/connection-spec-model.md#jsonpath). */
function lintJsonPathSyntax(attributes: Record<string, unknown>, out: Finding[]): void {
	const paginationType = getAt(attributes, ['paginationParams', 'type']);
	for (const field of jsonPathFields) {
		if (field.type !== undefined && field.type !== paginationType) continue;
		const value = getAt(attributes, field.path);
		if (typeof value !== 'string' || value.trim() === '') continue; // missing or blank: the structure rules report it
		const path: PathSegment[] = [...sa, ...field.path];
		const parsed = parseJsonPath(value);
		if ('problem' in parsed) {
			out.push(
				finding(
					'error',
					path,
					'jsonpath-syntax',
					`${formatPath(path)} is not a JSONPath the engine can read: ${describeJsonPathProblem(value, parsed.problem)}.`,
					'Write keys as $.a.b or $["a b"], indexes as [0] or [-1], all elements as [*], a range as [0:10].',
				),
			);
		} else if (field.definite && !parsed.path.definite) {
			out.push(
				finding(
					'error',
					path,
					'jsonpath-definite',
					`${formatPath(path)} is ${JSON.stringify(value)}: ${field.definite}.`,
					'Use keys and indexes only, e.g. "$.email.activity".',
				),
			);
		}
	}
}

function lintPagination(pagination: unknown, out: Finding[]): void {
	if (!isObject(pagination)) return;
	const type = pagination['type'];
	if (typeof type !== 'string' || !(paginationTypes as readonly string[]).includes(type)) return;
	const base: PathSegment[] = [...sa, 'paginationParams'];
	const fields = paginationFields[type as keyof typeof paginationFields];
	for (const key of Object.keys(pagination)) {
		if (fields.includes(key)) continue;
		out.push(
			finding(
				'warning',
				[...base, key],
				'pagination',
				`"${key}" is not used by ${type} pagination and is ignored.`,
				`${type} pagination uses: ${fields.join(', ')}. Remove "${key}", or pick the type it belongs to.`,
			),
		);
	}
	const limit = pagination['limitValue'];
	if (fields.includes('limitValue') && typeof limit === 'string' && /^\s*[1-9]\d*\s*$/.test(limit)) {
		out.push(
			finding(
				'lenient',
				[...base, 'limitValue'],
				paginationRules.get(type) ?? 'pagination-offset',
				`limitValue is the string "${limit}"; ` +
					`it is read as the number ${limit.trim()} (the documented examples write it as a string, the schema says integer).`,
				`You may write ${limit.trim()} without quotes.`,
			),
		);
	}
	if (type !== 'OFFSET') return;
	const hasName = pagination['endConditionName'] !== undefined;
	const hasValue = pagination['endConditionValue'] !== undefined;
	if (hasName !== hasValue) {
		const missing = hasName ? 'endConditionValue' : 'endConditionName';
		out.push(
			finding(
				'warning',
				[...base, missing],
				'pagination-end-condition',
				`endConditionName and endConditionValue work as a pair, but only ${hasName ? 'endConditionName' : 'endConditionValue'} is set.`,
				hasName ? 'Add e.g. "endConditionValue": "Const:false".' : 'Add e.g. "endConditionName": "$.hasMore", or remove endConditionValue.',
			),
		);
	}
}

const scheduleFields = {
	standard: ['scheduleStartParamName', 'scheduleEndParamName', 'scheduleStartParamFormat', 'scheduleEndParamFormat'],
	ADVANCE: ['type', 'paramFormat', 'incremental', 'backfill'],
};

function lintSchedule(attributes: Record<string, unknown>, out: Finding[]): void {
	const schedule = attributes['scheduleParams'];
	if (!isObject(schedule)) return;
	const base: PathSegment[] = [...sa, 'scheduleParams'];
	const advance = schedule['type'] === 'ADVANCE';
	if (!advance && schedule['type'] !== undefined) return;
	const fields = advance ? scheduleFields.ADVANCE : scheduleFields.standard;
	const variant = advance ? 'ADVANCE schedule' : 'standard schedule';
	for (const key of Object.keys(schedule)) {
		if (fields.includes(key)) continue;
		out.push(
			finding('warning', [...base, key], 'schedule', `"${key}" is not used by the ${variant} and is ignored.`, `The ${variant} uses: ${fields.join(', ')}.`),
		);
	}
	if (advance) {
		let found = false;
		requestStrings(attributes, text => {
			found ||= text.includes('{SCHEDULE_QUERY}');
		});
		if (!found)
			out.push(
				finding(
					'warning',
					base,
					'schedule-advance',
					'ADVANCE scheduling replaces the placeholder {SCHEDULE_QUERY}, but no query, header or body value contains it, so the schedule has no effect.',
					'Add e.g. "queryParams": {"query": "{SCHEDULE_QUERY}"} to urlParams.',
				),
			);
		return;
	}
	const start = schedule['scheduleStartParamFormat'] !== undefined;
	const end = schedule['scheduleEndParamFormat'] !== undefined;
	if (start !== end) {
		const missing = start ? 'scheduleEndParamFormat' : 'scheduleStartParamFormat';
		out.push(
			finding(
				'warning',
				[...base, missing],
				'schedule-standard',
				`Only one of scheduleStartParamFormat and scheduleEndParamFormat is set, so the window start and end may be sent in different formats.`,
				`Add "${missing}" with the same date format.`,
			),
		);
	}
}

/**
 * The authoring template's schema form describes urlParams & co. inside sourceSpec.spec (docs/connection-spec.md#two-shapes-of-the-spec,
 * docs/connection-spec.md#the-authoring-template).
 */
function looksLikeSchemaForm(spec: unknown): boolean {
	const inputs = objectAt(spec, 'sourceSpec', 'spec', 'properties');
	return ['urlParams', 'contentPath', 'paginationParams', 'scheduleParams'].some(key => getAt(inputs, [key, 'type']) === 'object');
}

/** A user input's `default` and `enum` values are of its type, and the default is one of the enum (docs/connection-spec.md#user-input-values). */
function lintUserInputValues(name: string, property: Record<string, unknown>, out: Finding[]): void {
	const type = typeof property['type'] === 'string' ? property['type'] : 'string';
	const base: PathSegment[] = ['sourceSpec', 'spec', 'properties', name];
	const enumValues = Array.isArray(property['enum']) ? property['enum'] : undefined;
	const fix = type === 'boolean' ? 'true or false' : type === 'integer' ? 'a whole number' : type === 'number' ? 'a number' : 'text';
	enumValues?.forEach((value, index) => {
		if (matchesType(type, value)) return;
		out.push(
			finding(
				'warning',
				[...base, 'enum', index],
				'user-input-value',
				`The enum of "${name}" lists ${describeValue(value)}, but "${name}" is of type ${type}.`,
				`Write ${fix}, or change the type.`,
			),
		);
	});
	const value = property['default'];
	if (value === undefined) return;
	if (!matchesType(type, value)) {
		out.push(
			finding(
				'warning',
				[...base, 'default'],
				'user-input-value',
				`The default of "${name}" is ${describeValue(value)}, but "${name}" is of type ${type}.`,
				`Write ${fix}, or change the type.`,
			),
		);
	} else if (enumValues && !enumValues.some(each => each === value)) {
		out.push(
			finding(
				'warning',
				[...base, 'default'],
				'user-input-value',
				`The default of "${name}" is ${describeValue(value)}, which is not one of its enum values.`,
				`Pick one of: ${enumValues.map(each => JSON.stringify(each)).join(', ')}; or add it to the enum.`,
			),
		);
	}
}

function lintUserInputs(spec: unknown, out: Finding[]): void {
	const inputs = objectAt(spec, 'sourceSpec', 'spec');
	if (!inputs) return;
	checkSchemaUrl(inputs['$schema'], ['sourceSpec', 'spec', '$schema'], out);
	const properties = objectAt(inputs, 'properties');
	if (properties) lintRequired(properties, arrayAt(inputs, 'required'), ['sourceSpec', 'spec'], 'user-inputs-schema', 'sourceSpec.spec', out);
	const schemaForm = looksLikeSchemaForm(spec);
	if (properties && !schemaForm) {
		for (const [name, property] of Object.entries(properties)) if (isObject(property)) lintUserInputValues(name, property, out);
	}
	if (schemaForm) {
		out.push(
			finding(
				'warning',
				['sourceSpec', 'spec'],
				'instance-form',
				'sourceSpec.spec describes urlParams, contentPath, paginationParams or scheduleParams as JSON Schema: ' +
					'this is the schema form of the authoring template. ' +
					'The platform needs the instance form, with concrete values under sourceSpec.attributes.',
				'Put concrete urlParams, contentPath, paginationParams and scheduleParams under sourceSpec.attributes ' +
					'and keep only user inputs in sourceSpec.spec.properties. "aep-source export --template blank" shows the instance form.',
			),
		);
	}
}
