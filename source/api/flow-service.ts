// Flow Service endpoints (docs/flow-service.md; docs/flow-service.md#explore, docs/flow-service.md#source-connections, docs/flow-service.md#target-connections,
// docs/flow-service.md#dataflows, docs/target-and-runs.md#runs).
import {
	connectionSchema,
	createdRunSchema,
	createdSchema,
	exploreSchema,
	flowSchema,
	flowSpecSchema,
	itemList,
	oneItem,
	runSchema,
	sourceConnectionSchema,
	storedSpecSchema,
	targetConnectionSchema,
	testResultSchema,
	type Connection,
	type Created,
	type ExploreResult,
	type Flow,
	type FlowSpec,
	type Run,
	type SourceConnection,
	type StoredSpec,
	type TargetConnection,
} from './schemas.js';
import {z} from 'zod';
import type {HttpRequest, Transport} from './transport.js';

type Body = Record<string, unknown>;
const service = 'flowservice' as const;
const path = (collection: string, id: string) => `/${collection}/${encodeURIComponent(id)}`;

export function connectionSpecsApi(t: Transport) {
	const findByName = async (name: string): Promise<StoredSpec[]> => {
		// docs/flow-service.md#connection-specs: `property=name==…`. The value is sent unquoted (the documented form); the exact-name filter below keeps
		// us correct if the service matches loosely or ignores the filter.
		const items = await t.send({method: 'GET', service, path: '/connectionSpecs', query: [['property', `name==${name}`]], schema: itemList(storedSpecSchema)});
		return items.filter(spec => spec.name === name);
	};
	return {
		findByName,
		get: (id: string) => t.send({method: 'GET', service, path: path('connectionSpecs', id), schema: oneItem(storedSpecSchema)}),
		update: (id: string, spec: Body) => t.send({method: 'PUT', service, path: path('connectionSpecs', id), body: spec, schema: storedSpecSchema}),
		/**
		 * POST is not idempotent, yet a lost answer must not leave two specs behind. The ids already carrying this
		 * name are noted first; after an ambiguous failure a spec with the name that was not there before is ours.
		 */
		async create(spec: Body): Promise<StoredSpec> {
			const request: HttpRequest<StoredSpec> = {method: 'POST', service, path: '/connectionSpecs', body: spec, schema: storedSpecSchema};
			const name = spec['name'];
			if (typeof name !== 'string' || name === '') return t.send(request);
			const before = new Set((await findByName(name)).map(s => s.id));
			const recover = async () => {
				const created = (await findByName(name)).filter(s => !before.has(s.id));
				return created.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
			};
			return t.send({...request, recover});
		},
	};
}

export function flowSpecsApi(t: Transport) {
	return {
		get: (id: string): Promise<FlowSpec> => t.send({method: 'GET', service, path: path('flowSpecs', id), schema: oneItem(flowSpecSchema)}),
		/** Full-body replace (docs/flow-spec.md#put-the-flow-spec); no If-Match is documented (docs/README.md#choices-where-adobes-docs-are-silent). */
		put: (id: string, body: Body): Promise<FlowSpec> => t.send({method: 'PUT', service, path: path('flowSpecs', id), body, schema: flowSpecSchema}),
	};
}

/**
 * create/get/delete of one Flow Service collection. POSTs answer {id, etag} (docs/flow-service.md#conventions) and are never blindly repeated:
 * when the answer is lost after the service may have acted (5xx, timeout, dropped connection), the object is looked
 * up by its name (`property=name==…`) and, if there, returned as if the POST had answered. Callers that create
 * objects give them unique names for this (the end-to-end check stamps each name with its run; docs/test-objects.md).
 * When nothing carries the name, the POST was not processed and is sent again.
 */
function collectionApi<T>(t: Transport, collection: string, item: Parameters<typeof oneItem>[0]) {
	const listed = z.looseObject({id: z.string(), name: z.string().optional(), etag: z.string().optional(), createdAt: z.number().optional()});
	const findByName = async (name: string) => {
		const items = await t.send({method: 'GET', service, path: `/${collection}`, query: [['property', `name==${name}`]], schema: itemList(listed)});
		return items.filter(each => each.name === name).sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
	};
	return {
		create(body: Body): Promise<Created> {
			const request: HttpRequest<Created> = {method: 'POST', service, path: `/${collection}`, body, schema: createdSchema};
			const name = body['name'];
			if (typeof name !== 'string' || name === '') return t.send(request);
			const recover = async (): Promise<Created | undefined> => {
				const [found] = await findByName(name);
				return found ? {id: found.id, etag: found.etag ?? ''} : undefined;
			};
			return t.send({...request, recover});
		},
		get: (id: string): Promise<T> => t.send({method: 'GET', service, path: path(collection, id), schema: oneItem(item)}) as Promise<T>,
		delete: (id: string): Promise<void> => t.send({method: 'DELETE', service, path: path(collection, id)}),
	};
}

const toBase64Json = (value: Record<string, unknown>) => Buffer.from(JSON.stringify(value)).toString('base64');

export function connectionsApi(t: Transport) {
	return {
		...collectionApi<Connection>(t, 'connections', connectionSchema),
		/** docs/flow-service.md#testing-a-base-connection: `{result: boolean}`. */
		test: async (id: string): Promise<boolean> =>
			(await t.send({method: 'GET', service, path: `${path('connections', id)}/test`, schema: testResultSchema})).result,
		/** docs/flow-service.md#explore: REST explore; `sourceParams` travels as base64 JSON and is omitted when empty. */
		explore(id: string, sourceParams: Record<string, unknown>): Promise<ExploreResult> {
			const query: [string, string][] = [
				['objectType', 'rest'],
				['object', 'json'],
				['fileType', 'json'],
				['preview', 'true'],
			];
			if (Object.keys(sourceParams).length > 0) query.push(['sourceParams', toBase64Json(sourceParams)]);
			return t.send({method: 'GET', service, path: `${path('connections', id)}/explore`, query, schema: exploreSchema});
		},
	};
}

export function sourceConnectionsApi(t: Transport) {
	return collectionApi<SourceConnection>(t, 'sourceConnections', sourceConnectionSchema);
}

export function targetConnectionsApi(t: Transport) {
	return collectionApi<TargetConnection>(t, 'targetConnections', targetConnectionSchema);
}

/** Filters as `{path: value}` become `property=path==value`, ANDed (docs/flow-service.md#conventions). */
export type FlowFilters = Record<string, string>;

export function flowsApi(t: Transport) {
	return {
		...collectionApi<Flow>(t, 'flows', flowSchema),
		list: (filters: FlowFilters = {}): Promise<Flow[]> =>
			t.send({
				method: 'GET',
				service,
				path: '/flows',
				query: Object.entries(filters).map(([key, value]): [string, string] => ['property', `${key}==${value}`]),
				schema: itemList(flowSchema),
			}),
	};
}

export function runsApi(t: Transport) {
	return {
		/** docs/target-and-runs.md#runs; the first page only (a test flow has a handful of runs). */
		listForFlow: (flowId: string): Promise<Run[]> =>
			t.send({method: 'GET', service, path: '/runs', query: [['property', `flowId==${flowId}`]], schema: itemList(runSchema)}),
		get: (id: string): Promise<Run> => t.send({method: 'GET', service, path: path('runs', id), schema: oneItem(runSchema)}),
		/**
		 * docs/target-and-runs.md#runs: an ad hoc run of a `once` flow; 201. The docs answer the created run, the OpenAPI `{id, etag}`: only
		 * `id` is read. Not repeated blindly (a POST); a lost answer leaves at most one extra run of a test flow.
		 */
		create: (body: {flowId: string; params: {startTime?: number; windowStartTime: number; windowEndTime: number}}): Promise<Created> =>
			t.send({method: 'POST', service, path: '/runs', body, schema: createdRunSchema}),
	};
}
