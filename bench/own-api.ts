// Your own API on the local profile (issue 9's two speed budgets), against a third-party test API that is not the
// demo source (test/helpers/third-party-api.ts: its own routes, bearer token and `links.next` paging, with a
// request log the bench checks, so a figure can never come from the demo source):
// - the live preview of one page, on the real source-spec screen: the wizard with its real services (the local
//   sandbox in-process, the engine, the test values read from the draft and AEP_SOURCE_SECRET_ACCESS_TOKEN), rendered
//   with Ink's own render() into a fake TTY, timed from the moment the preview starts (Ctrl-R calls the same `run` the
//   debounce timer calls when the pause ends, so the pause itself is not in the figure) to the first frame written
//   with the records found;
// - the whole check (`aep-source run SPEC_FILE --param host=…`, the shipped CLI): register, append, base and source
//   connections, explore, dataflow, run, records landed, cleanup.
// Like bench/keystrokes.ts, the screen side is bundled with the CLI's esbuild options and runs in a child process.
import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import {bundleForBench, cleanEnv, median, repeat, timeCommand} from './measure.js';
import type {Row} from './run.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from '../test/helpers/third-party-api.js';
import {FakeStdin} from './fake-terminal.js';

/** 10 tickets, 10 a page: the preview's first page is its only page. */
const tickets = 10;
const previewRuns = 25;
/** Between two previews: lets Ink's 33 ms frame throttle and the previous preview's frames settle. */
const settleMs = 120;

type PreviewSamples = {latencies: number[]; records: number; missed: number};
type ChildInput = {url: string; token: string};

export async function benchOwnApi(runs: number): Promise<Row[]> {
	const api = await startThirdPartyApi({tickets});
	try {
		const before = api.requestsTo('/api/v2/tickets').length;
		const preview = await previewInChild({url: api.url, token: api.token});
		const previewRequests = api.requestsTo('/api/v2/tickets').length - before;
		if (previewRequests < preview.latencies.length) throw new Error(`only ${previewRequests} preview requests reached the third-party API`);
		const previewMedian = median(preview.latencies);
		const check = await wholeCheck(api, Math.max(5, Math.min(runs, 7)));
		return [
			{
				name: `Preview of one page from a local third-party API on screen, after the pause (${preview.latencies.length} runs)`,
				value: `${previewMedian.toFixed(0)} ms`,
				budget: '≤ 150 ms',
				pass: previewMedian <= 150 && preview.missed === 0 && preview.records === tickets,
			},
			{
				name: 'Full local check against a third-party API (`aep-source run SPEC_FILE --param host=…`)',
				value: `${check.toFixed(0)} ms`,
				budget: '≤ 1.5 s',
				pass: check <= 1500,
			},
		];
	} finally {
		await api.close();
	}
}

/** Median wall time of `aep-source run SPEC_FILE --param host=URL` (a fresh home each run: nothing reused). */
async function wholeCheck(api: ThirdPartyApi, times: number): Promise<number> {
	const cli = path.resolve('dist/cli.js');
	const samples = await repeat(times, async () => {
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-own-api-'));
		try {
			const file = path.join(home, 'tickets.json');
			fs.writeFileSync(file, JSON.stringify(ticketsSpec('links')));
			const before = api.requestsTo('/api/v2/tickets').length;
			const env = cleanEnv({AEP_SOURCE_HOME: home, AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token});
			const ms = await timeCommand(process.execPath, [cli, 'run', file, '--param', `host=${api.url}`], env);
			// explore, the source connection's check and the run's one page: all on the third-party API.
			const made = api.requestsTo('/api/v2/tickets').length - before;
			if (made < 3) throw new Error(`the check made only ${made} requests to the third-party API`);
			return ms;
		} finally {
			fs.rmSync(home, {recursive: true, force: true});
		}
	});
	return median(samples);
}

async function previewInChild(input: ChildInput): Promise<PreviewSamples> {
	// Inside the project: the bundle keeps native packages (lmdb, the sandbox's store) external, and an ES module
	// resolves them from its own folder.
	const cache = path.resolve('node_modules', '.cache');
	fs.mkdirSync(cache, {recursive: true});
	const outdir = fs.mkdtempSync(path.join(cache, 'aep-own-api-bundle-'));
	try {
		const file = await bundleForBench(import.meta.url, 'own-api', outdir);
		return await new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [file, '--child', JSON.stringify(input)], {env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe']});
			let out = '';
			let errors = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
			child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
			child.on('error', reject);
			child.on('exit', code => {
				if (code !== 0) return reject(new Error(`the own-API preview bench exited ${code}:\n${errors}`));
				resolve(JSON.parse(out.slice(out.lastIndexOf('\n{') + 1)) as PreviewSamples);
			});
		});
	} finally {
		fs.rmSync(outdir, {recursive: true, force: true});
	}
}

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 120;
	rows = 50;
	/** The last frame written (cursor and other escape-only writes skipped). */
	last = '';
	onWrite?: (chunk: string) => void;
	write = (chunk: string) => {
		if (stripVTControlCharacters(chunk).trim() !== '') this.last = chunk;
		this.onWrite?.(chunk);
		return true;
	};
}

const found = new RegExp(`✔ ${tickets} records found`);

/** Resolves with the ms from `start()` to the first write holding the records and no spinner, or undefined after 5 s. */
function timeToRecords(stdout: FakeStdout, start: () => void): Promise<number | undefined> {
	return new Promise(resolve => {
		let started = 0n;
		const timer = setTimeout(() => {
			stdout.onWrite = undefined;
			resolve(undefined);
		}, 5000);
		stdout.onWrite = chunk => {
			const text = stripVTControlCharacters(chunk);
			if (started === 0n || !found.test(text) || text.includes('fetching')) return;
			stdout.onWrite = undefined;
			clearTimeout(timer);
			resolve(Number(process.hrtime.bigint() - started) / 1e6);
		};
		started = process.hrtime.bigint();
		start();
	});
}

async function measureInChild(input: ChildInput): Promise<PreviewSamples> {
	const {default: React} = await import('react');
	const {render} = await import('ink');
	const {default: App} = await import('../source/wizard/app.js');
	const {preloadScreens} = await import('../source/wizard/screens.js');
	const {createServices} = await import('../source/wizard/create-services.js');
	const {draftFromSpec} = await import('../source/connection-spec/index.js');
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-own-api-'));
	try {
		const env = {AEP_SOURCE_HOME: home, AEP_SOURCE_SECRET_ACCESS_TOKEN: input.token};
		const services = createServices({home, env, exportDir: home});
		const draft = draftFromSpec(ticketsSpec('links'), {id: 'tickets'});
		services.drafts.save({...draft, step: 'source', test: {...draft.test, authParams: {host: input.url}}});
		await preloadScreens();
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		// The first preview (the screen opens, the debounce runs, the local sandbox starts) is the warm-up.
		const first = timeToRecords(stdout, () => {});
		const instance = render(React.createElement(App, {start: {command: 'resume', draftId: 'tickets'}, services}), {
			stdout: stdout as never,
			stdin: stdin as never,
			stderr: stdout as never,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		if ((await first) === undefined)
			throw new Error(`the first preview never showed ${tickets} records; last frame:\n${stripVTControlCharacters(stdout.last)}`);
		const latencies: number[] = [];
		let missed = 0;
		for (let i = 0; i < previewRuns; i++) {
			await new Promise(resolve => setTimeout(resolve, settleMs));
			const latency = await timeToRecords(stdout, () => stdin.write('\u0012')); // Ctrl-R: the preview starts now
			if (latency === undefined) missed++;
			else latencies.push(latency);
		}
		instance.unmount();
		await Promise.allSettled(services.pending());
		return {latencies, records: tickets, missed};
	} finally {
		fs.rmSync(home, {recursive: true, force: true});
	}
}

if (process.argv.includes('--child') && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const input = JSON.parse(process.argv[process.argv.indexOf('--child') + 1]!) as ChildInput;
	const result = await measureInChild(input);
	process.stdout.write(`\n${JSON.stringify(result)}\n`);
	process.exit(0);
}
