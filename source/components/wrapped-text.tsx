// Text wrapped by us at spaces, one <Text> per line. Ink's own wrapping keeps the space it breaks at, so a line that
// breaks exactly at the edge starts the next one with a space; this never does, and never cuts a word that fits.
import {Box, Text} from 'ink';
import {wrapHanging} from '../shared/wrap-text.js';

export function WrappedText({text, columns, color, dimColor}: {text: string; columns: number; color?: string; dimColor?: boolean}) {
	return (
		<Box flexDirection="column">
			{wrapHanging('', text, Math.max(10, columns)).map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, in order
				<Text key={index} color={color} dimColor={dimColor}>
					{line}
				</Text>
			))}
		</Box>
	);
}
