// How every form behaves (#12 item 5): errors appear once the user leaves a field or tries to continue, never on
// arrival; with NO_COLOR the text cursor stays visible (a "|" where it is, since no inverse video is drawn); Ctrl-E,
// `s` and `p` ask where to write, the default shown, and write nothing until Enter.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {Form} from '../source/components/form.js';
import {PathPrompt} from '../source/components/path-prompt.js';
import {keys, renderInk} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

const ctrlU = '\u0015';

async function withNoColor(work: () => Promise<void>): Promise<void> {
	const before = process.env['NO_COLOR'];
	process.env['NO_COLOR'] = '1';
	try {
		await work();
	} finally {
		if (before === undefined) delete process.env['NO_COLOR'];
		else process.env['NO_COLOR'] = before;
	}
}

test('NO_COLOR: the focused field shows a "|" cursor where the cursor is (end, middle, empty, masked); none without focus', async () => {
	await withNoColor(async () => {
		const ink = await renderInk(
			<Form
				fields={[
					{name: 'name', label: 'Name'},
					{name: 'secret', label: 'Secret', kind: 'secret'},
				]}
				values={{}}
				onCommit={() => {}}
				onDone={() => {}}
			/>,
		);
		assert.match(ink.frame(), /^❯ Name: \|$/m, 'an empty field shows the cursor');
		await ink.type('abc');
		assert.match(ink.frame(), /^❯ Name: abc\|$/m);
		await ink.press(keys.left);
		assert.match(ink.frame(), /^❯ Name: ab\|c$/m, 'the cursor moves with ←');
		await ink.press(keys.down);
		assert.match(ink.frame(), /^ {2}Name: abc ✔$/m, 'a field without focus has no cursor');
		await ink.type('pw');
		assert.match(ink.frame(), /^❯ Secret: ••\|$/m, 'a masked field too');
		await ink.unmount();
	});
	// Without NO_COLOR the cursor is drawn in inverse video, not as a character.
	const plain = await renderInk(<Form fields={[{name: 'name', label: 'Name'}]} values={{name: 'abc'}} onCommit={() => {}} onDone={() => {}} />);
	assert.match(plain.frame(), /^❯ Name: abc $/m);
	await plain.unmount();
});

test('NO_COLOR: the path prompt shows its default with the cursor after it', async () => {
	await withNoColor(async () => {
		const ink = await renderInk(<PathPrompt label="Save the spec JSON to" initial="/tmp/acme-connectionSpec.json" onSubmit={() => {}} onCancel={() => {}} />);
		assert.match(ink.frame(), /\/tmp\/acme-connectionSpec\.json\|/);
		await ink.unmount();
	});
});

test('no error on arrival: artifacts (an empty label) shows it once the field is left', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts', change: draft => ({...draft, artifacts: {...draft.artifacts, label: ''}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /❯ Label:/);
	assert.doesNotMatch(ink.frame(), /✖/, 'nothing on arrival');
	await ink.press(keys.down);
	assert.match(ink.frame(), /✖ The label is required/);
	await ink.cleanup();
});

test('no error on arrival: the source spec (an empty path) shows it once the field is left', async () => {
	const services = testServices();
	seedDraft(services, {
		step: 'source',
		change: draft => {
			const spec = structuredClone(draft.spec) as Record<string, any>;
			spec['sourceSpec'].attributes.urlParams.path = '';
			return {...draft, spec};
		},
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.doesNotMatch(ink.frame(), /✖/, 'nothing on arrival');
	await pressUntil(ink, keys.down, /❯ Path:/);
	assert.doesNotMatch(ink.frame(), /✖/, 'nor on arriving at the empty field');
	await ink.press(keys.down);
	assert.match(ink.frame(), /✖ /, 'the empty path is flagged once it is left');
	await ink.cleanup();
});

test('no error on arrival: new source, import and the Adobe profile form show theirs when Continue is tried', async () => {
	const services = testServices();
	const ink = await renderWizard({services});
	// Import: an empty path.
	await pressUntil(ink, keys.down, /❯ Import a connection spec JSON/);
	await ink.press(keys.enter);
	await ink.waitFor(frame => /File path/.test(frame));
	assert.doesNotMatch(ink.frame(), /✖/, 'import: nothing on arrival');
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✖ Enter the path of a JSON file\./);
	await ink.press(keys.escape);
	// New source: a cleared name.
	await pressUntil(ink, keys.up, /❯ New source \(from a template or blank\)/);
	await ink.press(keys.enter);
	await ink.waitFor(frame => /❯ blank/.test(frame) || /blank/.test(frame));
	await ink.press(keys.enter);
	await ink.waitFor(frame => /Source name/.test(frame));
	assert.doesNotMatch(ink.frame(), /✖/, 'new source: nothing on arrival');
	await ink.press(ctrlU);
	await ink.press(keys.down);
	assert.match(ink.frame(), /✖ /, 'new source: the empty name once left');
	await ink.press(keys.escape);
	await ink.waitFor(frame => /Resume a draft/.test(frame) || /❯ blank/.test(frame));
	if (!/Resume a draft/.test(ink.frame())) await ink.press(keys.escape);
	// Profiles: the Adobe profile form.
	await pressUntil(ink, keys.down, /❯ Profiles/);
	await ink.press(keys.enter);
	await ink.waitFor(frame => /\+ Add an Adobe profile/.test(frame));
	await pressUntil(ink, keys.down, /❯ \+ Add an Adobe profile/);
	await ink.press(keys.enter);
	assert.doesNotMatch(ink.frame(), /✖/, 'Adobe profile: nothing on arrival');
	await pressUntil(ink, keys.down, /❯ \[ /, 20);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /✖ /, 'Adobe profile: Continue shows the errors');
	await ink.cleanup();
});

test('no error on arrival: auth and explore screens open without one', async () => {
	for (const step of ['auth', 'explore'] as const) {
		const services = testServices();
		seedDraft(services, {step});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		assert.doesNotMatch(ink.frame(), /✖/, step);
		await ink.cleanup();
	}
});

test('Ctrl-E, s and p ask where to write with the default shown; Esc writes nothing; Enter writes under the default', async () => {
	const services = testServices();
	const cases = [
		{step: 'artifacts' as const, key: '\u0005', prompt: /Write Sources\/demo-contacts\/Artifacts\/ under \(Enter writes, Esc cancels\):/, target: 'Sources'},
		{step: 'review' as const, key: 's', prompt: /Save the spec JSON to \(Enter writes, Esc cancels\):/, target: 'demo-contacts-connectionSpec.json'},
		{
			step: 'checklist' as const,
			key: 'p',
			prompt: /Write the submission packet to the folder \(Enter writes, Esc cancels\):/,
			target: 'demo-contacts-submission',
		},
	];
	for (const {step, key, prompt, target} of cases) {
		seedDraft(services, {step});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		if (step === 'checklist') await ink.waitFor(frame => /\d+ of \d+ done/.test(frame), 30_000);
		await ink.press(key);
		assert.match(ink.frame(), prompt, step);
		const shown = step === 'artifacts' ? services.exportDir : path.join(services.exportDir, target);
		assert.ok(ink.frame().replace(/\n/g, '').includes(shown), `${step}: the default ${shown} is shown:\n${ink.frame()}`);
		await ink.press(keys.escape);
		await ink.idle();
		assert.equal(fs.existsSync(path.join(services.exportDir, target)), false, `${step}: Esc wrote nothing`);
		assert.doesNotMatch(ink.frame(), prompt, `${step}: Esc closed the prompt`);
		await ink.cleanup();
	}
});
