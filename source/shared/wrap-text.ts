// Plain-text wrapping for the command line's help and reports: lines cut at spaces only, continuation lines
// indented under the text they continue (a hanging indent). Widths count code points, which is what the help's
// characters (ASCII, "…", "—", "≥") take in a terminal.

const width = (text: string) => [...text].length;

/**
 * `lead` + `text` wrapped at `columns`: the first line starts with `lead`, every further line with `indent` spaces
 * (default: the width of `lead`, so the text forms one column). Words are never cut: a word wider than the room
 * gets a line of its own. Runs of spaces inside the text collapse to one; a "\n" in the text is a space too.
 */
export function wrapHanging(lead: string, text: string, columns: number, indent = width(lead)): string[] {
	const words = text.split(/\s+/).filter(word => word !== '');
	const pad = ' '.repeat(indent);
	const lines: string[] = [];
	let line = lead;
	let empty = true;
	for (const word of words) {
		if (empty) {
			line += word;
			empty = false;
		} else if (width(line) + 1 + width(word) <= columns) line += ` ${word}`;
		else {
			lines.push(line);
			line = pad + word;
		}
	}
	lines.push(line.trimEnd());
	return lines;
}

/**
 * A shell command as lines of at most `columns`: broken at spaces outside quotes, each broken line ending in " \"
 * and the next indented by `indent`, so the whole still pastes into a shell as one command.
 */
export function wrapCommand(lead: string, command: string, columns: number, indent = width(lead) + 2): string[] {
	const words = shellWords(command);
	const lines: string[] = [];
	let line = lead;
	let empty = true;
	for (const word of words) {
		if (empty) {
			line += word;
			empty = false;
		} else if (width(line) + 1 + width(word) + 2 <= columns) line += ` ${word}`;
		else {
			lines.push(`${line} \\`);
			line = ' '.repeat(indent) + word;
		}
	}
	lines.push(line);
	return lines;
}

/** Splits at spaces that are outside '…' and "…", keeping the quotes (the words are shown, not run). */
function shellWords(command: string): string[] {
	const words: string[] = [];
	let current = '';
	let quote: string | undefined;
	for (const character of command) {
		if (quote) {
			if (character === quote) quote = undefined;
			current += character;
		} else if (character === "'" || character === '"') {
			quote = character;
			current += character;
		} else if (character === ' ') {
			if (current !== '') words.push(current);
			current = '';
		} else current += character;
	}
	if (current !== '') words.push(current);
	return words;
}
