// Schema Registry, Catalog and Data Prep calls of the end-to-end check (docs/target-and-runs.md#schema-registry, docs/target-and-runs.md#catalog-datasets,
// docs/target-and-runs.md#data-prep-mapping-sets).
import {z} from 'zod';
import {
	batchSchema,
	datasetSchema,
	keyedSchema,
	mappingSetCreatedSchema,
	mappingSetSchema,
	statsSchema,
	xdmResourceSchema,
	type Batch,
	type Dataset,
	type MappingSet,
	type XdmResource,
} from './schemas.js';
import type {Transport} from './transport.js';

type Body = Record<string, unknown>;

/** `{CONTAINER_ID}/…/{id}` accepts the `meta:altId` or the URL-encoded `$id` (docs/target-and-runs.md#schema-registry). */
const registryPath = (kind: 'fieldgroups' | 'schemas', id: string) => `/tenant/${kind}/${encodeURIComponent(id)}`;

export function schemaRegistryApi(t: Transport) {
	const service = 'schemaregistry' as const;
	// Create and stats calls answer plain JSON; only lookups need the versioned xed Accept values of docs/target-and-runs.md#schema-registry.
	const create = (kind: 'fieldgroups' | 'schemas', body: Body): Promise<XdmResource> =>
		t.send({method: 'POST', service, path: `/tenant/${kind}`, body, accept: 'application/json', schema: xdmResourceSchema});
	return {
		/** `GET /stats` → `tenantId`, without the leading underscore. */
		tenantId: async (): Promise<string> => (await t.send({method: 'GET', service, path: '/stats', schema: statsSchema})).tenantId,
		createFieldGroup: (body: Body) => create('fieldgroups', body),
		createSchema: (body: Body) => create('schemas', body),
		deleteFieldGroup: (id: string): Promise<void> => t.send({method: 'DELETE', service, path: registryPath('fieldgroups', id)}),
		deleteSchema: (id: string): Promise<void> => t.send({method: 'DELETE', service, path: registryPath('schemas', id)}),
	};
}

const datasetPrefix = '@/dataSets/';
const datasetCreatedSchema = z
	.array(z.string())
	.refine(refs => refs.some(ref => ref.startsWith(datasetPrefix)), `expected ["${datasetPrefix}{id}"]`)
	.transform(refs => (refs.find(ref => ref.startsWith(datasetPrefix)) ?? '').slice(datasetPrefix.length));

export function catalogApi(t: Transport) {
	const service = 'catalog' as const;
	const datasetPath = (id: string) => `/dataSets/${encodeURIComponent(id)}`;
	return {
		/**
		 * Answers `["@/dataSets/{id}"]`; returns the bare id. A lost answer is recovered by the dataset's name (Catalog
		 * filters `GET /dataSets?name=…`), so give datasets unique names (docs/test-objects.md); without a match the
		 * POST was not processed and is sent again.
		 */
		createDataset(body: Body): Promise<string> {
			const request = {method: 'POST', service, path: '/dataSets', body, schema: datasetCreatedSchema} as const;
			const name = body['name'];
			if (typeof name !== 'string' || name === '') return t.send(request);
			const recover = async (): Promise<string | undefined> => {
				const keyed = await t.send({
					method: 'GET',
					service,
					path: '/dataSets',
					query: [
						['name', name],
						['properties', 'name,created'],
					],
					schema: keyedSchema(datasetSchema),
				});
				const matches = Object.entries(keyed).filter(([, dataset]) => dataset.name === name);
				const created = (entry: [string, unknown]) => Number((entry[1] as {created?: unknown}).created ?? 0);
				return matches.sort((a, b) => created(b) - created(a))[0]?.[0];
			};
			return t.send({...request, recover});
		},
		/** Lookups are keyed by id (docs/target-and-runs.md#catalog-datasets). */
		async getDataset(id: string): Promise<Dataset> {
			const keyed = keyedSchema(datasetSchema).refine(body => id in body, `expected the dataset keyed by "${id}"`);
			const body = await t.send({method: 'GET', service, path: datasetPath(id), schema: keyed});
			return {...(body[id] as z.infer<typeof datasetSchema>), id};
		},
		/** 200 with `["@/dataSets/{id}"]`, or `[]` when nothing matched; the body is not needed. */
		deleteDataset: (id: string): Promise<void> => t.send({method: 'DELETE', service, path: datasetPath(id)}),
		async batches(datasetId: string): Promise<Batch[]> {
			const body = await t.send({method: 'GET', service, path: '/batches', query: [['dataSet', datasetId]], schema: keyedSchema(batchSchema)});
			return Object.entries(body).map(([id, batch]) => ({...batch, id}));
		},
	};
}

export function dataPrepApi(t: Transport) {
	const service = 'conversion' as const;
	return {
		/** Documented as 200 `{id, version, …}` (docs/target-and-runs.md#data-prep-mapping-sets). */
		createMappingSet: async (body: Body): Promise<{id: string; version: number}> => {
			const created = await t.send({method: 'POST', service, path: '/mappingSets', body, schema: mappingSetCreatedSchema});
			return {...created, id: created.id, version: created.version};
		},
		getMappingSet: (id: string): Promise<MappingSet> =>
			t.send({method: 'GET', service, path: `/mappingSets/${encodeURIComponent(id)}`, schema: mappingSetSchema}),
	};
}
