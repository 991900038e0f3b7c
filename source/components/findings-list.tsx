// Validation findings with their JSON path; one can be selected to jump to the screen that fixes it.
import {Box, Text} from 'ink';
import type {Finding} from '../connection-spec/findings.js';
import {Menu} from './menu.js';

const badge = {error: '✖ error', warning: '! warning', lenient: '~ lenient', unfinished: '○ unfinished'} as const;
const colour = {error: 'red', warning: 'yellow', lenient: 'gray', unfinished: 'magenta'} as const;

/** Read-only list (at most `limit` shown). */
export function FindingsSummary({findings, limit = 6}: {findings: Finding[]; limit?: number}) {
	if (findings.length === 0) return <Text color="green">✔ No findings</Text>;
	return (
		<Box flexDirection="column">
			{findings.slice(0, limit).map((item, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: a static list rendered in order; two findings may read the same
				<Text key={index} wrap="truncate">
					<Text color={colour[item.severity]}>{badge[item.severity]}</Text> {item.path || '(document)'}: {item.message}
				</Text>
			))}
			{findings.length > limit && <Text dimColor>… and {findings.length - limit} more</Text>}
		</Box>
	);
}

/** Selectable list; Enter calls onSelect with the finding. */
export function FindingsList({
	findings,
	onSelect,
	focus = true,
	limit = 8,
}: {
	findings: Finding[];
	onSelect: (finding: Finding) => void;
	focus?: boolean;
	limit?: number;
}) {
	if (findings.length === 0) return <Text color="green">✔ No validation findings</Text>;
	const items = findings.map((item, index) => ({
		label: `${badge[item.severity]}  ${item.path || '(document)'} — ${item.message}`,
		value: String(index),
		hint: item.hint ? `→ ${item.hint}` : undefined,
	}));
	return (
		<Box flexDirection="column">
			<Menu items={items} focus={focus} limit={limit} onSelect={item => onSelect(findings[Number(item.value)]!)} />
		</Box>
	);
}
