// The live preview of the source spec: runs the engine against the source the test values route to (the spec's
// host, or the demo API on the local profile when chosen) with at most 3 pages, debounced after each committed
// change; typing alone never starts a request. It sends the schedule window a run would (docs/preview.md).
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {specFromDraft} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {useServices} from '../wizard/services.js';
import {useWizard, type PreviewOutcome, type PreviewWindow} from '../wizard/wizard-context.js';
import {describeRoute, wizardTestValues} from './test-credentials.js';
import type {SourceRoute} from '../workflow/test-values.js';
import type {RunWindow} from '../workflow/preview.js';

export const previewPageCap = 3;
/** Characters of each page's body the inspector keeps (docs/preview.md#what-it-shows). */
export const previewBodyChars = 256 * 1024;

export type WindowChoice = PreviewWindow['choice'];

export type PreviewState = {status: 'idle' | 'waiting' | 'running' | 'done' | 'blocked'; outcome?: PreviewOutcome; blocked?: string};

/**
 * Key of what the preview depends on: the auth and source sections, the test inputs and the source API choice, and
 * which secrets were typed (a short fingerprint, never the secret: the key is kept with the last preview).
 */
export function previewKey(draft: Draft, secrets: Record<string, string> = {}, windowChoice: WindowChoice = 'backfill'): string {
	const typed = Object.entries(secrets)
		.map(([name, value]) => `${name}:${fingerprint(value)}`)
		.sort();
	return JSON.stringify([
		draft.spec['authSpec'],
		draft.spec['sourceSpec'],
		draft.test.authSpecName,
		draft.test.authParams,
		draft.test.sourceParams,
		draft.test.sourceApi ?? '',
		typed,
		windowChoice,
	]);
}

function fingerprint(text: string): string {
	let hash = 0;
	for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
	return (hash >>> 0).toString(36).slice(0, 3);
}

export function usePreview(draft: Draft, options: {auto?: boolean} = {}) {
	const services = useServices();
	const wizard = useWizard();
	const [windowChoice, setWindowChoice] = useState<WindowChoice>(() => wizard.lastPreview?.window?.choice ?? 'backfill');
	const key = useMemo(() => previewKey(draft, wizard.testSecrets, windowChoice), [draft, wizard.testSecrets, windowChoice]);
	const [state, setState] = useState<PreviewState>(() =>
		wizard.lastPreview?.specKey === key ? {status: 'done', outcome: wizard.lastPreview} : {status: 'idle'},
	);
	const controller = useRef<AbortController | undefined>(undefined);
	const latest = useRef({draft, key, windowChoice});
	latest.current = {draft, key, windowChoice};

	const run = useCallback(() => {
		controller.current?.abort();
		const abort = new AbortController();
		controller.current = abort;
		const {draft: current, key: runKey, windowChoice: choice} = latest.current;
		setState(previous => ({...previous, status: 'running'}));
		const work = (async () => {
			const session = await wizard.session();
			const credentials = wizardTestValues(current, {
				local: session.profile.kind === 'local',
				demoUrl: session.demo?.url,
				secrets: wizard.testSecrets,
				env: services.env,
			});
			if (credentials.missing.length > 0) {
				const names = credentials.missing.map(each => each.name).join(', ');
				const which = credentials.authSpecName ? ` (auth spec "${credentials.authSpecName}")` : '';
				return setState({status: 'blocked', blocked: `The preview needs test values for ${names}${which}: press Ctrl-T for the test values panel.`});
			}
			const demoRoute = credentials.route.api === 'demo' && session.demo !== undefined;
			const started = services.clock();
			const window = await windowOf(current, choice, started);
			const response = await services.preview({
				spec: specFromDraft(current),
				authSpecName: credentials.authSpecName,
				authParams: credentials.authParams,
				sourceParams: credentials.sourceParams,
				maxPages: previewPageCap,
				window: {start: new Date(window.start), end: new Date(window.end)},
				scheduleMode: window.mode,
				inspect: {bodyChars: previewBodyChars},
				signal: abort.signal,
				// Routed to the demo API: the same origin the sandbox uses for explore and runs (docs/local-routing.md).
				...(demoRoute ? {originOverride: session.demo!.url} : {}),
			});
			if (abort.signal.aborted) return;
			const outcome: PreviewOutcome = {
				specKey: runKey,
				route: describeRoute(credentials.route),
				records: response.records,
				pages: response.result?.pages ?? [],
				stop: response.result?.stop,
				window: {choice, start: window.start, end: window.end, sent: window.sent},
				error: response.error ? {code: response.error.code, message: response.error.message, hint: previewHint(response.error, credentials.route)} : undefined,
				finishedAt: services.clock() - started,
			};
			wizard.setLastPreview(outcome);
			setState({status: 'done', outcome});
		})().catch((error: unknown) => {
			if (!abort.signal.aborted)
				setState({status: 'blocked', blocked: `The preview could not start: ${error instanceof Error ? error.message : String(error)}`});
		});
		void services.track(work);
	}, [services, wizard]);

	// Debounced: a burst of commits starts one preview, after the user pauses.
	// biome-ignore lint/correctness/useExhaustiveDependencies: only a changed spec (its key) starts the debounce; run and the delay are read as they are then
	useEffect(() => {
		if (options.auto === false) return;
		if (wizard.lastPreview?.specKey === key) return;
		setState(previous => ({...previous, status: 'waiting'}));
		const timer = setTimeout(run, services.previewDelayMs);
		return () => clearTimeout(timer);
	}, [key]);
	useEffect(() => () => controller.current?.abort(), []);
	return {state, run, windowChoice, setWindowChoice};
}

/**
 * The window a run would send for `choice`, and its schedule values as sent, through the engine's own rules
 * (runWindow, scheduleWindowPreview): loaded with the preview, so the screen's first frame does not wait for them.
 */
async function windowOf(draft: Draft, choice: WindowChoice, nowMs: number): Promise<RunWindow & {sent: PreviewWindow['sent']}> {
	const {previewWindow, scheduleWindowPreview} = await import('../workflow/preview.js');
	const window = previewWindow(choice, nowMs);
	const scheduleParams = (draft.spec['sourceSpec'] as {attributes?: {scheduleParams?: unknown}} | undefined)?.attributes?.scheduleParams;
	const [sent = []] = scheduleWindowPreview(scheduleParams, [{start: new Date(window.start), end: new Date(window.end)}], window.mode);
	return {...window, sent};
}

/**
 * The hint of a failed preview, said for where the preview's values live. The engine's hints speak of the spec and
 * of a base connection (what a run has); a preview has test values instead, and may have gone to the demo API,
 * whose 404 says nothing about the author's path.
 */
export function previewHint(error: {code: string; hint: string}, route: SourceRoute): string {
	const fromSource = error.code === 'source-http' || error.code === 'source-json' || error.code === 'source-auth';
	if (route.api === 'demo' && fromSource)
		return route.canSwitch && /no host/.test(route.why)
			? "These requests went to the demo API because the spec's host has no test value yet, and the demo serves only its own " +
					"routes: give the host a test value (Ctrl-T), or Ctrl-O to use the spec's host."
			: "These requests went to the demo API, which serves only its own routes: Ctrl-O uses the spec's host instead.";
	if (error.code === 'source-auth') return 'The source refused the credentials: check them in the test values (Ctrl-T).';
	return error.hint;
}
