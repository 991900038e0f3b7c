// Asks where to write before an export writes anything: the default is shown (and can be edited), Enter writes
// there, Esc cancels. A relative path is taken from the folder the wizard was started in.
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';

export type PathPromptProps = {
	/** What is written, e.g. "Write the Artifacts folder under". */
	label: string;
	initial: string;
	onSubmit: (target: string) => void;
	onCancel: () => void;
};

export function PathPrompt({label, initial, onSubmit, onCancel}: PathPromptProps) {
	const [value, setValue] = useState(initial);
	const [error, setError] = useState<string>();
	useInput((input, key) => {
		if (key.escape) onCancel();
		else if (key.ctrl && input === 'u') setValue('');
	});
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>{`${label} (Enter writes, Esc cancels):`}</Text>
			<Box>
				<Text>{'> '}</Text>
				<TextInput
					value={value}
					onChange={next => {
						if (/[\r\n]/.test(next)) return;
						setValue(next);
						setError(undefined);
					}}
					onSubmit={target => (target.trim() === '' ? setError('Enter a path.') : onSubmit(target.trim()))}
				/>
			</Box>
			{error && <Text color="red">{`✖ ${error}`}</Text>}
		</Box>
	);
}
