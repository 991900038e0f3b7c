// Runs workflow functions for a screen: builds the WorkflowContext from the session and the draft, turns progress
// events into progress rows, and keeps every job awaitable by tests.
import {useCallback, useRef, useState} from 'react';
import {draftOwner, type ProgressEvent, type WorkflowContext} from '../workflow/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import type {ProgressItem} from '../components/progress-list.js';
import {useServices} from '../wizard/services.js';
import {describeRetries} from '../shared/retry.js';
import {useWizard} from '../wizard/wizard-context.js';

export type JobError = {stage?: string; message: string; hint?: string};

export function describeFailure(error: unknown): JobError {
	const known = error as {stage?: string; hint?: string; describe?: () => string; message?: string};
	const message = typeof known?.describe === 'function' ? known.describe() : error instanceof Error ? error.message : String(error);
	const hint = known?.hint && !message.includes(known.hint) ? known.hint : undefined;
	return {stage: known?.stage, message, hint};
}

export function useWorkflowJob(draft: Draft, update: (change: (draft: Draft) => Draft) => void, stages: {key: string; label: string}[]) {
	const services = useServices();
	const wizard = useWizard();
	const [items, setItems] = useState<ProgressItem[]>(stages.map(stage => ({...stage, status: 'pending'})));
	const [running, setRunning] = useState(false);
	const [error, setError] = useState<JobError>();
	const latestDraft = useRef(draft);
	latestDraft.current = draft;
	// Retries of platform calls since the current stage started: named on its row when it ends (docs/retries.md).
	const retries = useRef<{reason: string}[]>([]);
	const abortRef = useRef<AbortController | undefined>(undefined);

	const onEvent = useCallback(
		(event: ProgressEvent) => {
			if (event.status === 'start') retries.current = [];
			const retried = event.status === 'done' || event.status === 'failed' ? describeRetries(retries.current) : undefined;
			if (retried) retries.current = [];
			const message = retried ? `${event.message} (${retried})` : event.message;
			setItems(current => {
				const known = current.some(item => item.key === event.stage);
				const list = known ? current : [...current, {key: event.stage, label: event.stage, status: 'pending' as const}];
				return list.map(item => {
					if (item.key !== event.stage) return item;
					if (event.status === 'start') return {...item, status: 'running', startedAt: services.clock(), message: event.message};
					if (event.status === 'info') return {...item, message: event.message};
					return {...item, status: event.status, message, elapsedMs: event.elapsedMs ?? (item.startedAt ? services.clock() - item.startedAt : undefined)};
				});
			});
		},
		[services],
	);

	const start = useCallback(
		<T>(job: (ctx: WorkflowContext) => Promise<T>, onDone: (value: T) => void, options: {keepItems?: boolean} = {}) => {
			setRunning(true);
			setError(undefined);
			// keepItems: a follow-up job (the clean-up after a failed check) adds to the rows instead of resetting them.
			if (!options.keepItems) setItems(stages.map(stage => ({...stage, status: 'pending'})));
			let stopRetries = () => {};
			// Each job can be stopped (Ctrl-C on the check): the workflow sees the signal between calls.
			const controller = new AbortController();
			abortRef.current = controller;
			const work = (async () => {
				const session = await wizard.session();
				stopRetries = session.client.onRetry(event => retries.current.push(event));
				// The draft remembers the profile it is built and checked on (the next session's default, `run`'s too).
				const current = latestDraft.current;
				const draft = current.profile === wizard.profileName ? current : {...current, profile: wizard.profileName};
				if (draft !== current) update(() => draft);
				// The workflow reports every change through the draft owner; the wizard's update stores and autosaves it.
				const owner = draftOwner(draft, saved => update(() => saved));
				const ctx: WorkflowContext = Object.assign(owner, {
					client: session.client,
					profileName: wizard.profileName,
					progress: onEvent,
					signal: controller.signal,
				});
				const value = await job(ctx);
				onDone(value);
			})().then(
				() => {
					stopRetries();
					setRunning(false);
				},
				(failure: unknown) => {
					stopRetries();
					setRunning(false);
					setError(describeFailure(failure));
					setItems(current => current.map(item => (item.status === 'running' ? {...item, status: 'failed'} : item)));
				},
			);
			void services.track(work);
		},
		[services, wizard, update, onEvent, stages],
	);
	/** Stops the running job (its workflow cleans up what it made, as on any stop). */
	const abort = useCallback(() => abortRef.current?.abort(), []);
	return {items, running, error, start, abort};
}
