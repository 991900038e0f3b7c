import {serverOwnedFields} from '../connection-spec/constants.js';
import {flowError} from './errors.js';
import type {Entity} from './state-store.js';

// List query parameters of docs/flow-service.md#conventions (help/dataflows/api/sort-and-filter.md): `property` filters
// (repeat = AND, comma list = any-of, nested and `[]` array paths), `orderby`, `limit` + `continuationToken`, `count`.

type Filter = {path: string[]; operator: string; values: string[]};

const operatorPattern = /^(.+?)(==|!=|>=|<=|>|<|~|!>)(.*)$/;

function parseFilter(expression: string): Filter {
	const match = operatorPattern.exec(expression);
	if (!match)
		throw flowError('1451-400', `Invalid query parameter property=${expression}: expected <path><operator><value>, e.g. property=name==RestStorageToAEP.`);
	const [, rawPath, operator, rawValue] = match as unknown as [string, string, string, string];
	if (operator === '~' || operator === '!>') throw flowError('1440-400', `Filter operator ${operator} is not implemented.`);
	if (rawValue === '') throw flowError('1453-400', `Invalid query value in property=${expression}: a value is required after ${operator}.`);
	const values = rawValue.split(',').map(value => value.trim().replace(/^"(.*)"$/, '$1'));
	if (values.length > 1 && operator !== '==' && operator !== '!=') {
		throw flowError('1443-400', `Operator ${operator} is not allowed with multiple values (property=${expression}).`);
	}
	return {path: rawPath.trim().split('.'), operator, values};
}

/** Every value reached by a path; `name[]` and plain arrays fan out over their members. */
function valuesAt(node: unknown, path: string[]): unknown[] {
	if (path.length === 0) return Array.isArray(node) ? node : [node];
	if (Array.isArray(node)) return node.flatMap(member => valuesAt(member, path));
	if (!node || typeof node !== 'object') return [];
	const [head, ...rest] = path as [string, ...string[]];
	const key = head.endsWith('[]') ? head.slice(0, -2) : head;
	return valuesAt((node as Record<string, unknown>)[key], rest);
}

function compare(actual: unknown, operator: string, expected: string): boolean {
	if (actual === undefined || actual === null) return false;
	const text = typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
	const numeric = typeof actual === 'number' || (text.trim() !== '' && !Number.isNaN(Number(text)));
	const bothNumeric = numeric && expected.trim() !== '' && !Number.isNaN(Number(expected));
	switch (operator) {
		case '==':
			// Status values are compared case-insensitively (docs/target-and-runs.md#runs: `status==Failed`).
			return text === expected || text.toLowerCase() === expected.toLowerCase();
		case '!=':
			return text !== expected;
		default: {
			const a = bothNumeric ? Number(text) : text;
			const b = bothNumeric ? Number(expected) : expected;
			if (operator === '>') return a > b;
			if (operator === '<') return a < b;
			if (operator === '>=') return a >= b;
			return a <= b;
		}
	}
}

function matches(entity: Entity, filter: Filter): boolean {
	const found = valuesAt(entity, filter.path);
	if (filter.operator === '!=') return found.every(value => filter.values.every(expected => compare(value, '!=', expected)));
	return found.some(value => filter.values.some(expected => compare(value, filter.operator, expected)));
}

export function applyPropertyFilters(entities: Entity[], query: URLSearchParams): Entity[] {
	const filters = query.getAll('property').map(parseFilter);
	return entities.filter(entity => filters.every(filter => matches(entity, filter)));
}

function applyOrder(entities: Entity[], orderby: string | null): Entity[] {
	if (!orderby) return entities;
	const match = /^([+-]?)([\w.]+)$/.exec(orderby.trim());
	if (!match) throw flowError('1432-400', `Invalid sort order ${orderby}: use a field name with an optional + or - prefix, e.g. orderby=-createdAt.`);
	const direction = match[1] === '-' ? -1 : 1;
	const path = match[2]!.split('.');
	const key = (entity: Entity) => valuesAt(entity, path)[0] as string | number | undefined;
	return [...entities].sort((left, right) => {
		const a = key(left);
		const b = key(right);
		if (a === b) return 0;
		if (a === undefined) return 1;
		if (b === undefined) return -1;
		return (a < b ? -1 : 1) * direction;
	});
}

const listParameters = ['property', 'orderby', 'limit', 'count', 'continuationToken', 'start'];

/** Fields every list may filter or sort on, whether or not an item has them (docs/sandbox-fidelity.md "Lists"). */
const documentedFields = new Set([
	'id',
	'name',
	'description',
	...serverOwnedFields,
	'version',
	'state',
	'connectionSpec',
	'auth',
	'params',
	'data',
	'baseConnectionId',
	'flowSpec',
	'sourceConnectionIds',
	'targetConnectionIds',
	'transformations',
	'scheduleParams',
	'inheritedAttributes',
	'lastRunDetails',
	'lastOperation',
	'flowId',
	'metrics',
	'activities',
	'labels',
	'options',
	'providerId',
	'type',
	'attributes',
	'authSpec',
	'sourceSpec',
	'exploreSpec',
	'permissionsInfo',
	'sourceConnectionSpecIds',
	'targetConnectionSpecIds',
	'transformationSpecs',
	'scheduleSpec',
	'runs',
	'items',
]);

/** Unknown query parameters answer 1451-400; filters and sort keys on fields no item has, 1449-400 / 1433-400. */
function checkQuery(query: URLSearchParams, items: Record<string, unknown>[]): void {
	for (const name of query.keys()) {
		if (!listParameters.includes(name))
			throw flowError('1451-400', `Invalid query parameter ${name}: lists take ${listParameters.join(', ')} (e.g. property=flowId==…).`);
	}
	const known = (field: string) => documentedFields.has(field) || items.some(item => field in item);
	for (const expression of query.getAll('property')) {
		const field = parseFilter(expression).path[0]!.replace(/\[\]$/, '');
		if (!known(field)) throw flowError('1449-400', `Invalid field in filter params: ${field} (property=${expression}) is not a field of these items.`);
	}
	const orderby = query.get('orderby');
	const sortField = orderby?.trim().replace(/^[+-]/, '').split('.')[0];
	if (sortField && !known(sortField)) throw flowError('1433-400', `Invalid field in orderby: ${sortField} is not a field of these items.`);
}

/**
 * A list answer: `{items, _links}` or `{count}` (docs/flow-service.md#conventions). Filters and sorting apply to the items as
 * presented, so the computed fields (`inheritedAttributes.…`, `lastRunDetails.…`) can be filtered on.
 */
export function listResponse(entities: Entity[], query: URLSearchParams, present: (entity: Entity) => unknown, basePath: string): unknown {
	if (query.has('limit') && query.get('count') === 'true') throw flowError('1401-400', 'limit and count cannot be used together.');
	const presented = entities.map(entity => present(entity) as Entity);
	checkQuery(query, presented);
	const filtered = applyPropertyFilters(presented, query);
	if (query.get('count') === 'true') return {count: filtered.length};
	const ordered = applyOrder(filtered, query.get('orderby'));
	const start = decodeToken(query.get('continuationToken'));
	const limit = query.has('limit') ? Number(query.get('limit')) : undefined;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
		throw flowError('1452-400', `Invalid value for limit: ${query.get('limit')} (a positive integer is required).`);
	const page = limit === undefined ? ordered.slice(start) : ordered.slice(start, start + limit);
	const links: Record<string, unknown> = {};
	if (limit !== undefined && start + limit < ordered.length) {
		const next = new URLSearchParams(query);
		next.set('continuationToken', Buffer.from(String(start + limit)).toString('base64url'));
		links['next'] = {href: `${basePath}?${next.toString()}`};
	}
	return {items: page, _links: links};
}

function decodeToken(token: string | null): number {
	if (!token) return 0;
	const offset = Number(Buffer.from(token, 'base64url').toString());
	if (!Number.isInteger(offset) || offset < 0) throw flowError('1451-400', 'Invalid continuationToken: pass the value from _links.next unchanged.');
	return offset;
}
