// "Preview details": the live preview full-screen, to write paths from (docs/preview.md). Per request: method, URL,
// query, request headers, status, response headers and the body pretty-printed and scrollable; the schedule window
// the requests carried (first run or incremental, a key switches); "suggest from this response" on the first page.
// Every value shown was masked by the engine; only the rows that fit are rendered.
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {jsonLines} from '../components/json-lines.js';
import {footerRows, useKeys, type KeyBinding} from '../components/use-keys.js';
import {Spinner} from '../components/progress-list.js';
import {rowsOf, useTerminalSize} from '../components/use-terminal-size.js';
import type {Draft} from '../connection-spec/draft-types.js';
import type {PageTrace} from '../workflow/preview.js';
import type {PreviewWindow} from '../wizard/wizard-context.js';
import {previewBodyChars, previewPageCap, type PreviewState, type WindowChoice} from './use-preview.js';
import {useSuggestion} from './use-suggestion.js';

export type PreviewInspectorProps = {
	state: PreviewState;
	route?: string;
	windowChoice: WindowChoice;
	/** Switches the window between the first (backfill) run and an incremental one. */
	onToggleWindow: () => void;
	onRun: () => void;
	onClose: () => void;
	draft: Draft;
	update: (change: (draft: Draft) => Draft) => void;
};

const windowNames: Record<WindowChoice, string> = {backfill: 'first run (backfill)', incremental: 'incremental run (the previous one ended 1 h earlier)'};

export function PreviewInspector({state, route, windowChoice, onToggleWindow, onRun, onClose, draft, update}: PreviewInspectorProps) {
	const {columns, rows} = useTerminalSize();
	const outcome = state.outcome;
	const pages = outcome?.pages ?? [];
	const [selected, setSelected] = useState(0);
	// Where the detail is scrolled to; another request starts at its top.
	const [offset, setOffset] = useState(0);
	const select = (index: number) => {
		setSelected(index);
		setOffset(0);
	};
	const page = pages[Math.min(selected, Math.max(0, pages.length - 1))];
	const inner = Math.max(20, columns - 2);
	const suggestion = useSuggestion({draft, update, page: pages[0]});
	const lines = useMemo(() => (page ? detailLines(page, inner) : []), [page, inner]);

	const proposing = suggestion.phase === 'proposal';
	const last = Math.max(0, pages.length - 1);
	const bindings: KeyBinding[] = [
		{keys: ['return', 'y'], label: 'apply to the draft', action: suggestion.apply, when: proposing},
		{keys: ['escape', 'n'], label: 'keep the draft as it is', action: suggestion.decline, when: proposing},
		{keys: ['up', 'down', 'pageup', 'pagedown'], label: 'scroll', action: (_input, key) => scroll(key), when: !proposing},
		{keys: ['home', 'end'], action: (_input, key) => scroll(key), when: !proposing},
		{keys: 'tab', label: 'next section', action: () => setOffset(current => nextSection(lines, current)), when: !proposing},
		{
			keys: ['left', 'right'],
			label: 'request',
			action: (_input, key) => select(key.leftArrow ? Math.max(0, Math.min(selected, last) - 1) : Math.min(last, selected + 1)),
			when: !proposing && pages.length > 1,
		},
		{keys: 'w', label: 'window', action: onToggleWindow, when: !proposing},
		{keys: 's', label: 'suggest from this response', action: suggestion.suggest, when: !proposing},
		{keys: ['r', 'ctrl+r'], label: 'run again', action: onRun, when: !proposing},
		{keys: ['escape', 'ctrl+p'], label: 'back', action: onClose, when: !proposing},
	];
	const footer = useKeys(bindings);
	function scroll(key: {upArrow: boolean; downArrow: boolean; pageUp: boolean; pageDown: boolean; home: boolean; end: boolean}) {
		const step = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -height : key.pageDown ? height : key.home ? -lines.length : lines.length;
		setOffset(current => Math.max(0, Math.min(Math.max(0, lines.length - height), current + step)));
	}

	const head = headLines(state, windowChoice, outcome?.window, route);
	const outcomeLines = outcomeText(state);
	const proposalLines = suggestion.lines;
	const fixed =
		head.reduce((sum, line) => sum + rowsOf(line, inner), 0) +
		1 +
		outcomeLines.reduce((sum, line) => sum + rowsOf(line, inner), 0) +
		proposalLines.reduce((sum, line) => sum + rowsOf(line, inner), 0) +
		footerRows(bindings, columns);
	// The wizard's header takes 2 rows; one more is kept free: Ink clears the whole terminal on every frame as tall as the terminal.
	const height = rows === undefined ? 20 : Math.max(3, rows - 3 - fixed);

	return (
		<Box flexDirection="column">
			{head.map((line, index) => (
				<Text key={line} bold={index === 0} wrap="wrap">
					{line}
					{index === 0 && state.status === 'running' && (
						<Text bold={false}>
							{'  '}
							<Spinner /> fetching…
						</Text>
					)}
				</Text>
			))}
			<DetailPane
				lines={lines}
				height={height}
				offset={Math.min(offset, Math.max(0, lines.length - height))}
				heading={page ? `Request ${pages.indexOf(page) + 1} of ${pages.length}${pages.length > 1 ? ' (←/→)' : ''}` : undefined}
			/>
			{outcomeLines.map(line => (
				<Text key={line} wrap="wrap" color={line.startsWith('✖') ? 'red' : line.startsWith('✔') ? 'green' : line.startsWith('→') ? 'yellow' : undefined}>
					{line}
				</Text>
			))}
			{proposalLines.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the proposal's lines are positional
				<Text key={index} wrap="wrap" color={index === 0 ? 'cyan' : undefined}>
					{line}
				</Text>
			))}
			{footer}
		</Box>
	);
}

/** The scrollable part; keyed by the request shown, so another request starts at its top. */
function DetailPane({lines, height, offset, heading}: {lines: string[]; height: number; offset: number; heading: string | undefined}) {
	const visible = lines.slice(offset, offset + height);
	return (
		<>
			<Text dimColor wrap="truncate">
				{heading
					? `${heading} · lines ${lines.length === 0 ? 0 : offset + 1}–${Math.min(lines.length, offset + height)} of ${lines.length} (↑/↓ PgUp/PgDn)`
					: 'No response to show yet.'}
			</Text>
			{visible.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: offset + index is the line's number in the detail
				<Text key={offset + index} wrap="truncate">
					{line || ' '}
				</Text>
			))}
		</>
	);
}

/** The first line of the next section (request, response, body) below `offset`; back to the top after the last. */
function nextSection(lines: string[], offset: number): number {
	const starts = lines.flatMap((line, index) => (/^(Request:|Response:| {2}Body \()/.test(line) ? [index] : []));
	return starts.find(start => start > offset) ?? 0;
}

/** ISO time without milliseconds, as the window is shown. */
function isoTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function headLines(state: PreviewState, choice: WindowChoice, window: PreviewWindow | undefined, route: string | undefined): string[] {
	const title = `Preview details${route ? `  ${route}` : ''}  (at most ${previewPageCap} pages)`;
	const shown = window && window.choice === choice ? window : undefined;
	const span = shown ? `: ${isoTime(shown.start)} → ${isoTime(shown.end)}` : '';
	const sent = shown
		? shown.sent.length > 0
			? `Sent: ${shown.sent.map(each => `${each.name}=${each.value}`).join('  ')}`
			: 'Sent: no schedule values (scheduleParams is not set up yet)'
		: 'Sent: (runs when the preview runs)';
	return [title, `Window: ${windowNames[choice]}${span}`, sent, ...(state.status === 'blocked' && state.blocked ? [state.blocked] : [])];
}

function outcomeText(state: PreviewState): string[] {
	const outcome = state.outcome;
	if (!outcome) return state.status === 'idle' ? ['Not run yet: r runs it now.'] : [];
	const lines = outcome.error ? [`✖ ${outcome.error.message}`, `→ ${outcome.error.hint}`] : [`✔ ${outcome.records.length} records found`];
	if (outcome.stop) lines.push(`Paging stopped: ${outcome.stop.message}`);
	return lines;
}

/** Lines wider than `width` wrapped into rows, so the scroll counts rows. */
function wrapped(line: string, width: number): string[] {
	if (line.length <= width) return [line];
	const out: string[] = [];
	for (let start = 0; start < line.length; start += width) out.push(line.slice(start, start + width));
	return out;
}

const kilobytes = (bytes: number) =>
	bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The scrollable detail of one request: what was sent, what came back, the body pretty-printed (cut as it was kept). */
function detailLines(page: PageTrace, width: number): string[] {
	const detail = page.detail;
	const request = [`${page.method} ${page.url}`];
	if (!detail) return [...request, `→ ${page.status}, ${page.records} records`];
	const pairs = (entries: [string, string][], separator: string) =>
		entries.length === 0 ? ['    (none)'] : entries.flatMap(([name, value]) => wrapped(`    ${name}${separator}${value}`, width));
	const body = jsonLines(detail.body);
	const size = detail.cut ? `first ${kilobytes(previewBodyChars)} of ${kilobytes(page.bytes)} kept` : kilobytes(page.bytes);
	return [
		...wrapped(`Request: ${page.method} ${page.url}`, width),
		'  Query parameters:',
		...pairs(detail.query, ' = '),
		'  Headers:',
		...pairs(detail.requestHeaders, ': '),
		`Response: ${page.status} · ${page.records} records · ${page.durationMs} ms`,
		'  Headers:',
		...pairs(detail.responseHeaders, ': '),
		`  Body (${size}${body.json ? '' : ', not JSON'}):`,
		...body.lines.map(line => `    ${line}`),
	];
}
