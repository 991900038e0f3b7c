// Explore spec (docs/connection-spec.md#explorespec, docs/connection-spec.md#custom-schema): the fixed Resource exploreSpec, optionally with a custom schema
// inferred
// from the live preview's records; or a pasted exploreSpec JSON (bad JSON is reported by line:column).
import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {parseSpecText} from '../connection-spec/index.js';
import {fixedExploreSpec} from '../connection-spec/constants.js';
import {inferSchema} from '../workflow/preview.js';
import {Menu} from '../components/menu.js';
import TextInput from 'ink-text-input';
import {footerRows, menuKeys, useKeys, type KeyBinding} from '../components/use-keys.js';
import {rowsOf, useTerminalSize} from '../components/use-terminal-size.js';
import {PreviewPanel} from './preview-panel.js';
import type {StepProps} from '../wizard/wizard-context.js';
import {usePreview} from './use-preview.js';
import {TestValuesPanel, useTestPlace} from './test-values-panel.js';
import {describeRoute, wizardTestValues} from './test-credentials.js';
import {useServices} from '../wizard/services.js';
import {useWizard} from '../wizard/wizard-context.js';
import {setIn} from '../connection-spec/spec-paths.js';

type Choice = 'inferred' | 'fixed' | 'paste';

export function ExploreScreen({draft, update, go, back}: StepProps) {
	const [mode, setMode] = useState<'choose' | 'paste' | 'values'>('choose');
	// A multi-line paste: the lines ended so far, and the line being typed (the text input edits only that one).
	const [lines, setLines] = useState<string[]>([]);
	const [pasted, setPasted] = useState('');
	const [error, setError] = useState<string>();
	const [done, setDone] = useState<string>();
	/** True right after Enter ended a line, until the next key: a line feed then belongs to that Enter. */
	const afterReturn = useRef(false);
	const {state, run} = usePreview(draft, {auto: false});
	const services = useServices();
	const wizard = useWizard();
	const place = useTestPlace();
	const route = describeRoute(wizardTestValues(draft, {...place, secrets: wizard.testSecrets, env: services.env}).route);
	const records = state.outcome?.records ?? [];

	const chooseKeys: KeyBinding[] = [
		...menuKeys(),
		{keys: 'ctrl+r', label: 'run preview', action: run},
		{keys: 'ctrl+t', label: 'test values', action: () => setMode('values')},
		{keys: 'escape', label: 'back', action: back},
	];
	const pasteKeys: KeyBinding[] = [
		{keys: 'return', label: 'use it (or next line)', by: 'text input'},
		// A pasted line feed ends the line like Enter (the text input never takes it as text).
		// The "\n" of a "\r\n" pair (a paste from Windows text) is the same line end, not an empty line.
		{
			keys: 'linefeed',
			action: () => {
				const pairedWithReturn = afterReturn.current && pasted === '';
				afterReturn.current = false;
				if (!pairedWithReturn) endLine(pasted);
			},
		},
		{
			keys: 'ctrl+u',
			label: 'clear',
			action: () => {
				setLines([]);
				setPasted('');
				setError(undefined);
			},
		},
		{
			keys: 'escape',
			label: 'back',
			action: () => {
				setMode('choose');
				setError(undefined);
			},
		},
	];
	const keys = mode === 'paste' ? pasteKeys : chooseKeys;
	// The test-values panel has a key table of its own.
	const footer = useKeys(keys, {isActive: mode !== 'values'});

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

	// From 80×24 up: the header (2 rows), the title, the choices, the messages and the footer keep their rows; the
	// preview panel (or, while pasting, the lines pasted so far) gets the rest, less one row Ink needs free.
	const {columns, rows} = useTerminalSize();
	const footerHeight = footerRows(keys, columns);
	const messageRows = (error ? rowsOf(`✖ ${error}`, columns) : 0) + (done ? rowsOf(done, columns) : 0);
	const room = (used: number) => (rows === undefined ? undefined : rows - 3 - used - footerHeight - messageRows);

	if (mode === 'values') {
		const previewRows = room(0);
		return (
			<Box flexDirection="column">
				<TestValuesPanel draft={draft} update={update} onClose={() => setMode('choose')} />
				<PreviewPanel
					state={state}
					route={route}
					columns={columns}
					maxRows={previewRows === undefined ? undefined : Math.max(5, Math.floor(previewRows * 0.35))}
				/>
			</Box>
		);
	}

	if (mode === 'paste') {
		const title = 'Paste the exploreSpec JSON (one or more lines); Enter uses it once the JSON is complete';
		// The lines pasted so far: the last ones that fit, with a count of those above.
		const lineRoom = room(rowsOf(title, columns) + 1);
		const shownFrom = lineRoom === undefined || lines.length <= lineRoom ? 0 : lines.length - Math.max(1, lineRoom - 1);
		return (
			<Box flexDirection="column">
				<Text bold>{title}</Text>
				{shownFrom > 0 && <Text dimColor>{`  ↑ ${shownFrom} more line${shownFrom === 1 ? '' : 's'} above`}</Text>}
				{lines.slice(shownFrom).map((line, offset) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: pasted lines are positional and may repeat
					<Text key={shownFrom + offset} wrap="truncate">{`${shownFrom + offset === 0 ? '> ' : '  '}${line}`}</Text>
				))}
				<Box>
					<Text>{lines.length === 0 ? '> ' : '  '}</Text>
					<TextInput
						value={pasted}
						onChange={value => {
							if (value.includes('\n')) return; // the line feed key ends the line (above), never text
							afterReturn.current = false;
							setPasted(value);
							setError(undefined);
						}}
						onSubmit={line => {
							endLine(line);
							afterReturn.current = true;
						}}
					/>
				</Box>
				{error && <Text color="red">{`✖ ${error}`}</Text>}
				{footer}
			</Box>
		);
	}

	const title = 'Explore spec — what the platform shows when users browse your source';
	const intro = 'Batch sources use the fixed “Resource” explore spec; a custom schema describes your records.';
	const items = [
		{
			label: 'Fixed explore spec + custom schema inferred from the preview records',
			value: 'inferred' as Choice,
			hint: records.length ? `${records.length} records` : 'run the preview first (Ctrl-R)',
		},
		{label: 'Fixed explore spec only', value: 'fixed' as Choice},
		{label: 'Paste an exploreSpec JSON', value: 'paste' as Choice},
	];
	const menuRows = items.reduce((sum, item) => sum + rowsOf(`${item.label}${item.hint ? `  ${item.hint}` : ''}`, columns - 2), 0);
	const previewRows = room(rowsOf(title, columns) + rowsOf(intro, columns) + menuRows);
	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			<Text dimColor>{intro}</Text>
			<Menu items={items} onSelect={item => apply(item.value)} />
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			{done && <Text color="green">{done}</Text>}
			<PreviewPanel state={state} route={route} columns={columns} maxRows={previewRows === undefined ? undefined : Math.max(3, previewRows)} />
			{footer}
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
