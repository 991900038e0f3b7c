// Unfinished text (docs/connection-spec.md#unfinished-text): words a template ships for the author to replace — the
// spec's name and description, the catalog label and description, the icon key, a documentation link — the stub
// descriptions the wizard writes ("Replace with …"), REPLACE/TODO/FIXME markers, and example hosts
// (api.example.com: a reserved name that never answers) anywhere in the spec. A spec holding any of them still
// works (it can be registered and checked end to end) but is unfinished: severity `unfinished`, which the
// submission checklist does not count as done.
// The list of template texts is derived from the templates themselves (templates.ts), so the words of a new or
// edited template are covered without being listed here.
import {describeValue, finding, type Finding} from './findings.js';
import {getAt, type PathSegment} from './json-path.js';
import {visitStrings} from './json.js';
import {getTemplate, templateNames} from './templates.js';
import {unfinishedText} from './user-inputs.js';

export const unfinishedTextRule = 'unfinished-text';

const ui = ['sourceSpec', 'attributes', 'uiAttributes'] as const;

/** The author's fields: where a template's own words sit, what the field is, and what to write instead. */
const authorFields: {path: readonly PathSegment[]; what: string; instead: string}[] = [
	{path: ['name'], what: 'name', instead: "Write your source's name."},
	{path: ['description'], what: 'description', instead: 'Write one sentence about your source.'},
	{path: [...ui, 'label', 'text'], what: 'catalog label', instead: 'Write the name the catalog shows (artifacts step, Label).'},
	{path: [...ui, 'description', 'text'], what: 'catalog description', instead: 'Write one sentence about your source (artifacts step, Description).'},
	{path: [...ui, 'icon', 'key'], what: 'icon key', instead: 'Use the icon key Adobe issues for your icon once the artifacts PR is merged.'},
	{path: [...ui, 'documentationLink'], what: 'documentation link', instead: 'Link the page where your users read how to connect (artifacts step).'},
];

let builtTexts: ReadonlyMap<string, string[]> | undefined;

/**
 * Every text the templates ship in the author's fields → the templates that ship it (`"My REST source"` →
 * `["blank"]`). The templates are fixed in the code, so the map is built once, on first use (validateSpec runs on
 * every edit in the wizard).
 */
export function templateTexts(): ReadonlyMap<string, string[]> {
	builtTexts ??= buildTemplateTexts();
	return builtTexts;
}

function buildTemplateTexts(): Map<string, string[]> {
	const texts = new Map<string, string[]>();
	for (const name of templateNames()) {
		const spec = getTemplate(name);
		for (const {path} of authorFields) {
			const value = getAt(spec, path);
			const text = typeof value === 'string' ? value.trim() : '';
			const from = texts.get(text) ?? [];
			if (text !== '' && !from.includes(name)) texts.set(text, [...from, name]);
		}
	}
	return texts;
}

/** Hosts under the reserved example names (example.com/.net/.org, the .example and .invalid top-level domains). */
const exampleHost = /\b(?:[a-z0-9-]+\.)*example\.(?:com|net|org)\b|\b(?:[a-z0-9-]+\.)+(?:example|invalid)\b/i;
/** Words left for the author, in capitals. */
const marker = /\b(?:REPLACE|TODO|FIXME)\b/;

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]) => a.length === b.length && a.every((segment, index) => segment === b[index]);

/** `…properties.<name>.description` of an auth spec or the user inputs: the property's name, else undefined. */
function describedProperty(path: readonly PathSegment[]): string | undefined {
	const [properties, name, description] = path.slice(-3);
	return properties === 'properties' && typeof name === 'string' && description === 'description' ? name : undefined;
}

/**
 * The unfinished-text finding for one string of the spec at `path` (segments, as in the file), or undefined when
 * the text is the author's own. Severity `unfinished`, rule `unfinished-text`. Pure; never throws. `texts` is
 * templateTexts(), passed in when many strings are checked at once.
 */
export function unfinishedTextFinding(path: readonly PathSegment[], text: string, texts = templateTexts()): Finding | undefined {
	const field = authorFields.find(each => samePath(each.path, path));
	const from = field ? texts.get(text.trim()) : undefined;
	if (field && from) {
		const template = from.length === 1 ? `the "${from[0]}" template's` : "a template's";
		return finding('unfinished', path, unfinishedTextRule, `The ${field.what} is still ${template} text: ${describeValue(text.trim())}.`, field.instead);
	}
	const property = describedProperty(path);
	const word = unfinishedText(text) ? 'Replace with' : marker.exec(text)?.[0];
	if (word !== undefined) {
		const message =
			property === undefined
				? `This text is still a stub (“${word}”): ${describeValue(text.trim())}.`
				: `The description of "${property}" is still the stub ${describeValue(text.trim())}; users see it when they connect.`;
		const hint = property === undefined ? 'Write the real text in its place.' : `Write one sentence saying what "${property}" is and where to find it.`;
		return finding('unfinished', path, unfinishedTextRule, message, hint);
	}
	const host = exampleHost.exec(text)?.[0];
	if (host !== undefined) {
		return finding(
			'unfinished',
			path,
			unfinishedTextRule,
			`It names the example host ${host} (a reserved name that never answers): ${describeValue(text.trim())}.`,
			property === undefined ? "Write your API's real host." : "Give your API's real host as the example.",
		);
	}
	return undefined;
}

/** Record schemas describe the data, not the source: their examples may use example.com freely. */
const recordSchemas = (path: readonly PathSegment[]) => path[0] === 'exploreSpec' || (path[0] === 'sourceSpec' && path[1] === 'schema');

/**
 * One finding per unfinished string in the spec (docs/connection-spec.md#unfinished-text): the top-level texts,
 * every auth spec, `sourceSpec.attributes` and the user inputs; not the record schemas.
 */
export function lintUnfinishedText(spec: unknown, out: Finding[]): void {
	const texts = templateTexts();
	visitStrings(spec, [], (text, path) => {
		if (recordSchemas(path)) return;
		const found = unfinishedTextFinding(path, text, texts);
		if (found) out.push(found);
	});
}
