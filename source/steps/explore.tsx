// Explore spec (reference 3.6, 3.5.12): the fixed Resource exploreSpec, optionally with a custom schema inferred
// from the live preview's records; or a pasted exploreSpec JSON (bad JSON is reported by line:column).
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {parseSpecText} from '../spec/index.js';
import {fixedExploreSpec} from '../spec/constants.js';
import {inferSchema} from '../workflow/preview.js';
import {Select} from '../components/select.js';
import {TextInput} from '../components/text-input.js';
import {KeyFooter} from '../components/key-footer.js';
import {PreviewPanel} from './preview-panel.js';
import type {StepProps} from './wizard-context.js';
import {usePreview} from './use-preview.js';
import {setIn} from './spec-paths.js';

type Choice = 'inferred' | 'fixed' | 'paste';

export function ExploreScreen({draft, update, go, back}: StepProps) {
	const [mode, setMode] = useState<'choose' | 'paste'>('choose');
	const [pasted, setPasted] = useState('');
	const [error, setError] = useState<string>();
	const [done, setDone] = useState<string>();
	const {state, run} = usePreview(draft, {auto: false});
	const records = state.outcome?.records ?? [];

	useInput(
		(input, key) => {
			if (key.escape) back();
			else if (key.ctrl && input === 'r') run();
		},
		{isActive: mode === 'choose'},
	);
	useInput(
		(_input, key) => {
			if (key.escape) {
				setMode('choose');
				setError(undefined);
			}
		},
		{isActive: mode === 'paste'},
	);

	const apply = (choice: Choice) => {
		if (choice === 'paste') return setMode('paste');
		if (choice === 'inferred' && records.length === 0) return setError('No records yet: press Ctrl-R to run the preview (or choose the fixed explore spec).');
		update(current => {
			let spec = {...current.spec, exploreSpec: fixedExploreSpec()};
			spec = setIn(spec, ['sourceSpec', 'schema'], choice === 'inferred' ? inferSchema(records.slice(0, 500)) : undefined);
			return {...current, spec};
		});
		setDone(choice === 'inferred' ? `✔ Explore spec set, with a custom schema inferred from ${Math.min(records.length, 500)} records.` : '✔ Explore spec set (fixed Resource spec).');
		go('review');
	};

	const submitPaste = (text: string) => {
		const parsed = parseSpecText(text);
		if (!parsed.ok) return setError(`Not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
		if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return setError('Paste a JSON object (the exploreSpec).');
		const value = parsed.value as Record<string, unknown>;
		update(current => ({...current, spec: {...current.spec, exploreSpec: 'exploreSpec' in value ? value['exploreSpec'] : value}}));
		go('review');
	};

	if (mode === 'paste') {
		return (
			<Box flexDirection="column">
				<Text bold>Paste the exploreSpec JSON (one line), then Enter</Text>
				<Box>
					<Text>{'> '}</Text>
					<TextInput
						value={pasted}
						onChange={value => {
							setPasted(value);
							setError(undefined);
						}}
						onSubmit={submitPaste}
					/>
				</Box>
				{error && <Text color="red">{`✖ ${error}`}</Text>}
				<KeyFooter keys={[['Enter', 'use it'], ['Esc', 'back']]} />
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>Explore spec — what the platform shows when users browse your source</Text>
			<Text dimColor>Batch sources use the fixed “Resource” explore spec (reference 3.6); a custom schema describes your records.</Text>
			<Select
				items={[
					{label: 'Fixed explore spec + custom schema inferred from the preview records', value: 'inferred' as Choice, hint: records.length ? `${records.length} records` : 'run the preview first (Ctrl-R)'},
					{label: 'Fixed explore spec only', value: 'fixed' as Choice},
					{label: 'Paste an exploreSpec JSON', value: 'paste' as Choice},
				]}
				onSelect={item => apply(item.value)}
			/>
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			{done && <Text color="green">{done}</Text>}
			<PreviewPanel state={state} />
			<KeyFooter keys={[['↑/↓', 'move'], ['Enter', 'choose'], ['Ctrl-R', 'run preview'], ['Esc', 'back']]} />
		</Box>
	);
}
