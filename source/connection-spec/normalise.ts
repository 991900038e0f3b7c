// Paste-safe import: rewrites the known spelling variants of the docs (docs/connection-spec.md#beta-era-specs, docs/README.md#where-adobes-docs-disagree) into
// the canonical
// instance form, and reports each rewrite as a warning at the path where it happened. Copy-on-write: the input is
// never modified, untouched branches are shared, and renamed keys keep their position.
import {authTypes, paginationTypes} from './constants.js';
import {finding, type Finding, type PathSegment} from './findings.js';
import {isObject, type JsonObject} from './json.js';

type Report = (path: PathSegment[], rule: string, message: string, hint: string) => void;

export function normaliseSpec(input: unknown): {spec: unknown; findings: Finding[]} {
	const findings: Finding[] = [];
	if (!isObject(input)) return {spec: input, findings};
	const report: Report = (path, rule, message, hint) => findings.push(finding('warning', path, rule, message, hint));
	let spec = updateKey(input, 'authSpec', auth => normaliseAuthSpecs(auth, report));
	spec = updateKey(spec, 'sourceSpec', source =>
		isObject(source) ? updateKey(source, 'attributes', attributes => normaliseAttributes(attributes, report)) : source,
	);
	return {spec, findings};
}

/** Returns `object` with `key` replaced by `change(value)`, or `object` itself when nothing changed. */
function updateKey(object: JsonObject, key: string, change: (value: unknown) => unknown): JsonObject {
	if (!Object.hasOwn(object, key)) return object;
	const before = object[key];
	const after = change(before);
	return after === before ? object : {...object, ...Object.fromEntries([[key, after]])};
}

/** Renames a key in place (same position); undefined when `from` is absent or `to` already exists. */
function renameKey(object: JsonObject, from: string, to: string): JsonObject | undefined {
	if (!Object.hasOwn(object, from) || Object.hasOwn(object, to)) return undefined;
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));
}

const compact = (text: string): string => text.toLowerCase().replace(/[\s_-]/g, '');

/** The canonical enum value a case/spelling variant stands for (`offset` → `OFFSET`, `oAuth2-refresh-code` → `OAuth2RefreshCode`). */
function canonical(value: unknown, allowed: readonly string[]): string | undefined {
	if (typeof value !== 'string' || allowed.includes(value)) return undefined;
	return allowed.find(option => compact(option) === compact(value));
}

function normaliseAuthSpecs(value: unknown, report: Report): unknown {
	if (!Array.isArray(value)) return value;
	let changed = false;
	const out = value.map((entry: unknown, index) => {
		if (!isObject(entry)) return entry;
		const type = canonical(entry['type'], authTypes);
		if (!type) return entry;
		changed = true;
		report(
			['authSpec', index, 'type'],
			'auth-spec-type',
			`Auth type "${String(entry['type'])}" is an older or differently cased spelling; it was read as "${type}".`,
			`Write "type": "${type}". Allowed auth types: ${authTypes.join(', ')}.`,
		);
		return {...entry, type};
	});
	return changed ? out : value;
}

function normaliseAttributes(value: unknown, report: Report): unknown {
	if (!isObject(value)) return value;
	const base: PathSegment[] = ['sourceSpec', 'attributes'];
	let attributes = updateKey(value, 'urlParams', urlParams => normaliseUrlParams(urlParams, report));
	for (const key of ['headerParams', 'bodyParams']) {
		attributes = updateKey(attributes, key, params => replaceDoubleBraces(params, [...base, key], report));
	}
	for (const key of ['contentPath', 'explodeEntityPath']) {
		attributes = updateKey(attributes, key, flatten => {
			if (typeof flatten !== 'string') return flatten;
			report(
				[...base, key],
				key === 'contentPath' ? 'content-path' : 'explode-entity-path',
				`${key} is a plain string (older docs); it was read as {"path": ${JSON.stringify(flatten)}}.`,
				`Write "${key}": {"path": ${JSON.stringify(flatten)}} — the object form also takes skipAttributes, keepAttributes and overrideWrapperAttribute.`,
			);
			return {path: flatten};
		});
	}
	attributes = updateKey(attributes, 'paginationParams', pagination => normalisePagination(pagination, report));
	attributes = updateKey(attributes, 'scheduleParams', schedule => {
		if (!isObject(schedule) || typeof schedule['type'] !== 'string' || schedule['type'] === 'ADVANCE' || schedule['type'].toUpperCase() !== 'ADVANCE')
			return schedule;
		report(
			[...base, 'scheduleParams', 'type'],
			'schedule-advance',
			`Schedule type "${schedule['type']}" was read as "ADVANCE".`,
			'Write "type": "ADVANCE" in upper case.',
		);
		return {...schedule, type: 'ADVANCE'};
	});
	return attributes;
}

function normaliseUrlParams(value: unknown, report: Report): unknown {
	if (!isObject(value)) return value;
	const base: PathSegment[] = ['sourceSpec', 'attributes', 'urlParams'];
	let urlParams = value;
	for (const beta of ['hostname', 'hostName']) {
		const renamed = renameKey(urlParams, beta, 'host');
		if (!renamed) continue;
		urlParams = renamed;
		report([...base, beta], 'beta-spelling', `"${beta}" is the beta spelling of "host"; it was read as urlParams.host.`, 'Rename the key to "host".');
	}
	for (const key of ['host', 'path', 'queryParams']) {
		urlParams = updateKey(urlParams, key, part => replaceDoubleBraces(part, [...base, key], report));
	}
	return urlParams;
}

function normalisePagination(value: unknown, report: Report): unknown {
	if (!isObject(value)) return value;
	const base: PathSegment[] = ['sourceSpec', 'attributes', 'paginationParams'];
	let pagination = value;
	const type = canonical(pagination['type'], paginationTypes);
	if (type) {
		report(
			[...base, 'type'],
			'pagination-type',
			`Pagination type "${String(pagination['type'])}" was read as "${type}".`,
			`Pagination types are upper case: ${paginationTypes.join(', ')}.`,
		);
		pagination = {...pagination, type};
	}
	const renamed = renameKey(pagination, 'offsetName', 'offSetName');
	if (renamed) {
		report(
			[...base, 'offsetName'],
			'pagination-offset',
			'"offsetName" is spelled "offSetName" (capital S) in every documented example and field table; it was renamed.',
			'Rename the key to "offSetName".',
		);
		pagination = renamed;
	}
	return pagination;
}

/** `{{NAME}}` (beta template syntax, docs/connection-spec.md#placeholders) → `${NAME}` in every string of a value, with one warning per string. */
function replaceDoubleBraces(value: unknown, path: PathSegment[], report: Report): unknown {
	const seen = new Set<unknown>();
	const walk = (node: unknown, at: PathSegment[]): unknown => {
		if (typeof node === 'string') {
			if (!node.includes('{{')) return node;
			const replaced = node.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_match, name: string) => `\${${name}}`);
			if (replaced !== node)
				report(
					at,
					'placeholder-syntax',
					`"{{…}}" is the beta placeholder syntax; ${JSON.stringify(node)} was read as ${JSON.stringify(replaced)}.`,
					'Write placeholders as ${name}.',
				);
			return replaced;
		}
		if (typeof node !== 'object' || node === null || seen.has(node) || at.length > 64) return node;
		seen.add(node);
		if (Array.isArray(node)) {
			const out = node.map((child: unknown, index) => walk(child, [...at, index]));
			return out.some((child, index) => child !== node[index]) ? out : node;
		}
		let out = node as JsonObject;
		for (const key of Object.keys(node)) out = updateKey(out, key, child => walk(child, [...at, key]));
		return out;
	};
	return walk(value, path);
}
