// From a response page to records: contentPath and explodeEntityPath. Choices where Adobe's docs are open
// (docs/connection-spec.md#contentpath, docs/connection-spec-model.md#records):
// - keepAttributes / skipAttributes act on the keys of each array element, never on siblings of the array;
// - the wrapper `{ [overrideWrapperAttribute]: element }` is applied only when overrideWrapperAttribute is set;
// - explodeEntityPath is evaluated against the record as produced by contentPath (so after wrapping);
// - a record whose explode array is empty or missing yields no output, and the run reports how many did.
import {evaluateJsonPath, getAt, segmentsOf, type PathSegment} from '../connection-spec/json-path.js';
import type {FlattenPlan} from '../connection-spec/plan.js';

export type FlattenRule = FlattenPlan;

/**
 * The records at contentPath: a definite path names the array (a single object counts as one element); a path
 * with a wildcard or slice matches many values, and each match is one element, an array match adding its
 * elements (docs/connection-spec-model.md#records). Nothing matched means none.
 */
export function pageElements(body: unknown, rule: FlattenRule): {elements: unknown[]; found: boolean} {
	if (!rule.path.definite) {
		const matches = evaluateJsonPath(body, rule.path).filter(value => value !== undefined && value !== null);
		return {elements: matches.flatMap(value => (Array.isArray(value) ? value : [value])), found: matches.length > 0};
	}
	const value = getAt(body, segmentsOf(rule.path));
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
 * docs/connection-spec.md#explodeentitypath: one copy of the record per element of the array at the explode path, the array replaced by
 * that element (renamed to overrideWrapperAttribute when given). Returns an empty list for an empty/missing array.
 */
export function explodeRecord(record: Record<string, unknown>, rule: FlattenRule): Record<string, unknown>[] {
	// The model admits only definite explode paths (a place to put each element back).
	const segments = segmentsOf(rule.path);
	const value = getAt(record, segments);
	const items = Array.isArray(value) ? value : value !== undefined && value !== null && typeof value === 'object' ? [value] : [];
	if (segments.length === 0) return items.map(item => shapeRecord(item, rule));
	return items.map(item => replaceAt(record, segments, filterKeys(item, rule), rule.wrapper) as Record<string, unknown>);
}

/**
 * Copy of `root` with the value at `segments` replaced (copies only the objects along the path, so the
 * rest is shared). With `renameTo`, the last key is renamed in its parent.
 */
function replaceAt(root: unknown, segments: readonly PathSegment[], replacement: unknown, renameTo?: string): unknown {
	if (segments.length === 0) return replacement;
	const [head, ...rest] = segments as [PathSegment, ...PathSegment[]];
	if (Array.isArray(root)) {
		const copy = root.slice();
		const index = typeof head === 'number' && head < 0 ? root.length + head : (head as number);
		copy[index] = replaceAt(root[index], rest, replacement, renameTo);
		return copy;
	}
	const source = (root ?? {}) as Record<string, unknown>;
	if (rest.length === 0 && renameTo !== undefined && renameTo !== head) {
		const copy: Record<string, unknown> = {};
		for (const [key, child] of Object.entries(source)) {
			if (key === head) copy[renameTo] = replacement;
			else if (key !== renameTo) copy[key] = child;
		}
		return copy;
	}
	return {...source, [head]: replaceAt(source[head as string], rest, replacement, renameTo)};
}
