// A vertical choice list. The highlighted index lives in a ref so "Down, Enter" arriving in one chunk selects the
// item the user moved to (toolchain §6), and a long list scrolls in a window of `limit` rows.
import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';

export type SelectItem<V extends string = string> = {label: string; value: V; hint?: string; disabled?: boolean};

export type SelectProps<V extends string> = {
	items: SelectItem<V>[];
	onSelect: (item: SelectItem<V>) => void;
	onHighlight?: (item: SelectItem<V>) => void;
	focus?: boolean;
	initialIndex?: number;
	/** Rows shown at once. */
	limit?: number;
};

export function Select<V extends string>({items, onSelect, onHighlight, focus = true, initialIndex = 0, limit = 12}: SelectProps<V>) {
	const index = useRef(Math.min(Math.max(0, initialIndex), Math.max(0, items.length - 1)));
	const [, rerender] = useState(0);
	const latest = useRef({items, onSelect, onHighlight});
	latest.current = {items, onSelect, onHighlight};
	if (index.current >= items.length) index.current = Math.max(0, items.length - 1);

	useInput(
		(input, key) => {
			const list = latest.current.items;
			if (list.length === 0) return;
			const move = (delta: number) => {
				index.current = (index.current + delta + list.length) % list.length;
				rerender(n => n + 1);
				const item = list[index.current];
				if (item) latest.current.onHighlight?.(item);
			};
			if (key.upArrow || input === 'k') move(-1);
			else if (key.downArrow || input === 'j') move(1);
			else if (key.return) {
				const item = list[index.current];
				if (item && !item.disabled) latest.current.onSelect(item);
			} else if (/^[1-9]$/.test(input) && Number(input) <= list.length) {
				index.current = Number(input) - 1;
				rerender(n => n + 1);
			}
		},
		{isActive: focus},
	);

	const start = Math.min(Math.max(0, index.current - Math.floor(limit / 2)), Math.max(0, items.length - limit));
	const visible = items.slice(start, start + limit);
	return (
		<Box flexDirection="column">
			{start > 0 && <Text dimColor>  ↑ {start} more</Text>}
			{visible.map((item, offset) => {
				const selected = start + offset === index.current;
				return (
					<Text key={`${item.value}-${start + offset}`} color={selected && focus ? 'cyan' : undefined} dimColor={item.disabled}>
						{selected ? '❯ ' : '  '}
						{item.label}
						{item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
					</Text>
				);
			})}
			{start + limit < items.length && <Text dimColor>  ↓ {items.length - start - limit} more</Text>}
		</Box>
	);
}
