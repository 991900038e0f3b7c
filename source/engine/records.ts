// From a response page to records: contentPath and explodeEntityPath (reference 3.5.6, 3.5.7, 8.3).
// Choices where the docs are open (8.3 "Exact flattening semantics"):
// - keepAttributes / skipAttributes act on the keys of each array element, never on siblings of the array;
// - the wrapper `{ [overrideWrapperAttribute]: element }` is applied only when overrideWrapperAttribute is set;
// - explodeEntityPath is evaluated against the record as produced by contentPath (so after wrapping);
// - a record whose explode array is empty or missing yields no output, and the run reports how many did.
import {configError} from './engine-error.js';
import {getAt, parseJsonPath, replaceAt, type PathSegment} from './json-path.js';

export type FlattenRule = {path: string; segments: PathSegment[]; keep: string[]; skip: string[]; wrapper?: string};

function names(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A string means `{path: string}` (3.5.6 Recommendation). */
export function readFlattenRule(value: unknown, where: string): FlattenRule | undefined {
	if (value === undefined || value === null) return undefined;
	const object = (typeof value === 'string' ? {path: value} : value) as Record<string, unknown>;
	const path = object.path;
	if (typeof path !== 'string' || path.trim() === '') {
		throw configError(`${where}.path is missing.`, `Set ${where}.path to the JSONPath of the array, e.g. "$.items".`);
	}
	let segments: PathSegment[];
	try {
		segments = parseJsonPath(path);
	} catch (error) {
		throw configError(`${where}.path is not a usable JSONPath: ${(error as Error).message}.`, 'Use the forms $.a.b, $.a[0].b or $[\'a\'].');
	}
	const wrapper = typeof object.overrideWrapperAttribute === 'string' && object.overrideWrapperAttribute !== '' ? object.overrideWrapperAttribute : undefined;
	return {path, segments, keep: names(object.keepAttributes), skip: names(object.skipAttributes), ...(wrapper ? {wrapper} : {})};
}

/** The array at contentPath; a single object counts as one element; missing means none. */
export function pageElements(body: unknown, rule: FlattenRule): {elements: unknown[]; found: boolean} {
	const value = getAt(body, rule.segments);
	if (Array.isArray(value)) return {elements: value, found: true};
	if (value !== undefined && value !== null) return {elements: [value], found: true};
	return {elements: [], found: false};
}

/** keep/skip on the element's own keys; returns the element itself when there is nothing to drop. */
function filterKeys(element: unknown, rule: FlattenRule): unknown {
	if (!element || typeof element !== 'object' || Array.isArray(element)) return element;
	if (rule.keep.length === 0 && rule.skip.length === 0) return element;
	const source = element as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of rule.keep.length > 0 ? rule.keep : Object.keys(source)) {
		if (Object.hasOwn(source, key) && !rule.skip.includes(key)) out[key] = source[key];
	}
	return out;
}

/** One contentPath element as a record. A non-object element without a wrapper becomes `{value: element}`. */
export function shapeRecord(element: unknown, rule: FlattenRule): Record<string, unknown> {
	const filtered = filterKeys(element, rule);
	if (rule.wrapper) return {[rule.wrapper]: filtered};
	if (filtered && typeof filtered === 'object' && !Array.isArray(filtered)) return filtered as Record<string, unknown>;
	return {value: filtered};
}

/**
 * 3.5.7 Interpretation: one copy of the record per element of the array at the explode path, the array replaced by
 * that element (renamed to overrideWrapperAttribute when given). Returns an empty list for an empty/missing array.
 */
export function explodeRecord(record: Record<string, unknown>, rule: FlattenRule): Record<string, unknown>[] {
	const value = getAt(record, rule.segments);
	const items = Array.isArray(value) ? value : value !== undefined && value !== null && typeof value === 'object' ? [value] : [];
	if (rule.segments.length === 0) return items.map(item => shapeRecord(item, rule));
	return items.map(item => replaceAt(record, rule.segments, filterKeys(item, rule), rule.wrapper) as Record<string, unknown>);
}
