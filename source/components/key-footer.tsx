// The last line of every screen: the keys that work here, so nobody has to guess.
import {Box, Text} from 'ink';

export type KeyHint = [key: string, action: string];

export function KeyFooter({keys}: {keys: KeyHint[]}) {
	return (
		<Box marginTop={1}>
			<Text dimColor>{keys.map(([key, action]) => `${key} ${action}`).join('  ·  ')}</Text>
		</Box>
	);
}

export const commonKeys = {
	back: ['Esc', 'back'] as KeyHint,
	quit: ['Ctrl-C', 'save & quit'] as KeyHint,
	move: ['↑/↓', 'move'] as KeyHint,
	choose: ['Enter', 'choose'] as KeyHint,
};
