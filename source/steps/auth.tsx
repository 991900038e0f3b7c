// Auth spec (docs/connection-spec.md#authspec): choose the auth types the source offers (one or more), then describe each one's
// properties. Types switched off are kept in memory for this visit, so toggling back does not lose edits.
import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {Form, type FormField} from '../components/form.js';
import {KeyFooter} from '../components/key-footer.js';
import type {StepProps} from '../wizard/wizard-context.js';
import {authTypeDocs, authTypeNames, helpFor, newAuthEntry, type AuthTypeName} from '../connection-spec/auth-types.js';
import {setIn} from './spec-paths.js';
import {formatPath, getAt, testAuthSpecName} from '../connection-spec/index.js';
import {checkedByModel} from './model-findings.js';

type Entry = Record<string, unknown> & {type?: string; name?: string};

function entriesOf(spec: Record<string, unknown>): Entry[] {
	const list = spec['authSpec'];
	return Array.isArray(list) ? (list as Entry[]) : [];
}

export function AuthScreen({draft, update, go, back}: StepProps) {
	const entries = entriesOf(draft.spec);
	const [mode, setMode] = useState<'types' | number>('types');
	const stash = useRef(new Map<string, Entry>());
	const [cursor, setCursor] = useState(0);
	const [error, setError] = useState<string>();

	// The auth spec chosen for the check follows: when it was unticked, the first remaining one is chosen.
	const setEntries = (next: Entry[]) =>
		update(current => {
			const spec = {...current.spec, authSpec: next};
			return {...current, spec, test: {...current.test, authSpecName: testAuthSpecName({spec, test: current.test})}};
		});
	const toggle = (type: AuthTypeName) => {
		const existing = entries.find(entry => entry.type === type);
		if (existing) {
			stash.current.set(type, existing);
			setEntries(entries.filter(entry => entry !== existing));
		} else setEntries([...entries, stash.current.get(type) ?? newAuthEntry(type)]);
		setError(undefined);
	};

	useInput(
		(input, key) => {
			if (key.escape) back();
			else if (key.upArrow) setCursor(n => (n + authTypeNames.length - 1) % authTypeNames.length);
			else if (key.downArrow) setCursor(n => (n + 1) % authTypeNames.length);
			else if (input === ' ') toggle(authTypeNames[cursor]!);
			else if (key.return) {
				if (entries.length === 0) setError('Choose at least one auth type (Space), then Enter.');
				else setMode(0);
			}
		},
		{isActive: mode === 'types'},
	);

	if (mode !== 'types') {
		const entry = entries[mode];
		if (!entry) {
			setMode('types');
			return null;
		}
		return (
			<AuthEntryForm
				key={`${mode}-${String(entry.type)}`}
				spec={draft.spec}
				index={mode}
				entry={entry}
				position={`${mode + 1} of ${entries.length}`}
				onChange={next => setEntries(entries.map((each, index) => (index === mode ? next : each)))}
				onDone={() => (mode + 1 < entries.length ? setMode(mode + 1) : go('source'))}
				onBack={() => (mode === 0 ? setMode('types') : setMode(mode - 1))}
			/>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>Auth spec — how users sign in to your API (one or more types)</Text>
			{authTypeNames.map((type, index) => {
				const chosen = entries.some(entry => entry.type === type);
				return (
					<Text key={type} color={index === cursor ? 'cyan' : undefined}>
						{index === cursor ? '❯ ' : '  '}
						{chosen ? '[x] ' : '[ ] '}
						{authTypeDocs[type].title}
					</Text>
				);
			})}
			{entries
				.filter(entry => !authTypeNames.includes(entry.type as AuthTypeName))
				.map(entry => (
					<Text key={String(entry.name)} dimColor>{`    also: ${String(entry.name)} (${String(entry.type)}) from the template`}</Text>
				))}
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			<KeyFooter
				keys={[
					['↑/↓', 'move'],
					['Space', 'toggle'],
					['Enter', 'describe the chosen types'],
					['Esc', 'back'],
				]}
			/>
		</Box>
	);
}

function AuthEntryForm({
	spec,
	index,
	entry,
	position,
	onChange,
	onDone,
	onBack,
}: {
	spec: Record<string, unknown>;
	index: number;
	entry: Entry;
	position: string;
	onChange: (entry: Entry) => void;
	onDone: () => void;
	onBack: () => void;
}) {
	const type = String(entry.type ?? '');
	const properties = (getAt(entry, ['spec', 'properties']) ?? {}) as Record<string, Record<string, unknown>>;
	const names = Object.keys(properties);
	const required = ((getAt(entry, ['spec', 'required']) as unknown[]) ?? []).map(String);
	const base = ['authSpec', index] as const;
	// Each field shows the model's findings at its path (source/steps/model-findings.ts): the rules live in the model.
	const withEntry = (next: Entry) => setIn(spec, base, next);
	const byModel = (field: FormField, path: (string | number)[], edit: (value: string) => Entry, inside = false) =>
		checkedByModel(field, {where: formatPath([...base, ...path]), inside, apply: value => withEntry(edit(value))});
	const header = ['spec', 'properties', 'authKey1', 'restAttributes', 'headerParamName'];
	const edits: Record<string, (value: string) => Entry> = {
		name: value => ({...entry, name: value.trim()}),
		required: value => setIn(entry, ['spec', 'required'], splitList(value)),
		header: value => setIn(entry, header, value.trim()),
	};
	for (const name of names) edits[`prop:${name}`] = value => setIn(entry, ['spec', 'properties', name, 'description'], value);
	const fields: FormField[] = [
		byModel({name: 'name', label: 'Auth spec name', help: 'Display name; a base connection passes it as auth.specName.'}, ['name'], edits['name']!),
		...names.map(name =>
			byModel(
				{
					name: `prop:${name}`,
					label: `${name}${properties[name]?.['format'] === 'password' ? ' (secret)' : ''}`,
					help: helpFor(type, name),
				},
				['spec', 'properties', name, 'description'],
				edits[`prop:${name}`]!,
			),
		),
		byModel(
			{name: 'required', label: 'Required properties', help: 'Comma-separated names a base connection must supply.'},
			['spec', 'required'],
			edits['required']!,
			true,
		),
		...(type === 'KeyBased'
			? [
					byModel(
						{
							name: 'header',
							label: 'Header carrying authKey1',
							help: 'restAttributes.headerParamName: the HTTP header that carries the key (e.g. X-Api-Key); empty: sent as authKey1.',
						},
						header,
						edits['header']!,
					),
				]
			: []),
	];
	const values: Record<string, string> = {
		name: String(entry.name ?? ''),
		required: required.join(', '),
		header: String(getAt(entry, header) ?? ''),
	};
	for (const name of names) values[`prop:${name}`] = String(properties[name]?.['description'] ?? '');
	const commit = (field: string, value: string) => {
		const edit = edits[field];
		if (edit) onChange(edit(value));
	};
	return (
		<Box flexDirection="column">
			<Text bold>{`Auth spec ${position}: ${authTypeDocs[type as AuthTypeName]?.title ?? type}`}</Text>
			<Form fields={fields} values={values} onCommit={commit} onDone={onDone} onBack={onBack} doneLabel="Continue" />
			<KeyFooter
				keys={[
					['↑/↓/Tab', 'field'],
					['Enter', 'save field'],
					['Esc', 'back'],
				]}
			/>
		</Box>
	);
}

function splitList(value: string): string[] {
	return value
		.split(',')
		.map(each => each.trim())
		.filter(Boolean);
}
