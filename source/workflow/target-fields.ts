// "Create the target for me": an XDM field group and a mapping inferred from previewed records, following
// docs/target-and-runs.md#a-schema-for-arbitrary-json-records (XDM Individual Profile class + one tenant field group; fields under `_{TENANT_ID}`).
// Kept minimal on purpose: scalars, nested objects and arrays of scalars present in every previewed record; arrays
// of objects, optional fields and fields whose type varies are left out (reported): a wrong type fails records.

type XdmField = {title: string; type: string; format?: string; items?: {type: string}; properties?: Record<string, XdmField>};
type Mapping = {sourceType: 'ATTRIBUTE'; source: string; destination: string};

export type InferredTarget = {
	/** Properties to place under `_{TENANT_ID}`. */
	properties: Record<string, XdmField>;
	/** Source path → path below the tenant object (leaf fields only). */
	leaves: {source: string; target: string}[];
	/** Source field used for `_id` (the record-class's unique record id), if any. */
	idField?: string;
	skipped: string[];
};

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** XDM field names: letters, digits and underscores, not starting with `_` (docs/target-and-runs.md#a-schema-for-arbitrary-json-records). */
export function xdmName(key: string): string {
	let name = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
	if (name === '') name = 'field';
	return /^\d/.test(name) ? `f${name}` : name;
}

function title(key: string): string {
	const spaced = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.trim();
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function scalarType(values: unknown[]): {type: string; format?: string} | undefined {
	const present = values.filter(v => v !== null && v !== undefined);
	if (present.length === 0) return undefined;
	if (present.every(v => typeof v === 'boolean')) return {type: 'boolean'};
	if (present.every(v => typeof v === 'number')) return {type: present.every(v => Number.isInteger(v)) ? 'integer' : 'number'};
	if (present.every(v => typeof v === 'string'))
		return present.every(v => isoDate.test(v as string)) ? {type: 'string', format: 'date-time'} : {type: 'string'};
	return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function inferObject(records: Record<string, unknown>[], prefix: string, targetPrefix: string, out: InferredTarget): Record<string, XdmField> {
	const keys = [...new Set(records.flatMap(record => Object.keys(record)))];
	const properties: Record<string, XdmField> = {};
	const used = new Set<string>();
	for (const key of keys) {
		const source = prefix ? `${prefix}.${key}` : key;
		let name = xdmName(key);
		while (used.has(name)) name = `${name}_`;
		const target = targetPrefix ? `${targetPrefix}.${name}` : name;
		// Data Prep fails a record whose mapped source path is missing (docs/target-and-runs.md#a-schema-for-arbitrary-json-records): map only fields every
		// previewed record has.
		if (!records.every(record => key in record)) {
			out.skipped.push(source);
			continue;
		}
		const field = inferField(
			key,
			records.map(record => record[key]),
			source,
			target,
			out,
		);
		if (!field) {
			out.skipped.push(source);
			continue;
		}
		used.add(name);
		properties[name] = field;
	}
	return properties;
}

function inferField(key: string, raw: unknown[], source: string, target: string, out: InferredTarget): XdmField | undefined {
	if (raw.length > 0 && raw.every(isPlainObject)) {
		const properties = inferObject(raw as Record<string, unknown>[], source, target, out);
		return Object.keys(properties).length > 0 ? {title: title(key), type: 'object', properties} : undefined;
	}
	const values = raw.filter(v => v !== null && v !== undefined);
	if (values.length > 0 && values.every(Array.isArray)) {
		const items = scalarType((values as unknown[][]).flat());
		if (!items) return undefined;
		out.leaves.push({source, target});
		return {title: title(key), type: 'array', items: {type: items.type}};
	}
	const scalar = scalarType(values);
	if (!scalar) return undefined;
	out.leaves.push({source, target});
	return {title: title(key), ...scalar};
}

/** Infers the tenant fields and the leaf mapping from preview records. */
export function inferTarget(records: Record<string, unknown>[]): InferredTarget {
	const out: InferredTarget = {properties: {}, leaves: [], skipped: []};
	out.properties = inferObject(records.filter(isPlainObject), '', '', out);
	const idKey = Object.keys(out.properties).find(key => /^(id|_id|uuid|key)$/i.test(key) && out.properties[key]?.type !== 'object');
	const idLeaf = out.leaves.find(leaf => leaf.target === idKey);
	if (idLeaf) out.idField = idLeaf.source;
	return out;
}

export const profileClass = 'https://ns.adobe.com/xdm/context/profile';
export const schemaFullVersion = 'application/vnd.adobe.xed-full+json;version=1';
export const datasetContentType = 'application/vnd.adobe.xed+json;version=1';

export function fieldGroupBody(tenantId: string, titleText: string, inferred: InferredTarget): Record<string, unknown> {
	return {
		title: titleText,
		description: 'Fields of the records read by the end-to-end check (created by aep-source; deleted after the check).',
		type: 'object',
		'meta:intendedToExtend': [profileClass],
		definitions: {customFields: {properties: {[`_${tenantId}`]: {type: 'object', properties: inferred.properties}}}},
		allOf: [{$ref: '#/definitions/customFields'}],
	};
}

export function schemaBody(titleText: string, fieldGroupId: string): Record<string, unknown> {
	return {title: titleText, type: 'object', allOf: [{$ref: profileClass}, {$ref: fieldGroupId}]};
}

export function mappingSetBody(schemaId: string, tenantId: string, inferred: InferredTarget): Record<string, unknown> {
	const mappings: Mapping[] = inferred.leaves.map(leaf => ({sourceType: 'ATTRIBUTE', source: leaf.source, destination: `_${tenantId}.${leaf.target}`}));
	// `_id` is the record class's unique record id (docs/target-and-runs.md#a-schema-for-arbitrary-json-records): fed from the source's own id when there is one.
	if (inferred.idField) mappings.unshift({sourceType: 'ATTRIBUTE', source: inferred.idField, destination: '_id'});
	return {outputSchema: {schemaRef: {id: schemaId, contentType: schemaFullVersion}}, mappings};
}
