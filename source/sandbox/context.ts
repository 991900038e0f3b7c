import type {RunningSandbox, SandboxCredentials, SandboxOptions} from './options.js';
import type {Collection, CollectionName, StateStore} from './state-store.js';
import type {TokenStore} from './ims.js';

/** Everything a handler may use; one per running sandbox (no module-level state). */
export type SandboxContext = {
	store: StateStore;
	credentials: SandboxCredentials;
	tenantId: string;
	options: SandboxOptions;
	tokens: TokenStore;
	hooks: RunningSandbox['hooks'];
	/** Called after a flow is created, patched, enabled or disabled, so its runs get (re)scheduled. */
	scheduleFlow: (flowId: string) => void;
	/**
	 * Origin the source requests of specs of this connection spec id go to instead of the spec's host (the demo API),
	 * or undefined for the spec's own host (options.routeSourcesToDemo, RunningSandbox.routeSources).
	 */
	sourceOrigin: (connectionSpecId: string | undefined) => string | undefined;
	/** Sends the source requests of this connection spec to the demo source ('demo') or its own host ('spec'). */
	routeSources: (connectionSpecId: string, api: 'demo' | 'spec') => void;
	/** Base URL of this server (for Location headers). */
	baseUrl: () => string;
};

export function collection(context: SandboxContext, name: CollectionName): Collection {
	return context.store.collections[name];
}
