// Asks where to write before an export writes anything: the default is shown (and can be edited), Enter writes
// there, Esc cancels. A relative path is taken from the folder the wizard was started in. A screen showing the prompt
// puts `pathPromptKeys` in its key table (and turns its own keys off) while the prompt is open.
import {TextPrompt} from './text-prompt.js';
import type {KeyBinding} from './use-keys.js';

export type PathPromptProps = {
	/** What is written, e.g. "Write the Artifacts folder under". */
	label: string;
	initial: string;
	onSubmit: (target: string) => void;
	onCancel: () => void;
};

/** The prompt's keys (TextPrompt's), for the footer of the screen it is on. */
export const pathPromptKeys: KeyBinding[] = [
	{keys: 'return', label: 'write', by: 'text input'},
	{keys: 'ctrl+u', label: 'clear', by: 'text input'},
	{keys: 'escape', label: 'cancel', by: 'text input'},
];

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
