// The source screen's fields and where each lives in the spec, checked as the user types. A field shows the findings
// of the one spec model whose path is the field's path (docs/connection-spec-model.md); the screen itself checks only
// raw typed text the model never sees (JSON syntax, date-pattern letters, input names). Pure functions: the screen
// only wires them to the form.
import {formatPath, getAt, numericPaginationFields, userInputsOf, validateSpec, type Finding} from '../connection-spec/index.js';
import {paginationFields, paginationTypes} from './spec-constants.js';
import type {FormField} from '../components/form.js';
import {getString, setIn, type Path} from '../connection-spec/spec-paths.js';

const attributes = ['sourceSpec', 'attributes'] as const;

export type SourceField = FormField & {path?: Path; json?: boolean; placeholders?: boolean; numeric?: boolean};

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

/** Raw text the model never sees: a JSON field that does not parse. Its shape (an object of strings) is the model's. */
function jsonSyntaxMessage(value: string): string | undefined {
	if (value.trim() === '') return undefined;
	try {
		JSON.parse(value);
		return undefined;
	} catch (error) {
		return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
	}
}

/** Errors, warnings and unfinished text of the model for one field's value: findings at the field's path (or inside it, for JSON fields). */
function fieldFindings(spec: Record<string, unknown>, field: SourceField, value: string): Finding[] {
	if (!field.path) return [];
	const where = formatPath(field.path);
	const result = validateSpec(applySourceField(spec, field, value));
	const inside = (item: Finding) => item.path === where || (field.json === true && (item.path.startsWith(`${where}.`) || item.path.startsWith(`${where}[`)));
	return [...result.errors, ...result.warnings, ...result.unfinished].filter(inside);
}

/** Wires a field to the model: validate shows its first error, note its first warning, unfinished its first stub; `raw` checks the typed text first. */
function checkedByModel(spec: Record<string, unknown>, field: SourceField, raw?: (value: string) => string | undefined): SourceField {
	let last: {value: string; findings: Finding[]} | undefined;
	const findings = (value: string): Finding[] => {
		// The form asks every field on every render: keep the answer for an unchanged value.
		if (last?.value !== value) last = {value, findings: fieldFindings(spec, field, value)};
		return last.findings;
	};
	return {
		...field,
		validate: value => raw?.(value) ?? findings(value).find(item => item.severity === 'error')?.message,
		note: value => {
			if (raw?.(value) !== undefined) return undefined;
			const warning = findings(value).find(item => item.severity === 'warning');
			return warning ? `⚠ ${warning.message}` : undefined;
		},
		unfinished: value => (raw?.(value) === undefined ? findings(value).find(item => item.severity === 'unfinished')?.message : undefined),
	};
}

export function sourceFields(spec: Record<string, unknown>): SourceField[] {
	const method = getString(spec, [...attributes, 'urlParams', 'method']) || 'GET';
	const pagination = getString(spec, [...attributes, 'paginationParams', 'type']) || 'NONE';
	const typeFields = (paginationFields[pagination as keyof typeof paginationFields] ?? []).filter(name => name !== 'type');
	const fields: (SourceField & {raw?: (value: string) => string | undefined})[] = [
		{
			name: 'host',
			path: [...attributes, 'urlParams', 'host'],
			label: 'Host',
			placeholders: true,
			help: 'Root URL, e.g. https://${domain}.api.example.com. Leave empty when the host is the auth property “host”.',
		},
		{
			name: 'path',
			path: [...attributes, 'urlParams', 'path'],
			label: 'Path',
			placeholders: true,
			help: 'Resource path; user values as ${name}, e.g. /3.0/lists/${listId}/members.',
		},
		{
			name: 'method',
			path: [...attributes, 'urlParams', 'method'],
			label: 'Method',
			kind: 'choice',
			choices: [
				{label: 'GET', value: 'GET'},
				{label: 'POST', value: 'POST'},
			],
		},
		{
			name: 'queryParams',
			path: [...attributes, 'urlParams', 'queryParams'],
			label: 'Query params (JSON)',
			json: true,
			placeholders: true,
			help: 'e.g. {"status": "${status}"}; any user-supplied value must be a ${placeholder}.',
			raw: jsonSyntaxMessage,
		},
		{
			name: 'headerParams',
			path: [...attributes, 'headerParams'],
			label: 'Header params (JSON)',
			json: true,
			placeholders: true,
			help: 'e.g. {"Accept": "application/json"}.',
			raw: jsonSyntaxMessage,
		},
		...(method === 'POST'
			? [
					{
						name: 'bodyParams',
						path: [...attributes, 'bodyParams'],
						label: 'Body (JSON)',
						json: true,
						placeholders: true,
						help: 'Sent as the JSON body of the POST.',
						raw: jsonSyntaxMessage,
					},
				]
			: []),
		{
			name: 'userInputs',
			path: ['sourceSpec', 'spec'],
			label: 'User inputs',
			kind: 'action',
			json: true,
			help: 'Enter: add, rename or remove the values users enter when they connect, with type, required, default and allowed values.',
		},
		{
			name: 'contentPath',
			path: [...attributes, 'contentPath', 'path'],
			label: 'Records path (contentPath)',
			help: 'JSONPath of the array of records in each response, e.g. $.items.',
		},
		{
			name: 'explodeEntityPath',
			path: [...attributes, 'explodeEntityPath', 'path'],
			label: 'Explode path (optional)',
			help: 'JSONPath of a nested array to flatten into one record per element; empty for none.',
		},
		{
			name: 'paginationType',
			path: [...attributes, 'paginationParams', 'type'],
			label: 'Pagination',
			kind: 'choice',
			choices: paginationTypes.map(type => ({label: type, value: type})),
			help: '←/→: OFFSET, POINTER, CONTINUATION_TOKEN, PAGE or NONE; only that type’s fields are shown.',
		},
		...typeFields.map(name => ({
			name: `pagination.${name}`,
			path: [...attributes, 'paginationParams', name],
			label: `  ${name}`,
			numeric: numericPaginationFields.has(name),
			help: paginationHelp[name],
			...(name === 'parameterType'
				? {
						kind: 'choice' as const,
						choices: [
							{label: 'QUERYPARAM', value: 'QUERYPARAM'},
							{label: 'HEADERPARAM', value: 'HEADERPARAM'},
						],
					}
				: {}),
		})),
		{
			name: 'scheduleStart',
			path: [...attributes, 'scheduleParams', 'scheduleStartParamName'],
			label: 'Schedule start param',
			help: 'Query parameter carrying the window start (e.g. updated_since).',
		},
		{
			name: 'scheduleEnd',
			path: [...attributes, 'scheduleParams', 'scheduleEndParamName'],
			label: 'Schedule end param',
			help: 'Query parameter carrying the window end (e.g. updated_before).',
		},
		{
			name: 'scheduleStartFormat',
			path: [...attributes, 'scheduleParams', 'scheduleStartParamFormat'],
			label: 'Start date format',
			help: '.NET pattern, e.g. yyyy-MM-ddTHH:mm:ssZ (see the window preview below).',
			raw: dateFormatMessage,
		},
		{
			name: 'scheduleEndFormat',
			path: [...attributes, 'scheduleParams', 'scheduleEndParamFormat'],
			label: 'End date format',
			help: '.NET pattern, e.g. yyyy-MM-ddTHH:mm:ssZ.',
			raw: dateFormatMessage,
		},
	];
	return fields.map(({raw, ...field}) => (field.path && field.kind !== 'choice' ? checkedByModel(spec, field, raw) : field));
}

/** The User inputs row: the names, or how to start. */
function userInputsSummary(spec: Record<string, unknown>): string {
	const names = userInputsOf(spec).map(input => input.name);
	return names.length === 0 ? 'none (Enter to add)' : `${names.join(', ')} (Enter to edit)`;
}

function dateFormatMessage(value: string): string | undefined {
	if (value.trim() === '') return undefined;
	return /yyyy|yy|MM|dd|HH/.test(value) ? undefined : 'No date parts found: use a pattern such as yyyy-MM-ddTHH:mm:ssZ.';
}

/** Values shown in the form, read from the spec. */
export function sourceValues(spec: Record<string, unknown>, fields: SourceField[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of fields) {
		if (field.kind === 'action') values[field.name] = userInputsSummary(spec);
		else if (field.path) {
			const raw = getAt(spec, field.path);
			values[field.name] = field.json ? (raw === undefined ? '' : JSON.stringify(raw)) : getString(spec, field.path);
		}
	}
	return values;
}

/**
 * The spec with one committed field applied; returns the spec unchanged when the value cannot be stored (invalid JSON).
 * `remembered` holds pagination values of types cycled away from on this screen: the new type takes back its own.
 */
export function applySourceField(
	spec: Record<string, unknown>,
	field: SourceField,
	value: string,
	remembered: Record<string, unknown> = {},
): Record<string, unknown> {
	// The user inputs are edited on their own screen (user-inputs.tsx); the row's text is only a summary.
	if (field.kind === 'action') return spec;
	if (field.name === 'paginationType') return withPaginationType(spec, value, remembered);
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

/** Switching type keeps the fields the new type also uses (no typing lost), takes back remembered ones, drops the rest. */
function withPaginationType(spec: Record<string, unknown>, type: string, remembered: Record<string, unknown>): Record<string, unknown> {
	const old = (getAt(spec, [...attributes, 'paginationParams']) as Record<string, unknown>) ?? {};
	const keep = paginationFields[type as keyof typeof paginationFields] ?? ['type'];
	const next: Record<string, unknown> = {type};
	for (const name of keep) if (name !== 'type' && (old[name] ?? remembered[name]) !== undefined) next[name] = old[name] ?? remembered[name];
	return setIn(spec, [...attributes, 'paginationParams'], next);
}
