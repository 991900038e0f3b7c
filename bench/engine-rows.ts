// Folds bench/engine.ts (one child process per pagination type and size) into the bench table: the median of
// several rounds for throughput and peak RSS, and per type the growth of live memory (after a full GC) from the
// 100,000th to the 1,000,000th record of the same run, with the peak RSS difference of the two runs beside it.
import {benchEngine, type EngineBenchRow} from './engine.js';
import {median} from './measure.js';
import type {Row} from './run.js';

export async function engineRows(rounds = 3): Promise<Row[]> {
	const all: EngineBenchRow[] = [];
	for (let round = 0; round < rounds; round++) all.push(...(await benchEngine({log: line => process.stderr.write(`  engine: ${line}\n`)})));
	const rows: Row[] = [];
	const peakAt = new Map<string, number>();
	for (const type of [...new Set(all.map(r => r.type))]) {
		for (const records of [...new Set(all.map(r => r.records))]) {
			const runs = all.filter(r => r.type === type && r.records === records && !r.skipped);
			if (runs.length === 0) continue;
			const rate = median(runs.map(r => r.recordsPerSecond));
			const peak = median(runs.map(r => r.peakRssMb));
			peakAt.set(`${type}:${records}`, peak);
			const memoryBudget = records >= 1_000_000 ? peak <= 150 : true;
			rows.push({
				name: `Engine ${type}, ${records.toLocaleString('en-US')} records`,
				value: `${Math.round(rate).toLocaleString('en-US')} rec/s, peak RSS ${peak.toFixed(0)} MiB`,
				budget: records >= 1_000_000 ? '≥ 50,000 rec/s; ≤ 150 MiB' : '≥ 50,000 rec/s',
				pass: rate >= 50_000 && memoryBudget,
			});
		}
		const small = peakAt.get(`${type}:100000`);
		const large = peakAt.get(`${type}:1000000`);
		const long = all.filter(r => r.type === type && r.records === 1_000_000 && !r.skipped && r.liveAt100kMb !== undefined);
		if (small !== undefined && large !== undefined && long.length > 0) {
			// Live memory is what a leak grows; peak RSS also holds uncollected garbage and memory V8 and the allocator
			// keep for reuse, which varies with GC timing and load (readme, "Performance").
			const growth = median(long.map(r => r.liveAtEndMb - r.liveAt100kMb!));
			const rss = large - small;
			rows.push({
				name: `Engine ${type}, live memory growth 100k → 1M records (after a full GC)`,
				value: `${signed(growth, 1)} MiB (peak RSS ${signed(rss, 0)} MiB)`,
				budget: '≤ 10 MiB live',
				pass: growth <= 10,
			});
		}
	}
	return rows;
}

function signed(value: number, digits: number): string {
	return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}
