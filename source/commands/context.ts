/** What every non-interactive command receives; tests pass their own streams and environment. */
export type CommandContext = {
	/** The command's name as typed (`home` when none was given). */
	command: string;
	/** Arguments after the command name. */
	argv: string[];
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	/** True when both stdin and stdout are terminals. */
	interactive: boolean;
};

/** A command resolves to its exit code: 0 ok, 1 failure of the thing checked, 2 usage problem. */
export type Command = (ctx: CommandContext) => Promise<number>;

export class UsageError extends Error {}

export function write(stream: NodeJS.WritableStream, text: string): void {
	stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
