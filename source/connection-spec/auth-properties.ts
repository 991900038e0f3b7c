// Editing the properties of one authSpec entry (docs/connection-spec.md#authspec): add, rename, remove, and set a
// property's description, type, secret flag (`format: "password"`) and required flag. Pure functions over a plain
// JSON entry: each returns a new entry and never changes the one it was given. Renaming keeps the property's place
// and its place in `required`; removing takes it out of `required` too.
import {getAt} from './json-path.js';
import {setIn} from './spec-paths.js';
import {userInputName, userInputTypes} from './user-inputs.js';

export type AuthEntry = Record<string, unknown> & {type?: string; name?: string};
type Property = Record<string, unknown>;

/** JSON Schema types a credential can have; `string` for every documented one (docs/connection-spec.md#authspec). */
export const propertyTypes = userInputTypes;

export function propertiesOf(entry: AuthEntry): Record<string, Property> {
	const properties = getAt(entry, ['spec', 'properties']);
	return properties !== null && typeof properties === 'object' && !Array.isArray(properties) ? (properties as Record<string, Property>) : {};
}

export function requiredOf(entry: AuthEntry): string[] {
	const required = getAt(entry, ['spec', 'required']);
	return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

/** Names listed in `required` that no property declares (Adobe's own template requires an undeclared `host`). */
export function undeclaredRequired(entry: AuthEntry): string[] {
	const properties = propertiesOf(entry);
	return requiredOf(entry).filter(name => !Object.hasOwn(properties, name));
}

/**
 * Why `name` cannot name a property of this entry (empty, not an identifier, or used by another property), or
 * undefined when it can.
 * `current` is the property being renamed: keeping its own name is fine.
 */
export function propertyNameProblem(entry: AuthEntry, name: string, current?: string): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'A property needs a name, e.g. region or authKey2.';
	// The same rule as a user input's name: a property is used as ${name} in the spec.
	if (!userInputName.test(trimmed)) return 'A name is letters, digits and _, not starting with a digit (it is used as ${name}).';
	if (trimmed !== current && Object.hasOwn(propertiesOf(entry), trimmed)) return `“${trimmed}” is already a property of this auth spec: choose another name.`;
	return undefined;
}

function withProperties(entry: AuthEntry, properties: Record<string, Property>, required = requiredOf(entry)): AuthEntry {
	const withProps = setIn(entry, ['spec', 'properties'], properties);
	// `required` is written only when the entry had one or it is not empty (the model asks for the array).
	return getAt(entry, ['spec', 'required']) === undefined && required.length === 0 ? withProps : setIn(withProps, ['spec', 'required'], required);
}

/** Adds a string property (no description yet: the model's warning asks for one). Throws on a name problem. */
export function addProperty(entry: AuthEntry, name: string): AuthEntry {
	const problem = propertyNameProblem(entry, name);
	if (problem) throw new Error(problem);
	return withProperties(entry, {...propertiesOf(entry), [name.trim()]: {type: 'string'}});
}

/** Renames a property in place (same position, same fields) and in `required`. Throws on a name problem. */
export function renameProperty(entry: AuthEntry, from: string, to: string): AuthEntry {
	const name = to.trim();
	if (name === from) return entry;
	const problem = propertyNameProblem(entry, name, from);
	if (problem) throw new Error(problem);
	const properties: Record<string, Property> = {};
	for (const [key, value] of Object.entries(propertiesOf(entry))) properties[key === from ? name : key] = value;
	return withProperties(
		entry,
		properties,
		requiredOf(entry).map(each => (each === from ? name : each)),
	);
}

/** Removes a property and its name from `required` (a required name nobody declares can be removed the same way). */
export function removeProperty(entry: AuthEntry, name: string): AuthEntry {
	const properties = {...propertiesOf(entry)};
	delete properties[name];
	return withProperties(
		entry,
		properties,
		requiredOf(entry).filter(each => each !== name),
	);
}

export function setDescription(entry: AuthEntry, name: string, description: string): AuthEntry {
	return setIn(entry, ['spec', 'properties', name, 'description'], description.trim() === '' ? undefined : description);
}

export function setType(entry: AuthEntry, name: string, type: string): AuthEntry {
	return setIn(entry, ['spec', 'properties', name, 'type'], type);
}

/** Secret = `format: "password"` (masked everywhere); turning it off keeps another format such as `date`. */
export function isSecret(entry: AuthEntry, name: string): boolean {
	return propertiesOf(entry)[name]?.['format'] === 'password';
}

export function setSecret(entry: AuthEntry, name: string, secret: boolean): AuthEntry {
	if (secret) return setIn(entry, ['spec', 'properties', name, 'format'], 'password');
	return isSecret(entry, name) ? setIn(entry, ['spec', 'properties', name, 'format'], undefined) : entry;
}

export function setRequired(entry: AuthEntry, name: string, required: boolean): AuthEntry {
	const list = requiredOf(entry);
	if (required === list.includes(name)) return entry;
	return setIn(entry, ['spec', 'required'], required ? [...list, name] : list.filter(each => each !== name));
}

const headerPath = (name: string) => ['spec', 'properties', name, 'restAttributes', 'headerParamName'];

export function headerOf(entry: AuthEntry, name: string): string {
	const header = getAt(entry, headerPath(name));
	return typeof header === 'string' ? header : '';
}

/** The header an API key is sent in (`restAttributes.headerParamName`); empty removes it (the key goes as its own name). */
export function setHeader(entry: AuthEntry, name: string, header: string): AuthEntry {
	const next = setIn(entry, headerPath(name), header.trim() === '' ? undefined : header.trim());
	const rest = getAt(next, ['spec', 'properties', name, 'restAttributes']);
	return rest !== null && typeof rest === 'object' && Object.keys(rest).length === 0
		? setIn(next, ['spec', 'properties', name, 'restAttributes'], undefined)
		: next;
}

/** A KeyBased entry's keys (authKey1, authKey2 …) and any property that already names a header are sent as headers. */
export function sendsHeader(entry: AuthEntry, name: string): boolean {
	return (entry.type === 'KeyBased' && /^authKey\d+$/.test(name)) || getAt(propertiesOf(entry)[name], ['restAttributes']) !== undefined;
}

/** One line about a property for the list: its type and flags, and its description shown as a description. */
export function describeProperty(entry: AuthEntry, name: string): string {
	const property = propertiesOf(entry)[name] ?? {};
	const flags = [
		typeof property['type'] === 'string' ? property['type'] : 'no type',
		...(isSecret(entry, name) ? ['secret'] : []),
		...(requiredOf(entry).includes(name) ? ['required'] : []),
		...(sendsHeader(entry, name) && headerOf(entry, name) ? [`header ${headerOf(entry, name)}`] : []),
	];
	const description = typeof property['description'] === 'string' && property['description'].trim() !== '' ? property['description'] : undefined;
	return `${flags.join(' · ')} — ${description ? `description: “${description}”` : 'no description'}`;
}
