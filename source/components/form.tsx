// A column of fields, one focused at a time, on the design's widget (ink-text-input; secrets use its mask). Enter
// commits the field (the caller autosaves) and moves on; ↑/↓/Tab move between fields; Ctrl-U clears the field; the
// last row is the "continue" button, refused while a field has an error. Errors are shown inline under the field
// they belong to, with the field's help text. Keys that arrive in one read (a paste, "abc\r") are handled one at a
// time by the patched Ink (readme "Patches"), so a pasted line plus Enter commits the pasted line.
import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {rowsOf, useTerminalSize, windowAround} from './use-terminal-size.js';

export type FormField = {
	name: string;
	label: string;
	help?: string;
	/** `action`: a row that opens something (a sub-screen) on Enter; its value is a read-only summary. */
	kind?: 'text' | 'secret' | 'choice' | 'action';
	/** For `choice`: ←/→ cycle the values. */
	choices?: {label: string; value: string}[];
	placeholder?: string;
	/** Returns the message to show under the field, or undefined when the value is fine. Runs as you type. */
	validate?: (value: string) => string | undefined;
	/**
	 * Text left to replace (a template's words, a stub, an example host: docs/connection-spec.md#unfinished-text): the
	 * message shows under the field instead of ✔, when an error would, but Continue is not refused.
	 */
	unfinished?: (value: string) => string | undefined;
	/** A read-only note under the field (e.g. a live preview). */
	note?: (value: string) => string | undefined;
};

export type FormProps = {
	fields: FormField[];
	values: Record<string, string>;
	/** A committed value (Enter, Tab, moving away): save it. */
	onCommit: (name: string, value: string) => void;
	/** The continue button; receives every value as committed, even ones the parent has not re-rendered yet. */
	onDone: (values: Record<string, string>) => void;
	onBack?: () => void;
	doneLabel?: string;
	/** Errors found outside the form (e.g. by spec validation), keyed by field name. */
	externalErrors?: Record<string, string | undefined>;
	/** Enter on an `action` field. */
	onAction?: (name: string) => void;
	/** Called when the focused field changes (so a screen can show field-specific panels). */
	onFocusField?: (name: string | undefined) => void;
	focus?: boolean;
	initialField?: string;
	/** Rows the field list may take (the rest scrolls around the focused field). Default: the terminal's rows less `reserveRows`. */
	maxRows?: number;
	/** Rows the rest of the screen needs (header, title, panels, footer) when maxRows is not given; default 10. */
	reserveRows?: number;
};

export function Form(props: FormProps) {
	const {fields, values, focus = true} = props;
	const {columns, rows} = useTerminalSize();
	const latest = useRef(props);
	latest.current = props;
	const initialIndex = Math.max(
		0,
		fields.findIndex(field => field.name === props.initialField),
	);
	const focused = useRef(initialIndex);
	const edits = useRef<Record<string, string>>({});
	/** Fields the user has left: their errors show from then on (not on arrival at an empty field). */
	const left = useRef(new Set<string>());
	const committed = useRef<Record<string, string>>({});
	const [showAll, setShowAll] = useState(false);
	const [, rerender] = useState(0);
	const valueFor = (name: string) => edits.current[name] ?? committed.current[name] ?? latest.current.values[name] ?? '';
	// Once the parent shows a committed value, the parent's copy is the truth again.
	for (const [name, value] of Object.entries(committed.current)) if (values[name] === value) delete committed.current[name];
	const errorOf = (field: FormField) => field.validate?.(valueFor(field.name)) ?? latest.current.externalErrors?.[field.name];
	// An error shows once the field was left, typed in, or Continue was tried; a filled field away from the focus
	// shows its error too, and so does an error found outside the form. Arriving at a field never greets you with one.
	const shownNow = (field: FormField, isFocused: boolean, value: string) =>
		showAll || left.current.has(field.name) || edits.current[field.name] !== undefined || (!isFocused && value !== '');
	const errorShown = (field: FormField, error: string | undefined, isFocused: boolean, value: string) =>
		error !== undefined && (shownNow(field, isFocused, value) || latest.current.externalErrors?.[field.name] !== undefined);
	// Unfinished text shows under the same rule, unless an error is shown for the field.
	const stubShown = (field: FormField, stub: string | undefined, isFocused: boolean, value: string, showError: boolean) =>
		stub !== undefined && !showError && shownNow(field, isFocused, value);

	const commit = (index: number) => {
		const field = latest.current.fields[index];
		if (!field) return;
		const value = valueFor(field.name);
		delete edits.current[field.name];
		if (value !== (latest.current.values[field.name] ?? '')) {
			committed.current[field.name] = value;
			latest.current.onCommit(field.name, value);
		}
	};
	const moveTo = (index: number) => {
		const count = latest.current.fields.length + 1;
		commit(focused.current);
		const leaving = latest.current.fields[focused.current];
		if (leaving) left.current.add(leaving.name);
		focused.current = (index + count) % count;
		latest.current.onFocusField?.(latest.current.fields[focused.current]?.name);
		rerender(n => n + 1);
	};
	const done = () => {
		const invalid = latest.current.fields.findIndex(field => errorOf(field) !== undefined);
		if (invalid !== -1) {
			setShowAll(true);
			focused.current = invalid;
			rerender(n => n + 1);
			return;
		}
		const all: Record<string, string> = {...latest.current.values, ...committed.current};
		latest.current.onDone(all);
	};

	useInput(
		(input, key) => {
			const field = latest.current.fields[focused.current];
			if (key.escape) {
				commit(focused.current);
				latest.current.onBack?.();
			} else if (field?.kind === 'action' && key.return) latest.current.onAction?.(field.name);
			else if (field && field.kind !== 'choice' && field.kind !== 'action' && key.ctrl && input === 'u') {
				edits.current[field.name] = '';
				rerender(n => n + 1);
			} else if (key.upArrow || (key.shift && key.tab)) moveTo(focused.current - 1);
			else if (key.downArrow || key.tab) moveTo(focused.current + 1);
			else if (!field && key.return) done();
			// A line feed (a pasted newline) ends the field like Enter: fields are one line.
			else if (field && field.kind !== 'choice' && (key.return || input === '\n')) moveTo(focused.current + 1);
			else if (field?.kind === 'choice' && (key.leftArrow || key.rightArrow || key.return)) {
				if (key.return) return moveTo(focused.current + 1);
				const choices = field.choices ?? [];
				const current = Math.max(
					0,
					choices.findIndex(choice => choice.value === valueFor(field.name)),
				);
				const next = choices[(current + (key.rightArrow ? 1 : -1) + choices.length) % choices.length];
				if (next) {
					committed.current[field.name] = next.value;
					latest.current.onCommit(field.name, next.value);
					rerender(n => n + 1);
				}
			}
		},
		{isActive: focus},
	);

	// Each field's error and note, computed once per render (validators may run the whole spec model).
	const errors = fields.map(errorOf);
	const notes = fields.map(field => field.note?.(valueFor(field.name)));
	const stubs = fields.map(field => field.unfinished?.(valueFor(field.name)));
	const rowsFor = (field: FormField, index: number) => {
		const isFocused = focus && index === focused.current;
		const value = valueFor(field.name);
		const error = errors[index];
		const shown = field.kind === 'choice' ? `‹ ${value || '—'} ›` : field.kind === 'secret' ? '•'.repeat(value.length) : value || field.placeholder || '';
		const showError = errorShown(field, error, isFocused, value);
		const note = notes[index];
		const valueColumns = Math.max(10, columns - 4 - field.label.length);
		return (
			rowsOf(`${shown} ✔`, valueColumns) +
			(showError ? rowsOf(`✖ ${error}`, columns - 4) : 0) +
			(stubShown(field, stubs[index], isFocused, value, showError) ? rowsOf(`○ ${stubs[index]}`, columns - 4) : 0) +
			(isFocused && field.help ? rowsOf(field.help, columns - 4) : 0) +
			(note ? rowsOf(note, columns - 4) : 0)
		);
	};
	// Only the fields around the focused one are drawn when the terminal is short (a Continue row is the last item).
	const heights = [...fields.map(rowsFor), 1];
	const total = heights.reduce((sum, rows) => sum + rows, 0);
	const budget = props.maxRows ?? (rows === undefined ? undefined : Math.max(6, rows - (props.reserveRows ?? 10)));
	const [start, end] =
		budget === undefined || total <= budget ? [0, heights.length] : windowAround(heights, Math.min(focused.current, fields.length), budget - 2);

	return (
		<Box flexDirection="column">
			{start > 0 && <Text dimColor>{`  ↑ ${start} more field${start === 1 ? '' : 's'}`}</Text>}
			{fields.slice(start, end).map((field, offset) => {
				const index = start + offset;
				const isFocused = focus && index === focused.current;
				const value = valueFor(field.name);
				const error = errors[index];
				const showError = errorShown(field, error, isFocused, value);
				const stub = stubs[index];
				const showStub = stubShown(field, stub, isFocused, value, showError);
				const note = notes[index];
				return (
					<Box key={field.name} flexDirection="column">
						<Box>
							<Box flexShrink={0}>
								<Text color={isFocused ? 'cyan' : undefined}>{isFocused ? '❯ ' : '  '}</Text>
								<Text bold={isFocused}>{field.label}: </Text>
							</Box>
							{field.kind === 'choice' ? (
								<Text>{`‹ ${field.choices?.find(choice => choice.value === value)?.label ?? (value || '—')} ›`}</Text>
							) : field.kind === 'action' ? (
								<Text>{value || '—'}</Text>
							) : (
								<TextInput
									value={value}
									focus={isFocused}
									mask={field.kind === 'secret' ? '•' : undefined}
									placeholder={field.placeholder}
									onChange={next => {
										// A line feed is a key of its own (the Ink patch): it ends the field (above), never text.
										if (/[\r\n]/.test(next)) return;
										edits.current[field.name] = next;
										rerender(n => n + 1);
									}}
								/>
							)}
							{/* ✔ only for a value with nothing to say: no error, no unfinished text, no warning note (⚠) under it. */}
							{!showError && error === undefined && stub === undefined && !note?.startsWith('⚠') && value !== '' && !isFocused && <Text color="green"> ✔</Text>}
						</Box>
						{showError && <Indented color="red">{`✖ ${error}`}</Indented>}
						{showStub && <Indented color="magenta">{`○ ${stub}`}</Indented>}
						{isFocused && field.help && <Indented dimColor>{field.help}</Indented>}
						{note && <Indented color="gray">{note}</Indented>}
					</Box>
				);
			})}
			{end <= fields.length && <Text dimColor>{`  ↓ ${moreBelow(fields.length - end)}[ ${props.doneLabel ?? 'Continue'} ]`}</Text>}
			{end > fields.length && (
				<Text color={focus && focused.current === fields.length ? 'cyan' : undefined} bold={focus && focused.current === fields.length}>
					{focus && focused.current === fields.length ? '❯ ' : '  '}[ {props.doneLabel ?? 'Continue'} ]
				</Text>
			)}
		</Box>
	);
}

function moreBelow(count: number): string {
	return count === 0 ? '' : `${count} more field${count === 1 ? '' : 's'} and `;
}

/** A note under a field: wrapped lines stay indented under its text. */
function Indented({children, color, dimColor}: {children: string; color?: string; dimColor?: boolean}) {
	return (
		<Box paddingLeft={4}>
			<Text color={color} dimColor={dimColor}>
				{children}
			</Text>
		</Box>
	);
}

export const formKeys: [string, string][] = [
	['↑/↓/Tab', 'field'],
	['Enter', 'save field'],
	['Ctrl-U', 'clear'],
	['←/→', 'change choice'],
	['Esc', 'back'],
];
