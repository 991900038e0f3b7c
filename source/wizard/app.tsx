// The wizard's step machine: which screen is shown, with which draft. Screens hold the rest.
import {Suspense, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {Box, Text, useApp, useInput} from 'ink';
import type {Draft, StepName} from '../connection-spec/draft-types.js';
import {peekDefaultProfile, peekProfileExists} from '../store/peek.js';
import {ServicesProvider, type WizardServices} from './services.js';
import {useSessionHolder, WizardProvider, type PreviewOutcome, type StepProps} from './wizard-context.js';
import {HomeScreen, type HomeChoice} from '../steps/home.js';
import {
	ArtifactsScreen,
	AuthScreen,
	BootstrapScreen,
	CheckScreen,
	ChecklistScreen,
	CreateScreen,
	DraftListScreen,
	ExploreScreen,
	ImportScreen,
	NewSourceScreen,
	preloadScreens,
	ProfilesScreen,
	ReviewScreen,
	SourceScreen,
} from './screens.js';
import {previousStep} from './step-order.js';
import {WizardErrorBoundary} from '../components/error-boundary.js';
import {WizardHeader} from '../components/wizard-header.js';

/**
 * Where the wizard opens: the interactive command of the command table and what its flags and arguments asked for,
 * already parsed and checked there (commands/interactive.tsx). The wizard never reads argv.
 */
export type WizardStart = {command: 'home'} | {command: 'new'; template?: string} | {command: 'resume' | 'checklist'; draftId?: string} | {command: 'profiles'};

export type AppProps = {
	/** Default: the home screen. */
	start?: WizardStart;
	/** From createServices (stores open) or createLazyServices (stores loading; the home screen does not wait). */
	services: WizardServices;
	/** Called after Ctrl-C saved the draft, just before the app exits. */
	onInterrupt?: () => void;
};

type Route =
	| {screen: 'home'}
	| {screen: 'new'; template?: string}
	| {screen: 'drafts'; purpose: 'resume' | 'checklist'}
	| {screen: 'import'}
	| {screen: 'bootstrap'}
	| {screen: 'profiles'}
	| {screen: 'step'};

/**
 * The wizard inside its error boundary: a screen that cannot be drawn (a corrupt draft or profiles.json, a bug)
 * shows the error panel, and Enter/Esc starts again from Home.
 */
export default function App(props: AppProps) {
	const {exit} = useApp();
	const [restarts, setRestarts] = useState(0);
	const quit = useCallback(() => {
		props.onInterrupt?.();
		exit();
	}, [props, exit]);
	return (
		<WizardErrorBoundary key={restarts} onHome={() => setRestarts(n => n + 1)} onQuit={quit}>
			<Wizard {...props} start={restarts === 0 ? props.start : undefined} />
		</WizardErrorBoundary>
	);
}

const home: WizardStart = {command: 'home'};

function Wizard({start: asked = home, services, onInterrupt}: AppProps) {
	const {exit} = useApp();
	const start = useMemo(() => initialRoute(services, asked), [services, asked]);
	// A draft opens on the profile it was built and checked on (as `aep-source run DRAFT` does), else the default.
	const profileOf = useCallback(
		(draft: Draft | undefined) => (draft?.profile && peekProfileExists(services.home, draft.profile) ? draft.profile : undefined),
		[services],
	);
	const [profileName, setProfileName] = useState(() => profileOf(start.draft) ?? peekDefaultProfile(services.home));
	const holder = useSessionHolder(services, profileName);
	const [testSecrets, setTestSecrets] = useState<Record<string, string>>({});
	const [lastPreview, setLastPreview] = useState<PreviewOutcome>();
	const [focusPath, setFocusPath] = useState<string>();
	const interruptHandler = useRef<(() => boolean) | undefined>(undefined);
	const setInterruptHandler = useCallback((handler: (() => boolean) | undefined) => {
		interruptHandler.current = handler;
	}, []);
	const setTestSecret = useCallback((name: string, value: string) => setTestSecrets(current => ({...current, [name]: value})), []);
	const [route, setRoute] = useState<Route>(start.route);
	// After the first frame: load the other screens while the user reads the menu.
	useEffect(() => {
		const timer = setTimeout(() => void preloadScreens().catch(() => undefined), 0);
		return () => clearTimeout(timer);
	}, []);
	const [draft, setDraft] = useState<Draft | undefined>(start.draft);
	const draftRef = useRef(draft);
	draftRef.current = draft;

	const quit = useCallback(
		(interrupted: boolean) => {
			void services.track(
				holder.closeSession().finally(() => {
					if (interrupted) onInterrupt?.();
					exit();
				}),
			);
		},
		[services, holder, onInterrupt, exit],
	);

	useInput((input, key) => {
		// Every commit is already saved; saving once more keeps the step the user is on.
		if (key.ctrl && input === 'c') {
			if (interruptHandler.current?.()) return;
			if (draftRef.current) services.drafts.save(draftRef.current);
			quit(true);
		}
	});

	const update = useCallback(
		(change: (draft: Draft) => Draft) => {
			const current = draftRef.current;
			if (!current) return;
			const next = {...change(current), updatedAt: new Date(services.clock()).toISOString()};
			draftRef.current = next;
			services.drafts.save(next);
			setDraft(next);
		},
		[services],
	);
	const go = useCallback((step: StepName) => update(current => ({...current, step})), [update]);
	const openDraft = useCallback(
		(next: Draft) => {
			draftRef.current = next;
			setDraft(next);
			const remembered = profileOf(next);
			if (remembered) setProfileName(remembered);
			setRoute({screen: 'step'});
		},
		[profileOf],
	);
	const home = useCallback(() => setRoute({screen: 'home'}), []);

	const onHome = (choice: HomeChoice) => {
		if (choice === 'quit') quit(false);
		else if (choice === 'new') setRoute({screen: 'new'});
		else if (choice === 'resume' || choice === 'checklist') setRoute({screen: 'drafts', purpose: choice});
		else setRoute({screen: choice});
	};

	const stepProps: StepProps | undefined = draft && {
		draft,
		update,
		go,
		home,
		back: () => {
			const previous = previousStep(draft.step);
			if (previous) go(previous);
			else home();
		},
	};

	return (
		<ServicesProvider value={services}>
			<WizardProvider
				value={{profileName, setProfileName, ...holder, testSecrets, setTestSecret, lastPreview, setLastPreview, focusPath, setFocusPath, setInterruptHandler}}
			>
				<Box flexDirection="column">
					<Header draft={route.screen === 'step' ? draft : undefined} profileName={profileName} />
					{route.screen === 'home' && <HomeScreen onChoose={onHome} />}
					{route.screen !== 'home' && (
						<Loaded services={services}>
							{route.screen === 'new' && <NewSourceScreen template={route.template} onCreated={openDraft} onBack={home} />}
							{route.screen === 'drafts' && (
								<DraftListScreen
									purpose={route.purpose}
									onBack={home}
									onOpen={loaded => openDraft(route.purpose === 'checklist' ? {...loaded, step: 'checklist'} : loaded)}
								/>
							)}
							{route.screen === 'import' && <ImportScreen onImported={openDraft} onBack={home} />}
							{route.screen === 'bootstrap' && <BootstrapScreen onCreated={openDraft} onBack={home} />}
							{route.screen === 'profiles' && <ProfilesScreen onDone={home} onBack={home} />}
							{route.screen === 'step' && stepProps && <StepScreen {...stepProps} />}
						</Loaded>
					)}
				</Box>
			</WizardProvider>
		</ServicesProvider>
	);
}

/** Every screen but home needs the stores and its own module: both load after the first frame. */
function Loaded({services, children}: {services: WizardServices; children: ReactNode}) {
	return (
		<Suspense fallback={<Text dimColor>Loading…</Text>}>
			<StoresReady ready={services.ready}>{children}</StoresReady>
		</Suspense>
	);
}

function StoresReady({ready, children}: {ready?: Promise<void>; children: ReactNode}) {
	if (ready) use(ready);
	return children;
}

function StepScreen(props: StepProps) {
	switch (props.draft.step) {
		case 'setup':
			return <ProfilesScreen setup onDone={() => props.go('artifacts')} onBack={props.home} />;
		case 'artifacts':
			return <ArtifactsScreen {...props} />;
		case 'auth':
			return <AuthScreen {...props} />;
		case 'source':
			return <SourceScreen {...props} />;
		case 'explore':
			return <ExploreScreen {...props} />;
		case 'review':
			return <ReviewScreen {...props} />;
		case 'create':
			return <CreateScreen {...props} />;
		case 'check':
			return <CheckScreen {...props} />;
		case 'checklist':
			return <ChecklistScreen {...props} />;
	}
}

const stepTitles: Record<StepName, string> = {
	setup: 'Profile',
	artifacts: 'Artifacts',
	auth: 'Auth spec',
	source: 'Source spec',
	explore: 'Explore spec',
	review: 'Review',
	create: 'Create & register',
	check: 'End-to-end check',
	checklist: 'Checklist',
};

function Header({draft, profileName}: {draft?: Draft; profileName: string}) {
	const builtOn = draft?.profile && draft.profile !== profileName ? `; draft built on “${draft.profile}”` : '';
	return (
		<WizardHeader
			title={draft ? draft.artifacts.label || draft.id : undefined}
			step={draft ? stepTitles[draft.step] : undefined}
			profileNote={`[profile: ${profileName}${builtOn}]`}
		/>
	);
}

function initialRoute(services: WizardServices, start: WizardStart): {route: Route; draft?: Draft} {
	switch (start.command) {
		case 'new':
			return {route: {screen: 'new', template: start.template}};
		case 'profiles':
			return {route: {screen: 'profiles'}};
		case 'resume':
		case 'checklist': {
			const purpose = start.command;
			const id = start.draftId ?? (purpose === 'resume' ? mostRecentDraft(services) : undefined);
			const draft = id ? services.drafts.load(id) : undefined;
			if (draft) return {route: {screen: 'step'}, draft: purpose === 'checklist' ? {...draft, step: 'checklist'} : draft};
			return {route: {screen: 'drafts', purpose}};
		}
		default:
			return {route: {screen: 'home'}};
	}
}

function mostRecentDraft(services: WizardServices): string | undefined {
	// With one draft there is nothing to choose; with several the list (newest first) asks.
	const drafts = services.drafts.list();
	return drafts.length === 1 ? drafts[0]?.id : undefined;
}
