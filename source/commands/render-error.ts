// The CLI's one error renderer: any thrown value becomes a sentence (where: what) and what to do, never a stack.
// The wizard's counterpart is components/error-panel.tsx.
import {AepError, UsageError} from '../shared/errors.js';
export {problemOf} from '../shared/errors.js';

/** 2 for a usage problem (how the command was called, or the input it was given), else 1. */
export function exitCodeOf(error: unknown): number {
	return error instanceof UsageError ? 2 : 1;
}

/**
 * `where: message` and, on the next line, the hint. An error that is not ours is a bug: its message, and the stack
 * only with `debug` (AEP_SOURCE_DEBUG), since a stack helps nobody but a developer.
 */
export function renderError(error: unknown, options: {debug?: boolean} = {}): string {
	if (error instanceof AepError)
		return [error.where && !error.message.includes(error.where) ? `${error.where}: ${error.message}` : error.message, error.hint].filter(Boolean).join('\n');
	const message = error instanceof Error ? error.message : String(error);
	const hint = typeof (error as {hint?: unknown})?.hint === 'string' ? (error as {hint: string}).hint : undefined;
	const lines = [`aep-source: ${message}`];
	if (hint) lines.push(hint);
	if (options.debug && error instanceof Error && error.stack) lines.push(error.stack);
	return lines.join('\n');
}
