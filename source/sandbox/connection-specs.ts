import {validateSpec} from '../connection-spec/index.js';
import {collection, type SandboxContext} from './context.js';
import {createdFields, isObject, stampCaller, updatedFields, withoutReadOnly} from './entities.js';
import {flowError, notFound} from './errors.js';
import {newUuid} from './ids.js';
import {listResponse} from './list-query.js';
import {json, type Route, type SandboxRequest} from './router.js';
import type {Entity} from './state-store.js';
import {dataLakeTargetSpecId, documentedSourceSpecIds, restProviderId} from './flow-spec-seed.js';

// Connection specs (docs/flow-service.md#connection-specs): global store, caller's sandbox stamped on answers
// (docs/flow-service.md#how-the-sandbox-models-state).

/** Validates with the same rules the wizard uses; errors → 400 listing `path: message` each (docs/flow-service.md#error-envelope Recommendation). */
function validated(body: unknown): Record<string, unknown> {
	if (!isObject(body)) throw flowError('1405-400', 'Request body must be a JSON object: the connection spec.');
	const fields = withoutReadOnly(body);
	delete fields['id'];
	const result = validateSpec(fields);
	if (!result.valid) {
		throw flowError('1452-400', `Invalid connection spec: ${result.errors.map(finding => `${finding.path}: ${finding.message}`).join('; ')}`);
	}
	return fields;
}

/**
 * Adobe's own catalogue entries a user looks up (docs/sandbox-fidelity.md "Standard XDM and catalogue entries"):
 * the data-lake target connection spec every source dataflow writes through, and the source specs RestStorageToAEP
 * lists. Their full contents are not public; the sandbox answers their identity, read-only.
 */
const catalogueSpecs: Entity[] = [
	{
		id: dataLakeTargetSpecId,
		name: 'Data Lake',
		providerId: restProviderId,
		version: '1.0',
		attributes: {isSource: false, isDestination: true},
		targetSpec: {
			name: 'Target',
			type: 'Target',
			spec: {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {dataSetId: {type: 'string'}}, required: ['dataSetId']},
		},
		createdAt: 0,
		updatedAt: 0,
	},
	...documentedSourceSpecIds.map(id => ({
		id,
		name: `Adobe catalogue source ${id.slice(0, 8)}`,
		description: 'Listed in the RestStorageToAEP flow spec; its contents are not public.',
		providerId: restProviderId,
		version: '1.0',
		attributes: {isSource: true},
		createdAt: 0,
		updatedAt: 0,
	})),
];

function specById(context: SandboxContext, id: string): Entity | undefined {
	return collection(context, 'connectionSpecs').get(id) ?? catalogueSpecs.find(spec => spec.id === id);
}

function location(context: SandboxContext, id: string): Record<string, string> {
	return {Location: `${context.baseUrl()}/data/foundation/flowservice/connectionSpecs/${id}`};
}

function create(request: SandboxRequest, context: SandboxContext) {
	const fields = validated(request.body);
	const id = newUuid();
	const entity: Entity = {id, ...createdFields(request.caller), ...fields};
	collection(context, 'connectionSpecs').put(entity);
	return json(201, stampCaller(entity, request.caller), location(context, id));
}

function replace(request: SandboxRequest, context: SandboxContext) {
	const id = request.params['id']!;
	const existing = collection(context, 'connectionSpecs').get(id);
	if (!existing) throw notFound('connectionSpecs', id);
	if (isObject(request.body) && request.body['id'] !== undefined && request.body['id'] !== id) {
		throw flowError('1413-400', `The spec id in the body (${String(request.body['id'])}) does not match the path id ${id}.`);
	}
	const fields = validated(request.body);
	const keep = {createdAt: existing['createdAt'], createdBy: existing['createdBy'], createdClient: existing['createdClient']};
	const entity: Entity = {
		id,
		...createdFields(request.caller),
		...keep,
		...updatedFields(request.caller, Math.max(Date.now(), Number(existing['updatedAt']) + 1)),
		...fields,
	};
	collection(context, 'connectionSpecs').put(entity);
	return json(200, stampCaller(entity, request.caller));
}

export function connectionSpecRoutes(): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/connectionSpecs',
			handler: (request, context) =>
				json(
					200,
					listResponse(
						[...catalogueSpecs, ...collection(context, 'connectionSpecs').values()],
						request.query,
						entity => stampCaller(entity, request.caller),
						'/connectionSpecs',
					),
				),
		},
		{
			method: 'GET',
			pattern: '/connectionSpecs/:id',
			handler: (request, context) => {
				const entity = specById(context, request.params['id']!);
				if (!entity) throw notFound('connectionSpecs', request.params['id']!);
				return json(200, {items: [stampCaller(entity, request.caller)]});
			},
		},
		{method: 'POST', pattern: '/connectionSpecs', handler: create, needsBody: true},
		{method: 'PUT', pattern: '/connectionSpecs/:id', handler: replace, needsBody: true},
	];
}
