// The one base error of the product. Every error class extends it, so the CLI (commands/render-error.ts) and the
// wizard (components/error-panel.tsx) render any failure the same way: what failed, where, and what to do.
// A leaf module: it imports nothing, so every layer (spec model, engine, api, store, sandbox, workflow) may use it.

export type ErrorDetails = {
	/** What to do about it, one sentence. */
	hint?: string;
	/** Where it happened: a file, a JSON path, a stage or a field. */
	where?: string;
	cause?: unknown;
};

export class AepError extends Error {
	readonly hint?: string;
	readonly where?: string;

	constructor(message: string, details: ErrorDetails = {}) {
		super(message, details.cause === undefined ? undefined : {cause: details.cause});
		this.name = new.target.name;
		if (details.hint !== undefined) this.hint = details.hint;
		if (details.where !== undefined) this.where = details.where;
	}
}

/** A problem with how a command was called or with what it was given (a missing file, a folder where a file is
 * wanted, an existing output, a bad port, input that is not JSON): the CLI exits 2 with one sentence. */
export class UsageError extends AepError {}

/** The longest text any message echoes from user input; longer values are cut and their full length given. */
export const echoLimit = 200;

/** `text`, or its first `max` characters followed by "… (N characters)" — never a 50 MB value in a message. */
export function cutForEcho(text: string, max = echoLimit): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** A failure as the CLI (--json included) and the wizard show it: message, hint, where. Never a stack. */
export type Problem = {message: string; hint?: string; where?: string};

/** The parts of any thrown value; a hint is taken from errors that carry one without extending AepError. */
export function problemOf(error: unknown): Problem {
	if (error instanceof AepError) return {message: error.message, ...(error.hint ? {hint: error.hint} : {}), ...(error.where ? {where: error.where} : {})};
	const hint = (error as {hint?: unknown} | undefined)?.hint;
	return {message: error instanceof Error ? error.message : String(error), ...(typeof hint === 'string' ? {hint} : {})};
}
