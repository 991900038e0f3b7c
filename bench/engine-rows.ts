// Folds bench/engine.ts (one child process per pagination type and size) into the bench table: the median of
// several rounds for throughput and peak RSS, and the RSS growth from 100k to 1M records per type.
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
		if (small !== undefined && large !== undefined) {
			const growth = large - small;
			rows.push({
				name: `Engine ${type}, RSS growth 100k → 1M records`,
				value: `${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MiB`,
				budget: '≤ noise (10 MiB)',
				pass: growth <= 10,
			});
		}
	}
	return rows;
}
