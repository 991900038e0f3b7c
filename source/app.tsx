import {Box, Text, useApp, useInput} from 'ink';
import SelectInput from 'ink-select-input';

type Props = {command: string; onInterrupt?: () => void};

const items = [
	{label: 'New source (from a template or blank)', value: 'new'},
	{label: 'Resume a draft', value: 'resume'},
	{label: 'Import a connection spec JSON', value: 'import'},
	{label: 'Profiles (local sandbox, Adobe orgs)', value: 'profiles'},
	{label: 'Submission checklist of a draft', value: 'checklist'},
	{label: 'Quit', value: 'quit'},
];

export default function App({onInterrupt}: Props) {
	const {exit} = useApp();
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			onInterrupt?.();
			exit();
		}
	});
	return (
		<Box flexDirection="column">
			<Text bold>aep-source — Self-Serve Sources wizard</Text>
			<SelectInput items={items} onSelect={item => item.value === 'quit' && exit()} />
		</Box>
	);
}
