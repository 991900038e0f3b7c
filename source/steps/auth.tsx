// Auth spec (docs/connection-spec.md#authspec): choose the auth types the source offers (one or more), then describe each one's
// properties. Types switched off are kept in memory for this visit, so toggling back does not lose edits.
import {useEffect, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../components/use-keys.js';
import {useWizard, type StepProps} from '../wizard/wizard-context.js';
import {authTypeDocs, authTypeNames, newAuthEntry, type AuthTypeName} from '../connection-spec/auth-types.js';
import {testAuthSpecName} from '../connection-spec/index.js';
import {AuthEntryScreen} from './auth-entry.js';

type Entry = Record<string, unknown> & {type?: string; name?: string};

function entriesOf(spec: Record<string, unknown>): Entry[] {
	const list = spec['authSpec'];
	return Array.isArray(list) ? (list as Entry[]) : [];
}

/** The entry a Review finding points into (`authSpec[2].spec…` → 2), or the types list. */
function entryForPath(focusPath: string | undefined, count: number): 'types' | number {
	const index = Number(/^authSpec\[(\d+)\][.[]/.exec(focusPath ?? '')?.[1] ?? Number.NaN);
	return Number.isInteger(index) && index < count && !/^authSpec\[\d+\]\.type$/.test(focusPath ?? '') ? index : 'types';
}

export function AuthScreen({draft, update, go, back}: StepProps) {
	const entries = entriesOf(draft.spec);
	// Opened from a Review finding: start on the auth spec, property and field that fix it (consumed once).
	const wizard = useWizard();
	const [focusPath, setFocusPath] = useState(wizard.focusPath);
	// biome-ignore lint/correctness/useExhaustiveDependencies: the focus path is consumed once, on arrival
	useEffect(() => wizard.setFocusPath(undefined), []);
	const [mode, setMode] = useState<'types' | number>(() => entryForPath(focusPath, entries.length));
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

	const footer = useKeys(
		[
			{
				keys: ['up', 'down'],
				label: 'move',
				action: (_input, key) => setCursor(n => (n + (key.upArrow ? authTypeNames.length - 1 : 1)) % authTypeNames.length),
			},
			{keys: 'space', label: 'toggle', action: () => toggle(authTypeNames[cursor]!)},
			{
				keys: 'return',
				label: 'describe the chosen types',
				action: () => {
					if (entries.length === 0) setError('Choose at least one auth type (Space), then Enter.');
					else setMode(0);
				},
			},
			{keys: 'escape', label: 'back', action: back},
		],
		{isActive: mode === 'types'},
	);

	if (mode !== 'types') {
		const entry = entries[mode];
		if (!entry) {
			setMode('types');
			return null;
		}
		// A renamed property keeps the test value typed for it (copied: another auth spec may use the old name too).
		const keepTestValue = (from: string, to: string) => {
			update(current => {
				const params = current.test.authParams;
				if (params[from] === undefined || params[to] !== undefined) return current;
				return {...current, test: {...current.test, authParams: {...params, [to]: params[from]}}};
			});
			const secret = wizard.testSecrets[from];
			if (secret !== undefined && wizard.testSecrets[to] === undefined) wizard.setTestSecret(to, secret);
		};
		// Each edit applies to the entry as it is in the current draft (several edits can land before a render).
		const change = (edit: (entry: Entry) => Entry) =>
			update(current => {
				const list = entriesOf(current.spec);
				const spec = {...current.spec, authSpec: list.map((each, index) => (index === mode ? edit(each) : each))};
				return {...current, spec, test: {...current.test, authSpecName: testAuthSpecName({spec, test: current.test})}};
			});
		return (
			<AuthEntryScreen
				key={`${mode}-${String(entry.type)}`}
				spec={draft.spec}
				index={mode}
				entry={entry}
				position={`${mode + 1} of ${entries.length}`}
				change={change}
				onDone={() => {
					setFocusPath(undefined);
					mode + 1 < entries.length ? setMode(mode + 1) : go('source');
				}}
				onBack={() => {
					setFocusPath(undefined);
					setMode(mode === 0 ? 'types' : mode - 1);
				}}
				onPropertyRenamed={keepTestValue}
				focusPath={focusPath !== undefined && entryForPath(focusPath, entries.length) === mode ? focusPath : undefined}
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
			{footer}
		</Box>
	);
}
