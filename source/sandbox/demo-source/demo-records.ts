// Deterministic demo contacts, generated from their index on the fly: a million records cost no memory.
// updatedAt rises with the index inside each block of a million (31 s apart plus a jitter below 31 s), so a
// time filter is a binary search per block and the filtered set is never materialised.

const firstNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Margaret', 'Linus'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Lee', 'Hamilton', 'Torvalds'];
const tagNames = ['vip', 'newsletter', 'trial', 'partner', 'churn-risk'];
const yearStart = Date.UTC(2024, 0, 1);
export const blockSize = 1_000_000;
const spacingSeconds = 31;

/** A 32-bit integer hash (murmur3 finaliser) of the index and a salt. */
function mix(index: number, salt: number): number {
	let x = Math.imul(index + 1, 0x9e3779b1) ^ salt;
	x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
	x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
	return (x ^ (x >>> 16)) >>> 0;
}

function secondsIntoYear(index: number): number {
	return (index % blockSize) * spacingSeconds + (mix(index, 1) % spacingSeconds);
}

/** updatedAt of record `index` in epoch ms: between 2024-01-01 and 2024-12-24. */
export function demoUpdatedAt(index: number): number {
	return yearStart + secondsIntoYear(index) * 1000;
}

/** First day-of-year of each month of 2024 (a leap year). */
const monthStarts = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

function two(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

/** Same text as `new Date(demoUpdatedAt(index)).toISOString()`, without a Date (it was a third of the cost). */
function updatedAtIso(index: number): string {
	const total = secondsIntoYear(index);
	const day = Math.floor(total / 86_400);
	let month = 0;
	while (monthStarts[month + 1]! <= day) month++;
	const rest = total - day * 86_400;
	const time = `${two(Math.floor(rest / 3600))}:${two(Math.floor(rest / 60) % 60)}:${two(rest % 60)}`;
	return `2024-${two(month + 1)}-${two(day - monthStarts[month]! + 1)}T${time}.000Z`;
}

const lowerFirst = firstNames.map(name => name.toLowerCase());
const lowerLast = lastNames.map(name => name.toLowerCase());

type Parts = {number: number; first: number; last: number; score: number; updatedAt: string; tags: string[]; orders: {orderId: string; amount: number}[]};

function parts(index: number): Parts {
	const number = index + 1;
	const tagBits = mix(index, 4);
	const orderCount = mix(index, 5) % 4;
	const orders: {orderId: string; amount: number}[] = [];
	for (let k = 0; k < orderCount; k++) orders.push({orderId: `o-${number}-${k + 1}`, amount: (mix(index, 10 + k) % 100_000) / 100});
	const tags: string[] = [];
	for (let bit = 0; bit < tagNames.length; bit++) if ((tagBits >>> (bit * 3)) % 8 < 2) tags.push(tagNames[bit]!);
	return {
		number,
		first: mix(index, 2) % firstNames.length,
		last: mix(index, 3) % lastNames.length,
		score: mix(index, 6) % 100,
		updatedAt: updatedAtIso(index),
		tags,
		orders,
	};
}

function id(number: number): string {
	return `c-${String(number).padStart(6, '0')}`;
}

export function demoRecord(index: number): Record<string, unknown> {
	const p = parts(index);
	return {
		id: id(p.number),
		email: `${lowerFirst[p.first]}.${lowerLast[p.last]}.${p.number}@example.test`,
		firstName: firstNames[p.first],
		lastName: lastNames[p.last],
		score: p.score,
		updatedAt: p.updatedAt,
		tags: p.tags,
		orders: p.orders,
	};
}

/**
 * The same record as JSON text, written directly (about three times faster than building the object and
 * stringifying it), so the demo can serve pages of 10,000 records fast enough for the engine benchmark.
 * Every string here is plain ASCII without quotes or backslashes, so no escaping is needed.
 */
export function demoRecordJson(index: number): string {
	const number = index + 1;
	let orders = '';
	const orderCount = mix(index, 5) % 4;
	for (let k = 0; k < orderCount; k++) orders += `${k ? ',' : ''}{"orderId":"o-${number}-${k + 1}","amount":${(mix(index, 10 + k) % 100_000) / 100}}`;
	const tagBits = mix(index, 4);
	let tags = '';
	for (let bit = 0; bit < tagNames.length; bit++) if ((tagBits >>> (bit * 3)) % 8 < 2) tags += `${tags ? ',' : ''}"${tagNames[bit]}"`;
	const first = mix(index, 2) % firstNames.length;
	const last = mix(index, 3) % lastNames.length;
	const email = `${lowerFirst[first]}.${lowerLast[last]}.${number}@example.test`;
	const name = `"firstName":"${firstNames[first]}","lastName":"${lastNames[last]}"`;
	return (
		`{"id":"${id(number)}","email":"${email}",${name},"score":${mix(index, 6) % 100},` +
		`"updatedAt":"${updatedAtIso(index)}","tags":[${tags}],"orders":[${orders}]}`
	);
}

/** A time window on updatedAt: `from` inclusive, `to` exclusive, epoch ms. */
export type TimeWindow = {from: number; to: number};

/** Half-open index ranges whose updatedAt falls in the window, in index order. */
export function windowRanges(records: number, window: TimeWindow): [number, number][] {
	const ranges: [number, number][] = [];
	for (let blockStart = 0; blockStart < records; blockStart += blockSize) {
		const blockEnd = Math.min(blockStart + blockSize, records);
		const lo = lowerBound(blockStart, blockEnd, window.from);
		const hi = lowerBound(lo, blockEnd, window.to);
		if (hi > lo) ranges.push([lo, hi]);
	}
	return ranges;
}

/** First index in [lo, hi) with updatedAt >= time (updatedAt rises inside a block). */
function lowerBound(lo: number, hi: number, time: number): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (demoUpdatedAt(mid) < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The records a request selects, addressed by position, without building them all. */
export type Selection = {total: number; indexes(offset: number, limit: number): number[]};

export function select(records: number, window: TimeWindow, predicate?: (index: number) => boolean): Selection {
	const ranges = windowRanges(records, window);
	if (!predicate) {
		const total = ranges.reduce((sum, [lo, hi]) => sum + hi - lo, 0);
		return {total, indexes: (offset, limit) => rangeSlice(ranges, offset, limit)};
	}
	// A predicate (the search body's tag) needs a scan; the demo only uses it for small test sets.
	let total = 0;
	for (const [lo, hi] of ranges) for (let i = lo; i < hi; i++) if (predicate(i)) total++;
	return {
		total,
		indexes(offset, limit) {
			const out: number[] = [];
			let seen = 0;
			for (const [lo, hi] of ranges) {
				for (let i = lo; i < hi && out.length < limit; i++) {
					if (predicate(i) && seen++ >= offset) out.push(i);
				}
			}
			return out;
		},
	};
}

function rangeSlice(ranges: [number, number][], offset: number, limit: number): number[] {
	const out: number[] = [];
	let skip = offset;
	for (const [lo, hi] of ranges) {
		if (skip >= hi - lo) {
			skip -= hi - lo;
			continue;
		}
		for (let i = lo + skip; i < hi && out.length < limit; i++) out.push(i);
		skip = 0;
		if (out.length >= limit) break;
	}
	return out;
}

export function hasTag(index: number, tag: string): boolean {
	return parts(index).tags.includes(tag);
}
