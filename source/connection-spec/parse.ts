// Paste-safe JSON reading: strict JSON (no comments, no trailing commas), but every error says where and why.
// JSON.parse's messages on Node 20 do not always carry a position ("Unexpected token '/', … is not valid JSON"),
// so on failure a small scanner walks the text again to find the first offending character and name the problem.

export type ParseResult = {ok: true; value: unknown} | {ok: false; message: string; line: number; column: number};

type Problem = {offset: number; message: string};

/** Deeper JSON is refused: a connection spec nests about ten levels, and the checks that walk it recurse. */
export const maxJsonDepth = 64;

export function parseSpecText(text: string): ParseResult {
	// A BOM is invisible in editors and harmless; strip it rather than fail on it.
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const tooDeep = depthProblem(body);
	if (tooDeep) return {ok: false, message: tooDeep.message, ...lineColumn(body, tooDeep.offset)};
	try {
		return {ok: true, value: JSON.parse(body) as unknown};
	} catch (error) {
		const problem = locateJsonError(body) ?? fromEngineMessage(error);
		return {ok: false, message: problem.message, ...lineColumn(body, problem.offset)};
	}
}

/** The first bracket nested deeper than maxJsonDepth (outside strings), scanned without recursion. */
function depthProblem(text: string): Problem | undefined {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 92)
				index++; // backslash: skip the escaped character
			else if (code === 34) inString = false;
		} else if (code === 34) inString = true;
		else if (code === 123 || code === 91) {
			if (++depth > maxJsonDepth)
				return {
					offset: index,
					message: `The JSON nests deeper than ${maxJsonDepth} levels here; a connection spec never does. Check the file is the one you meant.`,
				};
		} else if (code === 125 || code === 93) depth--;
	}
	return undefined;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(offset, text.length);
	for (let index = 0; index < end; index++) {
		if (text.charCodeAt(index) === 10) {
			line++;
			lineStart = index + 1;
		}
	}
	return {line, column: end - lineStart + 1};
}

function fromEngineMessage(error: unknown): Problem {
	const message = error instanceof Error ? error.message : String(error);
	const position = /at position (\d+)/.exec(message);
	return {offset: position ? Number(position[1]) : 0, message: `Invalid JSON: ${message}`};
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'afterValue';

/** Finds the first JSON syntax error; undefined when the text is valid JSON. Iterative, so deep nesting cannot overflow. */
export function locateJsonError(text: string): Problem | undefined {
	const stack: string[] = [];
	let state: State = 'value';
	let lastComma = -1;
	let index = 0;
	while (true) {
		index = skipWhitespace(text, index);
		if (text.startsWith('//', index) || text.startsWith('/*', index)) {
			return {offset: index, message: 'Comments (// or /* */) are not allowed in JSON. Remove the comment; JSON copied from documentation often carries them.'};
		}
		if (index >= text.length) return endOfText(text, stack, state);
		const char = text[index] ?? '';
		const top = stack.at(-1);
		if (state === 'afterValue') {
			if (top === undefined)
				return {offset: index, message: `Unexpected ${quoteChar(char)} after the end of the JSON document. Remove it, or wrap several values in an array.`};
			if (char === ',') {
				lastComma = index;
				state = top === '{' ? 'key' : 'value';
				index++;
				continue;
			}
			if (char === '}' || char === ']') {
				const closes = char === '}' ? '{' : '[';
				if (closes !== top) return {offset: index, message: `Unexpected "${char}": the open ${top === '{' ? 'object needs "}"' : 'array needs "]"'} first.`};
				stack.pop();
				index++;
				continue;
			}
			return {
				offset: index,
				message:
					`Expected "," or "${top === '{' ? '}' : ']'}" but found ${quoteChar(char)}. A comma` +
					` is probably missing between two ${top === '{' ? 'properties' : 'items'}.`,
			};
		}
		if (state === 'colon') {
			if (char !== ':') return {offset: index, message: `Expected ":" after the property name but found ${quoteChar(char)}.`};
			state = 'value';
			index++;
			continue;
		}
		if ((state === 'key' || state === 'value') && (char === '}' || char === ']') && lastComma >= 0 && top !== undefined) {
			return {
				offset: lastComma,
				message: `Trailing comma before "${char}": JSON does not allow a comma after the last ${top === '{' ? 'property' : 'item'}. Remove this comma.`,
			};
		}
		if (state === 'keyOrClose' || state === 'key') {
			if (char === '}' && state === 'keyOrClose') {
				stack.pop();
				state = 'afterValue';
				index++;
				continue;
			}
			if (char === "'") return {offset: index, message: 'Property names must use double quotes ("name"), not single quotes.'};
			if (char !== '"') {
				const advice = /[A-Za-z_$]/.test(char) ? ' Property names must be quoted: "name": value.' : '';
				return {offset: index, message: `Expected a property name in double quotes but found ${quoteChar(char)}.${advice}`};
			}
			const end = scanString(text, index);
			if (typeof end !== 'number') return end;
			index = end;
			lastComma = -1;
			state = 'colon';
			continue;
		}
		// state is 'value' or 'valueOrClose'
		if (char === ']' && state === 'valueOrClose') {
			stack.pop();
			state = 'afterValue';
			index++;
			continue;
		}
		lastComma = -1;
		if (char === '{' || char === '[') {
			stack.push(char);
			state = char === '{' ? 'keyOrClose' : 'valueOrClose';
			index++;
			continue;
		}
		const end = scanScalar(text, index);
		if (typeof end !== 'number') return end;
		index = end;
		state = 'afterValue';
	}
}

function skipWhitespace(text: string, start: number): number {
	let index = start;
	while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index++;
	return index;
}

function endOfText(text: string, stack: string[], state: State): Problem | undefined {
	if (stack.length === 0 && state === 'afterValue') return undefined;
	if (stack.length === 0)
		return {
			offset: text.length,
			message: text.trim() === '' ? 'The file is empty: expected a JSON object.' : 'Unexpected end of the file: a value is missing.',
		};
	const closer = stack.at(-1) === '{' ? '}' : ']';
	return {offset: text.length, message: `Unexpected end of the file: ${stack.length} bracket(s) still open; the next missing one is "${closer}".`};
}

function quoteChar(char: string): string {
	return char === '"' ? "'\"'" : `"${char}"`;
}

function scanScalar(text: string, start: number): number | Problem {
	const char = text[start] ?? '';
	if (char === '"') return scanString(text, start);
	if (char === "'") return {offset: start, message: 'Strings must use double quotes ("text"), not single quotes.'};
	if (char === '-' || (char >= '0' && char <= '9')) return scanNumber(text, start);
	for (const literal of ['true', 'false', 'null']) {
		if (text.startsWith(literal, start)) return start + literal.length;
	}
	const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(start, start + 40))?.[0];
	if (word) return {offset: start, message: `"${word}" is not a JSON value. Use a string in double quotes, a number, true, false or null.`};
	return {offset: start, message: `Unexpected ${quoteChar(char)}: expected a JSON value (object, array, string, number, true, false or null).`};
}

function scanString(text: string, start: number): number | Problem {
	let index = start + 1;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code === 34) return index + 1;
		if (code < 0x20)
			return {offset: index, message: 'A line break or control character inside a string: write it as \\n (or \\t), or close the string with ".'};
		if (code === 92) {
			const next = text[index + 1] ?? '';
			if (next === 'u') {
				if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6)))
					return {offset: index, message: 'Invalid \\u escape: it needs four hexadecimal digits.'};
				index += 6;
				continue;
			}
			if (!'"\\/bfnrt'.includes(next) || next === '') return {offset: index, message: `Invalid escape "\\${next}" in a string. Write a backslash as \\\\.`};
			index += 2;
			continue;
		}
		index++;
	}
	return {offset: start, message: 'This string is never closed: a closing " is missing.'};
}

function scanNumber(text: string, start: number): number | Problem {
	const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(start, start + 400));
	if (!match) return {offset: start, message: 'Invalid number: JSON numbers look like 12, -3, 4.5 or 1e3.'};
	const end = start + match[0].length;
	if (/[\d.xXeE]/.test(text[end] ?? '')) return {offset: start, message: 'Invalid number: JSON numbers have no leading zeros, no trailing ".", and no hex.'};
	return end;
}
