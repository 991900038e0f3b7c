import {existsSync} from 'node:fs';
import path from 'node:path';
import {readUserFile} from '../shared/read-input.js';
import type {CommandContext} from './context.js';
import {UsageError, write} from './context.js';
import type {CommandBody} from './registry.js';
import {openCommandSession, profileFor, sessionOptions} from './args.js';
import {resolveTestInputs} from './run-inputs.js';
import {DraftBusyError, openDraftStore, type DraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {
	draftFromSpec,
	getTemplate,
	newDraft,
	normaliseSpec,
	parseSpecText,
	slugify,
	specFromDraft,
	templateNames,
	validateSpec,
} from '../connection-spec/index.js';
import type {Draft, RunSummary} from '../connection-spec/draft-types.js';
import {SessionError} from '../session.js';
import {PlatformError, type RetryEvent} from '../api/index.js';
import {describeRetries} from '../shared/retry.js';
import {describeRoute} from '../workflow/test-values.js';
import {
	appendToRestStorageToAEP,
	createOrUpdateConnectionSpec,
	mappingWarningText,
	pendingEntries,
	draftOwner,
	runEndToEndCheck,
	WorkflowError,
	type ProgressEvent,
	type WorkflowContext,
} from '../workflow/index.js';

const usage = 'aep-source run DRAFT|SPEC_FILE|--template NAME [options]';

/**
 * The draft a run of a template or spec file works on. It never replaces a draft it did not make: the ids `base`,
 * `base-2`, … are tried in turn; one that an earlier run made from the same template or file (`madeBy`) is reused
 * (its remote state and test inputs kept, the spec taken afresh), else the first free id gets a new draft.
 */
function runDraft(
	store: DraftStore,
	base: string,
	madeBy: NonNullable<Draft['madeBy']>,
	fresh: (id: string) => Draft,
	what: string,
): {draft: Draft; note: string} {
	const sameOrigin = (draft: Draft) =>
		draft.madeBy?.command === 'run' && draft.madeBy.template === madeBy.template && draft.madeBy.specFile === madeBy.specFile;
	const stem = base.replace(/-\d+$/, '');
	for (let n = 1; ; n += 1) {
		const id = n === 1 ? base : `${stem}-${n}`;
		const existing = store.load(id);
		if (existing && sameOrigin(existing)) {
			const draft = {
				...fresh(id),
				madeBy,
				remote: existing.remote,
				test: existing.test,
				createdAt: existing.createdAt,
				...(existing.profile ? {profile: existing.profile} : {}),
			};
			return {draft, note: `Using draft "${id}", made from ${what} by an earlier run.`};
		}
		if (!existing) {
			const taken = n === 1 ? '' : ` (draft "${base}" is not one a run made from ${what}, so it is left as it is)`;
			return {draft: {...fresh(id), madeBy}, note: `Created draft "${id}" from ${what}${taken}.`};
		}
	}
}

/** Loads the named draft, or makes (or reuses) the draft of a template or spec file; `note` says which. */
function resolveDraft(store: DraftStore, positional: string | undefined, template: string | undefined): {draft: Draft; note?: string} {
	if (template !== undefined) {
		if (!getTemplate(template)) throw new UsageError(`Unknown template "${template}". Templates: ${templateNames().join(', ')}.`);
		return runDraft(store, template, {command: 'run', template}, id => newDraft({id, template}), `template ${template}`);
	}
	if (positional === undefined) throw new UsageError('Name a draft, a spec file or --template.', {hint: `Usage: ${usage}`});
	if (existsSync(positional)) {
		const parsed = parseSpecText(readUserFile(positional));
		if (!parsed.ok) throw new UsageError(`${positional}:${parsed.line}:${parsed.column}: ${parsed.message}`);
		const {spec} = normaliseSpec(parsed.value);
		const name = typeof (spec as {name?: unknown}).name === 'string' ? (spec as {name: string}).name : 'source';
		return runDraft(
			store,
			slugify(name) || 'source',
			{command: 'run', specFile: path.resolve(positional)},
			id => draftFromSpec(spec, {id}),
			`the spec file ${positional}`,
		);
	}
	// A path that names no file is a missing file, not a draft id (draft ids have no "/" and no ".json").
	if (/[\\/]/.test(positional) || positional.endsWith('.json'))
		throw new UsageError(`Cannot read ${positional}: there is no such file.`, {hint: `Usage: ${usage}`});
	const draft = store.load(positional);
	if (!draft)
		throw new UsageError(`"${positional}" is neither a file nor a saved draft. "aep-source drafts" lists drafts; templates: ${templateNames().join(', ')}.`);
	return {draft};
}

/**
 * One line per finished stage. Retries of the platform calls made during a stage are counted and named on its line
 * ("create-spec ok (5.3s, 4 retries after 503)"), so a slow stage says why without --debug.
 */
function progressPrinter(context: CommandContext, json: boolean, client: {onRetry: (listener: (event: RetryEvent) => void) => () => void}) {
	let retries: RetryEvent[] = [];
	const stop = client.onRetry(event => retries.push(event));
	const print = (event: ProgressEvent) => {
		if (event.status === 'start') {
			retries = [];
			return;
		}
		if (json) return;
		const mark = {done: 'ok', failed: 'FAILED', skipped: 'skipped', info: '..', start: '..'}[event.status];
		const id = event.id && !event.message.includes(event.id) ? ` [${event.id}]` : '';
		const retried = event.status === 'info' ? undefined : describeRetries(retries);
		const facts = [event.elapsedMs !== undefined ? `${(event.elapsedMs / 1000).toFixed(1)}s` : undefined, retried].filter(Boolean);
		write(context.stdout, `${event.stage.padEnd(18)} ${mark.padEnd(7)} ${event.message}${id}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`);
		if (event.status !== 'info') retries = [];
	};
	return {print, stop};
}

/**
 * AEP_SOURCE_RETRY_BASE_MS sets the first backoff ceiling (default 500 ms; docs/retries.md): a knob for slow or
 * flaky networks, and what the tests use to ride out a fault burst in milliseconds.
 */
function retryOptionsFrom(env: NodeJS.ProcessEnv): {retry?: {baseDelayMs: number}} {
	const raw = env['AEP_SOURCE_RETRY_BASE_MS'];
	const value = raw === undefined ? Number.NaN : Number(raw);
	return Number.isInteger(value) && value >= 0 ? {retry: {baseDelayMs: value}} : {};
}

function explain(error: unknown): {message: string; hint?: string} {
	if (error instanceof WorkflowError) return {message: `${error.stage}: ${error.message}`, hint: error.hint};
	if (error instanceof PlatformError) return {message: error.describe()};
	if (error instanceof SessionError) return {message: error.message, hint: error.hint};
	return {message: error instanceof Error ? error.message : String(error)};
}

const run: CommandBody<'run'> = async (context, {flags: values, args: positionals}) => {
	const home = aepHome(context.env);
	const store = openDraftStore(home);
	const resolved = resolveDraft(store, positionals[0], values.template);
	let draft = resolved.draft;
	// The same default as the wizard: the profile the draft was built on, else the saved default profile.
	const profileName = profileFor(draft, values.profile, home);

	// Validate before anything starts: a broken spec never reaches the platform.
	const validation = validateSpec(specFromDraft(draft));
	if (!validation.valid) {
		write(context.stderr, `The connection spec of "${draft.id}" has ${validation.errors.length} error(s); nothing was sent:`);
		for (const finding of validation.errors) write(context.stderr, `  ${finding.path}: ${finding.message}\n    fix: ${finding.hint}`);
		if (values.json) write(context.stdout, JSON.stringify({ok: false, draft: draft.id, stage: 'validate', errors: validation.errors}));
		return 1;
	}

	let lock: ReturnType<DraftStore['lockRun']>;
	try {
		lock = store.lockRun(draft.id);
	} catch (error) {
		if (!(error instanceof DraftBusyError)) throw error;
		write(context.stderr, error.message);
		if (values.json) write(context.stdout, JSON.stringify({ok: false, draft: draft.id, stage: 'lock', error: {message: error.message}}));
		return 1;
	}
	if (lock.tookOver) write(context.stderr, `Took over the run lock of draft "${draft.id}" from process ${lock.tookOver}, which no longer runs.`);
	try {
		return await runLocked();
	} finally {
		lock.release();
	}

	async function runLocked(): Promise<number> {
		const options = sessionOptions(context, values.debug);
		const session = await openCommandSession(profileName, {...options, client: {...options.client, ...retryOptionsFrom(context.env)}});
		let stopPrinter = () => {};
		const controller = new AbortController();
		// Ctrl-C is answered at once. The first stops the check and deletes what it made (every id is in the ledger);
		// the second quits now, keeping them in the ledger, where the next check or run deletes them first.
		let interrupts = 0;
		let firstAt = 0;
		const onSignal = () => {
			// conf's atomic writer (when-exit) re-raises the signal it sees once, a few ms later: that echo is not a
			// second Ctrl-C. A person's second press comes well after 300 ms.
			if (interrupts === 1 && Date.now() - firstAt < 300) return;
			interrupts += 1;
			firstAt ||= Date.now();
			const open = pendingEntries({draft, profileName: session.profile.name}).length;
			if (interrupts === 1) {
				controller.abort();
				const doing =
					open > 0 ? `deleting ${open} test object(s)… (Ctrl-C again to quit now and keep them)` : 'nothing to delete yet… (Ctrl-C again to quit now)';
				write(context.stderr, `\nStopping: ${doing}`);
				return;
			}
			store.save(draft);
			write(
				context.stderr,
				`\nQuit. Kept ${open} test object(s) in the ledger of draft "${draft.id}" (profile "${session.profile.name}"): ` +
					`the next check, or "aep-source run ${draft.id}", deletes them first.`,
			);
			lock?.release();
			process.exit(130);
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
		try {
			const inputs = resolveTestInputs({
				draft,
				session,
				params: values.param ?? [],
				authSpecName: values.auth,
				target: values.target,
				env: context.env,
				sourceApi: values['source-api'],
			});
			session.client.addSecrets(inputs.secrets);
			// Said once the run's inputs are known to be usable: a usage error creates no draft, so it announces none.
			if (resolved.note) write(context.stderr, resolved.note);
			const printer = progressPrinter(context, Boolean(values.json), session.client);
			stopPrinter = printer.stop;
			const progress = printer.print;
			// The draft remembers the profile it is built and verified on (the next run's and the wizard's default).
			draft = {...draft, profile: session.profile.name};
			const sourceApi = {api: inputs.route.api, target: inputs.route.target, why: inputs.route.why};
			if (!values.json) write(context.stdout, `${'source-api'.padEnd(18)} ${'..'.padEnd(7)} Source requests ${describeRoute(inputs.route)}`);
			const owner = draftOwner(draft, next => {
				store.save(next);
				draft = next;
			});
			const workflow: WorkflowContext = Object.assign(owner, {client: session.client, profileName: session.profile.name, progress, signal: controller.signal});
			store.save(draft);
			let summary: RunSummary | undefined;
			let failure: {message: string; hint?: string} | undefined;
			let specId: string | undefined;
			let appended: {changed: boolean} | undefined;
			try {
				specId = (await createOrUpdateConnectionSpec(workflow)).id;
				await session.routeSources?.(specId, inputs.route.api);
				appended = await appendToRestStorageToAEP(workflow, specId);
				summary = await runEndToEndCheck(workflow, {...inputs.options, keep: Boolean(values.keep)});
			} catch (error) {
				failure = explain(error);
			}
			const ok = summary?.status === 'success';
			if (values.json) {
				write(
					context.stdout,
					JSON.stringify(
						{
							ok,
							draft: draft.id,
							profile: session.profile.name,
							connectionSpecId: specId,
							sourceApi,
							flowSpecChanged: appended?.changed,
							run: summary,
							error: failure,
						},
						null,
						2,
					),
				);
			} else if (ok && summary) {
				write(
					context.stdout,
					`\nSuccess: ${summary.recordsWritten} records written (${summary.recordsRead} read, ${summary.recordsFailed} failed) ` +
						`in ${(summary.durationMs / 1000).toFixed(1)}s. Connection spec ${specId}.`,
				);
				const warned = mappingWarningText(summary);
				if (warned) write(context.stdout, `\nWarning: ${warned}: ${(summary.warnings ?? []).map(each => `${each.code} ${each.message}`).join(' ')}`);
			} else if (controller.signal.aborted) {
				const left = summary?.cleanedUp
					? 'The test objects created so far were deleted.'
					: 'Run "aep-source run" again to clean up what was left (the draft records every id).';
				write(context.stderr, `\nInterrupted. ${left}`);
			} else {
				const reason = failure ?? {
					message: `${summary?.failedStage ?? 'run'} failed: ${summary?.errors.map(e => `${e.code} ${e.message}`).join('; ') || 'no records landed'}`,
				};
				write(context.stderr, `\nThe check failed. ${reason.message}${reason.hint ? `\nWhat to do: ${reason.hint}` : ''}`);
			}
			// A Ctrl-C that arrives after the run succeeded interrupted nothing: the exit code stays 0.
			if (controller.signal.aborted && !ok) return 130;
			return ok ? 0 : 1;
		} finally {
			stopPrinter();
			// Still listening while the session closes: a Ctrl-C then must not kill the process mid-close.
			await session.close();
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	}
};

export default run;
