// Submission checklist (reference 7.3): every item done / missing / failed with its evidence and what to do next;
// `p` writes the submission packet (spec, artifacts, docs page, run evidence) to a folder.
import path from 'node:path';
import {useCallback, useEffect, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {ChecklistItem} from '../workflow/index.js';
import {Spinner} from '../components/progress-list.js';
import {KeyFooter} from '../components/key-footer.js';
import {useServices} from './services.js';
import {useWizard, type StepProps} from './wizard-context.js';
import {describeFailure} from './use-workflow.js';

const marks = {done: ['✔', 'green'], missing: ['○', 'yellow'], failed: ['✖', 'red']} as const;

export function ChecklistScreen({draft, update, back, home}: StepProps) {
	const services = useServices();
	const wizard = useWizard();
	const [items, setItems] = useState<ChecklistItem[]>();
	const [message, setMessage] = useState<string>();
	const [busy, setBusy] = useState(false);

	const refresh = useCallback(() => {
		setBusy(true);
		const work = wizard
			.session()
			.then(
				session => services.workflow.checklist(draft, wizard.profileName, session.client),
				() => services.workflow.checklist(draft, wizard.profileName),
			)
			.then(
				list => setItems(list),
				(error: unknown) => setMessage(`✖ ${describeFailure(error).message}`),
			)
			.finally(() => setBusy(false));
		void services.track(work);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [services, wizard, draft.updatedAt]);
	useEffect(refresh, [refresh]);

	const exportPacket = () => {
		setBusy(true);
		const outDir = path.join(services.exportDir, `${draft.artifacts.sourceName || draft.id}-submission`);
		const work = wizard
			.session()
			.then(session => services.workflow.exportSubmissionPacket(draft, wizard.profileName, outDir, session.client, {env: services.env, home: services.home}))
			.then(
				result => {
					update(current => ({...current, exports: {...current.exports, ...result.exports}}));
					setMessage(`✔ Submission packet: ${result.files.length} files in ${result.dir}`);
				},
				(error: unknown) => setMessage(`✖ ${describeFailure(error).message}`),
			)
			.finally(() => setBusy(false));
		void services.track(work);
	};

	useInput((input, key) => {
		if (busy) return;
		if (key.escape) back();
		else if (input === 'p') exportPacket();
		else if (input === 'r') refresh();
		else if (input === 'h') home();
	});

	const done = items?.filter(item => item.status === 'done').length ?? 0;
	return (
		<Box flexDirection="column">
			<Text bold>{`Submission checklist on “${wizard.profileName}”${items ? ` — ${done} of ${items.length} done` : ''}`}</Text>
			{!items && (
				<Text>
					<Spinner /> Checking…
				</Text>
			)}
			{items?.map(item => (
				<Box key={item.id} flexDirection="column">
					<Text>
						<Text color={marks[item.status][1]}>{`${marks[item.status][0]} ${item.status.padEnd(7)}`}</Text> {item.title}
					</Text>
					{item.evidence && item.status !== 'missing' && <Text dimColor wrap="truncate">{`      ${item.evidence}`}</Text>}
					{item.next && item.status !== 'done' && <Text color="yellow" wrap="wrap">{`      → ${item.next}`}</Text>}
				</Box>
			))}
			{busy && items && (
				<Text>
					<Spinner /> Working…
				</Text>
			)}
			{message && <Text wrap="wrap">{message}</Text>}
			<KeyFooter keys={[['p', 'export submission packet'], ['r', 'refresh'], ['h', 'home'], ['Esc', 'back'], ['Ctrl-C', 'quit']]} />
		</Box>
	);
}
