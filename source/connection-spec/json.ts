// Safe reads of unknown JSON: the validator and the builder see user files, so nothing here may throw.
import type {PathSegment} from './findings.js';
import {getAt} from './json-path.js';

export type JsonObject = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, ...segments: PathSegment[]): JsonObject | undefined {
	const node = getAt(value, segments);
	return isObject(node) ? node : undefined;
}

export function stringAt(value: unknown, ...segments: PathSegment[]): string | undefined {
	const node = getAt(value, segments);
	return typeof node === 'string' ? node : undefined;
}

export function arrayAt(value: unknown, ...segments: PathSegment[]): unknown[] | undefined {
	const node = getAt(value, segments);
	return Array.isArray(node) ? node : undefined;
}

/** Own keys of an object's `properties` map (JSON Schema), or none. */
export function propertyNames(schema: unknown): string[] {
	const properties = objectAt(schema, 'properties');
	return properties ? Object.keys(properties) : [];
}

/**
 * Visits every string inside a JSON value with its path. Guards against cycles and absurd depth, because
 * `validateSpec` accepts any value, not only parsed JSON.
 */
export function visitStrings(value: unknown, path: PathSegment[], visit: (text: string, path: PathSegment[]) => void): void {
	const seen = new Set<unknown>();
	const walk = (node: unknown, at: PathSegment[]): void => {
		if (typeof node === 'string') {
			visit(node, at);
			return;
		}
		if (typeof node !== 'object' || node === null || seen.has(node) || at.length > 64) return;
		seen.add(node);
		if (Array.isArray(node)) {
			for (const [index, child] of node.entries()) walk(child, [...at, index]);
		} else for (const [key, child] of Object.entries(node)) walk(child, [...at, key]);
	};
	walk(value, path);
}
