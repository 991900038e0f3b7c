// One line of text asked for on the spot (a name, a path), on the design's widget ink-text-input: Enter submits,
// Esc cancels, Ctrl-U clears. `validate` runs as you type; a value it objects to is refused on Enter with its
// sentence, and nothing is submitted.
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';

export type TextPromptProps = {
	/** What is asked, e.g. "Name of the new property". */
	label: string;
	/** What Enter does, shown after the label: "Enter adds, Esc cancels". */
	keysHint: string;
	initial?: string;
	/** The sentence that refuses a value, or undefined when it is fine. */
	validate?: (value: string) => string | undefined;
	onSubmit: (value: string) => void;
	onCancel: () => void;
	/** Help under the line. */
	help?: string;
};

export function TextPrompt({label, keysHint, initial = '', validate, onSubmit, onCancel, help}: TextPromptProps) {
	const [value, setValue] = useState(initial);
	const [tried, setTried] = useState(false);
	useInput((input, key) => {
		if (key.escape) onCancel();
		else if (key.ctrl && input === 'u') setValue('');
	});
	const problem = validate?.(value);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>{`${label} (${keysHint}):`}</Text>
			<Box>
				<Text>{'> '}</Text>
				<TextInput
					value={value}
					onChange={next => {
						// A line feed is a key of its own (the Ink patch): it submits, never becomes text.
						if (/[\r\n]/.test(next)) return;
						setValue(next);
					}}
					onSubmit={submitted => {
						setTried(true);
						if (validate?.(submitted) === undefined) onSubmit(submitted.trim());
					}}
				/>
			</Box>
			{problem !== undefined && (tried || value !== initial) && <Text color="red">{`✖ ${problem}`}</Text>}
			{help && <Text dimColor>{help}</Text>}
		</Box>
	);
}
