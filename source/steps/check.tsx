// End-to-end check (docs/workflow.md#step-6-end-to-end-test): choose a target (existing ids or "create one for me"); the auth
// spec and test values come from the test-values panel (Ctrl-T; secrets in memory only); then watch each stage.
import {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {RunSummary} from '../connection-spec/draft-types.js';
import type {StageName} from '../workflow/progress.js';
import {pendingEntries} from '../workflow/ledger.js';
import {mappingWarningText} from '../workflow/run-monitor.js';
import {Form, type FormField} from '../components/form.js';
import {formatElapsed, ProgressList} from '../components/progress-list.js';
import {formKeys, quitKey, useKeys, type KeyBinding} from '../components/use-keys.js';
import {useServices} from '../wizard/services.js';
import {useWizard, type StepProps} from '../wizard/wizard-context.js';
import {useWorkflowJob} from './use-workflow.js';
import {authEntries, describeRoute, wizardTestValues} from './test-credentials.js';
import {TestValuesPanel, useTestPlace} from './test-values-panel.js';

export const checkStages = [
	{key: 'base-connection', label: 'Base connection'},
	{key: 'explore', label: 'Explore'},
	{key: 'source-connection', label: 'Source connection'},
	{key: 'target', label: 'Target (schema + dataset)'},
	{key: 'mapping', label: 'Mapping'},
	{key: 'target-connection', label: 'Target connection'},
	{key: 'dataflow', label: 'Dataflow'},
	{key: 'run', label: 'Run'},
	{key: 'cleanup', label: 'Clean-up'},
];

export function CheckScreen({draft, update, go, back}: StepProps) {
	const services = useServices();
	const wizard = useWizard();
	const [mode, setMode] = useState<'inputs' | 'progress'>('inputs');
	const job = useWorkflowJob(draft, update, checkStages);
	const [summary, setSummary] = useState<RunSummary>();
	const entries = useMemo(() => authEntries(draft.spec), [draft.spec]);
	const entry = entries.find(each => each.name === draft.test.authSpecName) ?? entries[0];
	const place = useTestPlace();
	const testValues = wizardTestValues(draft, {...place, secrets: wizard.testSecrets, env: services.env});
	const [panel, setPanel] = useState(false);
	// The form opens on its first field, Target (a choice); Form tells each move after that.
	const [focusedKind, setFocusedKind] = useState<FormField['kind']>('choice');

	const [cleaned, setCleaned] = useState<{deleted: number; failed: number}>();
	// Ctrl-C while the check runs is answered at once: stop, delete what it made; a second press quits and keeps them.
	const [stopping, setStopping] = useState<{count: number}>();
	const draftRef = useRef(draft);
	draftRef.current = draft;
	const stoppingRef = useRef(false);
	const {setInterruptHandler, profileName} = wizard;
	const {running, abort} = job;
	useEffect(() => {
		if (!running) return undefined;
		setInterruptHandler(() => {
			// The second press: the wizard quits; every object is already in the saved ledger for the next check.
			if (stoppingRef.current) return false;
			stoppingRef.current = true;
			setStopping({count: pendingEntries({draft: draftRef.current, profileName}).length});
			abort();
			return true;
		});
		return () => setInterruptHandler(undefined);
	}, [running, abort, setInterruptHandler, profileName]);

	const run = (resumeFrom?: StageName) => {
		stoppingRef.current = false;
		setStopping(undefined);
		setMode('progress');
		setSummary(undefined);
		setCleaned(undefined);
		job.start(
			async ctx =>
				withRunLock(ctx.draft.id, async () => {
					const session = await wizard.session();
					const credentials = wizardTestValues(ctx.draft, {
						local: session.profile.kind === 'local',
						demoUrl: session.demo?.url,
						secrets: wizard.testSecrets,
						env: services.env,
					});
					const specId = ctx.draft.remote[wizard.profileName]?.connectionSpecId;
					if (specId) await session.routeSources?.(specId, credentials.route.api);
					const target = draft.test.target;
					return services.workflow.runEndToEndCheck(ctx, {
						authSpecName: credentials.authSpecName,
						authParams: credentials.authParams,
						sourceParams: credentials.sourceParams,
						target,
						keep: draft.test.keep,
						// A failed check keeps its objects so `r` can reuse them (the next check or `c` deletes them).
						keepOnFailure: true,
						pollIntervalMs: services.pollIntervalMs,
						...(resumeFrom ? {resumeFrom} : {}),
					});
				}),
			setSummary,
		);
	};

	/** One run per draft across processes (a `run` in another terminal): the store's run lock, released at the end. */
	const withRunLock = async <T,>(id: string, work: () => Promise<T>): Promise<T> => {
		const lock = services.drafts.lockRun(id);
		try {
			return await work();
		} finally {
			lock.release();
		}
	};

	const cleanUpKept = () => {
		job.start(
			ctx => withRunLock(ctx.draft.id, () => services.workflow.cleanUp(ctx)),
			result => setCleaned({deleted: result.deleted.length, failed: result.failed.length}),
			{keepItems: true},
		);
	};

	const failedStage = (summary?.status === 'failed' ? summary.failedStage : job.error?.stage) as StageName | undefined;
	const failed = summary?.status === 'failed' || job.error !== undefined;
	// Stopped with Ctrl-C: not a failure to fix; what it made was deleted, so there is nothing to resume from.
	const stopped = stopping !== undefined && !job.running;
	const kept = failed ? pendingEntries({draft, profileName: wizard.profileName}).length : 0;
	// A retry reuses the kept objects of the stages before the failed one; with none kept it starts over.
	const resumable = failed && !stopped && kept > 0;
	const idle = !job.running;
	const progressKeys: KeyBinding[] = [
		{...quitKey(stopping ? 'quit now, keep the test objects' : 'stop & clean up'), when: job.running},
		{keys: 'return', label: 'continue to the checklist', action: () => go('checklist'), when: idle && summary?.status === 'success'},
		{keys: 'r', label: `retry from ${failedStage ?? 'the start'}`, action: () => run(failedStage), when: idle && resumable},
		{keys: 'r', label: 'run the check again', action: () => run(), when: idle && failed && !resumable},
		{keys: 'c', label: 'clean up', action: cleanUpKept, when: idle && failed && kept > 0},
		{keys: 'escape', label: 'edit inputs', action: () => setMode('inputs'), when: idle},
	];
	const inputKeys: KeyBinding[] = [
		...formKeys({enter: 'save field', choice: 'choice', focusedKind}),
		{keys: 'ctrl+t', label: 'test values', action: () => setPanel(true)},
	];
	// The test-values panel, when open, has a key table of its own.
	const footer = useKeys(mode === 'progress' ? progressKeys : inputKeys, {isActive: mode === 'progress' || !panel});

	if (mode === 'progress') {
		return (
			<Box flexDirection="column">
				<Text bold>{`End-to-end check on “${wizard.profileName}” with “${entry?.name ?? '?'}”`}</Text>
				<Text dimColor wrap="truncate">{`Source requests ${describeRoute(testValues.route)}`}</Text>
				<ProgressList items={job.items} now={services.clock} />
				{stopping && job.running && <Text color="yellow">{`Stopping: deleting ${stopping.count} test objects… (Ctrl-C again to quit now and keep them)`}</Text>}
				{stopping && !job.running && (
					<Text color="yellow">{summary?.cleanedUp ? '■ Stopped on request; the test objects were deleted.' : '■ Stopped on request.'}</Text>
				)}
				{summary?.status === 'success' && (
					<Box flexDirection="column" marginTop={1}>
						<Text color="green">
							{`✔ Success: ${summary.recordsRead} records read, ${summary.recordsWritten} written, ${summary.recordsFailed} failed; ` +
								`the run took ${formatElapsed(summary.durationMs)}`}
						</Text>
						{mappingWarningText(summary) && (
							<Text color="yellow" wrap="wrap">{`⚠ ${mappingWarningText(summary)}: ${(summary.warnings ?? []).map(each => each.message).join(' ')}`}</Text>
						)}
						<Text dimColor>
							{`flow ${summary.flowId ?? '-'} · run ${summary.runId ?? '-'} · batches ${summary.batchIds.length} · ` +
								`${summary.cleanedUp ? 'test objects deleted' : 'test objects kept'}`}
						</Text>
					</Box>
				)}
				{summary?.status === 'failed' && !stopped && (
					<Box flexDirection="column" marginTop={1}>
						<Text color="red" wrap="wrap">{`✖ Failed at stage “${summary.failedStage ?? '?'}”: ${summary.errors.map(each => each.message).join(' ')}`}</Text>
						<Text color="yellow" wrap="wrap">
							{resumable
								? `→ Fix the cause, then r retries from “${summary.failedStage ?? '?'}” (Esc edits the inputs and starts over).`
								: '→ Fix the cause, then r runs the check again (Esc edits the inputs first).'}
						</Text>
					</Box>
				)}
				{failed && !job.running && kept > 0 && <Text dimColor>{`${kept} test objects kept for the retry; the next check or \`c\` deletes them`}</Text>}
				{cleaned && (
					<Text color={cleaned.failed ? 'red' : 'green'}>
						{cleaned.failed
							? `✖ ${cleaned.failed} test object(s) could not be deleted (see above); c tries again`
							: `✔ Deleted ${cleaned.deleted} test object(s)`}
					</Text>
				)}
				{job.error && (
					<Box flexDirection="column" marginTop={1}>
						<Text color="red" wrap="wrap">{`✖ ${job.error.stage ? `Stage “${job.error.stage}”: ` : ''}${job.error.message}`}</Text>
						{job.error.hint && <Text color="yellow" wrap="wrap">{`→ ${job.error.hint}`}</Text>}
					</Box>
				)}
				{footer}
			</Box>
		);
	}

	const fields: FormField[] = [
		{
			name: 'target',
			label: 'Target',
			kind: 'choice',
			choices: [
				{label: 'Create a test target for me (schema, dataset, mapping)', value: 'create'},
				{label: 'Use existing target ids', value: 'existing'},
			],
		},
		...(draft.test.target.mode === 'existing'
			? [
					{
						name: 'schemaId',
						label: '  Schema id',
						help: 'The $id of the XDM schema (https://ns.adobe.com/…).',
						validate: (value: string) => (value.trim() ? undefined : 'Required for an existing target.'),
					},
					{
						name: 'datasetId',
						label: '  Dataset id',
						help: 'Dataset based on that schema.',
						validate: (value: string) => (value.trim() ? undefined : 'Required for an existing target.'),
					},
					{name: 'mappingId', label: '  Mapping set id (optional)', help: 'Leave empty to create a mapping from the preview records.'},
				]
			: []),
		{
			name: 'keep',
			label: 'Keep test objects',
			kind: 'choice',
			choices: [
				{label: 'no — clean up after the run', value: 'no'},
				{label: 'yes — keep them to inspect', value: 'yes'},
			],
		},
	];
	const values: Record<string, string> = {
		target: draft.test.target.mode,
		schemaId: draft.test.target.mode === 'existing' ? draft.test.target.schemaId : '',
		datasetId: draft.test.target.mode === 'existing' ? draft.test.target.datasetId : '',
		mappingId: draft.test.target.mode === 'existing' ? (draft.test.target.mappingId ?? '') : '',
		keep: draft.test.keep ? 'yes' : 'no',
	};

	const commit = (name: string, value: string) => update(current => ({...current, test: {...current.test, ...testChange(current.test, name, value)}}));
	const start = () => {
		if (testValues.missing.length > 0) return setPanel(true);
		run();
	};

	if (panel) return <TestValuesPanel draft={draft} update={update} onClose={() => setPanel(false)} />;

	const publicCredentials = testValues.route.api === 'demo' ? ' with the demo API’s public credentials' : '';
	const missingValues = testValues.missing.length ? `; missing ${testValues.missing.map(each => each.name).join(', ')}` : ' ✔';
	return (
		<Box flexDirection="column">
			<Text bold>End-to-end check — base connection → source → target → dataflow → run</Text>
			<Text wrap="truncate">{`Source requests ${describeRoute(testValues.route)}`}</Text>
			<Text wrap="truncate">{`Test values: auth spec “${testValues.authSpecName ?? '?'}”${publicCredentials}${missingValues} (Ctrl-T to edit)`}</Text>
			<Form
				key={draft.test.target.mode}
				fields={fields}
				values={values}
				onCommit={commit}
				onDone={start}
				onBack={back}
				onFocusField={name => setFocusedKind(fields.find(field => field.name === name)?.kind ?? 'text')}
				doneLabel="Run the end-to-end check"
			/>
			{footer}
		</Box>
	);
}

function testChange(test: StepProps['draft']['test'], name: string, value: string): Partial<StepProps['draft']['test']> {
	if (name === 'authSpecName') return {authSpecName: value};
	if (name === 'keep') return {keep: value === 'yes'};
	if (name === 'target') return {target: value === 'existing' ? {mode: 'existing', schemaId: '', datasetId: ''} : {mode: 'create'}};
	if (test.target.mode !== 'existing') return {};
	const target = {...test.target, [name]: value.trim()};
	if (name === 'mappingId' && value.trim() === '') delete (target as {mappingId?: string}).mappingId;
	return {target};
}
