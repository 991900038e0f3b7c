// `npm run bench`: one table, each figure the median of several runs, time figures also as a ratio to a baseline
// measured in the same run on the same machine (shared, noisy machines: ratios are the figures that count).
import os from 'node:os';
import {mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {cleanEnv, median, repeat, timeCommand} from './measure.js';
import {benchStartup} from './startup.js';
import {benchSandboxThroughput} from './sandbox-throughput.js';
import {benchValidation} from './validation.js';
import {benchKeystrokes} from './keystrokes.js';
import {engineRows} from './engine-rows.js';
import {benchBootstrap} from './bootstrap.js';
import {benchOwnApi} from './own-api.js';

export type Row = {name: string; value: string; ratio?: string; budget: string; pass: boolean};

const cli = path.resolve('dist/cli.js');
const runs = Number(process.env['BENCH_RUNS'] ?? 7);
const only = process.argv.slice(2);
const wanted = (key: string) => only.length === 0 || only.includes(key);

function ms(value: number): string {
	return `${value.toFixed(0)} ms`;
}

async function endToEnd(rows: Row[]): Promise<void> {
	const home = mkdtempSync(path.join(os.tmpdir(), 'aep-bench-'));
	try {
		const env = cleanEnv({AEP_SOURCE_HOME: home});
		const times = await repeat(Math.min(runs, 5), () => timeCommand('node', [cli, 'run', '--template', 'demo'], env));
		const value = median(times);
		rows.push({name: 'Full local end-to-end check (`aep-source run --template demo`)', value: ms(value), budget: '≤ 1 s', pass: value <= 1000});
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

function printTable(rows: Row[]): void {
	const head = ['Benchmark', 'Median', 'Ratio', 'Budget', 'Met'];
	const body = rows.map(r => [r.name, r.value, r.ratio ?? '', r.budget, r.pass ? 'yes' : 'NO']);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	console.log(line(head));
	console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
	for (const b of body) console.log(line(b));
	const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
	console.log(
		`\nMachine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${memoryGiB} GiB, ` +
			`Node ${process.version}, ${os.platform()} ${os.release()}`,
	);
}

const rows: Row[] = [];
if (wanted('startup')) rows.push(...(await benchStartup(runs)));
if (wanted('keystrokes')) rows.push(...(await benchKeystrokes()));
if (wanted('validation')) rows.push(...(await benchValidation()));
if (wanted('engine')) rows.push(...(await engineRows(Number(process.env['BENCH_ENGINE_ROUNDS'] ?? 3))));
if (wanted('e2e')) await endToEnd(rows);
if (wanted('own-api')) rows.push(...(await benchOwnApi(runs)));
if (wanted('bootstrap')) rows.push(...(await benchBootstrap(runs)));
if (wanted('sandbox')) rows.push(...(await benchSandboxThroughput()));
printTable(rows);
process.exitCode = rows.every(r => r.pass) ? 0 : 1;
