// The submission packet (docs/workflow.md#step-7-verification-collection): everything an Adobe reviewer needs in one folder — the spec JSON,
// the artifacts folder, the docs page, the last run summary, the checklist and the verification environment values.
// Secrets never go in: credential values become placeholders. Records the written paths in draft.exports
// (the caller saves the draft).
import path from 'node:path';
import type {PlatformClient} from '../api/index.js';
import {ids, secretPropertyNames, specFromDraft, testAuthSpecName, validateSpec} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';
import {isPrivateHost} from '../connection-spec/lint-source.js';
import {exportArtifacts} from './artifacts-export.js';
import {assertNoSecret, exportContext, type ExportOptions} from './export-guard.js';
import {checklist, type ChecklistItem} from './checklist.js';
import {placeholderFor, renderDocsPage} from './docs-page.js';
import {schemaFullVersion} from './target-fields.js';
import {writeFileAtomic} from '../shared/atomic-write.js';

/** Latest ledger id of a kind (the objects of the most recent check), for the verification variables. */
function latest(draft: Draft, profileName: string, kind: string): string | undefined {
	const ledger = draft.remote[profileName]?.ledger ?? [];
	return [...ledger].reverse().find(e => e.kind === kind)?.id;
}

/**
 * The auth spec whose end-to-end check passed on this profile — the draft's choice first, then the latest run, then
 * any other — among those the spec still offers; else the draft's choice (falling back to the first auth spec).
 */
export function verifiedAuthSpecName(draft: Draft, profileName: string): string | undefined {
	const remote = draft.remote[profileName];
	const offered = (name: string | undefined): name is string => name !== undefined && testAuthSpecName({spec: draft.spec, test: {authSpecName: name}}) === name;
	const passed = (name: string) =>
		remote?.runsByAuthSpec?.[name]?.status === 'success' || (remote?.lastRun?.authSpecName === name && remote.lastRun.status === 'success');
	const candidates = [testAuthSpecName(draft), remote?.lastRun?.authSpecName, ...Object.keys(remote?.runsByAuthSpec ?? {})];
	return candidates.find(name => offered(name) && passed(name)) ?? testAuthSpecName(draft);
}

/** The variables of Adobe's verification collection (docs/workflow.md#step-7-verification-collection), with placeholders for every secret. */
export function verificationEnvironment(draft: Draft, profileName: string, now = new Date()): Record<string, string> {
	const remote = draft.remote[profileName];
	const authSpecName = verifiedAuthSpecName(draft, profileName) ?? '';
	const secret = new Set(authSpecName ? secretPropertyNames(draft.spec, authSpecName) : []);
	const credentials = Object.fromEntries(
		Object.entries(draft.test.authParams).map(([key, value]) => [key, secret.has(key) || isSecretKeyName(key) ? placeholderFor(key) : value]),
	);
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
		schemaId: target.mode === 'existing' ? target.schemaId : (latest(draft, profileName, 'schema') ?? '{SCHEMA_ID}'),
		schemaVersion: schemaFullVersion,
		dataSetId: target.mode === 'existing' ? target.datasetId : (latest(draft, profileName, 'dataset') ?? '{DATASET_ID}'),
		mappingId: (target.mode === 'existing' ? target.mappingId : undefined) ?? latest(draft, profileName, 'mappingSet') ?? '{MAPPING_ID}',
		flowSpecificationId: ids.restStorageToAep,
		targetConnectionSpecId: ids.dataLakeTargetSpec,
		verifyWatTimeInSecond: '40',
		startTime: String(Math.floor(now.getTime() / 1000)),
	};
}

function checklistMarkdown(items: ChecklistItem[]): string {
	const mark = {done: '[x]', missing: '[ ]', failed: '[!]'};
	return [
		'# Submission checklist',
		'',
		...items.map(i => `- ${mark[i.status]} **${i.title}** (${i.status})${i.evidence ? ` — ${i.evidence}` : ''}${i.next ? `\n  - Next: ${i.next}` : ''}`),
		'',
	].join('\n');
}

/**
 * The warning an export of the packet gives while the spec holds unfinished text (docs/connection-spec.md#unfinished-text):
 * the packet is still written (its checklist marks those items not done), but it is not ready to send.
 */
export function unfinishedWarning(spec: unknown): string | undefined {
	const unfinished = validateSpec(spec).unfinished;
	if (unfinished.length === 0) return undefined;
	const paths = unfinished.slice(0, 3).map(each => each.path);
	return (
		`The spec still holds ${unfinished.length} unfinished text(s) (${paths.join(', ')}${unfinished.length > 3 ? ', …' : ''}): ` +
		'its checklist marks them not done. Replace them and export again before you send the packet.'
	);
}

/**
 * The warning an export of the packet gives when the verification environment names a loopback or private URL (a
 * test value such as `host` = http://127.0.0.1:…): Adobe's reviewers call it from the internet, so it cannot work
 * for them (docs/local-routing.md). The packet is still written.
 */
export function privateHostWarning(environment: Record<string, string>): string | undefined {
	const found = Object.entries(environment).filter(([, value]) => {
		try {
			const url = new URL(value);
			return (url.protocol === 'http:' || url.protocol === 'https:') && isPrivateHost(url.hostname);
		} catch {
			return false;
		}
	});
	if (found.length === 0) return undefined;
	return (
		`verification-environment.json gives ${found.map(([key, value]) => `${key} = ${value}`).join(', ')}: a loopback or private ` +
		"address, which Adobe's reviewers cannot reach. Set that test value to your API's public address and export again."
	);
}

/**
 * Writes the submission packet into `outDir` and returns the folder, the files written, the draft's `exports` as
 * they are now (the caller stores them; the draft passed in is not changed) and `warning` while the spec holds
 * unfinished text or the verification environment names a private address. Every file is checked
 * for known secrets before any is written (export-guard.ts); the icon must pass the SVG check. Throws
 * ExportRefusedError (nothing written) when one would leak, and the artifacts' errors as exportArtifacts does.
 */
export async function exportSubmissionPacket(
	draft: Draft,
	profileName: string,
	outDir: string,
	client?: PlatformClient,
	options: ExportOptions = {},
): Promise<{dir: string; files: string[]; exports: NonNullable<Draft['exports']>; warning?: string}> {
	const dir = path.resolve(outDir);
	const {secrets} = exportContext(options);
	const name = draft.artifacts.sourceName || draft.id;
	const lastRun = draft.remote[profileName]?.lastRun;
	const docsPage = path.join(dir, `${name}.md`);
	const environment = verificationEnvironment(draft, profileName);
	const planned: [string, string][] = [
		[`${name}-connectionSpec.json`, JSON.stringify(specFromDraft(draft), null, 2)],
		[`${name}.md`, renderDocsPage(draft, {lastRun, profileName})],
		...(lastRun ? [['last-run.json', JSON.stringify(lastRun, null, 2)] as [string, string]] : []),
		['verification-environment.json', JSON.stringify(environment, null, 2)],
	];
	for (const [file, content] of planned) assertNoSecret(file, content, secrets);
	// The artifacts export checks its own files (and the icon) before writing any.
	const artifacts = await exportArtifacts(draft, dir, options);
	const files = [...artifacts.files];
	const write = async (file: string, content: string) => {
		assertNoSecret(file, content, secrets);
		const target = path.join(dir, file);
		writeFileAtomic(target, content.endsWith('\n') ? content : `${content}\n`, {mode: 0o644});
		files.push(target);
	};
	for (const [file, content] of planned) await write(file, content);
	const exports = {...draft.exports, artifactsDir: artifacts.dir, docsPage, packetDir: dir};
	// The checklist last, so it sees the docs page and environment file just written.
	const items = await checklist({...draft, exports}, profileName, client);
	await write('checklist.json', JSON.stringify(items, null, 2));
	await write('checklist.md', checklistMarkdown(items));
	const warnings = [unfinishedWarning(specFromDraft(draft)), privateHostWarning(environment)].filter(Boolean);
	return {dir, files, exports, ...(warnings.length > 0 ? {warning: warnings.join(' ')} : {})};
}

/**
 * Writes the documentation page of a draft to `file` (absolute or relative to the current folder), refusing with
 * ExportRefusedError (nothing written) when it would contain a known secret. Returns the absolute path.
 */
export async function exportDocsPage(draft: Draft, file: string, profileName?: string, options: ExportOptions = {}): Promise<string> {
	const target = path.resolve(file);
	const content = renderDocsPage(draft, {profileName});
	assertNoSecret(path.basename(target), content, exportContext(options).secrets);
	writeFileAtomic(target, content, {mode: 0o644});
	return target;
}
