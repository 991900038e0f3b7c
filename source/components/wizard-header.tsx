// The line at the top of every screen: the product, the draft and its step, the profile. It wraps between words
// (never inside one), continuation lines start under the draft's name, and a name too long for any line is
// shortened with "…" instead of being cut by the terminal.
import {Box, Text} from 'ink';
import {useTerminalSize} from './use-terminal-size.js';

/** A piece the header never breaks; `gap` is the spaces before it when it follows on the same line (default 1). */
type Unit = {text: string; dim?: boolean; gap?: number};

const width = (text: string) => [...text].length;

function shorten(text: string, room: number): string {
	return width(text) <= room ? text : `${[...text].slice(0, Math.max(1, room - 1)).join('')}…`;
}

/**
 * Packs the header's units into lines of at most `columns`: the first line starts with "aep-source", later lines
 * with `indent` spaces. A unit is a word, or a group that reads as one (the step after "›", the profile note).
 */
export function headerLines(units: Unit[], columns: number, indent: number): Unit[][] {
	const lines: Unit[][] = [[{text: 'aep-source'}]];
	let used = width('aep-source');
	const room = Math.max(8, columns - indent);
	for (const unit of units) {
		const text = shorten(unit.text, room);
		const gap = unit.gap ?? (lines.length === 1 && lines[0]!.length === 1 ? 2 : 1);
		if (used + gap + width(text) <= columns) {
			lines.at(-1)!.push({text: `${' '.repeat(gap)}${text}`, dim: unit.dim});
			used += gap + width(text);
		} else {
			lines.push([{text: `${' '.repeat(indent)}${text}`, dim: unit.dim}]);
			used = indent + width(text);
		}
	}
	return lines;
}

/** The units of the header: the draft's words, "› Step" kept together, and the profile note as one group when it fits. */
export function headerUnits(title: string | undefined, step: string | undefined, profileNote: string, columns: number): Unit[] {
	const words = (text: string) => text.split(/\s+/).filter(word => word !== '');
	const units: Unit[] =
		title === undefined ? [{text: '—', gap: 1}, ...words('Self-Serve Sources wizard').map(text => ({text}))] : words(title).map(text => ({text}));
	if (step !== undefined) units.push({text: `› ${step}`});
	const noteFits = width(profileNote) <= columns - 2;
	units.push(...(noteFits ? [profileNote] : words(profileNote)).map((text, index) => ({text, dim: true, gap: index === 0 ? 2 : 1})));
	return units;
}

export function WizardHeader({title, step, profileNote}: {title?: string; step?: string; profileNote: string}) {
	const {columns} = useTerminalSize();
	// Continuation lines start under the draft's name (after "aep-source  ").
	const indent = title === undefined ? 2 : 12;
	const lines = headerLines(headerUnits(title, step, profileNote, columns - indent), columns, indent);
	return (
		<Box marginBottom={1} flexDirection="column">
			{lines.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the header's lines in order; two may read the same
				<Text key={index}>
					{line.map((unit, at) =>
						index === 0 && at === 0 ? (
							<Text key="name" bold>
								{unit.text}
							</Text>
						) : (
							// biome-ignore lint/suspicious/noArrayIndexKey: the line's words in order
							<Text key={at} dimColor={unit.dim}>
								{unit.text}
							</Text>
						),
					)}
				</Text>
			))}
		</Box>
	);
}
