// A vertical choice list on the design's widget, ink-select-input: ↑/↓ (or k/j) move, Enter chooses, 1–9 choose
// the item at that position. Items may carry a dimmed hint after the label. Down+Enter arriving in one read choose
// the item moved to because Ink is patched to render between the keys of one read (readme "Patches").
import SelectInput from 'ink-select-input';
import {Box, Text} from 'ink';

export type MenuItem<V extends string = string> = {
	label: string;
	value: V;
	hint?: string;
	/** A line under the item (e.g. a finding about it), indented under its label. */
	detail?: {text: string; color?: string};
};

export type MenuProps<V extends string> = {
	items: MenuItem<V>[];
	onSelect: (item: MenuItem<V>) => void;
	onHighlight?: (item: MenuItem<V>) => void;
	focus?: boolean;
	initialIndex?: number;
	/** Rows shown at once; a longer list scrolls (ink-select-input rotates it around the highlighted item). */
	limit?: number;
};

export function Menu<V extends string>({items, onSelect, onHighlight, focus = true, initialIndex = 0, limit}: MenuProps<V>) {
	// ink-select-input passes each item's fields to the item component and hands back the item it was given.
	const byValue = new Map(items.map(item => [item.value, item]));
	const find = (item: {value: V} | undefined) => (item ? byValue.get(item.value) : undefined);
	return (
		<SelectInput<V>
			items={items.map(item => ({key: item.value, label: item.label, value: item.value, hint: item.hint, detail: item.detail}))}
			isFocused={focus}
			initialIndex={Math.min(Math.max(0, initialIndex), Math.max(0, items.length - 1))}
			limit={limit}
			indicatorComponent={Pointer}
			itemComponent={MenuRow as never}
			onSelect={item => {
				const found = find(item);
				if (found) onSelect(found);
			}}
			onHighlight={item => {
				const found = find(item);
				if (found) onHighlight?.(found);
			}}
		/>
	);
}

/** Two fixed columns, so a long label wraps under its own text, not under the pointer. */
function Pointer({isSelected = false}: {isSelected?: boolean}) {
	return (
		<Box width={2} flexShrink={0}>
			<Text color="cyan">{isSelected ? '❯' : ' '}</Text>
		</Box>
	);
}

function MenuRow({isSelected = false, label, hint, detail}: {isSelected?: boolean; label: string; hint?: string; detail?: MenuItem['detail']}) {
	const row = (
		<Text color={isSelected ? 'cyan' : undefined}>
			{label}
			{hint ? <Text dimColor>{`  ${hint}`}</Text> : null}
		</Text>
	);
	if (!detail) return row;
	return (
		<Box flexDirection="column">
			{row}
			<Box paddingLeft={2}>
				<Text color={detail.color}>{detail.text}</Text>
			</Box>
		</Box>
	);
}
