// What the live preview found: requests made (masked URLs + status), records, a sample record and why paging
// stopped. Only a bounded slice is rendered, so a huge response stays cheap to draw.
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {Spinner} from '../components/progress-list.js';
import type {PreviewState} from './use-preview.js';
import {previewPageCap} from './use-preview.js';

const sampleLines = 8;

export function PreviewPanel({state}: {state: PreviewState}) {
	const outcome = state.outcome;
	const sample = useMemo(() => sampleOf(outcome?.records[0]), [outcome]);
	return (
		<Box flexDirection="column" borderStyle="single" paddingX={1} marginTop={1}>
			<Text bold>
				{'Live preview '}
				<Text dimColor>{`(at most ${previewPageCap} pages)`}</Text>
				{state.status === 'running' && (
					<Text>
						{'  '}
						<Spinner /> fetching…
					</Text>
				)}
				{state.status === 'waiting' && <Text dimColor>  waiting for you to pause…</Text>}
			</Text>
			{state.status === 'blocked' && <Text color="yellow">{state.blocked}</Text>}
			{state.status === 'idle' && !outcome && <Text dimColor>Not run yet: Ctrl-R runs it now.</Text>}
			{outcome && (
				<>
					{outcome.pages.slice(0, 5).map(page => (
						<Text key={page.index} wrap="truncate">{`${page.status >= 400 ? '✖' : '✔'} ${page.method} ${page.url} → ${page.status}, ${page.records} records`}</Text>
					))}
					{outcome.pages.length > 5 && <Text dimColor>{`… ${outcome.pages.length - 5} more requests`}</Text>}
					{outcome.error ? (
						<>
							<Text color="red" wrap="wrap">{`✖ ${outcome.error.message}`}</Text>
							<Text color="yellow" wrap="wrap">{`→ ${outcome.error.hint}`}</Text>
						</>
					) : (
						<Text color="green">{`✔ ${outcome.records.length} records found`}</Text>
					)}
					{outcome.stop && <Text>{`Paging stopped: ${outcome.stop.message}`}</Text>}
					{sample && (
						<>
							<Text dimColor>Sample record:</Text>
							{sample.map((line, index) => (
								<Text key={index} wrap="truncate">{`  ${line}`}</Text>
							))}
						</>
					)}
				</>
			)}
		</Box>
	);
}

/** The first lines of one record; long values are cut before they are printed. */
function sampleOf(record: Record<string, unknown> | undefined): string[] | undefined {
	if (!record) return undefined;
	const lines = JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 79)}…` : value), 2).split('\n');
	return lines.length > sampleLines ? [...lines.slice(0, sampleLines), `… (${lines.length - sampleLines} more lines)`] : lines;
}
