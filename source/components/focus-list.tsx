// A list with one focused item that fits the rows it is given: only the items around the focus are drawn, with a
// count of those above and below. The screen owns the focus (its key table moves it: ↑/↓ by one, PgUp/PgDn by a
// screenful, see `moveFocus`); items give their height in rows so the window is cut before Ink would overflow.
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {windowAround} from './use-terminal-size.js';

export type FocusItem = {
	key: string;
	/** Rows the item takes when drawn at the list's width (see `wrappedRows`). */
	rows: number;
	render: (focused: boolean) => ReactNode;
};

/** Rows the "↑ n more above" and "↓ n more below" lines may take; a budget includes them. */
const markerRows = 2;

/** [start, end) of the items shown for `focus` in `budget` rows (every item when `budget` is undefined or all fit). */
export function focusWindow(heights: number[], focus: number, budget: number | undefined): [number, number] {
	const total = heights.reduce((sum, rows) => sum + rows, 0);
	if (budget === undefined || total <= budget) return [0, heights.length];
	return windowAround(heights, Math.min(Math.max(0, focus), heights.length - 1), Math.max(1, budget - markerRows));
}

/**
 * The focus after a key: ↑/↓ move one item, PgUp/PgDn move by the number of items shown (at least one); the focus
 * stays inside [0, count). `shown` is the number of items in the current window.
 */
export function moveFocus(
	focus: number,
	count: number,
	shown: number,
	key: {upArrow: boolean; downArrow: boolean; pageUp: boolean; pageDown: boolean},
): number {
	const page = Math.max(1, shown - 1);
	const step = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
	return Math.min(Math.max(0, count - 1), Math.max(0, focus + step));
}

export function FocusList({items, focus, budget}: {items: FocusItem[]; focus: number; budget: number | undefined}) {
	const [start, end] = focusWindow(
		items.map(item => item.rows),
		focus,
		budget,
	);
	return (
		<Box flexDirection="column">
			{start > 0 && <Text dimColor>{`  ↑ ${start} more above`}</Text>}
			{items.slice(start, end).map((item, offset) => (
				<Box key={item.key} flexDirection="column">
					{item.render(start + offset === focus)}
				</Box>
			))}
			{end < items.length && <Text dimColor>{`  ↓ ${items.length - end} more below`}</Text>}
		</Box>
	);
}

/**
 * `text` wrapped at `width` columns: at spaces (the space where a line breaks is dropped, so no line starts with
 * one), a word longer than a line cut hard, each "\n" a new line. Counts code points (a wide character counts as
 * one). Screens draw the lines themselves so the rows they budget are the rows drawn.
 */
export function wrapLines(text: string, width: number): string[] {
	const columns = Math.max(1, width);
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			if (line === '' || [...line].length + 1 + [...word].length <= columns) {
				line = line === '' ? word : `${line} ${word}`;
				if ([...line].length <= columns) continue;
			} else {
				out.push(line);
				line = word;
			}
			// A word wider than a line: cut it.
			while ([...line].length > columns) {
				out.push([...line].slice(0, columns).join(''));
				line = [...line].slice(columns).join('');
			}
		}
		out.push(line);
	}
	return out;
}

/** Rows `text` takes wrapped at `width` columns by `wrapLines`. At least 1. */
export function wrappedRows(text: string, width: number): number {
	return wrapLines(text, width).length;
}

/** `text` wrapped by `wrapLines`, one Text per line (so Ink never re-wraps it), indented by `indent` columns. */
export function Wrapped({
	text,
	width,
	indent = 0,
	...style
}: {
	text: string;
	width: number;
	indent?: number;
	color?: string;
	dimColor?: boolean;
	bold?: boolean;
}) {
	return (
		<Box flexDirection="column" paddingLeft={indent}>
			{wrapLines(text, width - indent).map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, in order
				<Text key={index} wrap="truncate" {...style}>
					{line}
				</Text>
			))}
		</Box>
	);
}
