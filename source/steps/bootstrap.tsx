// Home → "New source from an OpenAPI document or a curl command": read the document (or the curl line), pick the
// operation, see every guess with its evidence and what is missing, then create the draft. Credentials from a
// curl line become in-memory test values, never part of the draft. The work is in source/bootstrap.
import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {Draft} from '../connection-spec/draft-types.js';
import type {BootstrapResult, LoadedDocument, OperationSummary} from '../bootstrap/index.js';
import TextInput from 'ink-text-input';
import {Menu} from '../components/menu.js';
import {KeyFooter} from '../components/key-footer.js';
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
	const generation = useRef(0);

	/** Runs core work with a spinner; a newer job (or Esc) makes an older one's answer be ignored. */
	const run = (what: string, back: Phase, work: (bootstrap: Awaited<ReturnType<typeof core>>) => Promise<Phase>) => {
		const job = ++generation.current;
		setError(undefined);
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

	useInput(
		(input, key) => {
			if (key.escape) {
				setError(undefined);
				generation.current++;
				if (phase.kind === 'choose') onBack();
				else if (phase.kind === 'busy' || phase.kind === 'result') setPhase(phase.back);
				else if (phase.kind === 'operations') setPhase({kind: 'openapi'});
				else setPhase({kind: 'choose'});
				return;
			}
			if (phase.kind !== 'result') return;
			if (key.return) create(phase);
			else if (input === 's' && phase.curl !== undefined) sendOnce(phase);
		},
		{isActive: true},
	);

	return (
		<Box flexDirection="column">
			<Text bold>New source from an OpenAPI document or a curl command</Text>
			{phase.kind === 'choose' && (
				<>
					<Menu
						items={[
							{label: 'From an OpenAPI document (file or URL)', value: 'openapi', hint: 'OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML'},
							{label: 'From a curl command', value: 'curl', hint: 'as pasted from the API docs; credentials stay in memory'},
						]}
						onSelect={item => setPhase({kind: item.value === 'openapi' ? 'openapi' : 'curl'})}
					/>
					<KeyFooter
						keys={[
							['↑/↓', 'move'],
							['Enter', 'choose'],
							['Esc', 'back'],
						]}
					/>
				</>
			)}
			{phase.kind === 'openapi' && (
				<>
					<Text>OpenAPI document (file path or https:// URL):</Text>
					<Box>
						<Text>{'› '}</Text>
						<TextInput value={location} onChange={setLocation} onSubmit={readDocument} placeholder="openapi.yaml" />
					</Box>
					<KeyFooter
						keys={[
							['Enter', 'read'],
							['Esc', 'back'],
						]}
					/>
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
					<KeyFooter
						keys={[
							['Enter', 'read'],
							['Esc', 'back'],
						]}
					/>
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
						items={phase.offered.map(entry => ({
							label: `${entry.method} ${entry.path}`,
							value: entry.id,
							hint: [entry.id === `${entry.method} ${entry.path}` ? '' : entry.id, entry.summary].filter(Boolean).join(' — '),
						}))}
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
					<KeyFooter
						keys={[
							['↑/↓', 'move'],
							['Enter', 'choose'],
							['Esc', 'back'],
						]}
					/>
				</>
			)}
			{phase.kind === 'result' && <ResultView phase={phase} />}
			{error && <Text color="red" wrap="wrap">{`✖ ${error}`}</Text>}
		</Box>
	);
}

function ResultView({phase}: {phase: Phase & {kind: 'result'}}) {
	const {result} = phase;
	const secrets = Object.keys(result.testValues.secrets);
	return (
		<>
			<Text>{`From ${phase.from}: "${String(result.spec['name'])}"`}</Text>
			<Text bold>Guesses (each can be changed in the steps that follow):</Text>
			{result.guesses.map(guess => (
				<Box key={guess.field} flexDirection="column">
					<Text wrap="wrap">{`  ${guess.field}: ${describeGuessValue(guess.value)}`}</Text>
					<Text dimColor wrap="wrap">{`    ${guess.evidence}`}</Text>
				</Box>
			))}
			{result.unmapped.length > 0 && <Text color="yellow">Not mapped:</Text>}
			{result.unmapped.map(entry => (
				<Text key={entry} color="yellow" wrap="wrap">{`  - ${entry}`}</Text>
			))}
			{result.missing.length > 0 && <Text color="yellow">Missing (the draft is created; complete it in the steps):</Text>}
			{result.missing.map(entry => (
				<Text key={entry} color="yellow" wrap="wrap">{`  - ${entry}`}</Text>
			))}
			{secrets.length > 0 && <Text dimColor>{`Credentials kept in memory for the test run: ${secrets.join(', ')}`}</Text>}
			<KeyFooter
				keys={[
					['Enter', 'create the draft'],
					...(phase.curl !== undefined ? ([['s', 'send the request once and suggest from its response']] as [string, string][]) : []),
					['Esc', 'back'],
				]}
			/>
		</>
	);
}
