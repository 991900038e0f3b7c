// Drives the built CLI in a real pseudo-terminal through util-linux `script` (tmux is not available in CI).
// CI is deleted from the child's environment (Ink renders nothing when CI is set); keys are written one
// at a time with small gaps; output is ANSI-stripped and polled. kill() ends `script` and the wizard together.
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';

export type Pty = {
	/** Writes one key (or one pasted chunk), then waits `gapMs`. */
	send: (data: string, gapMs?: number) => Promise<void>;
	/** Waits until the output written since the last mark() matches; fails with the tail of the output. */
	waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
	/** Starts a new region of output for waitFor. */
	mark: () => void;
	output: () => string;
	/** Everything written, escape codes included. */
	raw: () => string;
	/** Resolves with the exit code (or the signal name) when the wizard ends. */
	exited: Promise<number | string>;
	/** SIGKILL to `script` and the wizard (its process group). */
	kill: () => void;
};

export const ptyKeys = {enter: '\r', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', escape: '\u001B', ctrlC: '\u0003', ctrlU: '\u0015'} as const;

export function spawnCli(args: string[], options: {home: string; cwd?: string; cols?: number; rows?: number; env?: NodeJS.ProcessEnv}): Pty {
	const root = path.resolve(import.meta.dirname, '..', '..');
	const env: NodeJS.ProcessEnv = {...process.env, AEP_SOURCE_HOME: options.home, TERM: 'xterm-256color', FORCE_COLOR: '0', ...options.env};
	for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[key];
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	const command = `stty cols ${options.cols ?? 100} rows ${options.rows ?? 40}; exec node ${path.join(root, 'dist', 'cli.js')} ${args.join(' ')}`;
	const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], {
		cwd: options.cwd ?? options.home,
		env,
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let text = '';
	let markAt = 0;
	const onData = (chunk: Buffer) => {
		text += chunk.toString('utf8');
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<number | string>(resolve => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
	const clean = () => stripVTControlCharacters(text).replace(/\r/g, '');
	return {
		async send(data, gapMs = 90) {
			child.stdin!.write(data);
			await new Promise(resolve => setTimeout(resolve, gapMs));
		},
		async waitFor(pattern, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (pattern.test(clean().slice(markAt))) {
					// The screen is drawn before its key handlers subscribe (a passive effect): give them a moment.
					await new Promise(resolve => setTimeout(resolve, 200));
					return;
				}
				if (child.exitCode !== null) break;
				await new Promise(resolve => setTimeout(resolve, 50));
			}
			throw new Error(`Timed out waiting for ${pattern}; the end of the screen output was:\n${clean().slice(-4000)}`);
		},
		mark() {
			markAt = clean().length;
		},
		output: clean,
		raw: () => text,
		exited,
		kill() {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		},
	};
}

/** The last frame Ink drew (on a TTY each frame is wrapped in synchronized-output markers), without escape codes. */
export function lastFrame(pty: Pty): string[] {
	const frames = pty.raw().split('\u001B[?2026h');
	const last = frames.at(-1)!.split('\u001B[?2026l')[0]!;
	return stripVTControlCharacters(last).replace(/\r/g, '').replace(/\n$/, '').split('\n');
}

/** Polls the last frame until `accept` takes it (15 s at most); fails naming `what`, with the last frame. */
export async function frameWhere(pty: Pty, accept: (frame: string[]) => boolean, what: string): Promise<string[]> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		const frame = lastFrame(pty);
		if (accept(frame)) return frame;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	throw new Error(`Timed out waiting for ${what}; the last frame was:\n${lastFrame(pty).join('\n')}`);
}
