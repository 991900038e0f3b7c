// The submission packet (reference 7.3, 1.8): everything an Adobe reviewer needs in one folder — the spec JSON,
// the artifacts folder, the docs page, the last run summary, the checklist and the verification environment values.
// Secrets never go in: credential values become placeholders. Records the written paths in draft.exports
// (the caller saves the draft).
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {PlatformClient} from '../api/index.js';
import {ids, secretPropertyNames, specFromDraft} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';
import {isSecretKeyName} from '../spec/secrets.js';
import {exportArtifacts} from './artifacts-export.js';
import {checklist, type ChecklistItem} from './checklist.js';
import {placeholderFor, renderDocsPage} from './docs-page.js';
import {schemaFullVersion} from './target-fields.js';

/** Latest ledger id of a kind (the objects of the most recent check), for the verification variables. */
function latest(draft: Draft, profileName: string, kind: string): string | undefined {
	const ledger = draft.remote[profileName]?.ledger ?? [];
	return [...ledger].reverse().find(e => e.kind === kind)?.id;
}

/** The variables of Adobe's verification collection (reference 1.8), with placeholders for every secret. */
export function verificationEnvironment(draft: Draft, profileName: string, now = new Date()): Record<string, string> {
	const remote = draft.remote[profileName];
	const authSpecName = draft.test.authSpecName ?? remote?.lastRun?.authSpecName ?? '';
	const secret = new Set(authSpecName ? secretPropertyNames(draft.spec, authSpecName) : []);
	const credentials = Object.fromEntries(Object.entries(draft.test.authParams).map(([key, value]) =>
		[key, secret.has(key) || isSecretKeyName(key) ? placeholderFor(key) : value]));
	for (const key of secret) credentials[key] ??= placeholderFor(key);
	const target = draft.test.target;
	return {
		'x-api-key': '{API_KEY}',
		'x-gw-ims-org-id': '{ORG_ID}',
		authorizationToken: 'Bearer {ACCESS_TOKEN}',
		connectionSpecId: remote?.connectionSpecId ?? '{CONNECTION_SPEC_ID}',
		authSpecName,
		...credentials,
		...draft.test.sourceParams,
		schemaId: target.mode === 'existing' ? target.schemaId : latest(draft, profileName, 'schema') ?? '{SCHEMA_ID}',
		schemaVersion: schemaFullVersion,
		dataSetId: target.mode === 'existing' ? target.datasetId : latest(draft, profileName, 'dataset') ?? '{DATASET_ID}',
		mappingId: (target.mode === 'existing' ? target.mappingId : undefined) ?? latest(draft, profileName, 'mappingSet') ?? '{MAPPING_ID}',
		flowSpecificationId: ids.restStorageToAep,
		targetConnectionSpecId: ids.dataLakeTargetSpec,
		verifyWatTimeInSecond: '40',
		startTime: String(Math.floor(now.getTime() / 1000)),
	};
}

function checklistMarkdown(items: ChecklistItem[]): string {
	const mark = {done: '[x]', missing: '[ ]', failed: '[!]'};
	return ['# Submission checklist', '', ...items.map(i => `- ${mark[i.status]} **${i.title}** (${i.status})${i.evidence ? ` — ${i.evidence}` : ''}${i.next ? `\n  - Next: ${i.next}` : ''}`), ''].join('\n');
}

export async function exportSubmissionPacket(draft: Draft, profileName: string, outDir: string, client?: PlatformClient): Promise<{dir: string; files: string[]}> {
	const dir = path.resolve(outDir);
	await mkdir(dir, {recursive: true});
	const files: string[] = [];
	const write = async (name: string, content: string) => {
		const file = path.join(dir, name);
		await writeFile(file, content.endsWith('\n') ? content : `${content}\n`);
		files.push(file);
		return file;
	};
	const name = draft.artifacts.sourceName || draft.id;
	await write(`${name}-connectionSpec.json`, JSON.stringify(specFromDraft(draft), null, 2));
	const artifacts = await exportArtifacts(draft, dir);
	files.push(...artifacts.files);
	const lastRun = draft.remote[profileName]?.lastRun;
	const docsPage = await write(`${name}.md`, renderDocsPage(draft, {lastRun, profileName}));
	if (lastRun) await write('last-run.json', JSON.stringify(lastRun, null, 2));
	await write('verification-environment.json', JSON.stringify(verificationEnvironment(draft, profileName), null, 2));
	draft.exports = {...draft.exports, artifactsDir: artifacts.dir, docsPage, packetDir: dir};
	// The checklist last, so it sees the docs page and environment file just written.
	const items = await checklist(draft, profileName, client);
	await write('checklist.json', JSON.stringify(items, null, 2));
	await write('checklist.md', checklistMarkdown(items));
	return {dir, files};
}
