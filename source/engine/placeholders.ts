// Placeholder syntax (docs/connection-spec.md#placeholders): `${name}` (source or auth params), `{SCHEDULE_QUERY}`, `@{…}`.
// Where placeholders are is the model's rule (connection-spec/placeholders.ts); the engine only fills them.
import {findBareBracePlaceholders, findPlaceholders, type Placeholder} from '../connection-spec/placeholders.js';

function asText(value: unknown): string {
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `text` with each span replaced by `replace(span)`, or kept as written when that is undefined. */
function replaceSpans(text: string, spans: Placeholder[], replace: (span: Placeholder) => string | undefined): string {
	let out = '';
	let at = 0;
	for (const span of spans) {
		out += text.slice(at, span.start) + (replace(span) ?? text.slice(span.start, span.end));
		at = span.end;
	}
	return out + text.slice(at);
}

function knownValue(values: Record<string, unknown>, name: string): string | undefined {
	const value = Object.hasOwn(values, name) ? values[name] : undefined;
	return value === undefined || value === null ? undefined : asText(value);
}

/**
 * Replaces every `${name}` (the model's findPlaceholders) whose value is known; names without a value stay in the
 * text and are listed in `missing`.
 */
export function substitutePlaceholders(text: string, values: Record<string, unknown>): {text: string; missing: string[]} {
	const missing: string[] = [];
	const out = replaceSpans(text, findPlaceholders(text), ({name}) => {
		const value = knownValue(values, name);
		if (value === undefined && !missing.includes(name)) missing.push(name);
		return value;
	});
	return {text: out, missing};
}

/**
 * Replaces `{name}` (no `$`; the model's findBareBracePlaceholders, so never inside `{{name}}`) for known names;
 * Adobe's docs show that form in `urlParams.host`, "probably a typo for `${domain}`", so the engine honours it there
 * and reports it.
 */
export function substituteBareBraces(text: string, values: Record<string, unknown>): {text: string; used: string[]} {
	const used: string[] = [];
	const out = replaceSpans(text, findBareBracePlaceholders(text), ({name}) => {
		const value = knownValue(values, name);
		if (value !== undefined) used.push(name);
		return value;
	});
	return {text: out, used};
}

/**
 * Leaves out `@{…}` platform pipeline expressions (our choice, docs/connection-spec.md#placeholders: "the engine leaves
 * `@{…}` segments out ... and logs a warning"). Braces are balanced so a nested `{` does not end the expression.
 */
export function stripPipelineExpressions(text: string): {text: string; removed: string[]} {
	const removed: string[] = [];
	let out = '';
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('@{', i);
		if (start === -1) {
			out += text.slice(i);
			break;
		}
		out += text.slice(i, start);
		let depth = 0;
		let end = start + 1;
		for (; end < text.length; end++) {
			if (text[end] === '{') depth++;
			else if (text[end] === '}' && --depth === 0) break;
		}
		removed.push(text.slice(start, end + 1));
		i = end + 1;
	}
	return {text: out, removed};
}

export const scheduleQueryPlaceholder = '{SCHEDULE_QUERY}';
