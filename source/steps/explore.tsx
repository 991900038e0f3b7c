// Explore spec (docs/connection-spec.md#explorespec, docs/connection-spec.md#custom-schema): the fixed Resource exploreSpec, optionally with a custom schema
// inferred
// from the live preview's records; or a pasted exploreSpec JSON (bad JSON is reported by line:column).
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {parseSpecText} from '../connection-spec/index.js';
import {fixedExploreSpec} from '../connection-spec/constants.js';
import {inferSchema} from '../workflow/preview.js';
import {Menu} from '../components/menu.js';
import TextInput from 'ink-text-input';
import {KeyFooter} from '../components/key-footer.js';
import {PreviewPanel} from './preview-panel.js';
import type {StepProps} from '../wizard/wizard-context.js';
import {usePreview} from './use-preview.js';
import {TestValuesPanel, useTestPlace} from './test-values-panel.js';
import {describeRoute, wizardTestValues} from './test-credentials.js';
import {useServices} from '../wizard/services.js';
import {useWizard} from '../wizard/wizard-context.js';
import {setIn} from './spec-paths.js';

type Choice = 'inferred' | 'fixed' | 'paste';

export function ExploreScreen({draft, update, go, back}: StepProps) {
	const [mode, setMode] = useState<'choose' | 'paste' | 'values'>('choose');
	// A multi-line paste: the lines ended so far, and the line being typed (the text input edits only that one).
	const [lines, setLines] = useState<string[]>([]);
	const [pasted, setPasted] = useState('');
	const [error, setError] = useState<string>();
	const [done, setDone] = useState<string>();
	const {state, run} = usePreview(draft, {auto: false});
	const services = useServices();
	const wizard = useWizard();
	const place = useTestPlace();
	const route = describeRoute(wizardTestValues(draft, {...place, secrets: wizard.testSecrets, env: services.env}).route);
	const records = state.outcome?.records ?? [];

	useInput(
		(input, key) => {
			if (key.escape) back();
			else if (key.ctrl && input === 'r') run();
			else if (key.ctrl && input === 't') setMode('values');
		},
		{isActive: mode === 'choose'},
	);
	useInput(
		(input, key) => {
			if (key.escape) {
				setMode('choose');
				setError(undefined);
			} else if (key.ctrl && input === 'u') {
				setLines([]);
				setPasted('');
				setError(undefined);
			} else if (input === '\n') endLine(pasted);
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
		setDone(
			choice === 'inferred'
				? `✔ Explore spec set, with a custom schema inferred from ${Math.min(records.length, 500)} records.`
				: '✔ Explore spec set (fixed Resource spec).',
		);
		go('review');
	};

	/** Enter (or a pasted line feed): use the JSON if it is complete, else keep collecting the lines of a paste. */
	const endLine = (line: string) => {
		const text = [...lines, line].join('\n');
		if (isUnfinishedJson(text)) {
			setLines([...lines, line]);
			setPasted('');
			return;
		}
		submitPaste(text);
	};

	const submitPaste = (text: string) => {
		const parsed = parseSpecText(text);
		if (!parsed.ok) return setError(`Not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
		if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return setError('Paste a JSON object (the exploreSpec).');
		const value = parsed.value as Record<string, unknown>;
		update(current => ({...current, spec: {...current.spec, exploreSpec: 'exploreSpec' in value ? value['exploreSpec'] : value}}));
		go('review');
	};

	if (mode === 'values') {
		return (
			<Box flexDirection="column">
				<TestValuesPanel draft={draft} update={update} onClose={() => setMode('choose')} />
				<PreviewPanel state={state} route={route} />
			</Box>
		);
	}

	if (mode === 'paste') {
		return (
			<Box flexDirection="column">
				<Text bold>Paste the exploreSpec JSON (one or more lines); Enter uses it once the JSON is complete</Text>
				{lines.map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: pasted lines are positional and may repeat
					<Text key={index}>{`${index === 0 ? '> ' : '  '}${line}`}</Text>
				))}
				<Box>
					<Text>{lines.length === 0 ? '> ' : '  '}</Text>
					<TextInput
						value={pasted}
						onChange={value => {
							if (value.includes('\n')) return; // the line feed key ends the line (above), never text
							setPasted(value);
							setError(undefined);
						}}
						onSubmit={endLine}
					/>
				</Box>
				{error && <Text color="red">{`✖ ${error}`}</Text>}
				<KeyFooter
					keys={[
						['Enter', 'use it (or next line)'],
						['Ctrl-U', 'clear'],
						['Esc', 'back'],
					]}
				/>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>Explore spec — what the platform shows when users browse your source</Text>
			<Text dimColor>Batch sources use the fixed “Resource” explore spec; a custom schema describes your records.</Text>
			<Menu
				items={[
					{
						label: 'Fixed explore spec + custom schema inferred from the preview records',
						value: 'inferred' as Choice,
						hint: records.length ? `${records.length} records` : 'run the preview first (Ctrl-R)',
					},
					{label: 'Fixed explore spec only', value: 'fixed' as Choice},
					{label: 'Paste an exploreSpec JSON', value: 'paste' as Choice},
				]}
				onSelect={item => apply(item.value)}
			/>
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			{done && <Text color="green">{done}</Text>}
			<PreviewPanel state={state} route={route} />
			<KeyFooter
				keys={[
					['↑/↓', 'move'],
					['Enter', 'choose'],
					['Ctrl-R', 'run preview'],
					['Ctrl-T', 'test values'],
					['Esc', 'back'],
				]}
			/>
		</Box>
	);
}

/** True when the text opens more objects/arrays than it closes (outside strings): the rest of a paste is still coming. */
export function isUnfinishedJson(text: string): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (inString) {
			if (character === '\\') index++;
			else if (character === '"') inString = false;
		} else if (character === '"') inString = true;
		else if (character === '{' || character === '[') depth++;
		else if (character === '}' || character === ']') depth--;
	}
	return depth > 0 || inString;
}
