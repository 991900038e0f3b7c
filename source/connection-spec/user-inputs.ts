// User inputs (`sourceSpec.spec`, a draft-07 JSON Schema object; docs/connection-spec.md#user-inputs) and auth
// properties as the wizard edits them: read, add, rename, remove, declare a `${name}` on the spot. Every function
// returns a new spec and never changes the one it was handed. Typed text for `default` and `enum` is read by the
// input's JSON Schema type (docs/connection-spec.md#user-input-values).
import {draft07} from './constants.js';
import {arrayAt, isObject, objectAt, type JsonObject} from './json.js';
import {findPlaceholders} from './placeholders.js';

/** The JSON Schema types a user input may have (docs/connection-spec.md#user-input-values). */
export const userInputTypes = ['string', 'integer', 'number', 'boolean'] as const;
export type UserInputType = (typeof userInputTypes)[number];

/** One declared user input, as read from `sourceSpec.spec.properties.<name>` and `sourceSpec.spec.required`. */
export type UserInput = {name: string; type: string; description: string; required: boolean; default?: unknown; enum?: unknown[]};

/** What an edit of one user input changes; `undefined` for `default`/`enum` removes the key. */
export type UserInputChange = {type?: string; description?: string; required?: boolean; default?: unknown; enum?: unknown[] | undefined};

/** A name `${name}` can carry and a JSON Schema property can have: letters, digits and `_`, not starting with a digit. */
export const userInputName = /^[A-Za-z_]\w*$/;

/** Descriptions the wizard writes as a stub start so; the model flags them as unfinished (rule `unfinished-text`). */
export function unfinishedText(text: unknown): boolean {
	return typeof text === 'string' && /^\s*Replace with\b/i.test(text);
}

/** The stub description of a property declared on the spot (flagged until the author writes a real one). */
export function descriptionStub(name: string): string {
	return `Replace with what ${name} is (shown to users when they connect).`;
}

const specPath = ['sourceSpec', 'spec'] as const;

/** The user inputs in declaration order; missing or broken parts read as empty. */
export function userInputsOf(spec: unknown): UserInput[] {
	const schema = objectAt(spec, ...specPath);
	const properties = objectAt(schema, 'properties') ?? {};
	const required = arrayAt(schema, 'required') ?? [];
	return Object.entries(properties).map(([name, property]) => {
		const value = isObject(property) ? property : {};
		return {
			name,
			type: typeof value['type'] === 'string' ? value['type'] : 'string',
			description: typeof value['description'] === 'string' ? value['description'] : '',
			required: required.includes(name),
			...(value['default'] !== undefined ? {default: value['default']} : {}),
			...(Array.isArray(value['enum']) ? {enum: value['enum']} : {}),
		};
	});
}

function sourceSpecOf(spec: JsonObject): JsonObject {
	return objectAt(spec, 'sourceSpec') ?? {};
}

/** `sourceSpec.spec` as an object schema (created with draft-07 defaults when missing), with `change` applied. */
function withInputSchema(spec: JsonObject, change: (schema: JsonObject) => JsonObject): JsonObject {
	const sourceSpec = sourceSpecOf(spec);
	const schema = objectAt(sourceSpec, 'spec') ?? {$schema: draft07, type: 'object', description: 'User inputs.', properties: {}};
	return {...spec, sourceSpec: {...sourceSpec, spec: change(schema)}};
}

function withRequired(schema: JsonObject, name: string, required: boolean): JsonObject {
	const list = (arrayAt(schema, 'required') ?? []).filter(each => each !== name);
	const next = required ? [...list, name] : list;
	const copy = {...schema};
	if (next.length > 0) copy['required'] = next;
	else delete copy['required'];
	return copy;
}

/** Adds `name` as a string user input with a stub description; an existing input is left as it is. */
export function addUserInput(spec: JsonObject, name: string, property: JsonObject = {}): JsonObject {
	return withInputSchema(spec, schema => {
		const properties = objectAt(schema, 'properties') ?? {};
		if (Object.hasOwn(properties, name)) return schema;
		return {...schema, properties: {...properties, [name]: {type: 'string', description: descriptionStub(name), ...property}}};
	});
}

/** Changes one user input's type, description, required flag, default or enum. */
export function changeUserInput(spec: JsonObject, name: string, change: UserInputChange): JsonObject {
	return withInputSchema(spec, schema => {
		const properties = objectAt(schema, 'properties') ?? {};
		const property: JsonObject = {...(objectAt(properties, name) ?? {type: 'string'})};
		if (change.type !== undefined) property['type'] = change.type;
		if (change.description !== undefined) property['description'] = change.description;
		for (const key of ['default', 'enum'] as const) {
			if (!(key in change)) continue;
			if (change[key] === undefined) delete property[key];
			else property[key] = change[key];
		}
		const next = {...schema, properties: {...properties, [name]: property}};
		return change.required === undefined ? next : withRequired(next, name, change.required);
	});
}

/** Removes a user input and its `required` entry (its `${name}` uses stay, and the model reports them). */
export function removeUserInput(spec: JsonObject, name: string): JsonObject {
	return withInputSchema(spec, schema => {
		const properties = {...(objectAt(schema, 'properties') ?? {})};
		delete properties[name];
		return withRequired({...schema, properties}, name, false);
	});
}

/**
 * Renames a user input, keeping its place, its `required` entry and every `${from}` in the request (host, path,
 * query, header and body values) pointing at it. Returns the spec unchanged when `to` is taken or not a name.
 */
export function renameUserInput(spec: JsonObject, from: string, to: string): JsonObject {
	const properties = objectAt(spec, ...specPath, 'properties') ?? {};
	if (from === to || !userInputName.test(to) || Object.hasOwn(properties, to) || !Object.hasOwn(properties, from)) return spec;
	const renamed = withInputSchema(spec, schema => {
		const entries = Object.entries(properties).map(([name, value]) => [name === from ? to : name, value] as const);
		const required = arrayAt(schema, 'required')?.map(each => (each === from ? to : each));
		return {...schema, properties: Object.fromEntries(entries), ...(required ? {required} : {})};
	});
	const attributes = objectAt(renamed, 'sourceSpec', 'attributes');
	if (!attributes) return renamed;
	const swap = (value: unknown): unknown => replacePlaceholder(value, from, to);
	const urlParams = objectAt(attributes, 'urlParams');
	const next: JsonObject = {...attributes};
	if (urlParams) next['urlParams'] = swap(urlParams);
	for (const key of ['headerParams', 'bodyParams']) if (attributes[key] !== undefined) next[key] = swap(attributes[key]);
	return {...renamed, sourceSpec: {...sourceSpecOf(renamed), attributes: next}};
}

/** A copy of a JSON value with every `${from}` in its strings written `${to}`. */
function replacePlaceholder(value: unknown, from: string, to: string): unknown {
	if (typeof value === 'string') {
		let out = '';
		let at = 0;
		for (const found of findPlaceholders(value)) {
			if (found.name !== from) continue;
			out += `${value.slice(at, found.start)}\${${to}}`;
			at = found.end;
		}
		return out + value.slice(at);
	}
	if (Array.isArray(value)) return value.map(each => replacePlaceholder(each, from, to));
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, replacePlaceholder(each, from, to)]));
	return value;
}

/**
 * Declares `name` as a property of `authSpec[index]` (a string with a stub description), so `${name}` resolves to the
 * base connection's value (docs/connection-spec.md#placeholders). Unchanged when there is no such auth spec.
 */
export function declareAuthProperty(spec: JsonObject, index: number, name: string): JsonObject {
	const list = arrayAt(spec, 'authSpec');
	const entry = list?.[index];
	if (!list || !isObject(entry)) return spec;
	const schema = objectAt(entry, 'spec') ?? {$schema: draft07, type: 'object', properties: {}};
	const properties = objectAt(schema, 'properties') ?? {};
	if (Object.hasOwn(properties, name)) return spec;
	const property = {type: 'string', description: descriptionStub(name)};
	const next = {...entry, spec: {...schema, properties: {...properties, [name]: property}}};
	return {...spec, authSpec: list.map((each, at) => (at === index ? next : each))};
}

/**
 * The JSON value typed text stands for in a property of `type` (docs/connection-spec.md#user-input-values): an integer
 * or number when it reads as one, `true`/`false` for a boolean, else the text itself (which the model then reports).
 * Empty text is `undefined` (no value).
 */
export function typedValue(type: string, text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (type === 'integer' && /^-?\d+$/.test(trimmed)) return Number(trimmed);
	if (type === 'number' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
	if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
	return type === 'string' ? text : trimmed;
}

/** An enum typed as comma-separated values, each read like `typedValue`; empty text is no enum. */
export function typedEnum(type: string, text: string): unknown[] | undefined {
	const items = text
		.split(',')
		.map(each => each.trim())
		.filter(each => each !== '');
	return items.length === 0 ? undefined : items.map(each => (type === 'string' ? each : typedValue(type, each)));
}

/** Whether a JSON value is of a JSON Schema `type` (types the wizard does not edit accept anything). */
export function matchesType(type: string, value: unknown): boolean {
	if (type === 'string') return typeof value === 'string';
	if (type === 'integer') return Number.isInteger(value);
	if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
	if (type === 'boolean') return typeof value === 'boolean';
	return true;
}

/** How a default or enum value is shown for editing: strings as they are, others as JSON. */
export function valueText(value: unknown): string {
	if (value === undefined) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}
