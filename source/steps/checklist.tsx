// Submission checklist (docs/workflow.md#submission-checklist): every item done / missing / failed with its evidence and what to do next;
// `p` writes the submission packet (spec, artifacts, docs page, run evidence) to a folder.
import path from 'node:path';
import {useCallback, useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {ChecklistItem} from '../workflow/index.js';
import {Spinner} from '../components/progress-list.js';
import {quitKey, useKeys} from '../components/use-keys.js';
import {PathPrompt, pathPromptKeys} from '../components/path-prompt.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {WrappedText} from '../components/wrapped-text.js';
import {wrapHanging} from '../shared/wrap-text.js';
import {useServices} from '../wizard/services.js';
import {useWizard, type StepProps} from '../wizard/wizard-context.js';
import {describeFailure} from './use-workflow.js';

const marks = {done: ['✔', 'green'], missing: ['○', 'yellow'], failed: ['✖', 'red']} as const;

export function ChecklistScreen({draft, update, back, home}: StepProps) {
	const services = useServices();
	const wizard = useWizard();
	const [items, setItems] = useState<ChecklistItem[]>();
	const [message, setMessage] = useState<string>();
	const [busy, setBusy] = useState(false);

	// biome-ignore lint/correctness/useExhaustiveDependencies: draft.updatedAt stands for the draft: only a saved change refetches the checklist
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
	}, [services, wizard, draft.updatedAt]);
	useEffect(refresh, [refresh]);

	// `p` asks where to write first (default: <source>-submission in the folder the wizard was started in).
	const [asking, setAsking] = useState(false);
	const exportPacket = (target: string) => {
		setAsking(false);
		setBusy(true);
		const outDir = path.resolve(services.exportDir, target);
		const work = wizard
			.session()
			.then(session => services.workflow.exportSubmissionPacket(draft, wizard.profileName, outDir, session.client, {env: services.env, home: services.home}))
			.then(
				result => {
					update(current => ({...current, exports: {...current.exports, ...result.exports}}));
					setMessage(`✔ Submission packet: ${result.files.length} files in ${result.dir}${result.warning ? `\n! ${result.warning}` : ''}`);
				},
				(error: unknown) => setMessage(`✖ ${describeFailure(error).message}`),
			)
			.finally(() => setBusy(false));
		void services.track(work);
	};

	// From 80×24 up the list scrolls: ↑/↓ by one item, PgUp/PgDn by a screenful (all of it shows when the terminal has no size).
	const {columns, rows} = useTerminalSize();
	const [top, setTop] = useState(0);
	const heights = (items ?? []).map(item => itemRows(item, columns));
	const budget = rows === undefined ? undefined : Math.max(4, rows - 10);
	const [start, end] =
		budget === undefined || heights.reduce((sum, each) => sum + each, 0) <= budget ? [0, heights.length] : windowFrom(heights, top, budget - 2);
	const page = Math.max(1, end - start);

	const last = Math.max(0, heights.length - 1);
	const scrolls = start > 0 || end < heights.length;
	const footer = useKeys(
		asking
			? pathPromptKeys
			: [
					{
						keys: ['up', 'down', 'pageup', 'pagedown'],
						label: 'scroll',
						when: scrolls,
						action: (_input, key) => setTop(Math.min(last, Math.max(0, start + (key.downArrow ? 1 : key.upArrow ? -1 : key.pageDown ? page : -page)))),
					},
					{keys: 'p', label: 'export submission packet', action: () => setAsking(true), when: !busy},
					{keys: 'r', label: 'refresh', action: refresh, when: !busy},
					{keys: 'h', label: 'home', action: home, when: !busy},
					{keys: 'escape', label: 'back', action: back, when: !busy},
					quitKey('quit'),
				],
	);

	const done = items?.filter(item => item.status === 'done').length ?? 0;
	return (
		<Box flexDirection="column">
			<Text bold>{`Submission checklist on “${wizard.profileName}”${items ? ` — ${done} of ${items.length} done` : ''}`}</Text>
			{!items && (
				<Text>
					<Spinner /> Checking…
				</Text>
			)}
			{start > 0 && <Text dimColor>{`  ↑ ${start} more above`}</Text>}
			{items?.slice(start, end).map(item => (
				<ChecklistRow key={item.id} item={item} columns={columns} />
			))}
			{items && end < items.length && <Text dimColor>{`  ↓ ${items.length - end} more below (↓/PgDn)`}</Text>}
			{busy && items && (
				<Text>
					<Spinner /> Working…
				</Text>
			)}
			{asking && (
				<PathPrompt
					label="Write the submission packet to the folder"
					initial={path.join(services.exportDir, `${draft.artifacts.sourceName || draft.id}-submission`)}
					onSubmit={exportPacket}
					onCancel={() => setAsking(false)}
				/>
			)}
			{message && <Text wrap="wrap">{message}</Text>}
			{footer}
		</Box>
	);
}

/** The mark and status take the first 10 columns; the title, evidence and next step wrap under their own text. */
const textColumn = 10;

/** One item: "✔ done    Title", then its evidence (cut to one row) and "→ next step", each wrapped under its text. */
function ChecklistRow({item, columns}: {item: ChecklistItem; columns: number}) {
	const room = Math.max(10, columns - textColumn);
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={textColumn} flexShrink={0}>
					<Text color={marks[item.status][1]}>{`${marks[item.status][0]} ${item.status}`}</Text>
				</Box>
				<WrappedText text={item.title} columns={room} />
			</Box>
			{item.evidence && item.status !== 'missing' && (
				<Box paddingLeft={textColumn}>
					<Text dimColor wrap="truncate">
						{item.evidence}
					</Text>
				</Box>
			)}
			{item.next && item.status !== 'done' && (
				<Box paddingLeft={textColumn}>
					<Box width={2} flexShrink={0}>
						<Text color="yellow">→</Text>
					</Box>
					<WrappedText color="yellow" text={item.next} columns={room - 2} />
				</Box>
			)}
		</Box>
	);
}

/** Rows one checklist item takes: its title, the evidence line (cut to one row) and the wrapped next step. */
function itemRows(item: ChecklistItem, columns: number): number {
	const room = Math.max(10, columns - textColumn);
	const next = item.next && item.status !== 'done' ? wrapHanging('', item.next, room - 2).length : 0;
	return wrapHanging('', item.title, room).length + (item.evidence && item.status !== 'missing' ? 1 : 0) + next;
}

/** [start, end) of the items from `top` on that fit in `budget` rows (at least one); starts earlier at the end of the list. */
function windowFrom(heights: number[], top: number, budget: number): [number, number] {
	let start = Math.min(top, Math.max(0, heights.length - 1));
	let end = start;
	let used = 0;
	while (end < heights.length && (end === start || used + heights[end]! <= budget)) used += heights[end++]!;
	while (start > 0 && used + heights[start - 1]! <= budget) used += heights[--start]!;
	return [start, end];
}
