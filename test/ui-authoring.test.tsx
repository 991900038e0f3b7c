// Authoring on the source-spec screen: numbers typed into numeric fields are saved as numbers, and cycling the
// pagination type keeps each type's values while the screen is open.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, seedDraft, testServices} from './helpers/ui-wizard.js';
import {validateSpec, specFromDraft} from '../source/connection-spec/index.js';

const pagination = (services: ReturnType<typeof testServices>) =>
	(savedSpec(services)['sourceSpec'] as {attributes: {paginationParams: Record<string, unknown>}}).attributes.paginationParams;

test('source: a number typed into limitValue is saved as a number, and the lenient "string 50" finding goes away', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const lenientBefore = validateSpec(specFromDraft(savedDraft(services)!)).lenient.filter(finding => finding.path.endsWith('limitValue'));
	assert.equal(lenientBefore.length, 1, 'the demo template writes limitValue as a string');
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await pressUntil(ink, keys.down, /❯ {3}limitValue/);
	await ink.press('\u0015');
	await ink.press('100\r');
	assert.equal(pagination(services)['limitValue'], 100);
	const lenientAfter = validateSpec(specFromDraft(savedDraft(services)!)).lenient.filter(finding => finding.path.endsWith('limitValue'));
	assert.deepEqual(lenientAfter, []);
	await ink.cleanup();
});

test('source: cycling the pagination type with →/← keeps the values of the types passed through', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const before = pagination(services);
	assert.equal(before['type'], 'OFFSET');
	assert.ok(before['offSetName'], 'the demo template names its offset parameter');
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await pressUntil(ink, keys.down, /❯ Pagination/);
	await ink.press(keys.right);
	assert.notEqual(pagination(services)['type'], 'OFFSET');
	assert.equal(pagination(services)['offSetName'], undefined, "the saved spec holds only the current type's fields");
	await ink.press(keys.right);
	await ink.press(keys.left);
	await ink.press(keys.left);
	assert.deepEqual(pagination(services), before);
	await ink.cleanup();
});

test('form: an empty required field shows no error on arrival, only once it is left (or Continue is tried)', async () => {
	const {Form} = await import('../source/components/form.js');
	const {renderInk} = await import('./helpers/ink.js');
	const required = (value: string) => (value.trim() ? undefined : 'Required.');
	const ink = await renderInk(
		<Form
			fields={[
				{name: 'a', label: 'A', validate: required},
				{name: 'b', label: 'B', validate: required},
			]}
			values={{}}
			onCommit={() => {}}
			onDone={() => {}}
		/>,
	);
	assert.doesNotMatch(ink.frame(), /Required/, 'nothing on arrival');
	await ink.press(keys.down);
	assert.equal(ink.frame().match(/✖ Required\./g)?.length, 1, `A's error after leaving it, none for B on arrival:\n${ink.frame()}`);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.equal(ink.frame().match(/✖ Required\./g)?.length, 2, 'Continue shows every error');
	await ink.unmount();
});

test('review: Enter on the lenient limitValue finding opens the source screen on the limitValue field', async () => {
	const services = testServices();
	seedDraft(services, {step: 'review'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.press(keys.tab);
	await pressUntil(ink, keys.down, /❯ ~ lenient {2}sourceSpec\.attributes\.paginationParams\.limitValue/);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Source spec — how records are fetched/);
	assert.match(ink.frame(), /^❯ {3}limitValue: 50/m);
	await ink.cleanup();
});

test('review: s asks where to write; Esc writes nothing, an edited path is where the spec goes', async () => {
	const fs = await import('node:fs');
	const path = await import('node:path');
	const services = testServices();
	seedDraft(services, {step: 'review'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.press('s');
	assert.ok(ink.frame().includes(`> ${path.join(services.home, 'demo-contacts-connectionSpec.json')}`), ink.frame());
	await ink.press(keys.escape);
	assert.doesNotMatch(ink.frame(), /Save the spec JSON to/);
	assert.deepEqual(
		fs.readdirSync(services.home).filter(name => name.endsWith('.json') && name !== 'profiles.json'),
		[],
	);
	await ink.press('s');
	await ink.press('\u0015');
	await ink.press('acme-spec.json\r');
	assert.match(ink.frame(), /✔ Saved .*acme-spec\.json/);
	assert.ok(fs.existsSync(path.join(services.home, 'acme-spec.json')));
	// A folder (or a missing folder) as the answer: a sentence, never an errno, and nothing written.
	fs.mkdirSync(path.join(services.home, 'a-folder'));
	await ink.press('s');
	await ink.press('\u0015');
	await ink.press('a-folder\r');
	assert.match(ink.frame(), /✖ Nothing was saved: .*a-folder is a folder; the spec file needs a file name\./);
	assert.doesNotMatch(ink.frame(), /EISDIR/);
	await ink.press('s');
	await ink.press('\u0015');
	await ink.press('missing/spec.json\r');
	assert.match(ink.frame(), /✖ Nothing was saved: The folder .*missing does not exist\./);
	await ink.cleanup();
});
