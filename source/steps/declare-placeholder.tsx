// Declaring an undeclared `${name}` on the spot (docs/connection-spec.md#placeholders): as a property of one auth spec
// (a credential of the base connection) or as a user input (`sourceSpec.spec.properties`). The names come from the
// model; the new property gets a stub description the model flags until it is written.
import {Box, Text} from 'ink';
import {addUserInput, declareAuthProperty, undeclaredPlaceholders} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {Menu} from '../components/menu.js';
import {menuKeys, quitKey, useKeys} from '../components/use-keys.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {authEntries} from './test-credentials.js';

export type DeclarePlaceholderProps = {
	draft: Draft;
	update: (change: (draft: Draft) => Draft) => void;
	/** Closed: `done` says what was declared (for the screen to show), undefined when cancelled. */
	onClose: (done?: string) => void;
};

export function DeclarePlaceholder({draft, update, onClose}: DeclarePlaceholderProps) {
	const {rows} = useTerminalSize();
	const names = undeclaredPlaceholders(draft.spec);
	const auths = authEntries(draft.spec);
	const items = names.flatMap(name => [
		...auths.map((auth, index) => ({
			label: `declare \${${name}} as an auth property of “${auth.name || `authSpec[${index}]`}”`,
			value: `auth:${index}:${name}`,
			hint: 'a value of the base connection',
		})),
		{label: `declare \${${name}} as a user input`, value: `input:${name}`, hint: 'a value of the source connection'},
	]);
	const footer = useKeys([...menuKeys('declare', items.length > 0), {keys: 'escape', label: 'back to the form', action: () => onClose()}, quitKey()]);
	const declare = (value: string) => {
		const [kind, ...rest] = value.split(':');
		if (kind === 'auth') {
			const [index, ...nameParts] = rest;
			const name = nameParts.join(':');
			const auth = auths[Number(index)];
			update(current => ({...current, spec: declareAuthProperty(current.spec, Number(index), name)}));
			return onClose(`✔ \${${name}} is now a property of the auth spec “${auth?.name ?? ''}”: describe it in the auth step; Ctrl-T gives it a test value.`);
		}
		const name = rest.join(':');
		update(current => ({...current, spec: addUserInput(current.spec, name)}));
		onClose(`✔ \${${name}} is now a user input: describe it under User inputs; Ctrl-T gives it a test value.`);
	};
	return (
		<Box flexDirection="column">
			<Text bold>Declare a placeholder the spec uses</Text>
			{items.length === 0 ? (
				<Text color="green">{'Every ${name} in the request is declared.'}</Text>
			) : (
				<Menu items={items} limit={rows === undefined ? undefined : Math.max(3, rows - 7)} onSelect={item => declare(item.value)} />
			)}
			{footer}
		</Box>
	);
}
