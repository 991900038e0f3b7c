// A stop (Ctrl-C) that reaches the HTTP calls under way. The end-to-end check runs its stages inside
// interruptibleBy(signal, …); the platform client reads the scope's signal when a call starts (AsyncLocalStorage
// carries it through every await) and, when it aborts, ends that call's retry wait and its request at once. A call
// started after the stop — the clean-up that follows it — runs normally. docs/retries.md#stopping.
import {AsyncLocalStorage} from 'node:async_hooks';
import {AepError} from './errors.js';

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that calls it starts are interrupted when `signal` aborts; without a signal, just runs it. */
export function interruptibleBy<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
	return signal ? scope.run(signal, work) : work();
}

/** The signal a call starting now answers to: undefined outside a scope, or when the scope was already stopped. */
export function liveInterruptSignal(): AbortSignal | undefined {
	const signal = scope.getStore();
	return signal && !signal.aborted ? signal : undefined;
}

/** A call ended by a stop: no answer is known (a request cut mid-flight may or may not have acted). */
export class InterruptedError extends AepError {
	constructor(what: string) {
		super(`Stopped: ${what} was cancelled.`, {hint: 'Objects created so far are in the ledger and are deleted by the clean-up.'});
		this.name = 'InterruptedError';
	}
}
