import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from './context.js';
import type {Session, SessionOptions} from '../session.js';
import type {Draft} from '../spec/draft-types.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors turned into UsageError (exit 2) that name the command's usage. */
export function parseFlags<T extends Options>(argv: string[], options: T, usage: string) {
	try {
		return parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error);
		throw new UsageError(`${message}\nUsage: ${usage}`);
	}
}

/** Runs a command body, mapping UsageError to exit 2 with its message on stderr. */
export async function withUsage(stderr: NodeJS.WritableStream, body: () => Promise<number>): Promise<number> {
	try {
		return await body();
	} catch (error) {
		if (error instanceof UsageError) {
			stderr.write(`${error.message}\n`);
			return 2;
		}
		throw error;
	}
}

/** Opens a profile's session for a command; a profile problem (unknown, missing env variables) is a usage error. */
export async function openCommandSession(profileName: string, options: SessionOptions): Promise<Session> {
	// Loaded here, not at the top: commands such as `validate` share this file and must not load the platform client.
	const {openSession, SessionError} = await import('../session.js');
	try {
		return await openSession(profileName, options);
	} catch (error) {
		throw error instanceof SessionError ? new UsageError(`${error.message}\n${error.hint}`) : error;
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
	if (!id) throw new UsageError(`Name the draft.\nUsage: ${usage}`);
	const draft = store.load(id);
	if (!draft) throw new UsageError(`There is no draft "${id}". "aep-source drafts" lists them.`);
	return draft;
}
