// Placeholder syntax (docs/connection-spec.md#placeholders): `${name}` (source or auth params), `{SCHEDULE_QUERY}`, `@{…}`.

function asText(value: unknown): string {
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Replaces every `${name}` whose value is known; names without a value stay in the text and are listed. */
export function substitutePlaceholders(text: string, values: Record<string, unknown>): {text: string; missing: string[]} {
	const missing: string[] = [];
	const out = text.replace(/\$\{([^{}]*)\}/g, (whole, rawName: string) => {
		const name = rawName.trim();
		const value = Object.hasOwn(values, name) ? values[name] : undefined;
		if (value === undefined || value === null) {
			if (!missing.includes(name)) missing.push(name);
			return whole;
		}
		return asText(value);
	});
	return {text: out, missing};
}

/**
 * Replaces `{name}` (no `$`) for known names; Adobe's docs show that form in `urlParams.host`,
 * "probably a typo for `${domain}`", so the engine honours it there and reports it.
 */
export function substituteBareBraces(text: string, values: Record<string, unknown>): {text: string; used: string[]} {
	const used: string[] = [];
	const out = text.replace(/(?<![$@])\{([A-Za-z_][\w.-]*)\}/g, (whole, name: string) => {
		const value = Object.hasOwn(values, name) ? values[name] : undefined;
		if (value === undefined || value === null) return whole;
		used.push(name);
		return asText(value);
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
