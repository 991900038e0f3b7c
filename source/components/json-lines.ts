// A response body as lines to read and write paths from: JSON pretty-printed straight from its text (no parse of
// the whole value), long arrays cut with a count ("… 4,812 more items"), long strings cut, and a body that was cut
// short shown up to where it ends. Text that is not JSON comes back as its own lines. Pure: no React, no I/O.

export type JsonLinesOptions = {
	/** Items of one array shown before "… N more items" (default 20). */
	maxItems?: number;
	/** Characters of one string shown before it is cut (default 200). */
	maxString?: number;
	/** Lines produced at most; the rest is summarised in one line (default 20,000). */
	maxLines?: number;
};

export type JsonLines = {lines: string[]; json: boolean; truncated: boolean};

class EndOfText extends Error {}
class NotJson extends Error {}
class Enough extends Error {}

const count = (n: number) => n.toLocaleString('en-US');
/** The rest of a string after its opening quote, through its closing quote. */
const stringBody = /[^"\\]*(?:\\.[^"\\]*)*"/y;
const literalRun = /[^\s,:\]}[{"]*/y;
const literalToken = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/;

/**
 * `text` as display lines. `json` is false when the text is not JSON (then the lines are the text's own);
 * `truncated` is true when the JSON ended before its last bracket (a body cut short).
 */
export function jsonLines(text: string, options: JsonLinesOptions = {}): JsonLines {
	const maxItems = options.maxItems ?? 20;
	const maxString = options.maxString ?? 200;
	const maxLines = options.maxLines ?? 20_000;
	const lines: string[] = [];
	let current = '';
	let i = 0;

	const flush = (next: string) => {
		lines.push(current);
		if (lines.length >= maxLines) throw new Enough();
		current = next;
	};
	const skipSpace = () => {
		while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
		if (i >= text.length) throw new EndOfText();
	};
	const expect = (char: string) => {
		skipSpace();
		if (text[i] !== char) throw new NotJson();
		i++;
	};
	/** A string token's source text (quotes and escapes kept), from text[i] === '"'. */
	const stringToken = (): string => {
		const start = i;
		stringBody.lastIndex = i + 1;
		if (!stringBody.test(text)) throw new EndOfText();
		i = stringBody.lastIndex;
		return text.slice(start, i);
	};
	const shortString = (token: string): string => {
		if (token.length - 2 <= maxString) return token;
		return `${token.slice(0, maxString + 1)}…" (${count(token.length - 2 - maxString)} more characters)`;
	};
	const literal = (): string => {
		literalRun.lastIndex = i;
		literalRun.test(text);
		const token = text.slice(i, literalRun.lastIndex);
		i = literalRun.lastIndex;
		if (literalToken.test(token)) return token;
		throw i >= text.length ? new EndOfText() : new NotJson();
	};
	/** Skips one value without output. */
	const skipValue = () => {
		skipSpace();
		const char = text[i];
		if (char === '"') return void stringToken();
		if (char === '{' || char === '[') {
			const close = char === '{' ? '}' : ']';
			i++;
			skipSpace();
			if (text[i] === close) return void i++;
			for (;;) {
				if (close === '}') {
					skipSpace();
					if (text[i] !== '"') throw new NotJson();
					stringToken();
					expect(':');
				}
				skipValue();
				skipSpace();
				if (text[i] === ',') i++;
				else if (text[i] === close) return void i++;
				else throw new NotJson();
			}
		}
		literal();
	};
	/** Writes one value at `indent`; `current` already holds the line's start (indent and key). */
	const value = (indent: string) => {
		skipSpace();
		const char = text[i];
		if (char === '"') {
			current += shortString(stringToken());
			return;
		}
		if (char !== '{' && char !== '[') {
			current += literal();
			return;
		}
		const close = char === '{' ? '}' : ']';
		i++;
		skipSpace();
		if (text[i] === close) {
			i++;
			current += `${char}${close}`;
			return;
		}
		current += char;
		const inner = `${indent}  `;
		let shown = 0;
		for (;;) {
			if (close === ']' && shown >= maxItems) {
				let more = 0;
				for (;;) {
					skipValue();
					more++;
					skipSpace();
					if (text[i] === ',') i++;
					else if (text[i] === ']') break;
					else throw new NotJson();
				}
				flush(`${inner}… ${count(more)} more item${more === 1 ? '' : 's'}`);
			} else {
				flush(inner);
				if (close === '}') {
					skipSpace();
					if (text[i] !== '"') throw new NotJson();
					current += `${shortString(stringToken())}: `;
					expect(':');
				}
				value(inner);
				shown++;
			}
			skipSpace();
			if (text[i] === ',') {
				i++;
				current += ',';
			} else if (text[i] === close) {
				i++;
				flush(`${indent}${close}`);
				return;
			} else throw new NotJson();
		}
	};

	try {
		value('');
		lines.push(current);
		return {lines, json: true, truncated: false};
	} catch (error) {
		if (error instanceof EndOfText && i > 0) {
			if (current.trim() !== '') lines.push(current);
			lines.push('… (the body was cut here)');
			return {lines, json: true, truncated: true};
		}
		if (error instanceof Enough) {
			lines.push(`… (more lines not shown)`);
			return {lines, json: true, truncated: false};
		}
		return {lines: plainLines(text, maxLines), json: false, truncated: false};
	}
}

function plainLines(text: string, maxLines: number): string[] {
	const lines = text.split('\n', maxLines + 1);
	if (lines.length > maxLines) return [...lines.slice(0, maxLines), '… (more lines not shown)'];
	return lines;
}

/**
 * The value of a JSON text cut short (a body kept to its first 256 KB): cut after the last complete member and
 * closed, so `{"items": [{…}, {…}, {"id": 3, "na` reads as `{"items": [{…}, {…}]}`. Undefined when nothing
 * complete is left or the text is not JSON.
 */
export function closeCutJson(text: string): unknown {
	const stack: string[] = [];
	let safe: {at: number; closers: string} | undefined;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (char === '"') {
			i++;
			while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		} else if (char === '{' || char === '[') {
			stack.push(char === '{' ? '}' : ']');
			safe = {at: i + 1, closers: [...stack].reverse().join('')};
		} else if (char === '}' || char === ']') {
			stack.pop();
			safe = {at: i + 1, closers: [...stack].reverse().join('')};
		} else if (char === ',' && stack.length > 0) {
			safe = {at: i, closers: [...stack].reverse().join('')};
		}
	}
	if (!safe) return undefined;
	try {
		return JSON.parse(text.slice(0, safe.at) + safe.closers) as unknown;
	} catch {
		return undefined;
	}
}
