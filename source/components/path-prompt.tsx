// Asks where to write before an export writes anything: the default is shown (and can be edited), Enter writes
// there, Esc cancels. A relative path is taken from the folder the wizard was started in.
import {TextPrompt} from './text-prompt.js';

export type PathPromptProps = {
	/** What is written, e.g. "Write the Artifacts folder under". */
	label: string;
	initial: string;
	onSubmit: (target: string) => void;
	onCancel: () => void;
};

export function PathPrompt({label, initial, onSubmit, onCancel}: PathPromptProps) {
	return (
		<TextPrompt
			label={label}
			keysHint="Enter writes, Esc cancels"
			initial={initial}
			validate={value => (value.trim() === '' ? 'Enter a path.' : undefined)}
			onSubmit={onSubmit}
			onCancel={onCancel}
		/>
	);
}
