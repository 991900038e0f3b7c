import {collection, type SandboxContext} from './context.js';
import {inScope, isObject, scopedValues} from './entities.js';
import {registryError} from './errors.js';
import {newSchemaHash} from './ids.js';
import {json, type Caller, type Route, type SandboxRequest, type SandboxResponse} from './router.js';
import type {CollectionName, Entity} from './state-store.js';
import {behaviours, globalClasses, globalFieldGroups, ownProperties, refsOf, resolveSchema} from './xdm.js';

// Schema Registry (docs/target-and-runs.md#schema-registry, errors docs/target-and-runs.md#error-bodies-of-the-other-services). Tenant resources: field groups
// (`mixins` ids), classes, schemas.
// Codes for validation failures the docs do not list (XDM-1000-400) are emulator choices.

type Kind = {collection: CollectionName; resourceType: 'mixins' | 'classes' | 'schemas'; notFoundCode: string};

const kinds: Record<'fieldgroups' | 'classes' | 'schemas', Kind> = {
	fieldgroups: {collection: 'fieldgroups', resourceType: 'mixins', notFoundCode: 'XDM-1011-404'},
	classes: {collection: 'classes', resourceType: 'classes', notFoundCode: 'XDM-1012-404'},
	schemas: {collection: 'schemas', resourceType: 'schemas', notFoundCode: 'XDM-1010-404'},
};

const hidden = new Set(['id', 'imsOrgId', 'sandboxName']);

/** Lookup `Accept` (docs/target-and-runs.md#schema-registry): one of the xed formats with `version=1`; 400 when missing/invalid, 406 for another version. */
function lookupFormat(request: SandboxRequest): {full: boolean; noText: boolean} {
	const accept = String(request.headers['accept'] ?? '');
	const match = /application\/vnd\.adobe\.xed(-full)?(-notext)?(-desc|-deprecatefield)?\+json/.exec(accept);
	if (!match) throw registryError('XDM-1007-400', 'Accept header is invalid for a lookup: use e.g. application/vnd.adobe.xed-full+json; version=1.');
	const version = /version\s*=\s*([\w.]+)/.exec(accept)?.[1];
	if (!version) throw registryError('XDM-1007-400', 'Accept header for a lookup must carry a version, e.g. application/vnd.adobe.xed+json; version=1.');
	if (version !== '1' && version !== '1.0') throw registryError('XDM-1040-406', `Version ${version} is not available; only major version 1 exists.`);
	return {full: Boolean(match[1] || match[3]), noText: Boolean(match[2])};
}

function listFormat(request: SandboxRequest): 'id' | 'full' {
	const accept = String(request.headers['accept'] ?? '');
	if (/version\s*=/.test(accept))
		throw registryError('XDM-1006-400', 'Accept header for a listing must not carry a version: use application/vnd.adobe.xed-id+json.');
	if (/application\/vnd\.adobe\.xed-id\+json/.test(accept)) return 'id';
	if (/application\/vnd\.adobe\.xed\+json/.test(accept)) return 'full';
	throw registryError('XDM-1006-400', 'Accept header is invalid for a listing: use application/vnd.adobe.xed-id+json or application/vnd.adobe.xed+json.');
}

function stripText(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripText);
	if (!isObject(value)) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => key !== 'title' && key !== 'description')
			.map(([key, child]) => [key, stripText(child)]),
	);
}

function present(entity: Entity, context: SandboxContext, format: {full: boolean; noText: boolean}): unknown {
	let out: Record<string, unknown> = Object.fromEntries(Object.entries(entity).filter(([key]) => !hidden.has(key)));
	if (format.full) {
		const resolved =
			entity['meta:resourceType'] === 'schemas' ? resolveSchema(entity, id => findAny(context, id, entity)) : {properties: ownProperties(entity), required: []};
		const {allOf: _allOf, definitions: _definitions, ...rest} = out;
		out = {...rest, properties: resolved.properties, ...(resolved.required.length > 0 ? {required: resolved.required} : {})};
	}
	return format.noText ? {...(stripText(out) as object), title: out['title']} : out;
}

function findAny(context: SandboxContext, id: string, scope: Entity): Entity | undefined {
	for (const name of ['fieldgroups', 'classes', 'schemas'] as const) {
		const found = collection(context, name).get(id);
		if (found && found['imsOrgId'] === scope['imsOrgId'] && found['sandboxName'] === scope['sandboxName']) return found;
	}
	return undefined;
}

/** `{SCHEMA_ID}` in paths is the `meta:altId` or the URL-encoded `$id` (docs/target-and-runs.md#schema-registry). */
export function findResource(context: SandboxContext, name: CollectionName, idOrAltId: string, caller: Caller): Entity | undefined {
	const items = collection(context, name);
	const direct = items.get(idOrAltId);
	if (direct && inScope(direct, caller)) return direct;
	return scopedValues(items, caller).find(entity => entity['meta:altId'] === idOrAltId);
}

function titleTaken(context: SandboxContext, title: string, request: SandboxRequest): boolean {
	return (['fieldgroups', 'classes', 'schemas'] as const).some(name =>
		scopedValues(collection(context, name), request.caller).some(entity => entity['title'] === title),
	);
}

/** Custom fields must sit under `_{TENANT_ID}` (XDM-1020-400). */
function checkNamespace(body: Record<string, unknown>, tenantId: string): void {
	const outside = Object.keys(ownProperties(body)).filter(key => key !== `_${tenantId}`);
	if (outside.length > 0) {
		throw registryError(
			'XDM-1020-400',
			`Namespace validation error: custom fields must be inside the "_${tenantId}" object; found ` +
				`${outside.map(key => `"${key}"`).join(', ')} at the top level.`,
		);
	}
}

function checkRefs(kind: Kind, body: Record<string, unknown>, context: SandboxContext, request: SandboxRequest): {classId?: string; fieldGroups: string[]} {
	const refs = refsOf(body);
	if (kind.resourceType === 'mixins') {
		const extend = body['meta:intendedToExtend'];
		if (!Array.isArray(extend) || extend.length === 0)
			throw registryError('XDM-1000-400', 'meta:intendedToExtend is required: the class $ids this field group is compatible with.');
		return {fieldGroups: []};
	}
	if (kind.resourceType === 'classes') {
		if (!refs.some(ref => behaviours.has(ref))) throw registryError('XDM-1000-400', `allOf must reference a behaviour: ${[...behaviours].join(', ')}.`);
		return {fieldGroups: []};
	}
	const classes = refs.filter(ref => globalClasses.some(entry => entry.$id === ref) || findResource(context, 'classes', ref, request.caller));
	const fieldGroups = refs.filter(ref => !classes.includes(ref));
	if (classes.length !== 1)
		throw registryError(
			'XDM-1000-400',
			`allOf must reference exactly one class (found ${classes.length}); known classes: ${globalClasses.map(entry => entry.$id).join(', ')} or a tenant class.`,
		);
	const unknown = fieldGroups.filter(ref => !globalFieldGroups.some(entry => entry.$id === ref) && !findResource(context, 'fieldgroups', ref, request.caller));
	if (unknown.length > 0) throw registryError('XDM-1000-400', `Referenced field group(s) not found: ${unknown.join(', ')}.`);
	return {classId: classes[0], fieldGroups};
}

function extendsOf(classId: string | undefined, fieldGroups: string[], context: SandboxContext, request: SandboxRequest): string[] {
	const builtIn = globalClasses.find(entry => entry.$id === classId);
	const tenantClass = classId ? findResource(context, 'classes', classId, request.caller) : undefined;
	const classExtends = builtIn ? builtIn['meta:extends'] : [...refsOf(tenantClass ?? {id: ''}), ...(classId ? [classId] : [])];
	return [...new Set([...fieldGroups, ...classExtends])];
}

function create(kind: Kind, request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const body = request.body;
	if (!isObject(body)) throw registryError('XDM-1000-400', 'Request body must be a JSON object.');
	if (typeof body['title'] !== 'string' || body['title'] === '') throw registryError('XDM-1000-400', 'title is required.');
	if (titleTaken(context, body['title'], request))
		throw registryError('XDM-1521-400', `Title "${body['title']}" is already used by another resource in this sandbox; titles must be unique.`);
	if (kind.resourceType !== 'schemas') checkNamespace(body, context.tenantId);
	const {classId, fieldGroups} = checkRefs(kind, body, context, request);
	const hash = newSchemaHash();
	const $id = `https://ns.adobe.com/${context.tenantId}/${kind.resourceType}/${hash}`;
	const now = Date.now();
	const entity: Entity = {
		id: $id,
		imsOrgId: request.caller.orgId,
		sandboxName: request.caller.sandboxName,
		$id,
		'meta:altId': `_${context.tenantId}.${kind.resourceType}.${hash}`,
		'meta:resourceType': kind.resourceType,
		version: '1.0',
		...Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith('$') && key !== 'meta:altId' && key !== 'version')),
		type: 'object',
		...(kind.resourceType === 'schemas'
			? {'meta:class': classId, 'meta:abstract': false, 'meta:extensible': false, 'meta:extends': extendsOf(classId, fieldGroups, context, request)}
			: {}),
		...(kind.resourceType === 'classes' ? {'meta:abstract': true, 'meta:extends': refsOf(body)} : {}),
		'meta:containerId': 'tenant',
		'meta:xdmType': 'object',
		'meta:tenantNamespace': `_${context.tenantId}`,
		'meta:sandboxId': request.caller.sandboxId,
		'meta:sandboxType': request.caller.sandboxName === 'prod' ? 'production' : 'development',
		imsOrg: request.caller.orgId,
		'meta:registryMetadata': {
			'repo:createdDate': now,
			'repo:lastModifiedDate': now,
			'xdm:createdClientId': request.caller.clientId,
			'xdm:repositoryCreatedBy': request.caller.userId,
		},
	};
	collection(context, kind.collection).put(entity);
	return json(201, present(entity, context, {full: false, noText: false}));
}

function lookup(kind: Kind, request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const format = lookupFormat(request);
	const entity = findResource(context, kind.collection, request.params['id']!, request.caller);
	if (!entity) throw registryError(kind.notFoundCode, `The requested ${kind.resourceType} resource ${request.params['id']} was not found.`);
	return json(200, present(entity, context, format));
}

function listAll(kind: Kind, request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const format = listFormat(request);
	const entities = scopedValues(collection(context, kind.collection), request.caller);
	const results = entities.map(entity =>
		format === 'id'
			? {$id: entity['$id'], 'meta:altId': entity['meta:altId'], version: entity['version'], title: entity['title']}
			: present(entity, context, {full: false, noText: false}),
	);
	return json(200, {results, _page: {orderby: 'title', next: null, count: results.length}, _links: {}});
}

function remove(kind: Kind, request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const entity = findResource(context, kind.collection, request.params['id']!, request.caller);
	if (!entity) throw registryError(kind.notFoundCode, `The requested ${kind.resourceType} resource ${request.params['id']} was not found.`);
	collection(context, kind.collection).delete(entity.id);
	return {status: 204};
}

function stats(request: SandboxRequest, context: SandboxContext): SandboxResponse {
	const count = (name: CollectionName) => scopedValues(collection(context, name), request.caller).length;
	return json(200, {
		imsOrg: request.caller.orgId,
		tenantId: context.tenantId,
		counts: {schemas: count('schemas'), mixins: count('fieldgroups'), datatypes: 0, classes: count('classes'), unions: 0},
		recentlyCreatedResources: [],
		recentlyUpdatedResources: [],
		classUsage: {},
	});
}

function globalClassList(request: SandboxRequest): SandboxResponse {
	const format = listFormat(request);
	const results = globalClasses.map(entry =>
		format === 'id'
			? {title: entry.title, $id: entry.$id, 'meta:altId': entry.$id.replace('https://ns.adobe.com/', '_').replaceAll('/', '.'), version: '1.0'}
			: entry,
	);
	return json(200, {results, _page: {orderby: 'title', next: null, count: results.length}, _links: {}});
}

/** `GET /global/fieldgroups` and `/global/fieldgroups/{$id | meta:altId | URL-encoded $id}`. */
function globalFieldGroupList(request: SandboxRequest): SandboxResponse {
	const format = listFormat(request);
	const results = globalFieldGroups.map(entry =>
		format === 'id' ? {title: entry.title, $id: entry.$id, 'meta:altId': altIdOf(entry.$id), version: '1.0'} : withMeta(entry),
	);
	return json(200, {results, _page: {orderby: 'title', next: null, count: results.length}, _links: {}});
}

function altIdOf($id: string): string {
	return $id.replace('https://ns.adobe.com/', '_').replaceAll('/', '.');
}

function withMeta(entry: (typeof globalFieldGroups)[number]) {
	return {...entry, 'meta:altId': altIdOf(entry.$id), 'meta:resourceType': 'mixins', version: '1.0', type: 'object'};
}

function globalFieldGroup(request: SandboxRequest): SandboxResponse {
	const id = request.params['id']!;
	const entry = globalFieldGroups.find(group => group.$id === id || altIdOf(group.$id) === id);
	if (!entry) throw registryError('XDM-1011-404', `No standard field group ${id}. Known: ${globalFieldGroups.map(group => group.$id).join(', ')}.`);
	return json(200, withMeta(entry));
}

export function schemaRegistryRoutes(): Route[] {
	const routes: Route[] = [
		{method: 'GET', pattern: '/stats', handler: stats},
		{method: 'GET', pattern: '/global/classes', handler: globalClassList},
		{method: 'GET', pattern: '/global/fieldgroups', handler: globalFieldGroupList},
		{method: 'GET', pattern: '/global/fieldgroups/:id', handler: globalFieldGroup},
	];
	for (const [segment, kind] of Object.entries(kinds)) {
		routes.push(
			{method: 'POST', pattern: `/tenant/${segment}`, handler: (request, context) => create(kind, request, context), needsBody: true},
			{method: 'GET', pattern: `/tenant/${segment}`, handler: (request, context) => listAll(kind, request, context)},
			{method: 'GET', pattern: `/tenant/${segment}/:id`, handler: (request, context) => lookup(kind, request, context)},
			{method: 'DELETE', pattern: `/tenant/${segment}/:id`, handler: (request, context) => remove(kind, request, context)},
		);
	}
	return routes;
}

/** The resolved field tree of a schema given by `$id` or `meta:altId`, for Data Prep and run validation. */
export function schemaFor(context: SandboxContext, idOrAltId: string, caller: Caller) {
	const schema = findResource(context, 'schemas', idOrAltId, caller);
	if (!schema) return undefined;
	return {schema, resolved: resolveSchema(schema, id => findAny(context, id, schema))};
}
