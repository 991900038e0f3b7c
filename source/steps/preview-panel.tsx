// What the live preview found: the schedule window it sent, requests made (masked URLs + status), records, a sample
// record and why paging stopped. Only a bounded slice is rendered, so a huge response stays cheap to draw. The full
// detail (headers, bodies) is the inspector's (preview-inspector.tsx, Ctrl-P).
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {Spinner} from '../components/progress-list.js';
import {rowsOf} from '../components/use-terminal-size.js';
import type {PreviewState} from './use-preview.js';
import type {PreviewWindow} from '../wizard/wizard-context.js';
import {previewPageCap} from './use-preview.js';

const sampleLines = 8;

/**
 * `route` (describeRoute of the test values) is shown in the title, so where the requests go is always visible.
 * `maxRows` (its margin and border included) shrinks the panel to the room a screen has left: the outcome (records found or the
 * error and its hint) and why paging stopped come first, then the requests, then as much of the sample as fits.
 */
export function PreviewPanel({state, maxRows, columns = 80, route}: {state: PreviewState; maxRows?: number; columns?: number; route?: string}) {
	const outcome = state.outcome;
	// Where the requests go ("→ demo API …" / "→ https://…"): the screen's current choice, else the last preview's.
	const shownRoute = route ?? outcome?.route;
	const sample = useMemo(() => sampleOf(outcome?.records[0]), [outcome]);
	const inner = Math.max(10, columns - 4);
	let room = maxRows === undefined ? Number.POSITIVE_INFINITY : Math.max(0, maxRows - 4);
	const take = (rows: number) => {
		const fits = rows <= room;
		if (fits) room -= rows;
		return fits;
	};
	const essential = outcome
		? (outcome.error ? rowsOf(`✖ ${outcome.error.message}`, inner) + rowsOf(`→ ${outcome.error.hint}`, inner) : 1) +
			(outcome.stop ? rowsOf(`Paging stopped: ${outcome.stop.message}`, inner) : 0)
		: 0;
	room -= essential;
	// The window the requests carried comes next (the preview details show it in full), then the requests.
	const windowLine = outcome?.window && take(1) ? windowSummary(outcome.window) : undefined;
	const pages = outcome ? outcome.pages.slice(0, Math.max(0, Math.min(5, room - (outcome.pages.length > 5 ? 1 : 0)))) : [];
	room -= pages.length;
	const morePages = outcome ? outcome.pages.length - pages.length : 0;
	const showMore = morePages > 0 && take(1);
	const sampleRows = sample && room >= 3 ? sample.slice(0, room - 1) : undefined;
	if (sampleRows) room -= sampleRows.length + 1;
	return (
		<Box flexDirection="column" borderStyle="single" paddingX={1} marginTop={1}>
			<Text bold wrap="truncate">
				{'Live preview'}
				{state.status === 'running' && (
					<Text>
						{'  '}
						<Spinner /> fetching…
					</Text>
				)}
				{state.status === 'waiting' && <Text dimColor> waiting for you to pause…</Text>}
				{shownRoute && <Text bold={false}>{`  ${shownRoute}`}</Text>}
				<Text dimColor>{`  (at most ${previewPageCap} pages)`}</Text>
			</Text>
			{state.status === 'blocked' && <Text color="yellow">{state.blocked}</Text>}
			{state.status === 'idle' && !outcome && <Text dimColor>Not run yet: Ctrl-R runs it now.</Text>}
			{outcome && (
				<>
					{windowLine && <Text wrap="truncate">{windowLine}</Text>}
					{pages.map(page => (
						<Text
							key={page.index}
							wrap="truncate"
						>{`${page.status >= 400 ? '✖' : '✔'} ${page.method} ${withoutWindow(page.url, outcome.window)} → ${page.status}, ${page.records} records`}</Text>
					))}
					{showMore && <Text dimColor>{`… ${morePages} more requests`}</Text>}
					{outcome.error ? (
						<>
							<Text color="red" wrap="wrap">{`✖ ${outcome.error.message}`}</Text>
							<Text color="yellow" wrap="wrap">{`→ ${outcome.error.hint}`}</Text>
						</>
					) : (
						<Text color="green">{`✔ ${outcome.records.length} records found`}</Text>
					)}
					{outcome.stop && <Text wrap="wrap">{`Paging stopped: ${outcome.stop.message}`}</Text>}
					{sampleRows && (
						<>
							<Text dimColor>Sample record:</Text>
							{sampleRows.map((line, index) => (
								// biome-ignore lint/suspicious/noArrayIndexKey: the sample's lines are positional and may repeat
								<Text key={index} wrap="truncate">{`  ${line}`}</Text>
							))}
						</>
					)}
				</>
			)}
		</Box>
	);
}

/** `Window (first run): start_time=… end_time=…`: the schedule values the requests carried. */
export function windowSummary(window: PreviewWindow): string {
	const which = window.choice === 'backfill' ? 'first run' : 'incremental';
	const sent = window.sent.length > 0 ? window.sent.map(each => `${each.name}=${each.value}`).join(' ') : 'no schedule values';
	return `Window (${which}): ${sent}`;
}

/**
 * The URL without the standard schedule parameters (the window line above shows them), so the status and record count
 * still fit on the line. Text manipulation, not URLSearchParams: the rest of the query stays exactly as sent.
 */
function withoutWindow(url: string, window: PreviewWindow | undefined): string {
	const names = new Set((window?.sent ?? []).map(each => each.name));
	const at = url.indexOf('?');
	if (names.size === 0 || at === -1) return url;
	const kept = url
		.slice(at + 1)
		.split('&')
		.filter(pair => !names.has(safeDecode(pair.split('=')[0] ?? '')));
	return kept.length > 0 ? `${url.slice(0, at)}?${kept.join('&')}` : url.slice(0, at);
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The first lines of one record; long values are cut before they are printed. */
function sampleOf(record: Record<string, unknown> | undefined): string[] | undefined {
	if (!record) return undefined;
	const lines = JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 79)}…` : value), 2).split(
		'\n',
	);
	return lines.length > sampleLines ? [...lines.slice(0, sampleLines), `… (${lines.length - sampleLines} more lines)`] : lines;
}
