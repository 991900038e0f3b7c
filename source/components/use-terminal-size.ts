// The terminal's size, kept current on resize. A stdout that reports no size (a pipe, ink-testing-library) gives
// `rows: undefined`: nothing is cut to fit, every screen shows in full.
import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number | undefined};

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({
	columns: stdout.columns > 0 ? stdout.columns : 80,
	rows: stdout.rows > 0 ? stdout.rows : undefined,
});

export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

/** Rows a line of `text` takes at `columns` (wrapped; at least 1). Counts code points, good enough to budget a screen. */
export function rowsOf(text: string, columns: number): number {
	return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / Math.max(1, columns))), 0);
}

/**
 * The contiguous window of items around `focus` whose heights (rows) fit in `budget` rows: grown below, then
 * above, one item at a time. Returns [start, end) indexes; the focused item is always inside, even if taller.
 */
export function windowAround(heights: number[], focus: number, budget: number): [number, number] {
	let start = focus;
	let end = focus + 1;
	let used = heights[focus] ?? 1;
	for (let grew = true; grew; ) {
		grew = false;
		if (end < heights.length && used + heights[end]! <= budget) {
			used += heights[end]!;
			end++;
			grew = true;
		}
		if (start > 0 && used + heights[start - 1]! <= budget) {
			start--;
			used += heights[start]!;
			grew = true;
		}
	}
	return [start, end];
}
