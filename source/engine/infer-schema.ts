// A JSON-Schema-like description of records, in the shape of the explore preview (docs/flow-service.md#explore):
// integers carry the documented minimum/maximum bounds.

type Schema = Record<string, unknown>;
type Node = {types: Set<string>; properties?: Map<string, Node>; items?: Node};

export const integerBounds = {minimum: -9007199254740992, maximum: 9007199254740991} as const;

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function observe(node: Node, value: unknown): void {
	const kind = kindOf(value);
	if (kind === 'undefined' || kind === 'function' || kind === 'symbol' || kind === 'bigint') return;
	node.types.add(kind);
	if (kind === 'object') {
		node.properties ??= new Map();
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			let childNode = node.properties.get(key);
			if (!childNode) {
				childNode = {types: new Set()};
				node.properties.set(key, childNode);
			}
			observe(childNode, child);
		}
	} else if (kind === 'array') {
		node.items ??= {types: new Set()};
		for (const item of value as unknown[]) observe(node.items, item);
	}
}

/**
 * One type per field: integer+number widen to number; any other mix (or only nulls / an always-empty array's
 * items) falls back to string, the most forgiving choice for mapping to XDM.
 */
function resolveType(types: Set<string>): string {
	const kinds = [...types].filter(type => type !== 'null');
	if (kinds.length === 1) return kinds[0]!;
	if (kinds.length === 2 && kinds.includes('integer') && kinds.includes('number')) return 'number';
	return 'string';
}

function toSchema(node: Node): Schema {
	const type = resolveType(node.types);
	if (type === 'integer') return {type, ...integerBounds};
	if (type === 'object')
		return {type, properties: Object.fromEntries([...(node.properties ?? new Map<string, Node>())].map(([key, child]) => [key, toSchema(child)]))};
	if (type === 'array') return {type, items: toSchema(node.items ?? {types: new Set()})};
	return {type};
}

export function inferSchema(records: Record<string, unknown>[]): Record<string, unknown> {
	const root: Node = {types: new Set(['object']), properties: new Map()};
	for (const record of records) observe(root, record);
	return toSchema(root);
}
