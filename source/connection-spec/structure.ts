// Turns zod issues into findings a newcomer can act on: the path as in the file, what the value must be (with the
// allowed values), what it is now, and how to fix it. Each path pattern cites its row of docs/connection-spec.md#validation-rules.
import type {core} from 'zod';
import {authTypes, ids, paginationRules, paginationTypes} from './constants.js';
import {describeValue, finding, formatPath, type Finding, type PathSegment} from './findings.js';
import {getAt} from './json-path.js';
import {connectionSpecSchema} from './schema.js';

type FieldRule = {rule: string; expect: string; hint: string};

const sa = 'sourceSpec.attributes';
const flattenRules = (key: string, rule: string, example: string): [string, FieldRule][] => [
	[
		`${sa}.${key}`,
		{
			rule,
			expect: `an object with a non-empty "path", e.g. {"path": "${example}"}`,
			hint: `Write "${key}": {"path": "${example}"} pointing at the array to read.`,
		},
	],
	[
		`${sa}.${key}.path`,
		{rule, expect: `a non-empty JSONPath string such as "${example}"`, hint: 'Point it at the array of records in the response, starting with "$."'},
	],
	[
		`${sa}.${key}.skipAttributes`,
		{rule: 'attribute-lists', expect: 'an array of attribute names (strings)', hint: 'Write a list such as ["_links", "total_items"].'},
	],
	[
		`${sa}.${key}.skipAttributes.*`,
		{rule: 'attribute-lists', expect: 'an attribute name (a string)', hint: 'Each entry is the name of an attribute, in double quotes.'},
	],
	[`${sa}.${key}.keepAttributes`, {rule: 'attribute-lists', expect: 'an array of attribute names (strings)', hint: 'Write a list such as ["total_items"].'}],
	[
		`${sa}.${key}.keepAttributes.*`,
		{rule: 'attribute-lists', expect: 'an attribute name (a string)', hint: 'Each entry is the name of an attribute, in double quotes.'},
	],
	[
		`${sa}.${key}.overrideWrapperAttribute`,
		{rule: 'content-path', expect: 'a string (the new name of the record wrapper)', hint: 'Write a name such as "member", or remove the field.'},
	],
];

const keyOrText = (field: string): [string, FieldRule][] => [
	[
		`${sa}.uiAttributes.${field}`,
		{
			rule: 'ui-attributes',
			expect: 'an object with exactly one of "key" (issued by Adobe) or "text" (while testing)',
			hint: `Write {"text": "…"} until Adobe issues a key, then {"key": "…"}.`,
		},
	],
	[
		`${sa}.uiAttributes.${field}.key`,
		{rule: 'ui-attributes', expect: 'a non-empty string', hint: 'Use the key Adobe issued after the artifacts pull request.'},
	],
	[`${sa}.uiAttributes.${field}.text`, {rule: 'ui-attributes', expect: 'a non-empty string', hint: 'Write the text shown in the catalog.'}],
];

const pp = `${sa}.paginationParams`;
const sp = `${sa}.scheduleParams`;

/** Path patterns (`*` = any key or index) with what the value must be; the first match wins. */
const fieldRules: [string, FieldRule][] = [
	[
		'',
		{
			rule: 'spec-shape',
			expect: 'a JSON object (the connection spec)',
			hint: 'The file holds one object: {"name": …, "authSpec": […], "sourceSpec": {…}, "exploreSpec": {…}}. Start from "aep-source export --template blank".',
		},
	],
	['name', {rule: 'name-required', expect: 'a non-empty string', hint: 'Name the source, e.g. "name": "Acme Contacts source".'}],
	['description', {rule: 'spec-shape', expect: 'a string', hint: 'Describe the source in one sentence, or remove the field.'}],
	[
		'providerId',
		{rule: 'provider-id', expect: `a non-empty string (for REST batch sources "${ids.restProviderId}")`, hint: `Write "providerId": "${ids.restProviderId}".`},
	],
	[
		'attributes',
		{rule: 'attributes-object', expect: 'an object', hint: 'Write "attributes": {"uiAttributes": {"apiFeatures": {"explorePaginationSupported": false}}}.'},
	],
	[
		'authSpec',
		{
			rule: 'auth-spec-present',
			expect: 'an array with at least one auth spec',
			hint: 'Add an entry such as {"name": "Basic Authentication", "type": "BasicAuthentication", "spec": {…}}.',
		},
	],
	[
		'authSpec.*',
		{rule: 'auth-spec-present', expect: 'an object with "name", "type" and "spec"', hint: 'Each auth spec is {"name": …, "type": …, "spec": {…}}.'},
	],
	[
		'authSpec.*.name',
		{rule: 'auth-spec-name', expect: 'a non-empty string', hint: 'Name it, e.g. "OAuth2 Refresh Code"; base connections select the auth spec by this name.'},
	],
	['authSpec.*.type', {rule: 'auth-spec-type', expect: `one of ${authTypes.join(', ')}`, hint: 'Pick the type that matches how the API authenticates.'}],
	[
		'authSpec.*.spec',
		{
			rule: 'auth-spec-schema',
			expect: 'a JSON Schema object: {"type": "object", "properties": {…}, "required": […]}',
			hint: 'Describe the credentials as a JSON Schema object.',
		},
	],
	['authSpec.*.spec.$schema', {rule: 'json-schema-url', expect: 'a string', hint: 'Write "$schema": "http://json-schema.org/draft-07/schema#".'}],
	['authSpec.*.spec.type', {rule: 'auth-spec-schema', expect: 'the string "object"', hint: 'Write "type": "object".'}],
	['authSpec.*.spec.description', {rule: 'auth-spec', expect: 'a string', hint: 'Describe the credentials in one sentence.'}],
	[
		'authSpec.*.spec.properties',
		{
			rule: 'auth-spec-schema',
			expect: 'an object mapping each credential name to its schema',
			hint: 'Write e.g. "properties": {"host": {"type": "string", "description": "API root URL"}}.',
		},
	],
	[
		'authSpec.*.spec.properties.*.restAttributes',
		{rule: 'key-based-auth-key', expect: 'an object like {"headerParamName": "X-Api-Key"}', hint: 'Name the HTTP header that carries the key.'},
	],
	[
		'authSpec.*.spec.properties.*.restAttributes.headerParamName',
		{rule: 'key-based-auth-key', expect: 'a non-empty string (the HTTP header that carries the key)', hint: 'Write e.g. "headerParamName": "X-Api-Key".'},
	],
	[
		'authSpec.*.spec.properties.*.uiAttributes',
		{rule: 'auth-spec', expect: 'an object like {"hidden": true}', hint: 'Use {"hidden": true} to hide a field, or remove it.'},
	],
	['authSpec.*.spec.properties.*.uiAttributes.hidden', {rule: 'auth-spec', expect: 'a boolean', hint: 'Write true or false without quotes.'}],
	['authSpec.*.spec.properties.*.enum', {rule: 'auth-request-method', expect: 'an array of allowed values', hint: 'Write e.g. ["GET", "POST"].'}],
	[
		'authSpec.*.spec.properties.*',
		{
			rule: 'auth-spec-schema',
			expect: 'an object describing the credential, e.g. {"type": "string", "description": "…"}',
			hint: 'Give each credential a small schema with "type" and "description" (strings).',
		},
	],
	[
		'authSpec.*.spec.properties.*.properties',
		{rule: 'auth-spec', expect: 'an object of nested property schemas', hint: 'Write e.g. "properties": {"accessTokenField": {"type": "string"}}.'},
	],
	[
		'authSpec.*.spec.properties.**',
		{rule: 'auth-spec-schema', expect: 'a string', hint: 'Property schemas use strings for type, description, title and format.'},
	],
	[
		'authSpec.*.spec.required',
		{
			rule: 'auth-spec-schema',
			expect: 'an array of property names (strings)',
			hint: 'List the credentials a base connection must supply, e.g. ["host", "accessToken"].',
		},
	],
	[
		'authSpec.*.spec.required.*',
		{rule: 'auth-spec-schema', expect: 'a property name (a string)', hint: 'Each entry names a key of "properties", in double quotes.'},
	],
	['sourceSpec', {rule: 'source-spec', expect: 'an object with "attributes" and "spec"', hint: 'Write "sourceSpec": {"attributes": {…}, "spec": {…}}.'}],
	[
		'sourceSpec.attributes',
		{
			rule: 'source-spec',
			expect: 'an object holding uiAttributes, urlParams, contentPath, paginationParams and scheduleParams',
			hint: 'Fill in the fetch settings.',
		},
	],
	[
		`${sa}.uiAttributes`,
		{
			rule: 'ui-attributes',
			expect: 'an object with isSource, icon, label and description',
			hint: 'Write {"isSource": true, "icon": {"key": …}, "label": {"text": …}, "description": {"text": …}}.',
		},
	],
	[`${sa}.uiAttributes.isSource`, {rule: 'ui-attributes', expect: 'a boolean (true)', hint: 'Write "isSource": true without quotes.'}],
	[`${sa}.uiAttributes.isPreview`, {rule: 'ui-attributes', expect: 'a boolean', hint: 'Write true or false without quotes.'}],
	[`${sa}.uiAttributes.isBeta`, {rule: 'ui-attributes', expect: 'a boolean', hint: 'Write true or false without quotes.'}],
	...keyOrText('icon'),
	...keyOrText('label'),
	...keyOrText('description'),
	[
		`${sa}.uiAttributes.documentationLink`,
		{rule: 'ui-attributes', expect: 'a string (URL)', hint: 'Write the URL of the documentation page, or remove the field.'},
	],
	[
		`${sa}.urlParams`,
		{rule: 'url-params-present', expect: 'an object with "path" and "method"', hint: 'Write "urlParams": {"path": "/v1/items", "method": "GET"}.'},
	],
	[
		`${sa}.urlParams.host`,
		{
			rule: 'url-host',
			expect: 'a string URL such as "https://api.example.com"',
			hint: 'Write the API root URL, or remove it and declare a "host" auth property.',
		},
	],
	[
		`${sa}.urlParams.path`,
		{rule: 'url-path', expect: 'a non-empty string such as "/v1/items"', hint: 'Write the resource path; user inputs go in as ${name}.'},
	],
	[`${sa}.urlParams.method`, {rule: 'url-method', expect: 'one of GET, POST', hint: 'Write "method": "GET" (or "POST"), in upper case.'}],
	[
		`${sa}.urlParams.queryParams`,
		{rule: 'query-params-strings', expect: 'an object of string values', hint: 'Write e.g. "queryParams": {"status": "active", "list": "${listId}"}.'},
	],
	[`${sa}.urlParams.queryParams.*`, {rule: 'query-params-strings', expect: 'a string', hint: 'Query values are strings: write "10", not 10.'}],
	[
		`${sa}.headerParams`,
		{rule: 'header-params-strings', expect: 'an object of string values', hint: 'Write e.g. "headerParams": {"Accept": "application/json"}.'},
	],
	[`${sa}.headerParams.*`, {rule: 'header-params-strings', expect: 'a string', hint: 'Header values are strings, in double quotes.'}],
	[`${sa}.bodyParams`, {rule: 'body-params-post-only', expect: 'a JSON object', hint: 'Write the JSON body to send with POST as an object.'}],
	...flattenRules('contentPath', 'content-path', '$.items'),
	...flattenRules('explodeEntityPath', 'explode-entity-path', '$.item.children'),
	[
		pp,
		{
			rule: 'pagination-type',
			expect: `an object with a "type" (${paginationTypes.join(', ')})`,
			hint: 'Write "paginationParams": {"type": "NONE"} if the API returns everything at once.',
		},
	],
	[`${pp}.type`, {rule: 'pagination-type', expect: `one of ${paginationTypes.join(', ')}`, hint: 'Pick how the API pages through results.'}],
	[
		`${pp}.limitName`,
		{
			rule: 'paging',
			expect: 'a non-empty string: the query parameter that carries the page size, e.g. "limit"',
			hint: 'Write the name of the page-size parameter.',
		},
	],
	[`${pp}.limitValue`, {rule: 'paging', expect: 'a whole number greater than 0 (100, or "100")', hint: 'Write the number of records per page.'}],
	[
		`${pp}.offSetName`,
		{
			rule: 'pagination-offset',
			expect: 'a non-empty string: the query parameter that carries the offset, e.g. "offset"',
			hint: 'Write "offSetName": "offset" (note the capital S).',
		},
	],
	[
		`${pp}.endConditionName`,
		{
			rule: 'pagination-end-condition',
			expect: 'a JSONPath string such as "$.hasMore"',
			hint: 'Point it at the response attribute that says whether more pages exist.',
		},
	],
	[
		`${pp}.endConditionValue`,
		{rule: 'pagination-end-condition', expect: 'a string such as "Const:false"', hint: 'Write the value that ends paging, e.g. "Const:false".'},
	],
	[
		`${pp}.pointerPath`,
		{
			rule: 'pagination-pointer',
			expect: 'a non-empty string: where the next-page pointer is, e.g. "$.paging.next"',
			hint: 'Point it at the next-page URL in the response.',
		},
	],
	[
		`${pp}.continuationTokenPath`,
		{
			rule: 'pagination-continuation-token',
			expect: 'a non-empty JSONPath string such as "$.meta.after_cursor"',
			hint: 'Point it at the token for the next page in the response.',
		},
	],
	[
		`${pp}.parameterType`,
		{
			rule: 'pagination-continuation-token',
			expect: 'one of QUERYPARAM, HEADERPARAM',
			hint: 'QUERYPARAM appends the token to the query, HEADERPARAM sends it as a header.',
		},
	],
	[
		`${pp}.parameterName`,
		{rule: 'pagination-continuation-token', expect: 'a non-empty string such as "page[after]"', hint: 'Write the name under which the token is sent.'},
	],
	[
		`${pp}.delayRequestMillis`,
		{
			rule: 'pagination-continuation-token',
			expect: 'a whole number of milliseconds ≥ 0 (850, or "850")',
			hint: 'Write the pause between requests, or remove the field.',
		},
	],
	[
		`${pp}.pageParamName`,
		{
			rule: 'pagination-page',
			expect: 'a non-empty string: the query parameter that carries the page number, e.g. "page"',
			hint: 'Write the name of the page-number parameter.',
		},
	],
	[
		`${pp}.initialPageIndex`,
		{rule: 'pagination-page', expect: 'a whole number ≥ 0 (1, or "1"; default 0)', hint: 'Write 0 or 1 without quotes, or remove the field.'},
	],
	[
		`${pp}.endPageIndex`,
		{
			rule: 'pagination-page',
			expect: 'the last page number (5 or "5") or "headers.<name>", the response header that holds the page count',
			hint:
				'Adobe documents only these two forms; a value from the response body (such as "$.total") is not one of them. ' +
				'Remove endPageIndex to stop on an empty page or at maximumRequest.',
		},
	],
	[
		`${pp}.maximumRequest`,
		{
			rule: 'pagination-page',
			expect: 'a whole number ≥ 1 (100, or "100"; default 10000)',
			hint: 'Write the maximum number of requests per run, or remove the field.',
		},
	],
	[
		sp,
		{
			rule: 'schedule-params-present',
			expect: 'an object: scheduleStartParamName + scheduleEndParamName, or "type": "ADVANCE" with paramFormat, incremental and backfill',
			hint: 'Write e.g. {"scheduleStartParamName": "updated_since", "scheduleEndParamName": "updated_before"}.',
		},
	],
	[
		`${sp}.type`,
		{
			rule: 'schedule-advance',
			expect: '"ADVANCE", or absent for the standard time-window schedule',
			hint: 'Remove "type" for the standard schedule, or write "type": "ADVANCE".',
		},
	],
	[
		`${sp}.scheduleStartParamName`,
		{
			rule: 'schedule-standard',
			expect: 'a non-empty string: the query parameter that receives the window start, e.g. "updated_since"',
			hint: 'Both scheduleStartParamName and scheduleEndParamName are needed.',
		},
	],
	[
		`${sp}.scheduleEndParamName`,
		{
			rule: 'schedule-standard',
			expect: 'a non-empty string: the query parameter that receives the window end, e.g. "updated_before"',
			hint: 'Both scheduleStartParamName and scheduleEndParamName are needed.',
		},
	],
	[
		`${sp}.scheduleStartParamFormat`,
		{
			rule: 'schedule-standard',
			expect: 'a date format string such as "yyyy-MM-ddTHH:mm:ssZ"',
			hint: 'Write the date format the API expects, or remove the field.',
		},
	],
	[
		`${sp}.scheduleEndParamFormat`,
		{
			rule: 'schedule-standard',
			expect: 'a date format string such as "yyyy-MM-ddTHH:mm:ssZ"',
			hint: 'Write the date format the API expects, or remove the field.',
		},
	],
	[
		`${sp}.paramFormat`,
		{
			rule: 'schedule-advance',
			expect: 'a non-empty date format string such as "yyyy-MM-ddTHH:mm:ssK"',
			hint: 'ADVANCE needs paramFormat, incremental and backfill.',
		},
	],
	[
		`${sp}.incremental`,
		{
			rule: 'schedule-advance',
			expect: 'a non-empty query expression such as "updated > {START_TIME} updated < {END_TIME}"',
			hint: 'ADVANCE needs paramFormat, incremental and backfill.',
		},
	],
	[
		`${sp}.backfill`,
		{
			rule: 'schedule-advance',
			expect: 'a non-empty query expression such as "updated < {END_TIME}"',
			hint: 'ADVANCE needs paramFormat, incremental and backfill.',
		},
	],
	[
		'sourceSpec.spec',
		{
			rule: 'user-inputs-schema',
			expect: 'a JSON Schema object: {"type": "object", "properties": {…}}',
			hint: 'Declare the user inputs, e.g. {"type": "object", "properties": {"listId": {"type": "string"}}}; use "properties": {} if there are none.',
		},
	],
	['sourceSpec.spec.type', {rule: 'user-inputs-schema', expect: 'the string "object"', hint: 'Write "type": "object".'}],
	[
		'sourceSpec.spec.properties',
		{
			rule: 'user-inputs-schema',
			expect: 'an object mapping each user input to its schema',
			hint: 'Write "properties": {} when the source needs no user input.',
		},
	],
	[
		'sourceSpec.spec.properties.*',
		{
			rule: 'user-inputs-schema',
			expect: 'an object describing the input, e.g. {"type": "string", "description": "…"}',
			hint: 'Give each input a small schema with "type" and "description".',
		},
	],
	[
		'sourceSpec.spec.properties.*.properties',
		{rule: 'user-inputs-schema', expect: 'an object of nested property schemas', hint: 'Write nested inputs as {"name": {"type": "string"}}.'},
	],
	[
		'sourceSpec.spec.properties.**',
		{rule: 'user-inputs-schema', expect: 'a string', hint: 'Property schemas use strings for type, description, title and format.'},
	],
	[
		'sourceSpec.spec.required',
		{rule: 'user-inputs-schema', expect: 'an array of input names (strings)', hint: 'List the inputs a source connection must supply, or remove the field.'},
	],
	['sourceSpec.spec.required.*', {rule: 'user-inputs-schema', expect: 'an input name (a string)', hint: 'Each entry names a key of "properties".'}],
	['sourceSpec.spec.*', {rule: 'user-inputs-schema', expect: 'a string', hint: 'Write it as a string, or remove the field.'}],
	['sourceSpec.schema', {rule: 'custom-schema', expect: 'a JSON Schema object describing the records', hint: 'Remove "schema" or make it an object.'}],
	[
		'exploreSpec',
		{
			rule: 'explore-spec',
			expect: 'the fixed explore payload {"name": "Resource", "type": "Resource", "requestSpec": {…}, "responseSpec": {…}}',
			hint: 'Copy the exploreSpec of as is ("aep-source export --template blank" has it).',
		},
	],
	['exploreSpec.requestSpec', {rule: 'explore-spec', expect: 'an object', hint: 'Copy the requestSpec of as is.'}],
	['exploreSpec.responseSpec', {rule: 'explore-spec', expect: 'an object', hint: 'Copy the responseSpec of as is.'}],
];

/** `*` matches one segment; a trailing `**` matches one or more. Patterns are split once, at load. */
const compiledRules = fieldRules.map(([pattern, rule]) => {
	const parts = pattern === '' ? [] : pattern.split('.');
	return {parts, deep: parts.at(-1) === '**', rule};
});

function ruleFor(path: readonly PathSegment[], spec: unknown): FieldRule {
	const found = compiledRules.find(
		({parts, deep}) =>
			(deep ? path.length >= parts.length : path.length === parts.length) &&
			parts.every((part, index) => part === '*' || part === '**' || part === String(path[index])),
	)?.rule;
	if (!found) return {rule: 'spec-shape', expect: 'a different value', hint: 'Compare with the examples of.'};
	if (found.rule !== 'paging') return found;
	const type = getAt(spec, ['sourceSpec', 'attributes', 'paginationParams', 'type']);
	return {...found, rule: paginationRules.get(String(type)) ?? 'pagination-type'};
}

function issueFinding(issue: core.$ZodIssue, spec: unknown): Finding {
	const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
	const value = getAt(spec, path);
	const {rule, expect, hint} = ruleFor(path, spec);
	const subject = path.length === 0 ? 'The file' : formatPath(path);
	let message: string;
	if (issue.code === 'custom' && issue.message && issue.message !== 'Invalid input') message = `${subject} ${issue.message}.`;
	else if (value === undefined) message = `${subject} is missing: it must be ${expect}.`;
	else message = `${subject} must be ${expect}, but it is ${describeValue(value)}.`;
	return finding('error', path, rule, message, hint);
}

/** E-level structure of docs/connection-spec.md#validation-rules (types, presence, enums), checked by the zod model. */
export function structuralFindings(spec: unknown): Finding[] {
	const result = connectionSpecSchema.safeParse(spec);
	if (result.success) return [];
	const seen = new Set<string>();
	const out: Finding[] = [];
	for (const issue of result.error.issues) {
		const item = issueFinding(issue, spec);
		const key = `${item.path}\u0000${item.message}`;
		if (!seen.has(key)) out.push(item);
		seen.add(key);
	}
	return out;
}
