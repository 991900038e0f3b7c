// Keystroke-to-frame latency on the source-spec screen with a ~1 MB preview sample loaded (budget p95 ≤ 16 ms).
// The wizard renders with Ink's own render() (real frame throttling, not ink-testing-library's debug mode) into a fake
// TTY; each key is written to the fake stdin and the time to the next frame written to the fake stdout is recorded.
// Measures the code the CLI ships: this file is bundled with the CLI's esbuild options (.ci/bundle.mjs: production
// React, the same dependency patches) and run in a child process with CI deleted (Ink draws nothing while CI is set). Services are the real ones except the
// session and the preview,
// which return a local stub and the 1 MB sample (the DI seam the UI tests use; no network in a latency bench).
import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundleForBench, median, percentile} from './measure.js';
import type {Row} from './run.js';
import {FakeStdin} from './fake-terminal.js';

const keyCount = 200;
/** Ink draws at most 30 frames/s (a 33 ms throttle); a key sent inside that window waits for it by design. */
const gapMs = 40;

type Samples = {latencies: number[]; sampleBytes: number; missed: number};

export async function benchKeystrokes(): Promise<Row[]> {
	const samples = await runChild();
	const p50 = median(samples.latencies);
	const p95 = percentile(samples.latencies, 95);
	const size = `${(samples.sampleBytes / 2 ** 20).toFixed(1)} MB sample`;
	return [
		{
			name: `Keystroke → frame, source screen, ${size}, p50 (${samples.latencies.length} keys)`,
			value: `${p50.toFixed(1)} ms`,
			budget: '—',
			pass: samples.missed === 0,
		},
		{name: `Keystroke → frame, source screen, ${size}, p95`, value: `${p95.toFixed(1)} ms`, budget: '≤ 16 ms', pass: p95 <= 16 && samples.missed === 0},
	];
}

async function runChild(): Promise<Samples> {
	const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-keys-bundle-'));
	try {
		return await runBundle(await bundleForBench(import.meta.url, 'keystrokes', outdir));
	} finally {
		fs.rmSync(outdir, {recursive: true, force: true});
	}
}

function runBundle(file: string): Promise<Samples> {
	const env: NodeJS.ProcessEnv = {...process.env};
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	return new Promise((resolve, reject) => {
		// stderr is kept for errors only: Ink's cursor handling writes escape codes there.
		const child = spawn(process.execPath, [file, '--child'], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let errors = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('exit', code => {
			if (code !== 0) return reject(new Error(`the keystroke bench exited ${code}:\n${errors}`));
			resolve(JSON.parse(out.slice(out.lastIndexOf('\n{') + 1)) as Samples);
		});
	});
}

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 100;
	rows = 40;
	/** The latest writes (a frame may come as several: synchronized-output markers, erase, text). */
	recent: string[] = [];
	onFrame?: () => void;
	write = (chunk: string) => {
		this.recent.push(chunk);
		if (this.recent.length > 20) this.recent.shift();
		this.onFrame?.();
		return true;
	};
	text = () => this.recent.join('');
}

/** ~1 MB of contact-like records (what a generous 3-page preview of a wide API returns). */
function bigSample(): Record<string, unknown>[] {
	const records: Record<string, unknown>[] = [];
	for (let i = 0; JSON.stringify(records).length < 1_000_000 && i < 100_000; i += 50) {
		for (let j = i; j < i + 50; j++) {
			records.push({
				id: `contact-${j}`,
				email: `person${j}@example.com`,
				first_name: `First${j}`,
				last_name: `Last${j}`,
				status: j % 3 ? 'subscribed' : 'unsubscribed',
				tags: ['newsletter', `segment-${j % 17}`, `region-${j % 5}`],
				address: {street: `${j} Main Street`, city: 'Springfield', zip: String(10_000 + j), country: 'US'},
				notes: `Imported record ${j}. `.repeat(8),
				updated_at: new Date(Date.UTC(2024, 0, 1) + j * 60_000).toISOString(),
			});
		}
	}
	return records;
}

async function waitFor(stdout: FakeStdout, text: string, timeoutMs = 20_000): Promise<void> {
	const {stripVTControlCharacters} = await import('node:util');
	const deadline = Date.now() + timeoutMs;
	while (!stripVTControlCharacters(stdout.text()).includes(text)) {
		if (Date.now() > deadline) throw new Error(`"${text}" never appeared; last output:\n${stripVTControlCharacters(stdout.text())}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** Writes one key and resolves with the ms until the next frame (undefined when none came within 1 s). */
function timeKey(stdin: FakeStdin, stdout: FakeStdout, key: string): Promise<number | undefined> {
	return new Promise(resolve => {
		const timer = setTimeout(() => {
			stdout.onFrame = undefined;
			resolve(undefined);
		}, 1000);
		const start = process.hrtime.bigint();
		stdout.onFrame = () => {
			stdout.onFrame = undefined;
			clearTimeout(timer);
			resolve(Number(process.hrtime.bigint() - start) / 1e6);
		};
		stdin.write(key);
	});
}

async function measureInChild(): Promise<Samples> {
	// Loaded here, after NODE_ENV and CI are settled for this process.
	const {default: React} = await import('react');
	const {render} = await import('ink');
	const {default: App} = await import('../source/wizard/app.js');
	const {preloadScreens} = await import('../source/wizard/screens.js');
	const {createServices} = await import('../source/wizard/create-services.js');
	const {newDraft} = await import('../source/connection-spec/index.js');
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-keys-'));
	try {
		const records = bigSample();
		const sampleBytes = JSON.stringify(records).length;
		const services = createServices({home, env: {AEP_SOURCE_HOME: home}, exportDir: home, previewDelayMs: 5});
		services.openSession = async () => ({
			profile: {name: 'local', kind: 'local'},
			target: {imsUrl: 'http://127.0.0.1:9', platformUrl: 'http://127.0.0.1:9', orgId: 'o', clientId: 'c', clientSecret: 's', scopes: 'x', sandboxName: 'prod'},
			client: undefined as never,
			demo: {url: 'http://127.0.0.1:9', records: records.length},
			close: async () => {},
		});
		services.preview = async () => ({
			records,
			result: {
				pages: [0, 1, 2].map(index => ({
					index,
					method: 'GET',
					url: `http://127.0.0.1:9/v1/contacts?offset=${index * 1000}`,
					status: 200,
					records: Math.ceil(records.length / 3),
					bytes: Math.ceil(sampleBytes / 3),
					durationMs: 1,
				})),
				records: records.length,
				stop: {code: 'max-pages', message: 'the preview stops after 3 pages'},
			} as never,
		});
		services.drafts.save({...newDraft({id: 'keys', template: 'demo'}), step: 'source'});
		await preloadScreens();
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const instance = render(React.createElement(App, {start: {command: 'resume', draftId: 'keys'}, services}), {
			stdout: stdout as never,
			stdin: stdin as never,
			stderr: stdout as never,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		await waitFor(stdout, `${records.length} records found`);
		await new Promise(resolve => setTimeout(resolve, 100));
		await timeKey(stdin, stdout, '\u001B[B'); // Down: from Host to Path
		const latencies: number[] = [];
		let missed = 0;
		const text = '/v1/contacts/segment/alpha/beta/gamma/';
		for (let i = 0; i < keyCount; i++) {
			await new Promise(resolve => setTimeout(resolve, gapMs));
			// Mostly typing, with a backspace now and then (a person correcting a typo).
			const key = i % 10 === 9 ? '\u007F' : text[i % text.length]!;
			const latency = await timeKey(stdin, stdout, key);
			if (latency === undefined) missed++;
			else latencies.push(latency);
		}
		instance.unmount();
		return {latencies, sampleBytes, missed};
	} finally {
		fs.rmSync(home, {recursive: true, force: true});
	}
}

if (process.argv.includes('--child') && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const result = await measureInChild();
	process.stdout.write(`\n${JSON.stringify(result)}\n`);
	process.exit(0);
}
