import {flowError, gatewayError} from './errors.js';
import type {SandboxFaults} from './options.js';
import {seededRandom} from '../shared/seeded-random.js';

const serverErrorCodes: Record<number, string> = {500: '1102-500', 502: '1102-502', 503: '1103-503', 504: '1104-504'};

/**
 * Deterministic fault injection. Counters restart whenever faults are set, so a test that sets
 * `{serverErrors: {status: 503, burst: 2}}` sees exactly two 503s on the next two matching requests.
 */
export class FaultInjector {
	private faults: SandboxFaults | undefined;
	private rateCount = 0;
	private errorCount = 0;
	private random: () => number = Math.random;

	constructor(faults?: SandboxFaults) {
		this.set(faults);
	}

	set(faults: SandboxFaults | undefined): void {
		this.faults = faults;
		this.rateCount = 0;
		this.errorCount = 0;
		this.random = seededRandom(faults?.seed ?? 1);
	}

	/** Delay to add before answering: exact, or with `seed` a reproducible value in [latency/2, latency]. */
	latency(): number {
		const latency = this.faults?.latencyMs ?? 0;
		if (latency <= 0) return 0;
		return this.faults?.seed === undefined ? latency : Math.round(latency * (0.5 + this.random() / 2));
	}

	/** The fault for this request, if one is due. Only platform paths are affected (IMS stays reliable). */
	check(method: string, pathname: string): ReturnType<typeof flowError> | undefined {
		const faults = this.faults;
		if (!faults) return undefined;
		const limit = faults.rateLimit;
		if (limit && (limit.paths ?? /\/data\/foundation\/flowservice\//).test(pathname)) {
			this.rateCount++;
			const burst = limit.burst ?? 1;
			// With `every: E`, the last `burst` requests of every window of E are limited (E=3 → the 3rd, 6th, …).
			const limited = limit.every ? (this.rateCount - 1) % limit.every >= limit.every - burst : this.rateCount <= burst;
			if (limited) {
				const seconds = limit.retryAfterSeconds ?? 1;
				// No 429 body is documented for the platform (docs/flow-service.md#http-status-codes); the Adobe I/O gateway shape is used.
				return gatewayError(429, '429050', 'Too many requests', {'Retry-After': String(seconds)});
			}
		}
		const errors = faults.serverErrors;
		const methodMatches = !errors?.methods || errors.methods.map(name => name.toUpperCase()).includes(method);
		if (errors && methodMatches && (errors.paths ?? /\/data\/foundation\//).test(pathname)) {
			this.errorCount++;
			if (this.errorCount <= errors.burst) {
				return flowError(
					serverErrorCodes[errors.status]!,
					`Injected fault: the service is temporarily unavailable (HTTP ${errors.status}). Retry with backoff.`,
				);
			}
		}
		return undefined;
	}
}
