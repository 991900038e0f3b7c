// The last line of every screen: the keys that work here, so nobody has to guess.
import {Box, Text} from 'ink';
import {useTerminalSize} from './use-terminal-size.js';

export type KeyHint = [key: string, action: string];

const separator = '  ·  ';

/**
 * The footer's lines at `columns` (code points): hints are packed whole, the separator only between two hints on one
 * line, so a wrapped footer never starts a line with a space or a lone "·". A hint wider than the line gets a line
 * of its own (and wraps there).
 */
export function footerLines(keys: readonly KeyHint[], columns: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const [key, action] of keys) {
		const hint = `${key} ${action}`;
		if (line === '') line = hint;
		else if ([...line].length + separator.length + [...hint].length <= columns) line += separator + hint;
		else {
			lines.push(line);
			line = hint;
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}

export function KeyFooter({keys}: {keys: KeyHint[]}) {
	const {columns} = useTerminalSize();
	return (
		<Box marginTop={1} flexDirection="column">
			{footerLines(keys, columns).map(line => (
				<Text key={line} dimColor>
					{line}
				</Text>
			))}
		</Box>
	);
}

export const commonKeys = {
	back: ['Esc', 'back'] as KeyHint,
	quit: ['Ctrl-C', 'save & quit'] as KeyHint,
	move: ['↑/↓', 'move'] as KeyHint,
	choose: ['Enter', 'choose'] as KeyHint,
};
