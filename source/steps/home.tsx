// Home: what the wizard offers. First run (no drafts yet) says where to start. This is the first frame, so it
// imports only Ink, React and light modules; every other screen is loaded lazily by app.tsx.
import {Box, Text} from 'ink';
import {Menu} from '../components/menu.js';
import {menuKeys, quitKey, useKeys} from '../components/use-keys.js';
import {countDrafts} from '../store/peek.js';
import {useServices} from '../wizard/services.js';

export type HomeChoice = 'new' | 'bootstrap' | 'resume' | 'import' | 'profiles' | 'checklist' | 'quit';

const items: {label: string; value: HomeChoice}[] = [
	{label: 'New source (from a template or blank)', value: 'new'},
	{label: 'New source from an OpenAPI document or a curl command', value: 'bootstrap'},
	{label: 'Resume a draft', value: 'resume'},
	{label: 'Import a connection spec JSON', value: 'import'},
	{label: 'Profiles (local sandbox, Adobe orgs)', value: 'profiles'},
	{label: 'Submission checklist of a draft', value: 'checklist'},
	{label: 'Quit', value: 'quit'},
];

export function HomeScreen({onChoose}: {onChoose: (choice: HomeChoice) => void}) {
	const services = useServices();
	// Counted from the file names: the home screen is the first frame and must not wait for zod (bench/startup.ts).
	const count = safeCount(() => countDrafts(services.home));
	const footer = useKeys([...menuKeys(), quitKey('quit')]);
	return (
		<Box flexDirection="column">
			{count === 0 ? (
				<Text>Welcome! No drafts yet: choose “New source”. The built-in local sandbox profile needs no setup.</Text>
			) : (
				<Text dimColor>{`${count} draft${count === 1 ? '' : 's'} saved in ${services.home}`}</Text>
			)}
			<Box marginTop={1}>
				<Menu items={items} onSelect={item => onChoose(item.value)} />
			</Box>
			{footer}
		</Box>
	);
}

function safeCount(count: () => number): number {
	try {
		return count();
	} catch {
		return 0;
	}
}
