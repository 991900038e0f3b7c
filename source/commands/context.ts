export {UsageError} from '../shared/errors.js';

/** What every command receives besides its parsed flags; tests pass their own streams and environment. */
export type CommandContext = {
	/** The command's name as typed (`home` when none was given). */
	command: string;
	/** Arguments after the command name (already parsed into the command's input by commands/dispatch.ts). */
	argv: string[];
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	/** True when both stdin and stdout are terminals. */
	interactive: boolean;
};

export function write(stream: NodeJS.WritableStream, text: string): void {
	stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
