// Unfinished text (docs/connection-spec.md#unfinished-text): a template's words, the wizard's stubs, markers and
// example hosts are flagged by the one model (severity `unfinished`, rule `unfinished-text`); the spec stays valid
// and runs, but validate says so, the form field shows the finding instead of ✔, Review lists it, the checklist does
// not count the item done (CLI and screen) and the submission packet warns. Replacing the text clears it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {getAt, getTemplate, newDraft, templateNames, templateTexts, validateSpec, type ConnectionSpec} from '../source/connection-spec/index.js';
import {parseCurl, shapeFromCurl} from '../source/bootstrap/curl.js';
import {specFromShape} from '../source/bootstrap/build-spec.js';
import {openDraftStore} from '../source/store/index.js';
import {runCli, tempHome} from './helpers/cli.js';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const ui = ['sourceSpec', 'attributes', 'uiAttributes'];
const authorPaths = [['name'], ['description'], [...ui, 'label', 'text'], [...ui, 'description', 'text'], [...ui, 'icon', 'key'], [...ui, 'documentationLink']];
const dotted = (segments: string[]) => segments.join('.');

/** The author's own words in every author field (and a real host in the blank template's host description). */
function finished(spec: ConnectionSpec): ConnectionSpec {
	const copy = structuredClone(spec) as Record<string, any>;
	copy['name'] = 'Acme Members';
	copy['description'] = 'Members of the Acme loyalty programme';
	const attributes = copy['sourceSpec'].attributes.uiAttributes;
	attributes.label = {text: 'Acme Members'};
	attributes.description = {text: 'Members of the Acme loyalty programme, with their points.'};
	attributes.icon = {key: 'acmeMembersIcon'};
	for (const auth of copy['authSpec']) {
		const host = auth.spec.properties.host;
		if (host) host.description = 'API root URL, e.g. https://api.acme.test';
	}
	return copy as ConnectionSpec;
}

function svgIcon(): string {
	const icon = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-icon-')), 'acme.svg');
	fs.writeFileSync(icon, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>');
	return icon;
}

test("each template's own words are flagged unfinished at their path; the spec stays valid; replacing them clears every finding", () => {
	for (const name of templateNames()) {
		const spec = getTemplate(name)!;
		const result = validateSpec(spec);
		assert.equal(result.valid, true, name);
		const flagged = result.unfinished.map(item => item.path);
		for (const segments of authorPaths) {
			if (typeof getAt(spec, segments) !== 'string') continue;
			assert.ok(flagged.includes(dotted(segments)), `${name}: ${dotted(segments)} is flagged (${flagged.join(', ')})`);
		}
		for (const item of result.unfinished) {
			assert.equal(item.severity, 'unfinished');
			assert.equal(item.rule, 'unfinished-text');
			assert.ok(item.hint.length > 0);
		}
		assert.deepEqual(validateSpec(finished(spec)).unfinished, [], `${name}: the author's own words clear it`);
	}
	const blank = validateSpec(getTemplate('blank')).unfinished;
	assert.match(blank.find(item => item.path === 'sourceSpec.attributes.uiAttributes.description.text')!.message, /Replace with a one-sentence description/);
	assert.match(
		blank.find(item => item.path === 'authSpec[0].spec.properties.host.description')!.message,
		/^It names the example host api\.example\.com/,
		'the example host in the host description',
	);
});

test('the list of template texts is derived from the templates: every template label and description is in it', () => {
	const texts = templateTexts();
	for (const name of templateNames()) {
		const spec = getTemplate(name)!;
		for (const segments of [[...ui, 'label', 'text'], [...ui, 'description', 'text'], ['name']]) {
			const text = getAt(spec, segments) as string;
			assert.ok(texts.get(text)?.includes(name), `${name}: "${text}"`);
		}
	}
});

test('stubs, markers and example hosts anywhere in the author text are flagged; record schemas are not', () => {
	const spec = finished(getTemplate('demo')!) as Record<string, any>;
	spec['sourceSpec'].attributes.headerParams = {'X-Tenant': 'REPLACE'};
	spec['sourceSpec'].attributes.urlParams.host = 'https://api.example.com';
	spec['sourceSpec'].spec.properties = {region: {type: 'string', description: 'Replace with what region is (shown to users when they connect).'}};
	spec['sourceSpec'].schema = {type: 'object', properties: {email: {type: 'string', example: 'jane@mail.example.com'}}};
	const found = Object.fromEntries(validateSpec(spec).unfinished.map(item => [item.path, item.message]));
	assert.deepEqual(Object.keys(found).sort(), [
		'sourceSpec.attributes.headerParams.X-Tenant',
		'sourceSpec.attributes.urlParams.host',
		'sourceSpec.spec.properties.region.description',
	]);
	assert.match(found['sourceSpec.spec.properties.region.description']!, /^The description of "region" is still the stub/);
	assert.match(found['sourceSpec.attributes.headerParams.X-Tenant']!, /still a stub \(“REPLACE”\)/);
});

test('a curl import without a description gets the catalog description stub, flagged until the author writes one', () => {
	const {shape, secrets} = shapeFromCurl(parseCurl("curl -H 'Authorization: Bearer tok' https://api.acme.test/v1/members"));
	const {spec} = specFromShape(shape, secrets);
	const result = validateSpec(spec);
	assert.deepEqual(
		result.unfinished.map(item => item.path),
		['sourceSpec.attributes.uiAttributes.icon.key', 'sourceSpec.attributes.uiAttributes.description.text', 'description'].sort((a, b) =>
			result.unfinished.findIndex(item => item.path === a) < result.unfinished.findIndex(item => item.path === b) ? -1 : 1,
		),
	);
});

test('validate reports unfinished text by path and rule, says it blocks submission, and still exits 0', async () => {
	const home = tempHome();
	const file = path.join(home, 'blank.json');
	fs.writeFileSync(file, JSON.stringify(getTemplate('blank')));
	const result = await runCli(['validate', file], {home});
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /^ {2}unfinished sourceSpec\.attributes\.uiAttributes\.label\.text {2}\[unfinished-text\]$/m);
	assert.match(result.stdout, /^ {13}The catalog label is still the "blank" template's text: the string "My REST source"\.$/m);
	assert.match(result.stdout, /is a valid connection spec \(0 errors, 0 warnings\)\.\n! 6 unfinished texts to replace before submission/);
	const json = JSON.parse((await runCli(['validate', file, '--json'], {home})).stdout) as {warnings: {path: string; message: string}[]};
	assert.ok(json.warnings.some(item => item.path === 'name' && /^Unfinished: The name is still/.test(item.message)));
});

test('checklist --json: the artifacts and spec items are not done while template text is left, and done once it is replaced', async () => {
	const home = tempHome();
	const store = openDraftStore(home);
	const icon = svgIcon();
	const base = seedDraftIn(store, icon);
	const status = async () => {
		const result = await runCli(['checklist', 'acme', '--json'], {home});
		assert.equal(result.code, 0, result.stderr);
		return Object.fromEntries((JSON.parse(result.stdout) as {items: {id: string; status: string; next?: string}[]}).items.map(item => [item.id, item]));
	};
	const before = await status();
	assert.equal(before['artifacts']!.status, 'missing');
	assert.equal(before['artifacts']!.next, 'Replace the template text of the label, description in the artifacts step.');
	assert.equal(before['spec-valid']!.status, 'missing');
	assert.match(before['spec-valid']!.next!, /Replace the template text/);
	store.save({
		...base,
		spec: finished(base.spec as ConnectionSpec),
		artifacts: {...base.artifacts, label: 'Acme Members', description: 'Members of the Acme loyalty programme.'},
	});
	const after = await status();
	assert.equal(after['artifacts']!.status, 'done', after['artifacts']!.next);
	assert.equal(after['spec-valid']!.status, 'done', after['spec-valid']!.next);
});

function seedDraftIn(store: ReturnType<typeof openDraftStore>, icon: string) {
	const draft = newDraft({id: 'acme', template: 'blank'});
	return store.save({...draft, artifacts: {...draft.artifacts, iconPath: icon}});
}

test('artifacts screen: a template label shows the finding instead of ✔ once left, the author’s own text clears it, Continue still works', async () => {
	const services = testServices();
	const icon = svgIcon();
	seedDraft(services, {template: 'blank', step: 'artifacts', change: draft => ({...draft, artifacts: {...draft.artifacts, iconPath: icon}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.idle();
	const line = (pattern: RegExp) =>
		ink
			.frame()
			.split('\n')
			.find(each => pattern.test(each)) ?? '';
	assert.match(line(/Label:/), /^❯ Label: My REST source/);
	// On arrival the focused field keeps quiet; a filled field away from the focus shows its finding (as an error would).
	assert.doesNotMatch(ink.frame(), /catalog label is still/, 'not on arrival at the field');
	assert.match(
		ink.frame(),
		/Description: Replace with a one-sentence description of the source\.\n +○ The catalog description is still the "blank" template's text/,
	);
	await ink.press(keys.down);
	assert.match(ink.frame(), /Label: My REST source\n +○ The catalog label is still the "blank" template's text: the string "My REST source"\./);
	assert.doesNotMatch(line(/Label:/), /✔/);
	await ink.press(keys.up);
	await ink.press('\u0015');
	await ink.type('Acme Members');
	await ink.press(keys.enter);
	assert.match(line(/Label:/), /^ {2}Label: Acme Members ✔$/);
	assert.doesNotMatch(ink.frame(), /catalog label is still/);
	// Unfinished text does not block the step: Continue goes on to the auth spec.
	for (let i = 0; i < 12 && !/❯ \[ Continue to the auth spec \]/.test(ink.frame()); i++) await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Auth spec/);
	await ink.cleanup();
});

test('review lists unfinished text with its badge and counts it in the title', async () => {
	const services = testServices();
	seedDraft(services, {template: 'blank', step: 'review'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Review — 0 error\(s\), 0 warning\(s\), 6 unfinished/);
	assert.match(ink.frame(), /○ unfinished {2}name — The name is still/);
	await ink.cleanup();
});

test('checklist screen: not done while the template text is there (frames), done once the author replaced it', async () => {
	const icon = svgIcon();
	for (const own of [false, true]) {
		const services = testServices();
		seedDraft(services, {
			template: 'blank',
			step: 'checklist',
			change: draft => ({
				...draft,
				spec: own ? finished(draft.spec as ConnectionSpec) : draft.spec,
				artifacts: {...draft.artifacts, iconPath: icon, ...(own ? {label: 'Acme Members', description: 'Members of the Acme loyalty programme.'} : {})},
			}),
		});
		const ink = await renderWizard({command: 'checklist', argv: ['demo-contacts'], services});
		await ink.waitFor(frame => /\d+ of \d+ done/.test(frame), 30_000);
		if (own) {
			assert.match(ink.frame(), /^✔ done {4}Artifacts complete/m);
			assert.match(ink.frame(), /^✔ done {4}Connection spec valid/m);
		} else {
			assert.match(ink.frame(), /^○ missing Artifacts complete .*\n {10}→ Replace the template text of the label, description in the artifacts step\./m);
			assert.match(ink.frame(), /^○ missing Connection spec valid\n {10}→ Replace the template text/m);
		}
		await ink.cleanup();
	}
});

test('source screen: an example host shows the finding under the field instead of ✔ once the field is left', async () => {
	const services = testServices();
	seedDraft(services, {
		step: 'source',
		change: draft => {
			const spec = structuredClone(draft.spec) as Record<string, any>;
			spec['sourceSpec'].attributes.urlParams.host = 'https://api.example.com';
			return {...draft, spec};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await pressUntil(ink, keys.down, /❯ Host:/);
	await ink.press(keys.down);
	const host = ink
		.frame()
		.split('\n')
		.findIndex(line => /^ {2}Host: https:\/\/api\.example\.com/.test(line));
	assert.ok(host !== -1, ink.frame());
	assert.doesNotMatch(ink.frame().split('\n')[host]!, /✔/);
	assert.match(ink.frame().split('\n')[host + 1]!, /^ {4}○ It names the example host api\.example\.com/);
	await ink.cleanup();
});
