// Small measuring tools shared by the benchmarks: medians, percentiles, timed child processes.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {BuildOptions} from 'esbuild';
import {stripVTControlCharacters} from 'node:util';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env = {...process.env, ...extra};
	// Ink renders nothing while CI is set: delete it, don't blank it.
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	return env;
}

/** Wall time of a command from spawn to exit, in ms. */
export function timeCommand(command: string, args: string[], env = cleanEnv()): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = process.hrtime.bigint();
		const child = spawn(command, args, {env, stdio: 'ignore'});
		child.on('error', reject);
		child.on('exit', code => {
			if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}`));
			else resolve(Number(process.hrtime.bigint() - start) / 1e6);
		});
	});
}

/** Time from spawn until `text` appears on the screen of a real pseudo-terminal (util-linux `script`). */
export function timeToScreenText(commandLine: string, text: string, env = cleanEnv(), timeoutMs = 20_000): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = process.hrtime.bigint();
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${commandLine}`, '/dev/null'], {
			env,
			stdio: ['pipe', 'pipe', 'ignore'],
			detached: true,
		});
		let screen = '';
		const finish = (error?: Error, ms?: number) => {
			clearTimeout(timer);
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {}
			if (error) reject(error);
			else resolve(ms!);
		};
		const timer = setTimeout(() => finish(new Error(`"${text}" did not appear within ${timeoutMs} ms; screen: ${screen.slice(-400)}`)), timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => {
			screen += stripVTControlCharacters(chunk.toString('utf8'));
			if (screen.includes(text)) finish(undefined, Number(process.hrtime.bigint() - start) / 1e6);
		});
	});
}

export async function repeat(times: number, task: () => Promise<number>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < times; i++) out.push(await task());
	return out;
}

/**
 * Bundles a bench file with the CLI's own esbuild options (.ci/bundle.mjs: same dependency patches, production
 * React), so a child process measures the code the CLI ships, without the tsx loader's own memory and start-up.
 */
export async function bundleForBench(entryUrl: string, name: string, outdir: string): Promise<string> {
	const {build} = await import('esbuild');
	const {bundleOptions} = (await import(pathToFileURL(path.resolve('.ci/bundle.mjs')).href)) as {bundleOptions: BuildOptions};
	await build({...bundleOptions, entryPoints: {[name]: fileURLToPath(entryUrl)}, outdir});
	return path.join(outdir, `${name}.js`);
}
