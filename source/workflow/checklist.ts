// The submission checklist of docs/workflow.md#submission-checklist, each item with a status, the evidence behind it and the next step.
// Remote items are checked fresh against the platform when a client is given; without one they are 'missing'.
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {PlatformClient} from '../api/index.js';
import {categories, specFromDraft, validateSpec, type Finding, type ValidationResult} from '../connection-spec/index.js';
import type {Draft, RemoteState, RunSummary} from '../connection-spec/draft-types.js';
import {diffDeployedSpec} from './spec-diff.js';
import {verifyInFlowSpec} from './flow-spec-append.js';
import {isDeletable} from './ledger.js';
import {describeError, draftOwner, type WorkflowContext} from './progress.js';
import {checkSvgIcon} from './svg-icon.js';

export type ChecklistItem = {id: string; title: string; status: 'done' | 'missing' | 'failed'; evidence?: string; next?: string};

const connectProfile = 'Connect a profile (sandbox or Adobe org) to check this against the platform.';

type Remote = RemoteState & {runsByAuthSpec?: Record<string, RunSummary>};

function item(id: string, title: string, status: ChecklistItem['status'], evidence?: string, next?: string): ChecklistItem {
	return {id, title, status, ...(evidence ? {evidence} : {}), ...(next ? {next} : {})};
}

async function sandboxAccess(client?: PlatformClient): Promise<ChecklistItem> {
	const title = 'Sandbox access confirmed';
	if (!client) return item('sandbox-access', title, 'missing', undefined, connectProfile);
	try {
		await client.checkAccess();
		return item('sandbox-access', title, 'done', 'Token obtained and the RestStorageToAEP flow spec is readable.');
	} catch (error) {
		return item('sandbox-access', title, 'failed', describeError(error), 'Fix the profile credentials or permissions.');
	}
}

const uiPath = 'sourceSpec.attributes.uiAttributes';
/** Unfinished text (docs/connection-spec.md#unfinished-text) by checklist item: catalog texts, the icon key, the rest of the spec. */
const unfinishedFor = {
	artifacts: (each: Finding) => [`${uiPath}.label`, `${uiPath}.description`, `${uiPath}.documentationLink`].some(path => each.path.startsWith(path)),
	artifactKeys: (each: Finding) => each.path.startsWith(`${uiPath}.icon`),
	spec: (each: Finding) => !unfinishedFor.artifacts(each) && !unfinishedFor.artifactKeys(each),
};

/** "label, description" from the findings' paths (the last named segment of each), in the artifacts step's order. */
function fieldsOf(findings: Finding[]): string {
	const order = ['label', 'description', 'documentationLink'];
	const names = [...new Set(findings.map(each => each.path.replace(/\.(text|key)$/, '').replace(/^.*\./, '')))];
	return names.sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(', ');
}

async function artifacts(draft: Draft, unfinished: Finding[]): Promise<ChecklistItem> {
	const title = 'Artifacts complete (label, description, category, SVG icon)';
	const {label, description, category, iconPath} = draft.artifacts;
	const missing = [!label && 'label', !description && 'description', !category && 'category', !iconPath && 'icon'].filter(Boolean);
	const stubs = unfinished.filter(unfinishedFor.artifacts);
	if (missing.length > 0 || stubs.length > 0) {
		const todo = [
			...(missing.length > 0 ? [`fill in the ${missing.join(', ')}`] : []),
			...(stubs.length > 0 ? [`replace the template text of the ${fieldsOf(stubs)}`] : []),
		].join(' and ');
		const evidence = stubs.length > 0 ? `Still template text: ${stubs.map(each => each.message).join(' ')}` : undefined;
		return item('artifacts', title, 'missing', evidence, `${todo[0]!.toUpperCase()}${todo.slice(1)} in the artifacts step.`);
	}
	const icon = await checkSvgIcon(iconPath!);
	if (!icon.ok) return item('artifacts', title, 'failed', icon.reason, 'Provide the icon as an SVG file.');
	const known = categories.some(c => c.key === category);
	const notes = [...icon.warnings, ...(known ? [] : [`Category "${category}" is not one of the ten known keys; confirm it with Adobe.`])];
	return item(
		'artifacts',
		title,
		'done',
		[`Label "${label}", category ${category}, icon ${path.basename(iconPath!)} is SVG.`, ...notes].join(' '),
		'Commit Sources/{source}/Artifacts to the private repository and open the artifacts PR (export writes the folder).',
	);
}

function artifactKeys(draft: Draft, unfinished: Finding[]): ChecklistItem {
	const title = 'Adobe keys used for label, description and icon';
	const ui = (draft.spec['sourceSpec'] as {attributes?: {uiAttributes?: Record<string, unknown>}} | undefined)?.attributes?.uiAttributes ?? {};
	const withText = ['label', 'description', 'icon'].filter(name => {
		const value = ui[name] as {key?: unknown; text?: unknown} | undefined;
		return !value || typeof value.key !== 'string' || value.key === '';
	});
	// A template's key (genericRestIcon) is not one Adobe issued for this source.
	const templateKeys = unfinished.filter(unfinishedFor.artifactKeys);
	if (withText.length === 0 && templateKeys.length === 0) return item('artifact-keys', title, 'done', 'uiAttributes label, description and icon use keys.');
	const evidence = [
		...(withText.length > 0 ? [`${withText.join(', ')} use text placeholders: must be replaced before promotion.`] : []),
		...templateKeys.map(each => each.message),
	].join(' ');
	return item('artifact-keys', title, 'missing', evidence, 'Replace the text with the keys Adobe issues after the artifacts PR is merged.');
}

function specValid(result: ValidationResult): ChecklistItem {
	const stubs = result.unfinished.filter(unfinishedFor.spec);
	if (result.valid && stubs.length > 0) {
		const first = stubs[0]!;
		return item(
			'spec-valid',
			'Connection spec valid',
			'missing',
			`No errors, but ${stubs.length} unfinished text(s); first at ${first.path}: ${first.message}`,
			'Replace the template text (the Review step or "aep-source validate" lists each, with its path).',
		);
	}
	if (result.valid) return item('spec-valid', 'Connection spec valid', 'done', `No errors, ${result.warnings.length} warning(s).`);
	const first = result.errors[0];
	return item(
		'spec-valid',
		'Connection spec valid',
		'failed',
		`${result.errors.length} error(s)${first ? `; first at ${first.path || '(root)'}: ${first.message}` : ''}.`,
		'Run validate and fix the errors.',
	);
}

function specRegistered(remote: Remote | undefined): ChecklistItem {
	const title = 'Connection spec registered';
	if (remote?.connectionSpecId) return item('spec-registered', title, 'done', `Connection spec id ${remote.connectionSpecId}.`);
	return item('spec-registered', title, 'missing', undefined, 'Register the spec (create step).');
}

async function inFlowSpec(ctx: WorkflowContext | undefined, specId: string | undefined): Promise<ChecklistItem> {
	const title = 'Spec id listed in RestStorageToAEP';
	if (!ctx) return item('flow-spec', title, 'missing', undefined, connectProfile);
	if (!specId) return item('flow-spec', title, 'missing', undefined, 'Register the spec first.');
	try {
		const listed = await verifyInFlowSpec(ctx, specId);
		return listed
			? item('flow-spec', title, 'done', `Fresh GET of RestStorageToAEP lists ${specId}.`)
			: item('flow-spec', title, 'failed', `Fresh GET of RestStorageToAEP does not list ${specId}.`, 'Run the append step again (it merges safely).');
	} catch (error) {
		return item('flow-spec', title, 'failed', describeError(error), 'Check sandbox access.');
	}
}

async function storedEqualsLocal(ctx: WorkflowContext | undefined, draft: Draft, specId: string | undefined): Promise<ChecklistItem> {
	const title = 'Stored spec equals the local spec';
	if (!ctx) return item('spec-up-to-date', title, 'missing', undefined, connectProfile);
	if (!specId) return item('spec-up-to-date', title, 'missing', undefined, 'Register the spec first.');
	try {
		// Compared with what would be sent: the validated (normalised) spec when it is valid.
		const changes = await diffDeployedSpec(ctx, draft, specId);
		if (changes.length === 0) return item('spec-up-to-date', title, 'done', `GET /connectionSpecs/${specId} matches the draft.`);
		const shown = changes
			.slice(0, 3)
			.map(change => `${change.path} (${change.kind})`)
			.join(', ');
		return item(
			'spec-up-to-date',
			title,
			'failed',
			`The stored spec differs from the draft in ${changes.length} place(s): ${shown}${changes.length > 3 ? ', …' : ''}.`,
			'Update the spec (PUT) from the create step; "aep-source diff DRAFT" lists every difference.',
		);
	} catch (error) {
		return item('spec-up-to-date', title, 'failed', describeError(error), 'Register the spec again if it was removed.');
	}
}

function authSpecNames(draft: Draft): string[] {
	const list = draft.spec['authSpec'];
	return Array.isArray(list) ? list.map(a => (a as {name?: unknown}).name).filter((n): n is string => typeof n === 'string') : [];
}

function endToEnd(draft: Draft, remote: Remote | undefined): ChecklistItem {
	const title = 'End-to-end run succeeded for each auth spec';
	const runs: Record<string, RunSummary> = {...remote?.runsByAuthSpec};
	const last = remote?.lastRun;
	if (last?.authSpecName && !runs[last.authSpecName]) runs[last.authSpecName] = last;
	const names = authSpecNames(draft);
	const passed = names.filter(name => runs[name]?.status === 'success' && (runs[name]?.recordsWritten ?? 0) > 0);
	const evidence = names
		.filter(name => runs[name])
		.map(name => {
			const run = runs[name]!;
			return run.status === 'success'
				? `${name}: success, ${run.recordsWritten} written, ${run.recordsFailed} failed (${run.finishedAt}).`
				: `${name}: failed at ${run.failedStage ?? '?'} (${run.finishedAt}).`;
		})
		.join(' ');
	const untested = names.filter(name => !passed.includes(name));
	if (names.length > 0 && untested.length === 0) return item('e2e-run', title, 'done', evidence);
	const anyFailed = names.some(name => runs[name]?.status === 'failed');
	return item(
		'e2e-run',
		title,
		anyFailed ? 'failed' : 'missing',
		evidence || undefined,
		`Run the end-to-end check with: ${untested.join(', ') || 'an auth spec'}.`,
	);
}

function testObjectsDeleted(remote: Remote | undefined, client?: PlatformClient): ChecklistItem {
	const title = 'Test dataflows and objects deleted';
	const tests = (remote?.ledger ?? []).filter(e => e.kind !== 'connectionSpec');
	if (tests.length === 0) return item('test-cleanup', title, 'missing', 'No test run recorded yet.', 'Run the end-to-end check.');
	const open = tests.filter(e => !e.deletedAt);
	const pending = open.filter(e => isDeletable(e.kind, client));
	const retained = open.filter(e => !isDeletable(e.kind, client));
	const note = retained.length > 0 ? ` ${retained.length} mapping set(s) stay: Data Prep documents no DELETE.` : '';
	if (pending.length === 0)
		return item('test-cleanup', title, 'done', `All ${tests.length - retained.length} deletable test object(s) in the ledger were deleted.${note}`);
	return item(
		'test-cleanup',
		title,
		'failed',
		`Still present: ${pending.map(e => `${e.kind} ${e.id}`).join(', ')}.${note}`,
		'Run clean-up (or note why they are kept for UI monitoring).',
	);
}

function fileExists(file: string | undefined): file is string {
	return Boolean(file && existsSync(file));
}

function verificationEnv(draft: Draft): ChecklistItem {
	const title = 'Verification environment values recorded';
	const file = draft.exports?.packetDir ? path.join(draft.exports.packetDir, 'verification-environment.json') : undefined;
	if (fileExists(file)) return item('verification-env', title, 'done', `${file} (secrets as placeholders).`);
	return item('verification-env', title, 'missing', undefined, 'Export the submission packet; it writes the verification environment values.');
}

function docsPage(draft: Draft): ChecklistItem {
	const title = 'Documentation page generated';
	if (fileExists(draft.exports?.docsPage)) {
		return item('docs-page', title, 'done', draft.exports!.docsPage, 'Open a PR against AdobeDocs/experience-platform.en and sign the CLA.');
	}
	return item('docs-page', title, 'missing', undefined, 'Export the docs page (export or the submission packet).');
}

export async function checklist(draft: Draft, profileName: string, client?: PlatformClient): Promise<ChecklistItem[]> {
	const remote = draft.remote[profileName] as Remote | undefined;
	// The checks only read: a context whose updates go nowhere.
	const ctx: WorkflowContext | undefined = client
		? Object.assign(
				draftOwner(draft, () => {}),
				{client, profileName},
			)
		: undefined;
	const specId = remote?.connectionSpecId;
	const validation = validateSpec(specFromDraft(draft));
	return [
		await sandboxAccess(client),
		await artifacts(draft, validation.unfinished),
		artifactKeys(draft, validation.unfinished),
		specValid(validation),
		specRegistered(remote),
		await inFlowSpec(ctx, specId),
		await storedEqualsLocal(ctx, draft, specId),
		endToEnd(draft, remote),
		testObjectsDeleted(remote, client),
		verificationEnv(draft),
		docsPage(draft),
		item(
			'adobe-contact',
			'Adobe representative contacted',
			'missing',
			'There is no API for submission.',
			'Send the submission packet to your Adobe representative for verification and promotion.',
		),
	];
}
