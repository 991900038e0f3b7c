// Deterministic fault injection for the demo source. Request numbers count from when the faults were set
// (server start or setFaults), 1-based, over every request the server receives.

export type DemoFaults = {
	latencyMs?: number;
	/** Every Nth request answers 429 with Retry-After: 1. */
	rateLimitEvery?: number;
	/** Requests after+1 … after+count answer `status`. */
	errorBurst?: {status: number; count: number; after?: number};
	/** This request number answers 200 with a truncated JSON body. */
	malformedJsonAt?: number;
	/** Seeds the latency jitter (latency × 0.5…1.5); without it the latency is exact. */
	seed?: number;
};

export type FaultDecision =
	| {kind: 'none'; delayMs: number}
	| {kind: 'rate-limit'; delayMs: number}
	| {kind: 'error'; status: number; delayMs: number}
	| {kind: 'malformed'; delayMs: number};

function jitter(seed: number, n: number): number {
	let x = Math.imul(seed ^ (n * 0x9e3779b1), 0x85ebca6b);
	x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
	return ((x ^ (x >>> 16)) >>> 0) / 0x1_0000_0000;
}

/** What the request numbered `n` (1-based since the faults were set) gets. */
export function decideFault(faults: DemoFaults, n: number): FaultDecision {
	const base = faults.latencyMs ?? 0;
	const delayMs = faults.seed === undefined ? base : Math.round(base * (0.5 + jitter(faults.seed, n)));
	if (faults.rateLimitEvery && faults.rateLimitEvery > 0 && n % faults.rateLimitEvery === 0) return {kind: 'rate-limit', delayMs};
	const burst = faults.errorBurst;
	if (burst && n > (burst.after ?? 0) && n <= (burst.after ?? 0) + burst.count) return {kind: 'error', status: burst.status, delayMs};
	if (faults.malformedJsonAt === n) return {kind: 'malformed', delayMs};
	return {kind: 'none', delayMs};
}
