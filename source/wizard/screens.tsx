// The wizard's screens, loaded on first use. Only the home screen is part of the first frame (startup budget,
// bench/startup.ts); the others pull in zod, the spec model and the workflow, so each is an `import()` that the
// app starts right after the first frame (preloadScreens) and that a <Suspense> boundary waits for if needed.
import {use, type ComponentType} from 'react';
import {settledThenable} from './services.js';

type Loader<P> = () => Promise<ComponentType<P>>;
type LazyScreen<P> = ComponentType<P> & {preload: () => Promise<unknown>};

const screens: LazyScreen<never>[] = [];

/** A component that renders the loaded screen; it suspends only while the module is still loading. */
function lazyScreen<P extends object>(load: Loader<P>): LazyScreen<P> {
	let loading: Promise<ComponentType<P>> | undefined;
	// biome-ignore lint/correctness/noComponentHookFactories: called once per screen at module load (below), so each screen is one stable component type
	function Screen(props: P) {
		// One component type whatever the load state, so a screen never remounts (and loses its state) on load.
		const Loaded = use(Screen.preload());
		return <Loaded {...props} />;
	}
	Screen.preload = () => (loading ??= settledThenable(load()));
	screens.push(Screen as LazyScreen<never>);
	return Screen;
}

export const NewSourceScreen = lazyScreen(async () => (await import('../steps/new-source.js')).NewSourceScreen);
export const DraftListScreen = lazyScreen(async () => (await import('../steps/draft-list.js')).DraftListScreen);
export const BootstrapScreen = lazyScreen(async () => (await import('../steps/bootstrap.js')).BootstrapScreen);
export const ImportScreen = lazyScreen(async () => (await import('../steps/import-spec.js')).ImportScreen);
export const ProfilesScreen = lazyScreen(async () => (await import('../steps/setup.js')).ProfilesScreen);
export const ArtifactsScreen = lazyScreen(async () => (await import('../steps/artifacts.js')).ArtifactsScreen);
export const AuthScreen = lazyScreen(async () => (await import('../steps/auth.js')).AuthScreen);
export const SourceScreen = lazyScreen(async () => (await import('../steps/source.js')).SourceScreen);
export const ExploreScreen = lazyScreen(async () => (await import('../steps/explore.js')).ExploreScreen);
export const ReviewScreen = lazyScreen(async () => (await import('../steps/review.js')).ReviewScreen);
export const CreateScreen = lazyScreen(async () => (await import('../steps/create.js')).CreateScreen);
export const CheckScreen = lazyScreen(async () => (await import('../steps/check.js')).CheckScreen);
export const ChecklistScreen = lazyScreen(async () => (await import('../steps/checklist.js')).ChecklistScreen);

/** Loads every screen module (the app calls it after the first frame; tests await it before rendering). */
export async function preloadScreens(): Promise<void> {
	await Promise.all(screens.map(screen => screen.preload()));
}
