// Draft <-> spec builder: lossless round trip for every template and reference example, artifacts applied as
// {text} unless Adobe issued a {key}, and imports normalised.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {draftFromSpec, getTemplate, newDraft, normaliseSpec, slugify, specFromDraft, templateNames} from '../source/connection-spec/index.js';
import {authExamples, paginationExamples} from './fixtures/spec/reference-examples.js';

type Spec = Record<string, any>;
const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`./fixtures/spec/${name}`, import.meta.url), 'utf8'));
const now = new Date('2024-05-31T12:00:00Z');

function withPagination(pagination: unknown): Spec {
	const spec = fixture('reference-3.8.json');
	spec['sourceSpec'].attributes.paginationParams = pagination;
	return spec;
}

const examples: [string, Spec][] = [
	...templateNames().map((name): [string, Spec] => [`template ${name}`, getTemplate(name) as Spec]),
	['', fixture('reference-3.8.json')],
	[' (schema form)', fixture('reference-3.7-schema-form.json')],
	['3.8 with the auth examples of 3.4', {...fixture('reference-3.8.json'), authSpec: authExamples}],
	...paginationExamples.map((pagination): [string, Spec] => [`3.8 with ${String(pagination['type'])} pagination`, withPagination(pagination)]),
	[
		'3.8 with extra unknown keys',
		{...fixture('reference-3.8.json'), zExtra: {nested: [1, 'two']}, sourceSpec: {...fixture('reference-3.8.json')['sourceSpec'], vendorHint: true}},
	],
	[
		'3.8 with documented spelling variants',
		(() => {
			const spec = fixture('reference-3.8.json');
			spec['sourceSpec'].attributes.contentPath = '$.members';
			spec['sourceSpec'].attributes.paginationParams = {type: 'offset', limitName: 'count', limitValue: '100', offsetName: 'offset'};
			return spec;
		})(),
	],
];

for (const [label, spec] of examples) {
	test(`round trip spec -> draft -> spec is lossless: ${label}`, () => {
		const expected = normaliseSpec(spec).spec;
		const back = specFromDraft(draftFromSpec(spec, {id: 'x', now}));
		assert.deepEqual(back, expected);
		assert.equal(JSON.stringify(back), JSON.stringify(expected), 'key order is kept');
	});
}

test('draftFromSpec derives the artifacts from uiAttributes and keeps the spec normalised', () => {
	const spec = fixture('reference-3.8.json');
	spec['sourceSpec'].attributes.contentPath = '$.members';
	const draft = draftFromSpec(spec, {id: 'acme', now});
	assert.deepEqual(draft.artifacts, {sourceName: 'acme-members-source', label: 'acmeMembersLabel', description: 'acmeMembersDescription', category: ''});
	assert.deepEqual((draft.spec as Spec)['sourceSpec'].attributes.contentPath, {path: '$.members'});
	assert.equal(draft.createdAt, now.toISOString());
	assert.equal(draft.test.authSpecName, 'OAuth2 Refresh Code');
	assert.equal(typeof spec['sourceSpec'].attributes.contentPath, 'string', 'the input is not modified');
});

test('specFromDraft writes label and description as {text}, category as {key}, and the documentation link', () => {
	const draft = newDraft({id: 'acme-contacts', template: 'blank', now});
	draft.artifacts = {
		...draft.artifacts,
		label: 'Acme Contacts',
		description: 'Contacts from Acme.',
		category: 'crm',
		documentationLink: 'https://example.com/docs',
	};
	const ui = (specFromDraft(draft) as Spec)['sourceSpec'].attributes.uiAttributes;
	assert.deepEqual(ui.label, {text: 'Acme Contacts'});
	assert.deepEqual(ui.description, {text: 'Contacts from Acme.'});
	assert.deepEqual(ui.category, {key: 'crm'});
	assert.equal(ui.documentationLink, 'https://example.com/docs');
	assert.equal((draft.spec as Spec)['sourceSpec'].attributes.uiAttributes.label.text, 'My REST source', 'the draft itself is not modified');
});

test('a {key} issued by Adobe is kept even when the label artifact changes', () => {
	const draft = draftFromSpec(fixture('reference-3.8.json'), {id: 'acme', now});
	draft.artifacts.label = 'Acme Members';
	const ui = (specFromDraft(draft) as Spec)['sourceSpec'].attributes.uiAttributes;
	assert.deepEqual(ui.label, {key: 'acmeMembersLabel'});
});

test('clearing category and documentation link removes them from the spec', () => {
	const draft = newDraft({id: 'demo', template: 'demo', now});
	draft.artifacts.category = '';
	draft.artifacts.documentationLink = 'https://example.com';
	let ui = (specFromDraft(draft) as Spec)['sourceSpec'].attributes.uiAttributes;
	assert.equal(ui.documentationLink, 'https://example.com');
	assert.equal('category' in ui, false);
	draft.spec = specFromDraft(draft);
	delete draft.artifacts.documentationLink;
	ui = (specFromDraft(draft) as Spec)['sourceSpec'].attributes.uiAttributes;
	assert.equal('documentationLink' in ui, false);
});

test('specFromDraft creates uiAttributes for an empty draft spec when artifacts are set', () => {
	const draft = draftFromSpec({}, {id: 'empty', now});
	assert.deepEqual(specFromDraft(draft), {});
	draft.artifacts.label = 'Empty';
	assert.deepEqual(specFromDraft(draft), {sourceSpec: {attributes: {uiAttributes: {label: {text: 'Empty'}}}}});
});

test('newDraft seeds from a template, names the source after the id, and rejects unknown templates', () => {
	const draft = newDraft({id: 'my-demo', template: 'demo', now});
	assert.equal(draft.template, 'demo');
	assert.equal(draft.step, 'setup');
	assert.equal(draft.formatVersion, 1);
	assert.equal(draft.artifacts.sourceName, 'my-demo');
	assert.equal(draft.artifacts.category, 'crm');
	assert.deepEqual(draft.remote, {});
	assert.equal(newDraft({id: 'b', now}).template, 'blank');
	assert.throws(() => newDraft({id: 'x', template: 'nope'}), /Unknown template "nope"\. Templates: blank, mailchimp-members, demo/);
});

test('slugify makes kebab-case folder names', () => {
	assert.equal(slugify('Acme Members source'), 'acme-members-source');
	assert.equal(slugify('  Café — Contacts (v2)! '), 'cafe-contacts-v2');
	assert.equal(slugify('mailchimp-members'), 'mailchimp-members');
	assert.equal(slugify('!!!'), 'source');
});
