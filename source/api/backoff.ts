// Retry timing: exponential backoff with full jitter, Retry-After, and a seeded PRNG for repeatable tests.

export type RetryPolicy = {
	/** Retries after the first attempt (so at most limit + 1 attempts). */
	limit: number;
	/** No retry is scheduled that would end later than this after the first attempt started. */
	maxTotalMs: number;
	baseDelayMs: number;
	/** Upper bound of one backoff step (Retry-After may ask for more, within maxTotalMs). */
	maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {limit: 4, maxTotalMs: 60_000, baseDelayMs: 500, maxDelayMs: 20_000};

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3). Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw.trim() === '') return undefined;
	if (/^\s*\d+\s*$/.test(raw)) return Number(raw) * 1000;
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter (AWS architecture blog): uniform in [0, min(max, base * 2^retry)]. */
export function backoffDelay(policy: RetryPolicy, retryIndex: number, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
	return Math.floor(random() * ceiling);
}
