// The source screen's fields and where each lives in the spec (reference 3.5.3–3.5.9), with the checks run as
// the user types. Pure functions: the screen only wires them to the form.
import {declaredPlaceholders, findPlaceholders} from '../spec/index.js';
import {paginationFields, paginationTypes, platformPlaceholders} from './spec-constants.js';
import type {FormField} from '../components/form.js';
import {getIn, getString, setIn, type Path} from './spec-paths.js';

const attributes = ['sourceSpec', 'attributes'] as const;

type SourceField = FormField & {path?: Path; json?: boolean; placeholders?: boolean; numeric?: boolean};

const paginationHelp: Record<string, string> = {
	limitName: 'Query parameter carrying the page size (e.g. limit).',
	limitValue: 'Records per page (e.g. 100).',
	offSetName: 'Query parameter carrying the offset (e.g. offset).',
	endConditionName: 'JSONPath of the attribute checked to stop (e.g. $.hasMore); optional.',
	endConditionValue: 'Value that ends the loop; Const: prefixes a literal (e.g. Const:false).',
	pointerPath: 'JSONPath of the next-page pointer in the response (e.g. $.paging.next).',
	continuationTokenPath: 'JSONPath of the token in the response (e.g. $.meta.after_cursor).',
	parameterType: 'QUERYPARAM or HEADERPARAM: where the token is sent.',
	parameterName: 'Name the token is sent as (e.g. page[after]).',
	delayRequestMillis: 'Pause between requests in ms, to respect rate limits (optional).',
	pageParamName: 'Query parameter carrying the page number (e.g. page).',
	initialPageIndex: 'First page number (default 0).',
	endPageIndex: 'Last page number, or headers.<name> holding the page count (optional).',
	maximumRequest: 'Maximum requests per run (default 10000).',
};

const numericPagination = new Set(['initialPageIndex', 'maximumRequest']);

export function undeclaredMessage(value: string, declared: Set<string>): string | undefined {
	const missing = [...new Set(findPlaceholders(value).map(each => each.name))].filter(name => !declared.has(name) && !platformPlaceholders.has(name));
	if (missing.length === 0) return undefined;
	const list = missing.map(name => `\${${name}}`).join(', ');
	return `${list} ${missing.length === 1 ? 'is' : 'are'} not declared: add ${missing.join(', ')} to User inputs (sourceSpec.spec.properties) or to an auth spec's properties.`;
}

function jsonObjectMessage(value: string): string | undefined {
	if (value.trim() === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : 'Must be a JSON object, e.g. {"status": "subscribed"}.';
	} catch (error) {
		return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
	}
}

function jsonPathMessage(value: string, required: boolean): string | undefined {
	if (value.trim() === '') return required ? 'Required: the JSONPath of the records array, e.g. $.items.' : undefined;
	return /^\$(\.|\[|$)/.test(value.trim()) ? undefined : 'A JSONPath starts with $, e.g. $.items.';
}

export function sourceFields(spec: Record<string, unknown>): SourceField[] {
	const declared = declaredPlaceholders(spec);
	const placeholderCheck = (extra?: (value: string) => string | undefined) => (value: string) => extra?.(value) ?? undeclaredMessage(value, declared);
	const method = getString(spec, [...attributes, 'urlParams', 'method']) || 'GET';
	const pagination = getString(spec, [...attributes, 'paginationParams', 'type']) || 'NONE';
	const typeFields = (paginationFields[pagination as keyof typeof paginationFields] ?? []).filter(name => name !== 'type');
	return [
		{name: 'host', path: [...attributes, 'urlParams', 'host'], label: 'Host', placeholders: true, help: 'Root URL, e.g. https://${domain}.api.example.com. Leave empty when the host is the auth property “host”.', validate: placeholderCheck(value => (value === '' || /^https?:\/\//.test(value) || value.startsWith('${') ? undefined : 'The host must start with http:// or https:// (or a ${placeholder}).'))},
		{name: 'path', path: [...attributes, 'urlParams', 'path'], label: 'Path', placeholders: true, help: 'Resource path; user values as ${name}, e.g. /3.0/lists/${listId}/members.', validate: placeholderCheck(value => (value.trim() === '' ? 'The path is required, e.g. /v1/contacts.' : undefined))},
		{name: 'method', path: [...attributes, 'urlParams', 'method'], label: 'Method', kind: 'choice', choices: [{label: 'GET', value: 'GET'}, {label: 'POST', value: 'POST'}]},
		{name: 'queryParams', path: [...attributes, 'urlParams', 'queryParams'], label: 'Query params (JSON)', json: true, placeholders: true, help: 'e.g. {"status": "${status}"}; any user-supplied value must be a ${placeholder}.', validate: placeholderCheck(jsonObjectMessage)},
		{name: 'headerParams', path: [...attributes, 'headerParams'], label: 'Header params (JSON)', json: true, placeholders: true, help: 'e.g. {"Accept": "application/json"}.', validate: placeholderCheck(jsonObjectMessage)},
		...(method === 'POST' ? [{name: 'bodyParams', path: [...attributes, 'bodyParams'], label: 'Body (JSON)', json: true, placeholders: true, help: 'Sent as the JSON body of the POST.', validate: placeholderCheck(jsonObjectMessage)} as SourceField] : []),
		{name: 'userInputs', label: 'User inputs', help: 'Comma-separated names users fill in when they connect (sourceSpec.spec.properties); use them as ${name}.', validate: value => (value.split(',').map(each => each.trim()).filter(Boolean).every(name => /^[A-Za-z_][\w]*$/.test(name)) ? undefined : 'Names are letters, digits and _, separated by commas.')},
		{name: 'contentPath', path: [...attributes, 'contentPath', 'path'], label: 'Records path (contentPath)', help: 'JSONPath of the array of records in each response, e.g. $.items.', validate: value => jsonPathMessage(value, true)},
		{name: 'explodeEntityPath', path: [...attributes, 'explodeEntityPath', 'path'], label: 'Explode path (optional)', help: 'JSONPath of a nested array to flatten into one record per element; empty for none.', validate: value => jsonPathMessage(value, false)},
		{name: 'paginationType', path: [...attributes, 'paginationParams', 'type'], label: 'Pagination', kind: 'choice', choices: paginationTypes.map(type => ({label: type, value: type})), help: '←/→: OFFSET, POINTER, CONTINUATION_TOKEN, PAGE or NONE; only that type’s fields are shown.'},
		...typeFields.map(name => ({
			name: `pagination.${name}`,
			path: [...attributes, 'paginationParams', name],
			label: `  ${name}`,
			numeric: numericPagination.has(name),
			help: paginationHelp[name],
			...(name === 'parameterType' ? {kind: 'choice' as const, choices: [{label: 'QUERYPARAM', value: 'QUERYPARAM'}, {label: 'HEADERPARAM', value: 'HEADERPARAM'}]} : {}),
			validate: (value: string) => paginationMessage(name, value),
		})),
		{name: 'scheduleStart', path: [...attributes, 'scheduleParams', 'scheduleStartParamName'], label: 'Schedule start param', help: 'Query parameter carrying the window start (e.g. updated_since).', validate: value => (value.trim() ? undefined : 'Required: the name of the window-start parameter.')},
		{name: 'scheduleEnd', path: [...attributes, 'scheduleParams', 'scheduleEndParamName'], label: 'Schedule end param', help: 'Query parameter carrying the window end (e.g. updated_before).', validate: value => (value.trim() ? undefined : 'Required: the name of the window-end parameter.')},
		{name: 'scheduleStartFormat', path: [...attributes, 'scheduleParams', 'scheduleStartParamFormat'], label: 'Start date format', help: '.NET pattern, e.g. yyyy-MM-ddTHH:mm:ssZ (see the window preview below).', validate: dateFormatMessage},
		{name: 'scheduleEndFormat', path: [...attributes, 'scheduleParams', 'scheduleEndParamFormat'], label: 'End date format', help: '.NET pattern, e.g. yyyy-MM-ddTHH:mm:ssZ.', validate: dateFormatMessage},
	];
}

function paginationMessage(name: string, value: string): string | undefined {
	const optional = ['endConditionName', 'endConditionValue', 'delayRequestMillis', 'initialPageIndex', 'endPageIndex', 'maximumRequest'];
	if (value.trim() === '') return optional.includes(name) ? undefined : `Required for this pagination type.`;
	if (['limitValue', 'delayRequestMillis', 'initialPageIndex', 'maximumRequest'].includes(name) && !/^\d+$/.test(value.trim())) return 'Must be a whole number.';
	if (['endConditionName', 'continuationTokenPath'].includes(name)) return jsonPathMessage(value, false);
	if (name === 'endPageIndex' && !/^(\d+|headers\.[\w-]+)$/.test(value.trim())) return 'A number or headers.<name>, e.g. headers.x-pagecount.';
	return undefined;
}

function dateFormatMessage(value: string): string | undefined {
	if (value.trim() === '') return undefined;
	return /yyyy|yy|MM|dd|HH/.test(value) ? undefined : 'No date parts found: use a pattern such as yyyy-MM-ddTHH:mm:ssZ.';
}

/** Values shown in the form, read from the spec. */
export function sourceValues(spec: Record<string, unknown>, fields: SourceField[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of fields) {
		if (field.path) {
			const raw = getIn(spec, field.path);
			values[field.name] = field.json ? (raw === undefined ? '' : JSON.stringify(raw)) : getString(spec, field.path);
		}
	}
	values['userInputs'] = Object.keys((getIn(spec, ['sourceSpec', 'spec', 'properties']) as Record<string, unknown>) ?? {}).join(', ');
	return values;
}

/** The spec with one committed field applied; returns the spec unchanged when the value cannot be stored (invalid JSON). */
export function applySourceField(spec: Record<string, unknown>, field: SourceField, value: string): Record<string, unknown> {
	if (field.name === 'userInputs') return withUserInputs(spec, value);
	if (field.name === 'paginationType') return withPaginationType(spec, value);
	if (!field.path) return spec;
	if (field.json) {
		if (value.trim() === '') return setIn(spec, field.path, undefined);
		try {
			return setIn(spec, field.path, JSON.parse(value));
		} catch {
			return spec;
		}
	}
	if (field.name === 'explodeEntityPath' && value.trim() === '') return setIn(spec, [...attributes, 'explodeEntityPath'], undefined);
	if (field.numeric && /^\d+$/.test(value.trim())) return setIn(spec, field.path, Number(value.trim()));
	return setIn(spec, field.path, value.trim() === '' ? undefined : value);
}

function withUserInputs(spec: Record<string, unknown>, value: string): Record<string, unknown> {
	const names = value.split(',').map(each => each.trim()).filter(Boolean);
	const old = (getIn(spec, ['sourceSpec', 'spec', 'properties']) as Record<string, unknown>) ?? {};
	const properties: Record<string, unknown> = {};
	for (const name of names) properties[name] = old[name] ?? {type: 'string', description: `Value of ${name}.`};
	const base = getIn(spec, ['sourceSpec', 'spec']) ? spec : setIn(spec, ['sourceSpec', 'spec'], {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'User inputs', properties: {}});
	return setIn(base, ['sourceSpec', 'spec', 'properties'], properties);
}

/** Switching type keeps the fields the new type also uses (no typing lost), drops the rest. */
function withPaginationType(spec: Record<string, unknown>, type: string): Record<string, unknown> {
	const old = (getIn(spec, [...attributes, 'paginationParams']) as Record<string, unknown>) ?? {};
	const keep = paginationFields[type as keyof typeof paginationFields] ?? ['type'];
	const next: Record<string, unknown> = {type};
	for (const name of keep) if (name !== 'type' && old[name] !== undefined) next[name] = old[name];
	return setIn(spec, [...attributes, 'paginationParams'], next);
}
