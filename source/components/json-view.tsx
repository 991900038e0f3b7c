// A scrollable view of a long text (spec JSON, a sample record): only `height` lines are rendered, so a 1 MB
// document costs one split, not one Ink node per line.
import {useMemo, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';

export function useScroll(lineCount: number, height: number, active = true) {
	const offset = useRef(0);
	const [, rerender] = useState(0);
	const max = Math.max(0, lineCount - height);
	if (offset.current > max) offset.current = max;
	useInput(
		(_input, key) => {
			let next = offset.current;
			if (key.downArrow) next++;
			else if (key.upArrow) next--;
			else if (key.pageDown) next += height;
			else if (key.pageUp) next -= height;
			else if (key.home) next = 0;
			else if (key.end) next = max;
			else return;
			offset.current = Math.min(max, Math.max(0, next));
			rerender(n => n + 1);
		},
		{isActive: active},
	);
	return offset.current;
}

export type JsonViewProps = {
	/** Text to show; a value is pretty-printed. */
	value: unknown;
	height?: number;
	/** Arrow keys and PgUp/PgDn scroll while true. */
	focus?: boolean;
	/** Lines longer than this are cut, so one huge line cannot wrap over the screen. */
	width?: number;
};

export function JsonView({value, height = 15, focus = true, width = 96}: JsonViewProps) {
	const lines = useMemo(() => (typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? 'undefined')).split('\n'), [value]);
	const offset = useScroll(lines.length, height, focus);
	const visible = lines.slice(offset, offset + height);
	return (
		<Box flexDirection="column" borderStyle="single" paddingX={1}>
			{visible.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: offset + index is the line's number in the document
				<Text key={offset + index} wrap="truncate">
					{line.length > width ? `${line.slice(0, width - 1)}…` : line}
				</Text>
			))}
			<Text dimColor>
				lines {lines.length === 0 ? 0 : offset + 1}–{Math.min(lines.length, offset + height)} of {lines.length}
			</Text>
		</Box>
	);
}
