import {isObject} from './entities.js';
import type {Entity} from './state-store.js';

// Just enough XDM for the emulator: the standard classes a source dataflow uses, schema resolution
// (class + field groups → one `properties` tree, as `xed-full` answers, docs/target-and-runs.md#a-schema-for-arbitrary-json-records) and field lookup.

export type FieldSchema = {
	type?: string;
	format?: string;
	properties?: Record<string, FieldSchema>;
	items?: FieldSchema;
	required?: string[];
	[key: string]: unknown;
};

const auditable = 'https://ns.adobe.com/xdm/common/auditable';
const record = 'https://ns.adobe.com/xdm/data/record';
const timeSeries = 'https://ns.adobe.com/xdm/data/time-series';
const adhoc = 'https://ns.adobe.com/xdm/data/adhoc';

export const behaviours = new Set([record, timeSeries, adhoc]);

const text = (title: string): FieldSchema => ({title, type: 'string'});
const recordFields: Record<string, FieldSchema> = {
	_id: {title: 'Identifier', type: 'string', format: 'uri-reference'},
	_repo: {
		title: 'Repository metadata',
		type: 'object',
		properties: {createDate: {type: 'string', format: 'date-time'}, modifyDate: {type: 'string', format: 'date-time'}},
	},
	createdByBatchID: text('Created by batch identifier'),
	modifiedByBatchID: text('Modified by batch identifier'),
	repositoryCreatedBy: text('Created by user identifier'),
	repositoryLastModifiedBy: text('Modified by user identifier'),
};

export type BuiltInClass = {$id: string; title: string; 'meta:extends': string[]; properties: Record<string, FieldSchema>; required?: string[]};

/** Standard classes (help/xdm/classes/*): Individual Profile (record) and ExperienceEvent (time-series). */
export const globalClasses: BuiltInClass[] = [
	{
		$id: 'https://ns.adobe.com/xdm/context/profile',
		title: 'XDM Individual Profile',
		'meta:extends': [auditable, record, 'https://ns.adobe.com/xdm/context/profile'],
		properties: {...recordFields, personID: text('Person ID')},
	},
	{
		$id: 'https://ns.adobe.com/xdm/context/experienceevent',
		title: 'XDM ExperienceEvent',
		'meta:extends': [timeSeries, 'https://ns.adobe.com/xdm/context/experienceevent'],
		properties: {_id: {title: 'Identifier', type: 'string'}, timestamp: {title: 'Timestamp', type: 'string', format: 'date-time'}},
		// ExperienceEvent makes `_id` and `timestamp` mandatory (docs/target-and-runs.md#a-schema-for-arbitrary-json-records).
		required: ['_id', 'timestamp'],
	},
];

export type BuiltInFieldGroup = {$id: string; title: string; 'meta:intendedToExtend': string[]; properties: Record<string, FieldSchema>};

const profileClass = 'https://ns.adobe.com/xdm/context/profile';
const object = (title: string, properties: Record<string, FieldSchema>): FieldSchema => ({title, type: 'object', properties});

/**
 * Standard field groups the docs' mapping examples use (docs/sandbox-fidelity.md "Standard XDM"): Demographic
 * Details (`person.name.firstName` …) and Personal Contact Details (`personalEmail.address` …), with the fields
 * those examples map to. Not the whole field groups: what a source's mapping commonly targets.
 */
export const globalFieldGroups: BuiltInFieldGroup[] = [
	{
		$id: 'https://ns.adobe.com/xdm/context/profile-person-details',
		title: 'Demographic Details',
		'meta:intendedToExtend': [profileClass],
		properties: {
			person: object('Person', {
				name: object('Full name', {
					firstName: text('First name'),
					lastName: text('Last name'),
					middleName: text('Middle name'),
					fullName: text('Full name'),
					courtesyTitle: text('Courtesy title'),
					suffix: text('Suffix'),
				}),
				birthDate: {title: 'Birth date', type: 'string', format: 'date'},
				birthYear: {title: 'Birth year', type: 'integer'},
				gender: text('Gender'),
			}),
		},
	},
	{
		$id: 'https://ns.adobe.com/xdm/context/profile-personal-details',
		title: 'Personal Contact Details',
		'meta:intendedToExtend': [profileClass],
		properties: {
			personalEmail: object('Personal email', {address: {title: 'Address', type: 'string', format: 'email'}, primary: {title: 'Primary', type: 'boolean'}}),
			mobilePhone: object('Mobile phone', {number: text('Number'), primary: {title: 'Primary', type: 'boolean'}}),
			homePhone: object('Home phone', {number: text('Number')}),
			homeAddress: object('Home address', {
				street1: text('Street 1'),
				city: text('City'),
				postalCode: text('Postal code'),
				country: text('Country'),
				countryCode: text('Country code'),
				stateProvince: text('State or province'),
			}),
		},
	},
];

/** Merges `properties` trees; objects present in both are merged field by field. */
export function mergeProperties(target: Record<string, FieldSchema>, source: Record<string, FieldSchema> | undefined): Record<string, FieldSchema> {
	for (const [name, field] of Object.entries(source ?? {})) {
		const existing = target[name];
		if (existing?.type === 'object' && field.type === 'object') {
			target[name] = {...existing, ...field, properties: mergeProperties(structuredClone(existing.properties ?? {}), field.properties)};
		} else {
			target[name] = structuredClone(field);
		}
	}
	return target;
}

/** A tenant field group's or class's own fields: `properties` plus every `definitions.*.properties` it includes. */
export function ownProperties(resource: Record<string, unknown>): Record<string, FieldSchema> {
	const merged: Record<string, FieldSchema> = {};
	const definitions = isObject(resource['definitions']) ? resource['definitions'] : {};
	for (const definition of Object.values(definitions)) {
		if (isObject(definition)) mergeProperties(merged, definition['properties'] as Record<string, FieldSchema>);
	}
	return mergeProperties(merged, resource['properties'] as Record<string, FieldSchema> | undefined);
}

export function refsOf(resource: Record<string, unknown>): string[] {
	const allOf = Array.isArray(resource['allOf']) ? resource['allOf'] : [];
	return allOf.map(entry => (isObject(entry) ? entry['$ref'] : undefined)).filter((ref): ref is string => typeof ref === 'string' && !ref.startsWith('#'));
}

export type ResolvedSchema = {properties: Record<string, FieldSchema>; required: string[]};

/** Resolves a schema into its full field tree; `lookup` finds tenant classes and field groups by `$id`. */
export function resolveSchema(schema: Entity, lookup: (id: string) => Entity | undefined): ResolvedSchema {
	const properties: Record<string, FieldSchema> = {};
	const required = new Set<string>(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
	for (const ref of refsOf(schema)) {
		const builtIn = globalClasses.find(entry => entry.$id === ref);
		if (builtIn) {
			mergeProperties(properties, builtIn.properties);
			for (const name of builtIn.required ?? []) required.add(name);
			continue;
		}
		const standardGroup = globalFieldGroups.find(entry => entry.$id === ref);
		if (standardGroup) {
			mergeProperties(properties, standardGroup.properties);
			continue;
		}
		const resource = lookup(ref);
		if (!resource) continue;
		if (resource['meta:resourceType'] === 'classes') {
			for (const parent of refsOf(resource)) {
				if (parent === record) mergeProperties(properties, recordFields);
			}
		}
		mergeProperties(properties, ownProperties(resource));
	}
	mergeProperties(properties, ownProperties(schema));
	return {properties, required: [...required]};
}

/** The field at a dot path (`_tenant.address.city`), or undefined. Array items are entered with `items`. */
export function fieldAt(resolved: ResolvedSchema, path: string): FieldSchema | undefined {
	let fields: Record<string, FieldSchema> | undefined = resolved.properties;
	let field: FieldSchema | undefined;
	for (const part of path.split('.')) {
		field = fields?.[part.replace(/\[\d*\]$/, '')];
		if (!field) return undefined;
		const inner: FieldSchema = field.type === 'array' && field.items ? field.items : field;
		fields = inner.properties;
	}
	return field;
}
