// Engine throughput: pulls 100,000 and 1,000,000 records through each pagination type of the demo source and
// reports records/s, the engine's peak RSS and its live memory (JS heap + external, after a full GC) at the
// 100,000th and at the last record. The engine runs in a child process (so its RSS is its own, started with
// --expose-gc) while the demo source runs here. Peak RSS includes garbage not yet collected and memory V8 and the
// allocator keep for reuse, so it varies with GC timing and machine load; whether memory grows with the record
// count is read from the live memory, sampled at two points of the same run. `node --import tsx bench/engine.ts [--page-size N] [--sizes 100000,1000000]`
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {bundleForBench} from './measure.js';
import {streamRecords} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, startDemoSource, type DemoPagination} from '../source/sandbox/demo-source/index.js';

export type EngineBenchRow = {
	type: DemoPagination;
	records: number;
	pageSize: number;
	received: number;
	seconds: number;
	recordsPerSecond: number;
	/** RSS of the engine process before the run (module loading), to read the peak against. */
	startRssMb: number;
	peakRssMb: number;
	/** Live memory (heapUsed + external after a full GC) at the 100,000th record and at the last one, MiB. */
	liveAt100kMb?: number;
	liveAtEndMb: number;
	stop: string;
	skipped?: string;
};

export type EngineBenchOptions = {sizes?: number[]; pageSize?: number; types?: DemoPagination[]; log?: (line: string) => void};

const allTypes: DemoPagination[] = ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE'];
const noneCap = 100_000; // the demo refuses NONE above this (one response holds everything)
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type ChildInput = {url: string; type: DemoPagination; pageSize: number; records: number};
type ChildOutput = {received: number; seconds: number; startRssMb: number; peakRssMb: number; liveAt100kMb?: number; liveAtEndMb: number; stop: string};

const mb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;

/**
 * Memory the process still holds after a full GC (JS heap in use + external buffers), MiB: what a leak would grow.
 * Sampled while the engine's generator is suspended mid-page, so everything the run keeps is reachable.
 */
function liveMemoryMb(): number {
	const gc = (globalThis as {gc?: () => void}).gc;
	if (!gc) throw new Error('the engine bench child needs --expose-gc');
	gc();
	gc();
	const usage = process.memoryUsage();
	return mb(usage.heapUsed + usage.external);
}

const checkpoint = 100_000;

/** Child side: stream every record, count them, sample RSS. */
async function runChild(input: ChildInput): Promise<ChildOutput> {
	const start = process.memoryUsage.rss();
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
	const started = performance.now();
	const stream = streamRecords({
		spec: demoConnectionSpec({pagination: input.type, limit: input.pageSize}),
		authParams: demoAuthParams(input.url),
		sourceParams: {},
	});
	let received = 0;
	let liveAt100kMb: number | undefined;
	let liveAtEndMb: number | undefined;
	// The samples' GC time is left out of the throughput.
	let pausedMs = 0;
	const sample = (): number => {
		peak = Math.max(peak, process.memoryUsage.rss());
		const before = performance.now();
		const live = liveMemoryMb();
		pausedMs += performance.now() - before;
		return live;
	};
	let next = await stream.next();
	while (!next.done) {
		received++;
		if ((received & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage.rss());
		if (received === checkpoint && input.records > checkpoint) liveAt100kMb = sample();
		if (received === input.records) liveAtEndMb = sample();
		next = await stream.next();
	}
	const seconds = (performance.now() - started - pausedMs) / 1000;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage.rss());
	return {
		received,
		seconds,
		startRssMb: mb(start),
		peakRssMb: mb(peak),
		...(liveAt100kMb === undefined ? {} : {liveAt100kMb}),
		liveAtEndMb: liveAtEndMb ?? liveMemoryMb(),
		stop: next.value.stop.code,
	};
}

function spawnChild(bundle: string, input: ChildInput): Promise<ChildOutput> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', bundle, '--child', JSON.stringify(input)], {cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		child.stdout.on('data', chunk => (out += String(chunk)));
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0) return reject(new Error(`bench child exited with ${code}`));
			resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildOutput);
		});
	});
}

export async function benchEngine(options: EngineBenchOptions = {}): Promise<EngineBenchRow[]> {
	const sizes = options.sizes ?? [100_000, 1_000_000];
	const pageSize = options.pageSize ?? 5_000;
	const rows: EngineBenchRow[] = [];
	// The engine child runs this file bundled like the CLI (plain node, no tsx loader in its RSS).
	const outdir = mkdtempSync(path.join(os.tmpdir(), 'aep-engine-bundle-'));
	const bundle = await bundleForBench(import.meta.url, 'engine', outdir);
	try {
		for (const records of sizes) {
			const demo = await startDemoSource({records});
			try {
				for (const type of options.types ?? allTypes) {
					if (type === 'NONE' && records > noneCap) {
						rows.push({
							type,
							records,
							pageSize,
							received: 0,
							seconds: 0,
							recordsPerSecond: 0,
							startRssMb: 0,
							peakRssMb: 0,
							liveAtEndMb: 0,
							stop: '-',
							skipped: `the demo caps NONE at ${noneCap} records`,
						});
						continue;
					}
					const result = await spawnChild(bundle, {url: demo.url, type, pageSize, records});
					const row = {type, records, pageSize, ...result, recordsPerSecond: Math.round(result.received / result.seconds)};
					rows.push(row);
					options.log?.(formatRow(row));
				}
			} finally {
				await demo.close();
			}
		}
	} finally {
		rmSync(outdir, {recursive: true, force: true});
	}
	return rows;
}

export function formatRow(row: EngineBenchRow): string {
	if (row.skipped) return `${row.type.padEnd(18)} ${String(row.records).padStart(9)}  skipped: ${row.skipped}`;
	const speed = `${row.seconds.toFixed(2)} s  ${row.recordsPerSecond.toLocaleString('en-US')} records/s`;
	return (
		`${row.type.padEnd(18)} ${String(row.records).padStart(9)} records  page ${row.pageSize}  ` +
		`${speed}  RSS ${row.startRssMb} → peak ${row.peakRssMb} MB  live ${row.liveAt100kMb === undefined ? '' : `${row.liveAt100kMb} → `}` +
		`${row.liveAtEndMb} MB  stop ${row.stop}`
	);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const {values} = parseArgs({options: {child: {type: 'string'}, 'page-size': {type: 'string'}, sizes: {type: 'string'}}});
	if (values.child) {
		process.stdout.write(`${JSON.stringify(await runChild(JSON.parse(values.child) as ChildInput))}\n`);
	} else {
		const rows = await benchEngine({
			...(values['page-size'] ? {pageSize: Number(values['page-size'])} : {}),
			...(values.sizes ? {sizes: values.sizes.split(',').map(Number)} : {}),
			log: line => console.log(line),
		});
		for (const row of rows.filter(each => each.skipped)) console.log(formatRow(row));
	}
}
