// Shared workflow vocabulary: stages, progress events, the context every workflow function takes, and the
// error type that names the failing stage. No I/O, no printing: callers decide how to show events.
import type {PlatformClient} from '../api/index.js';
import type {Finding} from '../connection-spec/index.js';
import type {Draft, RemoteState} from '../connection-spec/draft-types.js';
import {createMasker} from '../connection-spec/masker.js';
import {AepError} from '../shared/errors.js';

export type StageName =
	| 'validate'
	| 'create-spec'
	| 'append-flow-spec'
	| 'base-connection'
	| 'explore'
	| 'source-connection'
	| 'target'
	| 'mapping'
	| 'target-connection'
	| 'dataflow'
	| 'run'
	| 'cleanup';

export type ProgressEvent = {
	stage: StageName;
	status: 'start' | 'done' | 'failed' | 'skipped' | 'info';
	message: string;
	id?: string;
	elapsedMs?: number;
	detail?: Record<string, unknown>;
};

export type Progress = (event: ProgressEvent) => void;

export type WorkflowContext = {
	client: PlatformClient;
	profileName: string;
	/** The draft as it is now. Read it; never change it: the owner (wizard or command) holds it. */
	readonly draft: Draft;
	/**
	 * The one way the workflow changes the draft: `change` gets the current draft and returns a new one (sharing what
	 * it keeps). The owner stores and saves it at once — called as soon as a remote id exists, so a crash leaves a
	 * complete ledger — and it is `draft` from then on. Returns the new draft; throws when it cannot be saved.
	 */
	updateDraft: (change: (draft: Draft) => Draft) => Draft;
	progress?: Progress;
	signal?: AbortSignal;
	now?: () => Date;
};

export class WorkflowError extends AepError {
	readonly stage: StageName;
	declare readonly hint: string;
	override readonly cause?: unknown;
	readonly findings?: Finding[];

	constructor(stage: StageName, message: string, options: {hint: string; cause?: unknown; findings?: Finding[]}) {
		super(message);
		this.name = 'WorkflowError';
		this.stage = stage;
		this.hint = options.hint;
		this.cause = options.cause;
		this.findings = options.findings;
	}
}

/** The platform error's own explanation (PlatformError.describe) when there is one, else the message. */
export function describeError(error: unknown): string {
	if (error && typeof error === 'object' && 'describe' in error && typeof (error as {describe: unknown}).describe === 'function') {
		return String((error as {describe: () => string}).describe());
	}
	if (error instanceof Error) return error.message;
	return String(error);
}

export function hintOf(error: unknown, fallback: string): string {
	if (error && typeof error === 'object' && 'hint' in error && typeof (error as {hint: unknown}).hint === 'string') {
		const hint = (error as {hint: string}).hint;
		if (hint.trim() !== '') return hint;
	}
	return fallback;
}

/** Wraps any error as a WorkflowError of `stage`, keeping an existing WorkflowError as it is. */
export function toWorkflowError(stage: StageName, error: unknown, hint: string): WorkflowError {
	if (error instanceof WorkflowError) return error;
	return new WorkflowError(stage, describeError(error), {hint: hintOf(error, hint), cause: error});
}

/** Masks known secret values and secret-looking patterns in any text that leaves the workflow. */
export function scrub(text: string, secrets: Iterable<string>): string {
	return createMasker(secrets).text(text);
}

/** The draft's remote state for a profile; a fresh empty one (not stored) when there is none yet. */
export function remoteOf(draft: Draft, profileName: string): RemoteState {
	return draft.remote[profileName] ?? {ledger: []};
}

/**
 * The draft owner for a workflow context: holds the current draft and applies each change through `save` (the
 * wizard's update, or the command's store). The wizard and every command build their context with it, so there is
 * one update path (docs/workflow.md; the house rule "the draft has one owner").
 */
export function draftOwner(initial: Draft, save: (draft: Draft) => void): Pick<WorkflowContext, 'draft' | 'updateDraft'> {
	let current = initial;
	return {
		get draft() {
			return current;
		},
		updateDraft(change) {
			const next = change(current);
			save(next);
			current = next;
			return next;
		},
	};
}

export function nowOf(ctx: Pick<WorkflowContext, 'now'>): Date {
	return ctx.now ? ctx.now() : new Date();
}

/** Changes this profile's remote state (a new object; the old one is left as it was) and saves with a fresh updatedAt. */
export function updateRemote(ctx: WorkflowContext, change: (remote: RemoteState) => RemoteState): RemoteState {
	const next = ctx.updateDraft(draft => ({
		...draft,
		remote: {...draft.remote, [ctx.profileName]: change(remoteOf(draft, ctx.profileName))},
		updatedAt: nowOf(ctx).toISOString(),
	}));
	return remoteOf(next, ctx.profileName);
}

export function emit(ctx: Pick<WorkflowContext, 'progress'>, event: ProgressEvent): void {
	ctx.progress?.(event);
}

export function throwIfAborted(signal: AbortSignal | undefined, stage: StageName): void {
	if (signal?.aborted) {
		throw new WorkflowError(stage, `Stopped before "${stage}": the operation was cancelled.`, {
			hint: 'Run the check again; objects created so far are in the ledger and are cleaned up first.',
			cause: signal.reason,
		});
	}
}
