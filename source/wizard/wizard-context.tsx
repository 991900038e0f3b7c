// Wizard-wide state every step reads: the active profile and its (lazily opened) platform session.
// The local profile's session starts the in-process sandbox, so it is opened once and closed on exit.
import {createContext, useCallback, useContext, useEffect, useRef, useState} from 'react';
import type {Session} from '../session.js';
import type {Draft, StepName} from '../connection-spec/draft-types.js';
import type {WizardServices} from './services.js';
import type {PageTrace} from '../workflow/preview.js';

export type SessionState = {status: 'idle' | 'opening' | 'open' | 'failed'; error?: string; hint?: string};

export type WizardState = {
	profileName: string;
	setProfileName: (name: string) => void;
	/** Opens (once) and returns the session of the active profile. */
	session: () => Promise<Session>;
	sessionState: SessionState;
	closeSession: () => Promise<void>;
	/** Secret test credentials typed this session (never saved to the draft), by auth property name. */
	testSecrets: Record<string, string>;
	setTestSecret: (name: string, value: string) => void;
	/** The last live preview, shared by the source and explore screens. */
	lastPreview?: PreviewOutcome;
	setLastPreview: (preview: PreviewOutcome | undefined) => void;
	/** The JSON path of the finding chosen on Review: the screen it opens focuses the field that edits it (once). */
	focusPath?: string;
	setFocusPath: (path: string | undefined) => void;
	/**
	 * A screen with work in flight takes Ctrl-C first: its handler returns true when it answered the press itself (the
	 * check stops and cleans up), false to let the wizard quit. Undefined clears it.
	 */
	setInterruptHandler: (handler: (() => boolean) | undefined) => void;
};

export type PreviewOutcome = {
	specKey: string;
	/** Where the requests went ("→ demo API …" / "→ https://…"). */
	route?: string;
	records: Record<string, unknown>[];
	/** With the inspector's detail (query, headers, the body cut to previewBodyChars), secrets masked. */
	pages: PageTrace[];
	/** The schedule window the requests carried (docs/preview.md#the-schedule-window). */
	window?: PreviewWindow;
	stop?: {code: string; message: string};
	error?: {code: string; message: string; hint: string};
	finishedAt: number;
};

export type PreviewWindow = {
	/** `backfill`: the flow's first run; `incremental`: a later run. */
	choice: 'backfill' | 'incremental';
	/** ms since the epoch. */
	start: number;
	end: number;
	/** The schedule values as sent: `start_time=…`, or `{SCHEDULE_QUERY}` and its expression; empty without scheduleParams. */
	sent: {name: string; value: string}[];
};

/**
 * The name of the field that edits `findingPath`: the field whose spec path is the longest prefix of it
 * (e.g. sourceSpec.attributes.paginationParams.limitValue → the limitValue field). Undefined when none does.
 */
export function fieldForPath(findingPath: string | undefined, fields: {name: string; path: string}[]): string | undefined {
	if (!findingPath) return undefined;
	const matches = fields.filter(field => findingPath === field.path || findingPath.startsWith(`${field.path}.`) || findingPath.startsWith(`${field.path}[`));
	return matches.sort((a, b) => b.path.length - a.path.length)[0]?.name;
}

const WizardContext = createContext<WizardState | undefined>(undefined);
export const WizardProvider = WizardContext.Provider;

export function useWizard(): WizardState {
	const state = useContext(WizardContext);
	if (!state) throw new Error('useWizard() needs a <WizardProvider>.');
	return state;
}

/** What every step screen receives from the app's step machine. */
export type StepProps = {
	draft: Draft;
	/** Changes the draft and saves it at once (autosave on every field commit). */
	update: (change: (draft: Draft) => Draft) => void;
	go: (step: StepName) => void;
	back: () => void;
	home: () => void;
};

export function useSessionHolder(services: WizardServices, profileName: string): Pick<WizardState, 'session' | 'sessionState' | 'closeSession'> {
	const holder = useRef<{name: string; promise: Promise<Session>} | undefined>(undefined);
	const [sessionState, setSessionState] = useState<SessionState>({status: 'idle'});
	const closeSession = useCallback(async () => {
		const current = holder.current;
		holder.current = undefined;
		if (current)
			await current.promise.then(
				session => session.close(),
				() => undefined,
			);
	}, []);
	const session = useCallback(() => {
		if (holder.current?.name === profileName) return holder.current.promise;
		void closeSession();
		setSessionState({status: 'opening'});
		const promise = services.openSession(profileName);
		holder.current = {name: profileName, promise};
		// Both outcomes are handled in the chain; track only lets tests wait for it.
		void services.track(
			promise.then(
				() => setSessionState({status: 'open'}),
				(error: unknown) => {
					if (holder.current?.promise === promise) holder.current = undefined;
					setSessionState({status: 'failed', error: error instanceof Error ? error.message : String(error), hint: (error as {hint?: string}).hint});
				},
			),
		);
		return promise;
	}, [services, profileName, closeSession]);
	useEffect(() => () => void closeSession(), [closeSession]);
	return {session, sessionState, closeSession};
}
