// Helpers the command bodies share: the profile session (with the --debug trace), and the draft a command names.
import {UsageError, type CommandContext} from './context.js';
import {debugSink} from '../api/trace.js';
import {aepHome} from '../store/home.js';
import type {Session, SessionOptions} from '../session.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {peekDefaultProfile} from '../store/peek.js';

/** Session options of a command: its home, and the HTTP trace on stderr with --debug (or AEP_SOURCE_DEBUG=1). */
export function sessionOptions(context: CommandContext, debug: boolean | undefined): SessionOptions & {home: string} {
	const env = debug ? {...context.env, AEP_SOURCE_DEBUG: '1'} : context.env;
	const sink = debugSink(env, context.stderr);
	return {env: context.env, home: aepHome(context.env), ...(sink ? {client: {debug: sink}} : {})};
}

/** Opens a profile's session for a command; a profile problem (unknown, missing env variables) is a usage error. */
export async function openCommandSession(profileName: string, options: SessionOptions): Promise<Session> {
	// Loaded here, not at the top: commands such as `validate` share this file and must not load the platform client.
	const {openSession, SessionError} = await import('../session.js');
	try {
		return await openSession(profileName, options);
	} catch (error) {
		throw error instanceof SessionError ? new UsageError(error.message, {hint: error.hint}) : error;
	}
}

/** Runs `work` with a profile's session and always closes it (the local profile's in-process sandbox with it). */
export async function withCommandSession<T>(profileName: string, options: SessionOptions, work: (session: Session) => Promise<T>): Promise<T> {
	const session = await openCommandSession(profileName, options);
	try {
		return await work(session);
	} finally {
		await session.close();
	}
}

/** The draft a command names as its first argument; usage errors when it is missing or unknown. */
export function namedDraft(store: {load(id: string): Draft | undefined}, id: string | undefined, usage: string): Draft {
	if (!id) throw new UsageError('Name the draft.', {hint: `Usage: ${usage}. "aep-source drafts" lists them.`});
	const draft = store.load(id);
	if (!draft) throw new UsageError(`There is no draft "${id}".`, {hint: '"aep-source drafts" lists them.'});
	return draft;
}

/**
 * The profile a command about a draft uses — the wizard's default too: `--profile`, else the profile the draft was
 * built and checked on, else the saved default profile (`local` when none).
 */
export function profileFor(draft: Pick<Draft, 'profile'>, flag: string | undefined, home: string): string {
	return flag ?? draft.profile ?? peekDefaultProfile(home);
}
