import {collection, type SandboxContext} from './context.js';
import {inScope, isObject, scopedValues} from './entities.js';
import {problemError} from './errors.js';
import {newMappingSetId} from './ids.js';
import type {MappingEntry} from './mapping.js';
import {json, type Route, type SandboxRequest, type SandboxResponse} from './router.js';
import {schemaFor} from './schema-registry.js';
import type {Entity} from './state-store.js';
import {fieldAt} from './xdm.js';

// Data Prep mapping sets (docs/target-and-runs.md#data-prep-mapping-sets). Accepts the current shape (outputSchema + source/destination),
// the legacy one (xdmSchema + sourceAttribute/destinationXdmPath) and the hybrid. No error body is documented
// (docs/target-and-runs.md#error-bodies-of-the-other-services): the problem-details shape is an emulator choice.

const sourceTypes = ['ATTRIBUTE', 'EXPRESSION', 'STATIC'];

function bad(detail: string) {
	return problemError(400, 'Invalid mapping set', detail);
}

function normaliseEntries(body: Record<string, unknown>): MappingEntry[] {
	const mappings = body['mappings'];
	if (!Array.isArray(mappings) || mappings.length === 0) throw bad('mappings: must be a non-empty array of {sourceType, source, destination}.');
	const problems: string[] = [];
	const entries = mappings.map((raw, index) => {
		const entry = isObject(raw) ? raw : {};
		const source = entry['source'] ?? entry['sourceAttribute'];
		const destination = entry['destination'] ?? entry['destinationXdmPath'];
		const sourceType = String(entry['sourceType'] ?? 'ATTRIBUTE').toUpperCase();
		if (typeof source !== 'string' || source === '') problems.push(`mappings[${index}].source: must be a non-empty string (a path in the source record)`);
		if (typeof destination !== 'string' || destination === '') problems.push(`mappings[${index}].destination: must be a non-empty string (an XDM path)`);
		if (!sourceTypes.includes(sourceType)) problems.push(`mappings[${index}].sourceType: must be one of ${sourceTypes.join(', ')}`);
		return {sourceType, source: String(source), destination: String(destination)};
	});
	if (problems.length > 0) throw bad(problems.join('; '));
	return entries;
}

function create(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const body = request.body;
	if (!isObject(body)) throw bad('Request body must be a JSON object: the mapping set.');
	const outputRef = isObject(body['outputSchema']) && isObject(body['outputSchema']['schemaRef']) ? body['outputSchema']['schemaRef'] : undefined;
	const schemaId = outputRef?.['id'] ?? body['xdmSchema'];
	if (typeof schemaId !== 'string' || schemaId === '') throw bad('outputSchema.schemaRef.id (or legacy xdmSchema) is required: the target schema $id.');
	const target = schemaFor(context, schemaId, request.caller);
	if (!target) throw bad(`Schema ${schemaId} was not found in this sandbox.`);
	const entries = normaliseEntries(body);
	const unknown = entries.map((entry, index) => ({entry, index})).filter(({entry}) => !fieldAt(target.resolved, entry.destination));
	if (unknown.length > 0) {
		throw bad(
			unknown
				.map(({entry, index}) => `mappings[${index}].destination: "${entry.destination}" is not a field of schema ${String(target.schema['$id'])}`)
				.join('; '),
		);
	}
	const now = Date.now();
	const contentType = String(outputRef?.['contentType'] ?? 'application/vnd.adobe.xed-full+json;version=1');
	const schemaRef = {id: target.schema['$id'], contentType};
	const header = {id: newMappingSetId(), version: 0, createdDate: now, modifiedDate: now, createdBy: request.caller.userId, modifiedBy: request.caller.userId};
	const entity: Entity = {
		...header,
		imsOrgId: request.caller.orgId,
		sandboxName: request.caller.sandboxName,
		status: 'PUBLISHED',
		strictMapping: false,
		allowNullValues: false,
		xdmVersion: String(body['xdmVersion'] ?? '1.0'),
		schemaRef,
		xdmSchema: target.schema['$id'],
		outputSchema: {schemaRef},
		mappings: entries.map(entry => ({
			...header,
			id: newMappingSetId(),
			sourceType: entry.sourceType,
			source: entry.source,
			destination: entry.destination,
			identity: false,
			primaryIdentity: false,
			sourceAttribute: entry.source,
			destinationXdmPath: entry.destination,
		})),
	};
	collection(context, 'mappingSets').put(entity);
	// Documented as HTTP 200, not 201 (docs/target-and-runs.md#data-prep-mapping-sets).
	return json(200, header);
}

function present(entity: Entity): Record<string, unknown> {
	const {imsOrgId: _org, sandboxName: _sandbox, ...rest} = entity;
	return rest;
}

export function mappingEntriesOf(mappingSet: Entity): MappingEntry[] {
	return (mappingSet['mappings'] as Record<string, unknown>[]).map(entry => ({
		sourceType: String(entry['sourceType']),
		source: String(entry['source']),
		destination: String(entry['destination']),
	}));
}

function getOne(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const entity = collection(context, 'mappingSets').get(request.params['id']!);
	if (!entity || !inScope(entity, request.caller)) throw problemError(404, 'Not Found', `Mapping set ${request.params['id']} was not found.`);
	return json(200, present(entity));
}

function list(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const limit = Number(request.query.get('limit') ?? '50');
	const start = Number(request.query.get('start') ?? '0');
	const all = scopedValues(collection(context, 'mappingSets'), request.caller);
	return json(200, {data: all.slice(start, start + limit).map(present), _page: {count: all.length, limit}});
}

export function dataPrepRoutes(): Route[] {
	return [
		{method: 'POST', pattern: '/mappingSets', handler: create, needsBody: true},
		{method: 'GET', pattern: '/mappingSets', handler: list},
		{method: 'GET', pattern: '/mappingSets/:id', handler: getOne},
	];
}
