// The live preview of the source spec: runs the engine against the real source (the demo source on the local
// profile) with at most 3 pages, debounced after each committed change; typing alone never starts a request.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {specFromDraft} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';
import {useServices} from './services.js';
import {useWizard, type PreviewOutcome} from './wizard-context.js';
import {testCredentials} from './test-credentials.js';

export const previewPageCap = 3;

export type PreviewState = {status: 'idle' | 'waiting' | 'running' | 'done' | 'blocked'; outcome?: PreviewOutcome; blocked?: string};

/** Key of what the preview depends on: the auth and source sections, and the test inputs. */
export function previewKey(draft: Draft): string {
	return JSON.stringify([draft.spec['authSpec'], draft.spec['sourceSpec'], draft.test.authSpecName, draft.test.authParams, draft.test.sourceParams]);
}

export function usePreview(draft: Draft, options: {auto?: boolean} = {}) {
	const services = useServices();
	const wizard = useWizard();
	const key = useMemo(() => previewKey(draft), [draft]);
	const [state, setState] = useState<PreviewState>(() => (wizard.lastPreview?.specKey === key ? {status: 'done', outcome: wizard.lastPreview} : {status: 'idle'}));
	const controller = useRef<AbortController | undefined>(undefined);
	const latest = useRef({draft, key});
	latest.current = {draft, key};

	const run = useCallback(() => {
		controller.current?.abort();
		const abort = new AbortController();
		controller.current = abort;
		const {draft: current, key: runKey} = latest.current;
		setState(previous => ({...previous, status: 'running'}));
		const work = (async () => {
			const session = await wizard.session();
			const credentials = testCredentials(current, {profileName: wizard.profileName, demoUrl: session.demo?.url, secrets: wizard.testSecrets});
			if (credentials.missing.length > 0) {
				return setState({status: 'blocked', blocked: `The preview needs test values for ${credentials.missing.join(', ')} (auth spec "${credentials.authSpecName}"): enter them on the end-to-end check screen.`});
			}
			const started = services.clock();
			const response = await services.preview({
				spec: specFromDraft(current),
				authSpecName: credentials.authSpecName,
				authParams: credentials.authParams,
				sourceParams: credentials.sourceParams,
				maxPages: previewPageCap,
				signal: abort.signal,
				// The local profile sends every source request to the demo source, as its sandbox does for runs.
				...(session.demo ? {originOverride: session.demo.url} : {}),
			});
			if (abort.signal.aborted) return;
			const outcome: PreviewOutcome = {
				specKey: runKey,
				records: response.records,
				pages: response.result?.pages ?? [],
				stop: response.result?.stop,
				error: response.error ? {code: response.error.code, message: response.error.message, hint: response.error.hint} : undefined,
				finishedAt: services.clock() - started,
			};
			wizard.setLastPreview(outcome);
			setState({status: 'done', outcome});
		})().catch((error: unknown) => {
			if (!abort.signal.aborted) setState({status: 'blocked', blocked: `The preview could not start: ${error instanceof Error ? error.message : String(error)}`});
		});
		void services.track(work);
	}, [services, wizard]);

	// Debounced: a burst of commits starts one preview, after the user pauses.
	useEffect(() => {
		if (options.auto === false) return;
		if (wizard.lastPreview?.specKey === key) return;
		setState(previous => ({...previous, status: 'waiting'}));
		const timer = setTimeout(run, services.previewDelayMs);
		return () => clearTimeout(timer);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [key]);
	useEffect(() => () => controller.current?.abort(), []);
	return {state, run};
}
