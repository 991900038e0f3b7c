// The one retry policy of the tool (platform client and engine): exponential backoff with full jitter, bounded by
// a time budget and an attempt cap, honouring Retry-After, under a retry quota (a token bucket) so that a platform
// that keeps failing is not hammered. Modelled on the AWS SDKs' "standard" retry mode; see docs/retries.md.
// Imports nothing of ours: api/ and engine/ both use it.

export type RetryPolicy = {
	/** Retries after the first attempt (so at most limit + 1 attempts). */
	limit: number;
	/** No retry is scheduled that would start later than this (ms) after the first attempt started. */
	maxTotalMs: number;
	/** First backoff ceiling (ms); doubles per retry. */
	baseDelayMs: number;
	/** Upper bound of one backoff step (ms). Retry-After may ask for more, within maxTotalMs. */
	maxDelayMs: number;
};

/**
 * Idempotent calls ride out about a minute of trouble (at least ~30 s even with unlucky jitter); a burst of five or
 * more 5xx answers is survived. A POST is repeated only when the server says it did not process it (see transport).
 */
export const standardRetryPolicy: RetryPolicy = {limit: 10, maxTotalMs: 60_000, baseDelayMs: 500, maxDelayMs: 20_000};

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3). Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw.trim() === '') return undefined;
	if (/^\s*\d+\s*$/.test(raw)) return Number(raw) * 1000;
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter (AWS architecture blog "Exponential Backoff And Jitter"): uniform in [0, min(max, base * 2^retry)] ms. */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, retryIndex: number, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
	return Math.floor(random() * ceiling);
}

/** The wait before retry number `retryIndex` (0-based): Retry-After when the server gave one, else the backoff. */
export function retryDelay(policy: RetryPolicy, retryIndex: number, random: () => number, retryAfter?: string | string[]): number {
	return parseRetryAfter(retryAfter) ?? backoffDelay(policy, retryIndex, random);
}

/**
 * The retry quota of the AWS SDKs' standard mode: a bucket of 500 tokens shared by one client; a retry costs 5
 * (10 after a timeout or a lost connection), a success after retries gives its cost back, any other success 1.
 * When the bucket is empty, failures are not retried until successes refill it: a dead service costs few calls.
 */
export class RetryQuota {
	private tokens: number;

	constructor(private readonly capacity = 500) {
		this.tokens = capacity;
	}

	/** Takes the cost of one retry; false (nothing taken) when the quota is spent. */
	take(kind: 'status' | 'network'): number | undefined {
		const cost = kind === 'network' ? 10 : 5;
		if (this.tokens < cost) return undefined;
		this.tokens -= cost;
		return cost;
	}

	/** A call succeeded: gives back what its retries cost, or 1 when it needed none. */
	succeeded(spent: number): void {
		this.tokens = Math.min(this.capacity, this.tokens + (spent > 0 ? spent : 1));
	}

	get available(): number {
		return this.tokens;
	}
}

/** One retry, as told to the user: which call, why, and how long it waited. */
export type RetryEvent = {call: string; reason: string; retry: number; delayMs: number};

/** "4 retries after 503" / "1 retry after ECONNRESET" / "3 retries after 503, 429" (reasons in order of first use). */
export function describeRetries(events: readonly Pick<RetryEvent, 'reason'>[]): string | undefined {
	if (events.length === 0) return undefined;
	const reasons = [...new Set(events.map(event => event.reason))];
	return `${events.length} ${events.length === 1 ? 'retry' : 'retries'} after ${reasons.join(', ')}`;
}

/** Sleeps `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason as Error);
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(signal!.reason as Error);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
