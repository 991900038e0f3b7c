// Source spec (docs/connection-spec.md#sourcespec): request, records path, pagination and schedule, with placeholders checked as you
// type, the next schedule windows rendered in the chosen formats, and a live preview against the real source.
import {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {declaredPlaceholders, formatPath, getAt, undeclaredPlaceholders} from '../connection-spec/index.js';
import {scheduleWindowPreview} from '../workflow/preview.js';
import {Form} from '../components/form.js';
import {KeyFooter, type KeyHint} from '../components/key-footer.js';
import {rowsOf, useTerminalSize} from '../components/use-terminal-size.js';
import {PreviewPanel} from './preview-panel.js';
import {PreviewInspector} from './preview-inspector.js';
import {TestValuesPanel, useTestPlace} from './test-values-panel.js';
import {describeRoute, wizardTestValues} from './test-credentials.js';
import {useServices} from '../wizard/services.js';
import {fieldForPath, useWizard, type StepProps} from '../wizard/wizard-context.js';
import {applySourceField, sourceFields, sourceValues} from './source-fields.js';
import {usePreview} from './use-preview.js';
import {UserInputsEditor, userInputAt} from './user-inputs.js';
import {DeclarePlaceholder} from './declare-placeholder.js';

export function SourceScreen({draft, update, go, back}: StepProps) {
	const services = useServices();
	const fields = useMemo(() => sourceFields(draft.spec), [draft.spec]);
	const values = useMemo(() => sourceValues(draft.spec, fields), [draft.spec, fields]);
	const declared = useMemo(() => [...declaredPlaceholders(draft.spec)].sort(), [draft.spec]);
	const undeclared = useMemo(() => undeclaredPlaceholders(draft.spec), [draft.spec]);
	const {state, run, windowChoice, setWindowChoice} = usePreview(draft);
	// Opened from a Review finding: start on the field that fixes it (userInputs edits sourceSpec.spec).
	const wizard = useWizard();
	const [initialField, setInitialField] = useState(() =>
		fieldForPath(
			wizard.focusPath,
			fields.flatMap(field => (field.path ? [{name: field.name, path: formatPath(field.path)}] : [])),
		),
	);
	// biome-ignore lint/correctness/useExhaustiveDependencies: the focus path is consumed once, on arrival
	useEffect(() => wizard.setFocusPath(undefined), []);
	const [focusedField, setFocusedField] = useState<string | undefined>(initialField);
	const place = useTestPlace();
	const route = wizardTestValues(draft, {...place, secrets: wizard.testSecrets, env: services.env}).route;
	const [panel, setPanel] = useState(false);
	const [inspecting, setInspecting] = useState(false);
	// A sub-screen over the form: the user-input editor, or declaring an undeclared ${name}.
	// Opened from a Review finding about one user input: its form in the editor, on the field the finding is about.
	const [inputFocus, setInputFocus] = useState(() => userInputAt(draft.spec, wizard.focusPath));
	const [sub, setSub] = useState<'inputs' | 'declare' | undefined>(inputFocus ? 'inputs' : undefined);
	const [declaredNote, setDeclaredNote] = useState<string>();
	/** Back from a sub-screen: the form comes back on the field it was left on. */
	const closeSub = (field: string | undefined, note?: string) => {
		setSub(undefined);
		setInputFocus(undefined);
		setInitialField(field);
		setFocusedField(field);
		setDeclaredNote(note);
	};
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'r') run();
			else if (key.ctrl && input === 't') setPanel(true);
			else if (key.ctrl && input === 'p') setInspecting(true);
			else if (key.ctrl && input === 'd' && undeclared.length > 0) setSub('declare');
			// Ctrl-O: the other API (spec's host ⇄ demo API), saved in the draft (local profile only).
			else if (key.ctrl && input === 'o' && route.canSwitch)
				update(current => ({...current, test: {...current.test, sourceApi: route.api === 'demo' ? 'spec' : 'demo'}}));
		},
		{isActive: !panel && !inspecting && sub === undefined},
	);

	// Pagination values of the types cycled through on this screen, so ←/→ past POINTER and back to OFFSET loses nothing.
	const remembered = useRef<Record<string, unknown>>({});
	const commit = (name: string, value: string) => {
		const field = fields.find(each => each.name === name);
		if (!field) return;
		update(current => {
			if (name === 'paginationType')
				remembered.current = {
					...remembered.current,
					...((getAt(current.spec, ['sourceSpec', 'attributes', 'paginationParams']) as Record<string, unknown>) ?? {}),
				};
			return {...current, spec: applySourceField(current.spec, field, value, remembered.current)};
		});
	};
	const windows = useMemo(() => nextWindows(services.clock()), [services]);
	const schedule = (getAt(draft.spec, ['sourceSpec', 'attributes', 'scheduleParams']) ?? {}) as Record<string, unknown>;
	const schedulePreview = useMemo(() => scheduleWindowPreview(schedule, windows), [schedule, windows]);
	const showSchedule = focusedField?.startsWith('schedule');
	const footerKeys: KeyHint[] = [
		['↑/↓/Tab', 'field'],
		['Enter', 'save field'],
		['←/→', 'choice'],
		['Ctrl-R', 'run preview'],
		['Ctrl-T', 'test values'],
		['Ctrl-P', 'preview details'],
		...(undeclared.length > 0 ? [['Ctrl-D', 'declare ${name}'] as KeyHint] : []),
		...(route.canSwitch ? [['Ctrl-O', route.api === 'demo' ? 'use the spec’s host' : 'use the demo API'] as KeyHint] : []),
		['Esc', 'back'],
	];
	// From 80×24 up: the header, title and placeholder line take 4 rows, the footer its margin and its wrapped lines (one
	// more row is kept free: Ink clears the whole terminal on every frame as tall as the terminal); the preview gets
	// about a third of the rest (at least 5), the fields the remainder, scrolling around the focused one.
	const {columns, rows} = useTerminalSize();
	const notices = (undeclared.length > 0 ? 1 : 0) + (declaredNote ? 1 : 0);
	const footerRows = 1 + rowsOf(footerKeys.map(([key, action]) => `${key} ${action}`).join('  ·  '), columns);
	const room = rows === undefined ? undefined : rows - 5 - footerRows - notices - (showSchedule ? 5 : 0);
	const previewRows = room === undefined ? undefined : Math.max(5, Math.min(16, Math.floor(room * 0.35)));
	const formRows = room === undefined || previewRows === undefined ? undefined : Math.max(5, room - previewRows);

	if (sub === 'inputs') return <UserInputsEditor draft={draft} update={update} onClose={() => closeSub('userInputs')} initial={inputFocus} />;
	if (sub === 'declare') return <DeclarePlaceholder draft={draft} update={update} onClose={note => closeSub(focusedField, note)} />;

	if (inspecting) {
		return (
			<PreviewInspector
				state={state}
				route={describeRoute(route)}
				windowChoice={windowChoice}
				onToggleWindow={() => setWindowChoice(choice => (choice === 'backfill' ? 'incremental' : 'backfill'))}
				onRun={run}
				onClose={() => {
					// The form comes back on the field it was left on.
					setInitialField(focusedField);
					setInspecting(false);
				}}
				draft={draft}
				update={update}
			/>
		);
	}

	if (panel) {
		return (
			<Box flexDirection="column">
				<TestValuesPanel
					draft={draft}
					update={update}
					onClose={() => {
						// The form comes back on the field it was left on (it opened on the first one, or User inputs).
						setInitialField(focusedField);
						setPanel(false);
					}}
				/>
				<PreviewPanel state={state} maxRows={previewRows} columns={columns} route={describeRoute(route)} />
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>Source spec — how records are fetched</Text>
			<Text
				dimColor
				wrap="truncate"
			>{`Placeholders you can use: ${declared.length ? declared.map(name => `\${${name}}`).join(' ') : '(none declared yet — add user inputs)'}`}</Text>
			{undeclared.length > 0 && (
				<Text color="yellow" wrap="truncate">{`Not declared: ${undeclared.map(name => `\${${name}}`).join(' ')} — Ctrl-D declares it`}</Text>
			)}
			{declaredNote && (
				<Text color="green" wrap="truncate">
					{declaredNote}
				</Text>
			)}
			<Form
				fields={fields}
				values={values}
				onCommit={commit}
				onDone={() => go('explore')}
				onBack={back}
				onFocusField={setFocusedField}
				onAction={name => name === 'userInputs' && setSub('inputs')}
				doneLabel="Continue to the explore spec"
				maxRows={formRows}
				initialField={initialField}
			/>
			{showSchedule && (
				<Box flexDirection="column" marginTop={1}>
					<Text bold>Next 3 schedule windows (hourly), as sent:</Text>
					{schedulePreview.map((row, index) => {
						const sent = row.length ? row.map(param => `${param.name}=${param.value}`).join('&') : '(set the parameter names)';
						// biome-ignore lint/suspicious/noArrayIndexKey: the nth schedule window is the row's identity
						return <Text key={index} wrap="truncate">{`  ${index + 1}. ${sent}`}</Text>;
					})}
				</Box>
			)}
			<PreviewPanel state={state} maxRows={previewRows} columns={columns} route={describeRoute(route)} />
			<KeyFooter keys={footerKeys} />
		</Box>
	);
}

/** The next three hourly windows from the top of the current hour. */
export function nextWindows(now: number): {start: Date; end: Date}[] {
	const hour = 3_600_000;
	const base = Math.floor(now / hour) * hour;
	return [0, 1, 2].map(index => ({start: new Date(base + index * hour), end: new Date(base + (index + 1) * hour)}));
}
