// Stage-by-stage progress: a spinner on the running stage, ✔/✖/– on finished ones, and elapsed time on each.
// The spinner is text-based and stops when nothing runs, so a finished screen holds no timers.
import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';

export type ProgressItem = {
	key: string;
	label: string;
	status: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
	message?: string;
	/** Set when finished. */
	elapsedMs?: number;
	/** When it started running (for a live elapsed time). */
	startedAt?: number;
};

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatElapsed(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function Spinner({running = true}: {running?: boolean}) {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!running) return;
		const timer = setInterval(() => setFrame(n => (n + 1) % frames.length), 120);
		return () => clearInterval(timer);
	}, [running]);
	return <Text color="cyan">{frames[frame]}</Text>;
}

const marks = {pending: '·', done: '✔', failed: '✖', skipped: '–'} as const;
const colours = {pending: undefined, done: 'green', failed: 'red', skipped: 'gray', running: 'cyan'} as const;

export function ProgressList({items, now = Date.now}: {items: ProgressItem[]; now?: () => number}) {
	const running = items.some(item => item.status === 'running');
	// Fixed columns, one line per stage: a long message (an XDM schema id…) is cut, never wrapped into the next column.
	const labelWidth = Math.max(...items.map(item => item.label.length)) + 2;
	return (
		<Box flexDirection="column">
			{items.map(item => {
				const elapsed = elapsedOf(item, now);
				return (
					<Box key={item.key}>
						<Box width={2} flexShrink={0}>
							{item.status === 'running' ? <Spinner running={running} /> : <Text color={colours[item.status]}>{marks[item.status]}</Text>}
						</Box>
						<Box width={labelWidth} flexShrink={0}>
							<Text color={colours[item.status]}>{item.label}</Text>
						</Box>
						<Box width={9} flexShrink={0}>
							<Text dimColor>{elapsed === undefined ? '' : formatElapsed(elapsed)}</Text>
						</Box>
						{item.message && (
							<Box flexGrow={1}>
								<Text dimColor wrap="truncate-end">
									{item.message}
								</Text>
							</Box>
						)}
					</Box>
				);
			})}
		</Box>
	);
}

function elapsedOf(item: ProgressItem, now: () => number): number | undefined {
	if (item.elapsedMs !== undefined) return item.elapsedMs;
	if (item.status === 'running' && item.startedAt !== undefined) return Math.max(0, now() - item.startedAt);
	return undefined;
}
