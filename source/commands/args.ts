import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from './context.js';

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
