import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from './context.js';
import type {Session, SessionOptions} from '../session.js';

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
