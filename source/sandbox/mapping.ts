import {isObject} from './entities.js';
import {firstMatch, parseJsonPath} from '../connection-spec/json-path.js';
import {fieldAt, type FieldSchema, type ResolvedSchema} from './xdm.js';

// Applying a stored mapping set to one source record: `source` is a dot path inside the record, `destination` a dot
// path from the schema root. Data Prep converts scalar types implicitly. A transformation error (a value that cannot
// be converted, a source path missing from the record, an expression the sandbox does not evaluate) sets that
// attribute to null and the row is still ingested, with a MAPPER-3700-400 warning; only a row invalid against the
// XDM schema (a required field missing or null) fails, INGEST-1212-400 (docs/sandbox-fidelity.md "Data Prep",
// https://experienceleague.adobe.com/en/docs/experience-platform/data-prep/home).

export type MappingEntry = {sourceType: string; source: string; destination: string};

/** One transformation error of a row: the destination field set to null and why. */
export type MappingWarning = {code: 'MAPPER-3700-400'; destination: string; message: string};

export type MappedRecord =
	| {ok: true; value: Record<string, unknown>; warnings: MappingWarning[]}
	| {ok: false; code: 'INGEST-1212-400'; message: string; warnings: MappingWarning[]};

/** The value at a Data Prep source path (`a.b`, `items[0].name`), read with the spec model's JSONPath; undefined when missing. */
export function valueAtPath(record: unknown, path: string): unknown {
	const parsed = parseJsonPath(path);
	return 'path' in parsed ? firstMatch(record, parsed.path) : undefined;
}

function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const parts = path.split('.');
	const last = parts.pop()!;
	let node = target;
	for (const part of parts) {
		if (!isObject(node[part])) node[part] = {};
		node = node[part] as Record<string, unknown>;
	}
	node[last] = value;
}

/** Converts a value to the XDM field's type; `undefined` result with an error text means it cannot. */
function convert(value: unknown, field: FieldSchema | undefined): {value?: unknown; error?: string} {
	if (value === null || !field?.type) return {value};
	switch (field.type) {
		case 'string': {
			if (typeof value === 'object') return {error: `an ${Array.isArray(value) ? 'array' : 'object'} cannot be written to a string field`};
			const text = String(value);
			if (field.format === 'date-time' && Number.isNaN(Date.parse(text))) return {error: `"${text}" is not a date-time`};
			return {value: text};
		}
		case 'number':
		case 'integer': {
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			if (Number.isNaN(number)) return {error: `${JSON.stringify(value)} is not a number`};
			if (field.type === 'integer' && !Number.isInteger(number)) return {error: `${number} is not an integer`};
			return {value: number};
		}
		case 'boolean':
			if (typeof value === 'boolean') return {value};
			if (value === 'true' || value === 'false') return {value: value === 'true'};
			return {error: `${JSON.stringify(value)} is not a boolean`};
		case 'array':
			return Array.isArray(value) ? {value} : {error: `${JSON.stringify(value)} is not an array`};
		case 'object':
			return isObject(value) ? {value} : {error: `${JSON.stringify(value)} is not an object`};
		default:
			return {value};
	}
}

function sourceValue(entry: MappingEntry, record: Record<string, unknown>): {value?: unknown; error?: string} {
	const kind = entry.sourceType.toUpperCase();
	if (kind === 'STATIC') return {value: entry.source};
	if (kind === 'EXPRESSION') {
		// The sandbox evaluates only literals and plain field references, not the Data Prep function language.
		const literal = /^"(.*)"$|^'(.*)'$/.exec(entry.source);
		if (literal) return {value: literal[1] ?? literal[2]};
		if (!/^[\w.[\]]+$/.test(entry.source)) return {error: `expression "${entry.source}" uses functions the sandbox does not evaluate`};
	}
	const value = valueAtPath(record, entry.source);
	return value === undefined ? {error: `source attribute "${entry.source}" is missing in the record`} : {value};
}

/**
 * Maps one source record to an XDM row. A transformation error leaves that destination null (absent from the row)
 * and is returned in `warnings`; the row fails (`ok: false`, INGEST-1212-400) only when a field the schema
 * requires is missing or null afterwards. Never throws.
 */
export function applyMapping(entries: MappingEntry[], record: Record<string, unknown>, schema: ResolvedSchema | undefined): MappedRecord {
	const output: Record<string, unknown> = {};
	const warnings: MappingWarning[] = [];
	for (const entry of entries) {
		const source = sourceValue(entry, record);
		const converted = source.error ? source : convert(source.value, schema ? fieldAt(schema, entry.destination) : undefined);
		if (converted.error) {
			warnings.push({
				code: 'MAPPER-3700-400',
				destination: entry.destination,
				message: `Mapper transform error at ${entry.destination}: ${converted.error}; the field was set to null.`,
			});
			continue;
		}
		if (converted.value !== null) setAtPath(output, entry.destination, converted.value);
	}
	const missing = (schema?.required ?? []).filter(name => output[name] === undefined || output[name] === null);
	if (missing.length > 0) {
		const why = warnings
			.filter(warning => missing.includes(warning.destination.split('.')[0]!))
			.map(warning => ` ${warning.message}`)
			.join('');
		return {ok: false, code: 'INGEST-1212-400', message: `Required field(s) missing or null: ${missing.join(', ')}.${why}`, warnings};
	}
	return {ok: true, value: output, warnings};
}
