// Draft <-> spec. The draft keeps the spec itself plus the catalog artifacts (label, description, category,
// documentation link, docs/artifacts.md#the-artifacts-folder); specFromDraft writes the artifacts back into sourceSpec.attributes.uiAttributes.
// Lossless: specFromDraft(draftFromSpec(s)) equals normaliseSpec(s).spec, unknown keys and key order included.
import type {Artifacts, Draft} from './draft-types.js';
import {arrayAt, isObject, objectAt, stringAt, type JsonObject} from './json.js';
import {normaliseSpec} from './normalise.js';
import {getTemplate, templateNames} from './templates.js';

/** kebab-case folder name for `Sources/{name}/Artifacts/` (docs/artifacts.md#the-artifacts-folder); "source" when nothing usable is left. */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 64)
		.replace(/-+$/, '');
	return slug === '' ? 'source' : slug;
}

/** `{text}` wins over `{key}` because it is what the user typed; a key is shown when Adobe already issued one. */
function keyOrTextValue(value: unknown): string {
	return stringAt(value, 'text') ?? stringAt(value, 'key') ?? '';
}

function artifactsFromSpec(spec: unknown, fallbackName: string): Artifacts {
	const ui = objectAt(spec, 'sourceSpec', 'attributes', 'uiAttributes');
	const label = keyOrTextValue(ui?.['label']);
	const artifacts: Artifacts = {
		sourceName: slugify(stringAt(ui, 'label', 'text') ?? stringAt(spec, 'name') ?? fallbackName),
		label,
		description: keyOrTextValue(ui?.['description']),
		category: stringAt(ui, 'category', 'key') ?? '',
	};
	const link = stringAt(ui, 'documentationLink');
	if (link !== undefined) artifacts.documentationLink = link;
	return artifacts;
}

function deepCopy<T>(value: T): T {
	return structuredClone(value);
}

/** Imports a spec (normalising the documented spelling variants) into a new draft. */
export function draftFromSpec(spec: unknown, options: {id: string; now?: Date}): Draft {
	const normalised = normaliseSpec(spec).spec;
	const copy = isObject(normalised) ? deepCopy(normalised) : {};
	const now = (options.now ?? new Date()).toISOString();
	const firstAuth = stringAt(arrayAt(copy, 'authSpec')?.[0], 'name');
	return {
		formatVersion: 1,
		id: options.id,
		step: 'setup',
		createdAt: now,
		updatedAt: now,
		artifacts: artifactsFromSpec(copy, options.id),
		spec: copy,
		test: {...(firstAuth === undefined ? {} : {authSpecName: firstAuth}), authParams: {}, sourceParams: {}, target: {mode: 'create'}},
		remote: {},
	};
}

/** A new draft seeded from a template (default `blank`); throws on an unknown template name. */
export function newDraft(options: {id: string; template?: string; now?: Date}): Draft {
	const template = options.template ?? 'blank';
	const spec = getTemplate(template);
	if (!spec) throw new Error(`Unknown template "${template}". Templates: ${templateNames().join(', ')}.`);
	const draft = draftFromSpec(spec, options);
	draft.template = template;
	draft.artifacts.sourceName = slugify(options.id);
	return draft;
}

/** The spec JSON to POST: the draft's spec with its artifacts applied to sourceSpec.attributes.uiAttributes. */
export function specFromDraft(draft: Draft): Record<string, unknown> {
	const spec = deepCopy(draft.spec);
	const {artifacts} = draft;
	const wanted = artifacts.label !== '' || artifacts.description !== '' || artifacts.category !== '' || Boolean(artifacts.documentationLink);
	const ui = uiAttributesOf(spec, wanted);
	if (!ui) return spec;
	applyKeyOrText(ui, 'label', artifacts.label);
	applyKeyOrText(ui, 'description', artifacts.description);
	applyCategory(ui, artifacts.category);
	if (artifacts.documentationLink) ui['documentationLink'] = artifacts.documentationLink;
	else if (typeof ui['documentationLink'] === 'string') delete ui['documentationLink'];
	return spec;
}

/** sourceSpec.attributes.uiAttributes, created on the way when `create` is set and the path is free. */
function uiAttributesOf(spec: JsonObject, create: boolean): JsonObject | undefined {
	let node: JsonObject = spec;
	for (const key of ['sourceSpec', 'attributes', 'uiAttributes']) {
		const child = node[key];
		if (isObject(child)) {
			node = child;
			continue;
		}
		if (!create || child !== undefined) return undefined;
		const created: JsonObject = {};
		node[key] = created;
		node = created;
	}
	return node;
}

function applyKeyOrText(ui: JsonObject, field: 'label' | 'description', value: string): void {
	const current = ui[field];
	// A key issued by Adobe stays: it is what the catalog shows once the artifacts PR is merged (docs/artifacts.md#the-artifacts-folder).
	if (isObject(current) && typeof current['key'] === 'string' && current['text'] === undefined) return;
	// Nothing typed and nothing usable in the spec: leave whatever is there for the validator to report.
	if (value === '' && !isObject(current)) return;
	ui[field] = isObject(current) ? {...current, text: value} : {text: value};
}

function applyCategory(ui: JsonObject, key: string): void {
	const current = ui['category'];
	if (key !== '') ui['category'] = isObject(current) ? {...current, key} : {key};
	// Cleared by the user; a malformed category (no string key) is left for the validator to report.
	else if (isObject(current) && typeof current['key'] === 'string') delete ui['category'];
}
