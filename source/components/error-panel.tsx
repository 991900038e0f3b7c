// The wizard's one way to show a failure (the CLI's is commands/render-error.ts): what failed, where, what to do.
// Never a stack, never file content.
import {Box, Text} from 'ink';
import {problemOf} from '../shared/errors.js';

export function ErrorPanel({error, title}: {error: unknown; title?: string}) {
	const {message, hint, where} = problemOf(error);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1}>
			{title && <Text bold>{title}</Text>}
			<Text color="red">{`✖ ${message}`}</Text>
			{where && !message.includes(where) && <Text dimColor>{`Where: ${where}`}</Text>}
			{hint && <Text>{`What to do: ${hint}`}</Text>}
		</Box>
	);
}
