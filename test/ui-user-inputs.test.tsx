// The user-input editor of the source-spec screen: add, edit (description, type, required, default, enum), rename
// and remove user inputs (sourceSpec.spec), typed key by key and in multi-key chunks, asserting the frames and the
// saved draft (numbers and booleans saved as JSON numbers and booleans, as the model reads them).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, seedDraft, testServices} from './helpers/ui-wizard.js';
import {setIn} from '../source/connection-spec/spec-paths.js';
import {validateSpec} from '../source/connection-spec/index.js';

const ctrlU = '\u0015';
type Spec = Record<string, any>;
const inputsOf = (spec: Spec) => spec['sourceSpec']['spec'] as {properties: Record<string, Record<string, unknown>>; required?: string[]};

/** The demo draft at the source step, with `${listId}` used in a query value but not declared. */
function seedWithListQuery() {
	const services = testServices();
	seedDraft(services, {
		step: 'source',
		change: draft => ({...draft, spec: setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'queryParams'], {list: '${listId}'})}),
	});
	return services;
}

test('user inputs: add one in the editor, with description, type, required, default and enum saved typed', async () => {
	const services = seedWithListQuery();
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		assert.match(ink.frame(), /Not declared: \$\{listId\} — Ctrl-D declares it/);
		await pressUntil(ink, keys.down, /❯ User inputs: none \(Enter to add\)/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /User inputs — what users enter when they connect/);
		assert.match(ink.frame(), /❯ \+ Add a user input/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /New user input/);
		// A pasted name with a typo, three Backspaces in one read, then the rest plus Enter in one read.
		await ink.press('listIdxyz');
		await ink.press('\u007F\u007F\u007F');
		await ink.press('\r');
		assert.match(ink.frame(), /User input “listId” \(sourceSpec\.spec\.properties\.listId\)/);
		assert.deepEqual(Object.keys(inputsOf(savedSpec(services)).properties), ['listId']);
		await pressUntil(ink, keys.down, /❯ Description:/);
		await ink.press('Id of the audience list.\r');
		assert.match(ink.frame(), /❯ Type: ‹ string ›/);
		await ink.press(keys.right);
		assert.match(ink.frame(), /❯ Type: ‹ integer ›/);
		await ink.press(`${keys.down}${keys.left}${keys.down}`);
		assert.match(ink.frame(), /Required: ‹ yes ›/);
		// A multi-line paste: the default, then the allowed values.
		await ink.press('42\r1, 42, 7\r');
		const saved = inputsOf(savedSpec(services));
		assert.deepEqual(saved.properties['listId'], {type: 'integer', description: 'Id of the audience list.', default: 42, enum: [1, 42, 7]});
		assert.deepEqual(saved.required, ['listId']);
		// The raw JSON of the saved draft: numbers, not strings.
		assert.match(JSON.stringify(savedDraft(services)?.spec), /"default":42,"enum":\[1,42,7\]/);
		assert.deepEqual(
			validateSpec(savedSpec(services)).errors.filter(item => item.rule === 'placeholder-declared'),
			[],
			'${listId} is declared now',
		);

		// Back in the list: one line per input, then back on the form, where the hint no longer lists ${listId}.
		await ink.press(keys.escape);
		assert.match(ink.frame(), /listId {2}integer · required · default 42 · one of 1, 42, 7/);
		// Down Down Enter in one read: past "+ Add a user input" to "Done".
		await ink.press('\u001B[B\u001B[B\r');
		assert.match(ink.frame(), /❯ User inputs: listId \(Enter to edit\)/);
		assert.match(ink.frame(), /Placeholders you can use: .*\$\{listId\}/);
		assert.doesNotMatch(ink.frame(), /Not declared/);
	} finally {
		await ink.cleanup();
	}
});

test('user inputs: a default that is not of the type or not in the enum is the model’s warning, fixed in the form', async () => {
	const services = seedWithListQuery();
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await pressUntil(ink, keys.down, /❯ User inputs/);
		await ink.press(`${keys.enter}${keys.enter}listId\r`);
		assert.match(ink.frame(), /User input “listId”/);
		// Down Down Enter in one read: Description, Type; Right makes it a number.
		await ink.press(`${keys.down}${keys.down}${keys.right}`);
		assert.match(ink.frame(), /❯ Type: ‹ integer ›/);
		await ink.press(keys.right);
		assert.match(ink.frame(), /❯ Type: ‹ number ›/);
		await ink.press(`${keys.down}${keys.down}`);
		await ink.press('abc\r');
		assert.equal(inputsOf(savedSpec(services)).properties['listId']?.['default'], 'abc', 'text that is no number is kept as typed…');
		assert.match(ink.frame(), /⚠ The default of "listId" is the string "abc", but "listId" is of type number\./, '…and the model says so');
		await ink.press(keys.up);
		await ink.press(ctrlU);
		await ink.press('2.5\r');
		assert.equal(inputsOf(savedSpec(services)).properties['listId']?.['default'], 2.5);
		assert.doesNotMatch(ink.frame(), /⚠ The default/);
		await ink.press('1, 2\r');
		assert.match(ink.frame(), /⚠ The default of "listId" is the number 2\.5, which is not one of its enum values\./);
		const warnings = validateSpec(savedSpec(services)).warnings.filter(item => item.rule === 'user-input-value');
		assert.deepEqual(
			warnings.map(item => item.path),
			['sourceSpec.spec.properties.listId.default'],
		);
	} finally {
		await ink.cleanup();
	}
});

test('user inputs: renaming renames its ${name} uses and its test value; d then y removes it', async () => {
	const services = seedWithListQuery();
	seedDraft(services, {
		step: 'source',
		change: draft => {
			let spec = setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'queryParams'], {list: '${listId}', other: 'x-${listId}-${listId}'});
			spec = setIn(spec, ['sourceSpec', 'spec', 'properties'], {listId: {type: 'string', description: 'The list.'}});
			spec = setIn(spec, ['sourceSpec', 'spec', 'required'], ['listId']);
			return {...draft, spec, test: {...draft.test, sourceParams: {listId: 'abc123'}}};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await pressUntil(ink, keys.down, /❯ User inputs: listId \(Enter to edit\)/);
		await ink.press(keys.enter);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /❯ Name: listId/);
		await ink.press(ctrlU);
		await ink.press('audienceId\r');
		assert.match(ink.frame(), /User input “audienceId”/);
		const spec = savedSpec(services);
		assert.deepEqual(inputsOf(spec).properties, {audienceId: {type: 'string', description: 'The list.'}});
		assert.deepEqual(inputsOf(spec).required, ['audienceId']);
		assert.deepEqual((spec as Spec)['sourceSpec']['attributes']['urlParams']['queryParams'], {list: '${audienceId}', other: 'x-${audienceId}-${audienceId}'});
		assert.deepEqual(savedDraft(services)?.test.sourceParams, {audienceId: 'abc123'});

		await ink.press(keys.escape);
		assert.match(ink.frame(), /❯ audienceId/);
		await ink.press('d');
		assert.match(ink.frame(), /Remove the user input “audienceId”\? y removes it/);
		await ink.press('n');
		assert.ok(inputsOf(savedSpec(services)).properties['audienceId'], 'n keeps it');
		await ink.press('d');
		await ink.press('y');
		assert.deepEqual(inputsOf(savedSpec(services)).properties, {});
		assert.equal(inputsOf(savedSpec(services)).required, undefined);
		assert.match(ink.frame(), /❯ \+ Add a user input/);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /Not declared: \$\{audienceId\}/, 'its uses are now undeclared, and the hint says so');
	} finally {
		await ink.cleanup();
	}
});

test('user inputs: the editor fits 80×24, with every field of an input and the footer on screen', async () => {
	const services = seedWithListQuery();
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.resize(80, 24);
		await pressUntil(ink, keys.down, /❯ User inputs/);
		await ink.press(`${keys.enter}${keys.enter}listId\r`);
		await ink.press(keys.down);
		const frame = ink.frame();
		assert.match(frame, /⚠ The description of "listId" is still the stub/, 'the model flags the stub description');
		const lines = frame.split('\n');
		assert.ok(lines.length <= 23, `${lines.length} lines:\n${frame}`);
		for (const label of ['Name', 'Description', 'Type', 'Required', 'Default', 'Allowed values', '\\[ Done \\]', 'Esc back'])
			assert.match(frame, new RegExp(label));
		assert.ok(
			lines.every(line => line.length <= 80),
			frame,
		);
	} finally {
		await ink.cleanup();
	}
});

test('review: Enter on a user input’s finding opens its form in the editor, on the field the finding is about', async () => {
	const services = testServices();
	seedDraft(services, {
		step: 'review',
		change: draft => {
			let spec = setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'queryParams'], {list: '${listId}'});
			spec = setIn(spec, ['sourceSpec', 'spec', 'properties'], {listId: {type: 'integer', description: 'The list.', default: 'abc'}});
			return {...draft, spec};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.tab);
		await pressUntil(ink, keys.down, /❯ ! warning {2}sourceSpec\.spec\.properties\.listId\.default/, 30);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /User input “listId”/);
		assert.match(ink.frame(), /❯ Default: abc/);
		assert.match(ink.frame(), /⚠ The default of "listId" is the string "abc", but "listId" is of type integer\./);
		await ink.press(ctrlU);
		await ink.press('7\r');
		assert.equal(inputsOf(savedSpec(services)).properties['listId']?.['default'], 7);
		// Esc Esc: the list, then the form on the User inputs row; Enter opens the list again (not the input).
		await ink.press(keys.escape);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /❯ User inputs: listId/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /User inputs — what users enter/);
	} finally {
		await ink.cleanup();
	}
});
