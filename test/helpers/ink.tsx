// The act-based Ink test helper: one key per act(), frames without ANSI codes.
import {act, type ReactElement} from 'react';
import {render} from 'ink-testing-library';
import {stripVTControlCharacters} from 'node:util';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	tab: '\t',
	backspace: '\u007F',
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
} as const;

export type InkHarness = {
	/** Sends one key (or one chunk) and lets React settle. */
	press: (data: string) => Promise<void>;
	/** Types text one character per act(), as a person would. */
	type: (text: string) => Promise<void>;
	/** The last frame with colour codes removed. */
	frame: () => string;
	/** How many frames Ink has drawn so far. */
	frameCount: () => number;
	/** Every frame Ink has drawn so far, without ANSI codes (to assert that something never appeared). */
	allFrames: () => string[];
	/** Waits inside act for pending async work (e.g. HTTP calls started by the screen). */
	settle: (work?: Promise<unknown>) => Promise<void>;
	/** Polls (outside act) until the frame satisfies the predicate; fails after timeoutMs. */
	waitFor: (predicate: (frame: string) => boolean, timeoutMs?: number) => Promise<string>;
	unmount: () => Promise<void>;
	/** Gives the fake terminal a size (ink-testing-library's has 100 columns and no rows) and emits 'resize'. */
	resize: (columns: number, rows: number) => Promise<void>;
};

export async function renderInk(tree: ReactElement): Promise<InkHarness> {
	let instance!: ReturnType<typeof render>;
	await act(async () => {
		instance = render(tree);
	});
	const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
	const press = async (data: string) => {
		await act(async () => {
			instance.stdin.write(data);
			// A lone Escape is held by Ink's input parser until the next setImmediate (it may start a sequence).
			if (data === keys.escape) await new Promise(resolve => setImmediate(resolve));
		});
	};
	return {
		press,
		async type(text) {
			for (const character of text) await press(character);
		},
		frame,
		frameCount: () => instance.frames.length,
		allFrames: () => instance.frames.map(each => stripVTControlCharacters(each)),
		async settle(work) {
			await act(async () => {
				await work;
				await new Promise(resolve => setTimeout(resolve, 0));
			});
		},
		async waitFor(predicate, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				await act(async () => {
					await new Promise(resolve => setTimeout(resolve, 15));
				});
				if (predicate(frame())) return frame();
			}
			throw new Error(`Timed out waiting for the frame; last frame:\n${frame()}`);
		},
		async unmount() {
			await act(async () => {
				instance.unmount();
			});
		},
		async resize(columns, rows) {
			await act(async () => {
				Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
				Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
				instance.stdout.emit('resize');
			});
		},
	};
}
