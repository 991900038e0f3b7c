// Home → "New source from an OpenAPI document or a curl command": read the document (or the curl line), pick the
// operation, see every guess with its evidence and what is missing, then create the draft. Credentials from a
// curl line become in-memory test values, never part of the draft. The work is in source/bootstrap.
import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {Draft} from '../connection-spec/draft-types.js';
import type {BootstrapResult, Guess, LoadedDocument, OperationSummary} from '../bootstrap/index.js';
import TextInput from 'ink-text-input';
import {Menu} from '../components/menu.js';
import {footerRows, menuKeys, useKeys, type KeyBinding} from '../components/use-keys.js';
import {FocusList, focusWindow, moveFocus, Wrapped, wrappedRows, type FocusItem} from '../components/focus-list.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {Spinner} from '../components/progress-list.js';
import {useServices} from '../wizard/services.js';
import {useWizard} from '../wizard/wizard-context.js';
import {describeGuessValue} from '../bootstrap/describe.js';
import {maskCurlForDisplay} from '../bootstrap/credential-names.js';

type Phase =
	| {kind: 'choose'}
	| {kind: 'openapi'}
	| {kind: 'curl'}
	| {kind: 'busy'; what: string; back: Phase}
	| {kind: 'operations'; loaded: LoadedDocument; offered: OperationSummary[]}
	| {kind: 'result'; result: BootstrapResult; from: string; curl?: string; back: Phase};

/** The bootstrap core (and its parsers) loads only when this screen needs it. */
const core = () => import('../bootstrap/index.js');

export function BootstrapScreen({onCreated, onBack}: {onCreated: (draft: Draft) => void; onBack: () => void}) {
	const services = useServices();
	const wizard = useWizard();
	const [phase, setPhase] = useState<Phase>({kind: 'choose'});
	const [location, setLocation] = useState('');
	const [curl, setCurl] = useState('');
	const [error, setError] = useState<string>();
	/** The focused item of the result list. */
	const [focus, setFocus] = useState(0);
	const generation = useRef(0);

	/** Runs core work with a spinner; a newer job (or Esc) makes an older one's answer be ignored. */
	const run = (what: string, back: Phase, work: (bootstrap: Awaited<ReturnType<typeof core>>) => Promise<Phase>) => {
		const job = ++generation.current;
		setError(undefined);
		setFocus(0);
		setPhase({kind: 'busy', what, back});
		const done = core().then(async bootstrap => {
			try {
				const next = await work(bootstrap);
				if (job === generation.current) setPhase(next);
			} catch (cause) {
				if (job !== generation.current) return;
				setError(
					cause instanceof bootstrap.BootstrapInputError ? cause.message : `Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}`,
				);
				setPhase(back);
			}
		});
		void services.track(done);
	};

	const readDocument = (value: string) => {
		const trimmed = value.trim();
		if (!trimmed) return setError('Enter the path of an OpenAPI file, or its URL.');
		run(`Reading ${trimmed}…`, {kind: 'openapi'}, async bootstrap => {
			const loaded = await bootstrap.loadOpenApi(trimmed);
			const offered = bootstrap.offeredOperations(loaded.doc);
			if (offered.length === 0) throw new bootstrap.BootstrapInputError(`${trimmed} has no GET or POST operation.`);
			return {kind: 'operations', loaded, offered};
		});
	};

	const readCurl = (value: string) => {
		// A newline after a trailing backslash continues the shell line (curl commands in API docs span lines).
		if (/\\\s*$/.test(value)) return setCurl(value.replace(/\\\s*$/, ' '));
		if (!value.trim()) return setError('Paste a curl command.');
		run('Reading the curl command…', {kind: 'curl'}, async bootstrap => ({
			kind: 'result',
			result: bootstrap.bootstrapCurl(value),
			from: 'the curl command',
			curl: value,
			back: {kind: 'curl'},
		}));
	};

	const sendOnce = (current: Phase & {kind: 'result'}) => {
		const command = current.curl;
		if (command === undefined) return;
		run('Sending the request once…', current, async bootstrap => {
			const response = await bootstrap.sendCurlOnce(command);
			return {...current, result: bootstrap.bootstrapCurl(command, response), from: `the curl command and its ${response.status} response`};
		});
	};

	const create = (current: Phase & {kind: 'result'}) => {
		void services.track(
			core().then(bootstrap => {
				try {
					const id = services.drafts.freeId(bootstrap.draftIdBase(current.result));
					const draft: Draft = {...bootstrap.draftFromBootstrap(current.result, {id, now: new Date(services.clock())}), step: 'setup'};
					services.drafts.save(draft);
					for (const [name, value] of Object.entries(current.result.testValues.secrets)) wizard.setTestSecret(name, value);
					onCreated(draft);
				} catch (cause) {
					setError(cause instanceof Error ? cause.message : String(cause));
				}
			}),
		);
	};

	const goBack = () => {
		setError(undefined);
		generation.current++;
		if (phase.kind === 'choose') onBack();
		else if (phase.kind === 'busy' || phase.kind === 'result') setPhase(phase.back);
		else if (phase.kind === 'operations') setPhase({kind: 'openapi'});
		else setPhase({kind: 'choose'});
	};

	// From 80×24 up: the header (2 rows), the title, the error and the footer keep their rows, one row stays free
	// (Ink redraws the whole terminal for a frame as tall as it); lists get the rest and scroll around the focus.
	const {columns, rows} = useTerminalSize();
	const result = phase.kind === 'result' ? resultItems(phase, columns) : undefined;
	const actions = {
		escape: goBack,
		create: () => phase.kind === 'result' && create(phase),
		send: () => phase.kind === 'result' && sendOnce(phase),
		move: (key: MoveKey) => setFocus(current => moveFocus(current, result?.items.length ?? 0, end - start, key)),
	};
	// The room is budgeted with the scroll keys in the footer; they are shown (and the focus drawn) only when the
	// result does not fit. Header 2 rows, title 1, one row free.
	const errorRows = error ? wrappedRows(`✖ ${error}`, columns) : 0;
	const room = rows === undefined ? undefined : rows - 4 - errorRows - footerRows(phaseKeys(phase, actions, true), columns);
	const listBudget = room === undefined || result === undefined ? undefined : room - result.fixedRows;
	const [start, end] = result
		? focusWindow(
				result.items.map(item => item.rows),
				focus,
				listBudget,
			)
		: [0, 0];
	const scrolls = result !== undefined && (start > 0 || end < result.items.length);
	const operations =
		phase.kind === 'operations'
			? phase.offered.map(entry => ({
					label: `${entry.method} ${entry.path}`,
					value: entry.id,
					hint: [entry.id === `${entry.method} ${entry.path}` ? '' : entry.id, entry.summary].filter(Boolean).join(' — '),
				}))
			: [];
	const footer = useKeys(phaseKeys(phase, actions, scrolls));

	return (
		<Box flexDirection="column">
			<Text bold>New source from an OpenAPI document or a curl command</Text>
			{phase.kind === 'choose' && (
				<Menu
					items={[
						{label: 'From an OpenAPI document (file or URL)', value: 'openapi', hint: 'OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML'},
						{label: 'From a curl command', value: 'curl', hint: 'as pasted from the API docs; credentials stay in memory'},
					]}
					onSelect={item => setPhase({kind: item.value === 'openapi' ? 'openapi' : 'curl'})}
				/>
			)}
			{phase.kind === 'openapi' && (
				<>
					<Text>OpenAPI document (file path or https:// URL):</Text>
					<Box>
						<Text>{'› '}</Text>
						<TextInput value={location} onChange={setLocation} onSubmit={readDocument} placeholder="openapi.yaml" />
					</Box>
				</>
			)}
			{phase.kind === 'curl' && (
				<>
					<Text>Paste the curl command:</Text>
					<Box>
						<Text>{'› '}</Text>
						<TextInput
							value={curl}
							onChange={setCurl}
							onSubmit={readCurl}
							mask={maskCurlForDisplay}
							placeholder="curl -H 'Authorization: Bearer …' https://api.example.com/v1/items"
						/>
					</Box>
					<Text dimColor>The command is not saved; its credentials become test values kept in memory.</Text>
				</>
			)}
			{phase.kind === 'busy' && (
				<Text>
					<Spinner /> {phase.what}
				</Text>
			)}
			{phase.kind === 'operations' && (
				<>
					<Text>{`${phase.loaded.version}: choose the operation that lists the records`}</Text>
					<Menu
						// As many operations as fit in the room left (each counted at the height of the tallest), so a long list scrolls.
						limit={room === undefined ? undefined : Math.max(3, Math.floor((room - 1) / tallest(operations, columns)))}
						items={operations}
						onSelect={item => {
							const loaded = phase.loaded;
							const back: Phase = {kind: 'operations', loaded, offered: phase.offered};
							run('Reading the operation…', back, async bootstrap => ({
								kind: 'result',
								result: await bootstrap.bootstrapOperation(loaded, item.value),
								from: `${item.label} (${loaded.version})`,
								back,
							}));
						}}
					/>
				</>
			)}
			{phase.kind === 'result' && result && (
				<>
					<Text wrap="wrap">{`From ${phase.from}: "${String(phase.result.spec['name'])}"`}</Text>
					<Text bold>Guesses (each can be changed in the steps that follow):</Text>
					<FocusList items={result.items} focus={scrolls ? Math.min(focus, result.items.length - 1) : -1} budget={listBudget} />
					{result.secrets.length > 0 && <Text dimColor wrap="wrap">{`Credentials kept in memory for the test run: ${result.secrets.join(', ')}`}</Text>}
				</>
			)}
			{error && <Wrapped text={`✖ ${error}`} width={columns} color="red" />}
			{footer}
		</Box>
	);
}

/** The screen's keys in each phase (one table: the footer and the handler). */
/** Rows the tallest menu item takes (label and hint, after the two-column pointer); 1 for an empty list. */
function tallest(items: {label: string; hint?: string}[], columns: number): number {
	return Math.max(1, ...items.map(item => wrappedRows(`${item.label}${item.hint ? `  ${item.hint}` : ''}`, columns - 2)));
}

type MoveKey = {upArrow: boolean; downArrow: boolean; pageUp: boolean; pageDown: boolean};

function phaseKeys(
	phase: Phase,
	actions: {escape: () => void; create: () => void; send: () => void; move: (key: MoveKey) => void},
	scrolls: boolean,
): KeyBinding[] {
	const back: KeyBinding = {keys: 'escape', label: phase.kind === 'busy' ? 'cancel' : 'back', action: actions.escape};
	switch (phase.kind) {
		case 'choose':
		case 'operations':
			return [...menuKeys(), back];
		case 'openapi':
		case 'curl':
			return [{keys: 'return', label: 'read', by: 'text input'}, back];
		case 'busy':
			return [back];
		case 'result':
			return [
				{keys: ['up', 'down', 'pageup', 'pagedown'], label: 'move', action: (_input, key) => actions.move(key), when: scrolls},
				{keys: 'return', label: 'create the draft', action: actions.create},
				{keys: 's', label: 'send the request once and suggest from its response', action: actions.send, when: phase.curl !== undefined},
				back,
			];
	}
}

const remedy = {
	curl: 'Press s to send the request once and detect it from the answer, or set it in the source step.',
	openapi: 'Set it in the source step once the draft is created.',
};

/** The result as focusable items (guesses, then what was not mapped, then what is missing), each with its height. */
function resultItems(phase: Phase & {kind: 'result'}, columns: number): {items: FocusItem[]; fixedRows: number; secrets: string[]} {
	const {result} = phase;
	const secrets = Object.keys(result.testValues.secrets);
	const line = (focused: boolean, text: string, color?: string) => (
		<Box>
			<Box width={2} flexShrink={0}>
				<Text color="cyan">{focused ? '❯' : ' '}</Text>
			</Box>
			<Wrapped text={text} width={columns - 2} color={focused ? 'cyan' : color} bold={focused} />
		</Box>
	);
	const heading = (text: string) => <Wrapped text={text} width={columns} color="yellow" />;
	const guessItem = (guess: Guess, index: number): FocusItem => {
		const head = `${guess.field}: ${describeGuessValue(guess.value)}`;
		const evidence = guess.needsResponse ? `${guess.evidence} ${phase.curl === undefined ? remedy.openapi : remedy.curl}` : guess.evidence;
		return {
			key: `guess-${index}-${guess.field}`,
			rows: wrappedRows(head, columns - 2) + wrappedRows(evidence, columns - 4),
			render: focused => (
				<>
					{line(focused, head)}
					<Wrapped text={evidence} width={columns} indent={4} dimColor />
				</>
			),
		};
	};
	const listed = (kind: string, title: string, entries: string[]): FocusItem[] =>
		entries.map((entry, index) => ({
			key: `${kind}-${index}`,
			rows: (index === 0 ? wrappedRows(title, columns) : 0) + wrappedRows(`- ${entry}`, columns - 2),
			render: focused => (
				<>
					{index === 0 && heading(title)}
					{line(focused, `- ${entry}`, 'yellow')}
				</>
			),
		}));
	const items = [
		...result.guesses.map(guessItem),
		...listed('unmapped', 'Not mapped:', result.unmapped),
		...listed('missing', 'Missing (the draft is created; complete it in the steps):', result.missing),
	];
	const from = `From ${phase.from}: "${String(result.spec['name'])}"`;
	const fixedRows =
		wrappedRows(from, columns) + 1 + (secrets.length ? wrappedRows(`Credentials kept in memory for the test run: ${secrets.join(', ')}`, columns) : 0);
	return {items, fixedRows, secrets};
}
