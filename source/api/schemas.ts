// Response shapes, parsed once at the edge. Loose objects: fields we do not name survive untouched, and a field we
// rely on that is missing or of the wrong type fails with the call and the field path (transport.parseBody).
import {z} from 'zod';

const id = z.string().min(1);
const specRef = z.looseObject({id, version: z.string().optional()});

/** A connection spec as stored (docs/connection-spec.md#a-complete-example): request fields plus server fields. */
export const storedSpecSchema = z.looseObject({
	id,
	name: z.string(),
	providerId: z.string().optional(),
	version: z.string().optional(),
	createdAt: z.number().optional(),
	updatedAt: z.number().optional(),
});
export type StoredSpec = z.infer<typeof storedSpecSchema>;

/** RestStorageToAEP and friends (docs/flow-spec.md#fields, docs/flow-spec.md#put-the-flow-spec). */
export const flowSpecSchema = z.looseObject({
	id,
	name: z.string(),
	providerId: z.string().optional(),
	sourceConnectionSpecIds: z.array(z.string()),
	targetConnectionSpecIds: z.array(z.string()).optional(),
});
export type FlowSpec = z.infer<typeof flowSpecSchema>;

/** 201 of POST /connections, /sourceConnections, /targetConnections, /flows (docs/flow-service.md#conventions). */
export const createdSchema = z.looseObject({id, etag: z.string()});
export type Created = z.infer<typeof createdSchema>;

/** POST /runs: the on-demand ingestion page answers `{items: [{id, etag}]}`, the OpenAPI `{id, etag}`; both are read. */
export const createdRunSchema = z.union([createdSchema, z.looseObject({items: z.tuple([createdSchema])}).transform(body => body.items[0])]);

export const connectionSchema = z.looseObject({
	id,
	name: z.string().optional(),
	connectionSpec: specRef,
	state: z.string().optional(),
	auth: z.looseObject({specName: z.string().optional(), params: z.record(z.string(), z.unknown()).optional()}).optional(),
	etag: z.string().optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const sourceConnectionSchema = z.looseObject({
	id,
	baseConnectionId: z.string().optional(),
	connectionSpec: specRef,
	params: z.record(z.string(), z.unknown()).optional(),
	state: z.string().optional(),
	etag: z.string().optional(),
});
export type SourceConnection = z.infer<typeof sourceConnectionSchema>;

export const targetConnectionSchema = z.looseObject({
	id,
	connectionSpec: specRef,
	params: z.looseObject({dataSetId: z.string().optional()}).optional(),
	state: z.string().optional(),
	etag: z.string().optional(),
});
export type TargetConnection = z.infer<typeof targetConnectionSchema>;

export const flowSchema = z.looseObject({
	id,
	name: z.string().optional(),
	flowSpec: specRef,
	state: z.string().optional(),
	sourceConnectionIds: z.array(z.string()),
	targetConnectionIds: z.array(z.string()),
	etag: z.string().optional(),
	lastRunDetails: z.looseObject({id: z.string().optional(), state: z.string().optional()}).optional(),
});
export type Flow = z.infer<typeof flowSchema>;

const countSummary = z.looseObject({}).optional();
/** A flow run (docs/target-and-runs.md#runs; docs/target-and-runs.md#runs). Status values vary in case; compare case-insensitively. */
export const runSchema = z.looseObject({
	id,
	flowId: z.string().optional(),
	createdAt: z.number().optional(),
	metrics: z
		.looseObject({
			durationSummary: z.looseObject({startedAtUTC: z.number().optional(), completedAtUTC: z.number().optional()}).optional(),
			recordSummary: z
				.looseObject({inputRecordCount: z.number().optional(), outputRecordCount: z.number().optional(), failedRecordCount: z.number().optional()})
				.optional(),
			sizeSummary: countSummary,
			fileSummary: countSummary,
			statusSummary: z
				.looseObject({
					status: z.string().optional(),
					errors: z.array(z.looseObject({code: z.string().optional(), message: z.string().optional()})).optional(),
				})
				.optional(),
		})
		.optional(),
	activities: z.array(z.looseObject({id: z.string().optional()})).optional(),
});
export type Run = z.infer<typeof runSchema>;

/** `GET /{collection}/{id}` answers `{items: [one]}` (docs/flow-service.md#conventions). */
export function oneItem<T extends z.ZodType>(item: T) {
	return z.looseObject({items: z.array(item).min(1, 'expected one item, got none')}).transform(body => body.items[0] as z.infer<T>);
}

export function itemList<T extends z.ZodType>(item: T) {
	return z.looseObject({items: z.array(item)}).transform(body => body.items);
}

export const exploreSchema = z.looseObject({
	format: z.string().optional(),
	schema: z.unknown().optional(),
	data: z.array(z.record(z.string(), z.unknown())),
});
export type ExploreResult = z.infer<typeof exploreSchema>;

export const testResultSchema = z.looseObject({result: z.boolean()});

/** Schema Registry create answers (docs/target-and-runs.md#schema-registry). */
export const xdmResourceSchema = z.looseObject({$id: z.string().min(1), 'meta:altId': z.string().min(1), version: z.string()});
export type XdmResource = z.infer<typeof xdmResourceSchema>;

export const statsSchema = z.looseObject({tenantId: z.string().min(1)});

/** Catalog create/delete answer: `["@/dataSets/{id}"]` (docs/target-and-runs.md#catalog-datasets). */
export const datasetRefsSchema = z.array(z.string());

export const datasetSchema = z.looseObject({
	name: z.string().optional(),
	schemaRef: z.looseObject({id: z.string(), contentType: z.string().optional()}).optional(),
});
export type Dataset = z.infer<typeof datasetSchema> & {id: string};

/** Catalog lookups are keyed by id: `{"<id>": {...}}`. */
export const keyedSchema = <T extends z.ZodType>(item: T) => z.record(z.string(), item);

export const batchSchema = z.looseObject({status: z.string().optional(), recordCount: z.number().optional()});
export type Batch = z.infer<typeof batchSchema> & {id: string};

/** Data Prep create answer (docs/target-and-runs.md#data-prep-mapping-sets): documented as 200 with id and an integer version. */
export const mappingSetCreatedSchema = z.looseObject({id: z.string().min(1), version: z.coerce.number()});
export const mappingSetSchema = z.looseObject({id: z.string().min(1)});
export type MappingSet = z.infer<typeof mappingSetSchema>;

export const imsTokenSchema = z.looseObject({access_token: z.string().min(1), expires_in: z.coerce.number().positive()});
