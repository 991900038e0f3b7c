// Shared setup of the workflow tests: a local sandbox (with the demo source), a platform client, a demo draft,
// and a context that records every saved draft and progress event (for ledger and secret-sweep assertions).
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createPlatformClient, type PlatformClient} from '../../source/api/index.js';
import {startSandbox} from '../../source/sandbox/index.js';
import {demoCredentials} from '../../source/sandbox/demo-source/index.js';
import {newDraft} from '../../source/connection-spec/index.js';
import type {Draft} from '../../source/connection-spec/draft-types.js';
import {draftOwner, type ProgressEvent, type WorkflowContext} from '../../source/workflow/index.js';

export type Fixture = Awaited<ReturnType<typeof startFixture>>;

export async function startFixture(options: {records?: number; demo?: boolean} = {}) {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aep-workflow-'));
	const sandbox = await startSandbox({dataDir, demo: options.demo === false ? false : {records: options.records ?? 24}, runTiming: 'immediate'} as Parameters<
		typeof startSandbox
	>[0]);
	const target = {imsUrl: sandbox.imsUrl, platformUrl: sandbox.platformUrl, ...sandbox.credentials};
	const client = createPlatformClient(target, {retry: {limit: 1, baseDelayMs: 10}, timeoutMs: 10_000});
	return {
		dataDir,
		sandbox,
		client,
		async close() {
			await sandbox.close();
			rmSync(dataDir, {recursive: true, force: true});
		},
	};
}

export const secrets = [demoCredentials.accessToken, demoCredentials.password, demoCredentials.apiKey, 'sandbox-client-secret', 'wrong-password-1234'];

export function demoAuthParams(authSpecName: string, host: string): Record<string, string> {
	switch (authSpecName) {
		case 'OAuth2 Refresh Code':
			return {host, accessToken: demoCredentials.accessToken};
		case 'Basic Authentication':
			return {host, username: demoCredentials.username, password: demoCredentials.password};
		case 'API Key Authentication':
			return {host, authKey1: demoCredentials.apiKey};
		default:
			throw new Error(`unknown demo auth spec ${authSpecName}`);
	}
}

export function demoDraft(id = 'demo-check'): Draft {
	return newDraft({id, template: 'demo'});
}

/**
 * A context whose draft owner keeps a JSON copy of every save (what a store would have written); `afterSave` runs
 * after each copy and may throw, as a store that cannot write would.
 */
export function recordingContext(client: PlatformClient, draft: Draft, profileName = 'local', afterSave?: (draft: Draft) => void) {
	const saves: string[] = [];
	const events: ProgressEvent[] = [];
	const owner = draftOwner(draft, saved => {
		saves.push(JSON.stringify(saved));
		afterSave?.(saved);
	});
	const ctx: WorkflowContext = Object.assign(owner, {client, profileName, progress: (e: ProgressEvent) => void events.push(e)});
	return {ctx, saves, events};
}

type Json = Record<string, unknown>;

async function getJson(fixture: Fixture, url: string, accept = 'application/json'): Promise<unknown> {
	const token = await fixture.client.token();
	const {clientId, orgId, sandboxName} = fixture.sandbox.credentials;
	const response = await fetch(url, {
		headers: {
			Authorization: `Bearer ${typeof token === 'string' ? token : ((token as {accessToken?: string}).accessToken ?? '')}`,
			'x-api-key': clientId,
			'x-gw-ims-org-id': orgId,
			'x-sandbox-name': sandboxName,
			Accept: accept,
		},
	});
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
	return response.json();
}

function countOf(body: unknown): number {
	if (Array.isArray(body)) return body.length;
	const object = (body ?? {}) as Json;
	for (const key of ['items', 'results', 'data']) if (Array.isArray(object[key])) return (object[key] as unknown[]).length;
	return Object.keys(object).filter(key => !key.startsWith('_')).length;
}

/** Counts of every kind of object the check creates, read from the sandbox's own list endpoints. */
export async function remoteCounts(fixture: Fixture): Promise<Record<string, number>> {
	const base = fixture.sandbox.platformUrl.replace(/\/$/, '');
	const flow = `${base}/data/foundation/flowservice`;
	const lists: Record<string, [string, string?]> = {
		flows: [`${flow}/flows`],
		connections: [`${flow}/connections`],
		sourceConnections: [`${flow}/sourceConnections`],
		targetConnections: [`${flow}/targetConnections`],
		datasets: [`${base}/data/foundation/catalog/dataSets`],
		schemas: [`${base}/data/foundation/schemaregistry/tenant/schemas`, 'application/vnd.adobe.xed-id+json'],
		fieldGroups: [`${base}/data/foundation/schemaregistry/tenant/fieldgroups`, 'application/vnd.adobe.xed-id+json'],
	};
	const counts: Record<string, number> = {};
	for (const [name, [url, accept]] of Object.entries(lists)) counts[name] = countOf(await getJson(fixture, url, accept));
	return counts;
}

export const nothingLeft = {flows: 0, connections: 0, sourceConnections: 0, targetConnections: 0, datasets: 0, schemas: 0, fieldGroups: 0};

/** Every byte the workflow produced for a test, swept for the secrets (raw and base64). */
export function sweep(texts: Iterable<string>, secretValues: readonly string[] = secrets): string[] {
	const forms = secretValues.flatMap(secret => [secret, Buffer.from(secret).toString('base64')]);
	const leaks: string[] = [];
	for (const text of texts) {
		for (const form of forms) {
			const at = text.indexOf(form);
			if (at >= 0) leaks.push(`${form} in …${text.slice(Math.max(0, at - 80), at + 40)}…`);
		}
	}
	return leaks;
}

/**
 * A user's own target (field group with `email` of `emailType`, schema, dataset, mapping email → email), made
 * directly through the client as an existing-target check expects; `remove` deletes it (mapping sets have no delete).
 */
export async function createUserTarget(client: PlatformClient, title: string, emailType: 'string' | 'integer') {
	const tenant = await client.schemaRegistry.tenantId();
	const fieldGroup = await client.schemaRegistry.createFieldGroup({
		title: `${title} fields`,
		type: 'object',
		'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
		definitions: {f: {properties: {[`_${tenant}`]: {type: 'object', properties: {email: {title: 'Email', type: emailType}}}}}},
		allOf: [{$ref: '#/definitions/f'}],
	});
	const schema = await client.schemaRegistry.createSchema({
		title: `${title} schema`,
		type: 'object',
		allOf: [{$ref: 'https://ns.adobe.com/xdm/context/profile'}, {$ref: fieldGroup.$id}],
	});
	const datasetId = await client.catalog.createDataset({
		name: `${title} dataset`,
		schemaRef: {id: schema.$id, contentType: 'application/vnd.adobe.xed+json;version=1'},
	});
	const mapping = await client.dataPrep.createMappingSet({
		outputSchema: {schemaRef: {id: schema.$id, contentType: 'application/vnd.adobe.xed-full+json;version=1'}},
		mappings: [{sourceType: 'ATTRIBUTE', source: 'email', destination: `_${tenant}.email`}],
	});
	return {
		schemaId: schema.$id,
		datasetId,
		mappingId: mapping.id,
		async remove() {
			await client.catalog.deleteDataset(datasetId);
			await client.schemaRegistry.deleteSchema(schema.$id);
			await client.schemaRegistry.deleteFieldGroup(fieldGroup.$id);
		},
	};
}
