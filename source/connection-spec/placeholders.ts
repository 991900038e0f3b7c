// Placeholders in urlParams / headerParams / bodyParams (docs/connection-spec.md#placeholders).
import {isObject, objectAt, arrayAt, propertyNames} from './json.js';

export type Placeholder = {name: string; start: number; end: number};

/** An HTTP header name: one or more token characters (RFC 9110 §5.1), the names Node's http client accepts. */
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Why a text cannot be an HTTP header name (the engine would fail sending it), or undefined when it can. The one
 * rule for headerParams names, restAttributes.headerParamName and a HEADERPARAM parameterName; the auth screen
 * asks it too (docs/connection-spec-model.md#request).
 */
export function headerNameProblem(name: string): string | undefined {
	if (headerToken.test(name)) return undefined;
	const bad = [...name].find(char => !headerToken.test(char));
	return `"${name}" cannot be an HTTP header name${bad === undefined ? '' : `: ${bad === ' ' ? 'a space' : JSON.stringify(bad)} is not allowed in one`}`;
}

/** Every `${name}` in a text; `end` is exclusive and covers the closing brace. */
export function findPlaceholders(text: string): Placeholder[] {
	const out: Placeholder[] = [];
	for (const match of text.matchAll(/\$\{([^{}]*)\}/g)) {
		out.push({name: match[1] ?? '', start: match.index, end: match.index + match[0].length});
	}
	return out;
}

/** Platform placeholders written without `$` on purpose (docs/schedule.md#scheduleparams, docs/connection-spec.md#placeholders). */
export const platformPlaceholders = new Set(['SCHEDULE_QUERY', 'START_TIME', 'END_TIME']);

/**
 * Every `{name}` without a leading `$` (or `@` of a pipeline expression, or a second `{`: `{{name}}` is the beta
 * syntax), platform placeholders left out: probably a typo for `${name}` (docs/connection-spec.md#placeholders).
 * Spans as in findPlaceholders. The one rule for the lint and the engine (which fills them in urlParams.host).
 */
export function findBareBracePlaceholders(text: string): Placeholder[] {
	const out: Placeholder[] = [];
	for (const match of text.matchAll(/(?<![$@{])\{([A-Za-z_][\w.-]*)\}/g)) {
		const name = match[1] ?? '';
		if (!platformPlaceholders.has(name)) out.push({name, start: match.index, end: match.index + match[0].length});
	}
	return out;
}

/** The names of findBareBracePlaceholders, in order. */
export function findBareBraces(text: string): string[] {
	return findBareBracePlaceholders(text).map(each => each.name);
}

/** Names a `${name}` may use: properties of any auth spec, and user inputs in `sourceSpec.spec.properties` (docs/connection-spec.md#user-inputs). */
export function declaredPlaceholders(spec: unknown): Set<string> {
	const names = new Set<string>();
	for (const auth of arrayAt(spec, 'authSpec') ?? []) {
		if (isObject(auth)) for (const name of propertyNames(auth['spec'])) names.add(name);
	}
	for (const name of propertyNames(objectAt(spec, 'sourceSpec', 'spec'))) names.add(name);
	return names;
}
