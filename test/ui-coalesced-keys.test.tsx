// Every form and choice list with keys that arrive in ONE read (a fast typist, key repeat, a paste, tmux or an SSH
// hop): "abc\r", three Backspaces, Down Down Enter, a pasted line plus Enter, a multi-line paste. Each chunk below is
// one stdin write; the widgets are ink-text-input and ink-select-input on the patched Ink (readme "Patches").
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Form, type FormField} from '../source/components/form.js';
import {Menu} from '../source/components/menu.js';
import {keys, renderInk} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices} from './helpers/ui-wizard.js';

const {down, up, enter, backspace} = keys;
const threeBackspaces = backspace.repeat(3);

function FormHarness({fields, log}: {fields: FormField[]; log: {commits: [string, string][]; done?: Record<string, string>}}) {
	const [values, setValues] = useState<Record<string, string>>({});
	return (
		<Form
			fields={fields}
			values={values}
			onCommit={(name, value) => {
				log.commits.push([name, value]);
				setValues(current => ({...current, [name]: value}));
			}}
			onDone={all => (log.done = all)}
		/>
	);
}

const threeFields: FormField[] = [
	{name: 'first', label: 'First'},
	{name: 'secret', label: 'Secret', kind: 'secret'},
	{name: 'third', label: 'Third'},
];

test('form: "abc\\r" commits abc and moves on; three Backspaces in one read delete three characters, no DEL bytes', async () => {
	const log: {commits: [string, string][]; done?: Record<string, string>} = {commits: []};
	const ink = await renderInk(<FormHarness fields={threeFields} log={log} />);
	await ink.press('abcdef\r');
	assert.match(ink.frame(), /❯ Secret/);
	await ink.press(up);
	await ink.press(threeBackspaces);
	await ink.press(enter);
	assert.deepEqual(log.commits, [
		['first', 'abcdef'],
		['first', 'abc'],
	]);
	assert.ok(!log.commits.some(([, value]) => value.includes('\u007F')));
	await ink.unmount();
});

test('form: Down Down Enter in one read lands on the third field; Down Down Down Enter presses continue', async () => {
	const log: {commits: [string, string][]; done?: Record<string, string>} = {commits: []};
	const ink = await renderInk(<FormHarness fields={threeFields} log={log} />);
	await ink.press(`${down}${down}${enter}`);
	assert.match(ink.frame(), /❯ \[ Continue \]/, 'Enter on the third field moved to continue');
	await ink.press(`${up}${up}${up}x${down}${down}${down}${enter}`);
	assert.deepEqual(log.done, {first: 'x'});
	await ink.unmount();
});

test('form: a pasted line plus Enter commits the pasted line; a multi-line paste fills the fields in turn, the secret masked', async () => {
	const log: {commits: [string, string][]; done?: Record<string, string>} = {commits: []};
	const ink = await renderInk(<FormHarness fields={threeFields} log={log} />);
	await ink.press('https://example.com/docs?page=1&size=50\r');
	assert.deepEqual(log.commits, [['first', 'https://example.com/docs?page=1&size=50']]);
	await ink.press(up);
	await ink.press('\u0015'); // Ctrl-U clears the field
	await ink.press('line one\rs3cr3t-value\nline three\r');
	assert.deepEqual(log.commits.slice(1), [
		['first', 'line one'],
		['secret', 's3cr3t-value'],
		['third', 'line three'],
	]);
	assert.doesNotMatch(ink.frame(), /s3cr3t/);
	assert.match(ink.frame(), /Secret: •{12}/);
	assert.match(ink.frame(), /❯ \[ Continue \]/);
	await ink.unmount();
});

test('form: Ctrl-letter shortcuts in one read with text are not typed into the field', async () => {
	const log: {commits: [string, string][]; done?: Record<string, string>} = {commits: []};
	const ink = await renderInk(<FormHarness fields={threeFields} log={log} />);
	await ink.press('ab\u0012cd\u0005\r');
	assert.deepEqual(log.commits, [['first', 'abcd']]);
	await ink.unmount();
});

test('menu: Down Down Enter, Down Enter and Down Down Up Enter in one read choose the item moved to', async () => {
	const items = [
		{label: 'One', value: 'one'},
		{label: 'Two', value: 'two', hint: 'second'},
		{label: 'Three', value: 'three'},
	];
	for (const [chunk, expected] of [
		[`${down}${down}${enter}`, 'three'],
		[`${down}${enter}`, 'two'],
		[`${down}${down}${up}${enter}`, 'two'],
	] as const) {
		const picked: string[] = [];
		const ink = await renderInk(<Menu items={items} onSelect={item => picked.push(item.value)} />);
		assert.match(ink.frame(), /Two {2}second/);
		await ink.press(chunk);
		assert.deepEqual(picked, [expected], JSON.stringify(chunk));
		await ink.unmount();
	}
});

test('wizard: Enter on Home, Down Down Enter on the template list, Backspaces and a pasted name plus Enter Enter create the draft', async () => {
	const ink = await renderWizard({});
	await ink.press(`${enter}`);
	assert.match(ink.frame(), /Start from a template/);
	const templates = [...ink.frame().matchAll(/^[❯ ] ([a-z0-9-]+) {2}/gm)].map(match => match[1]);
	assert.ok(templates.length >= 3, ink.frame());
	await ink.press(`${down}${down}${enter}`);
	assert.match(ink.frame(), new RegExp(`New source from (a blank spec|the ${templates[2]} template)`));
	await ink.press(backspace.repeat(40));
	await ink.press('Acme Members\r\r');
	assert.equal(savedDraft(ink.services, 'acme-members')?.artifacts.label, 'Acme Members');
	assert.match(ink.frame(), /Where should this source be built and tested\?/);
	await ink.cleanup();
});

test('wizard: the draft list picks the draft moved to with Down Enter in one read', async () => {
	const services = testServices();
	seedDraft(services, {id: 'first', step: 'auth'});
	seedDraft(services, {id: 'second', step: 'review'});
	const ink = await renderWizard({command: 'resume', services});
	const order = [...ink.frame().matchAll(/^[❯ ] (first|second)/gm)].map(match => match[1]);
	await ink.press(`${down}${enter}`);
	assert.match(ink.frame(), order[1] === 'second' ? /Review —/ : /Auth spec — how users sign in/);
	await ink.cleanup();
});

test('wizard: artifacts form takes a multi-line paste field by field, and Backspaces in one read never reach the draft as DEL bytes', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts', change: draft => ({...draft, artifacts: {...draft.artifacts, label: '', description: ''}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /❯ Label/);
	await ink.press('Acme Contactsxyz');
	await ink.press(threeBackspaces);
	await ink.press('\rContacts of the Acme CRM.\r');
	const artifacts = savedDraft(services)?.artifacts;
	assert.equal(artifacts?.label, 'Acme Contacts');
	assert.equal(artifacts?.description, 'Contacts of the Acme CRM.');
	assert.match(ink.frame(), /❯ Category/);
	await ink.cleanup();
});

test('wizard: explore spec, Down Down Enter opens the paste, and a multi-line exploreSpec JSON paste is used whole', async () => {
	const services = testServices();
	seedDraft(services, {step: 'explore'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.press(`${down}${down}${enter}`);
	assert.match(ink.frame(), /Paste the exploreSpec JSON/);
	await ink.press('{\r  "type": "Tabular",\r  "requestSpec": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}\r}\r');
	await pressUntil(ink, '', /Review —/, 1);
	const exploreSpec = savedDraft(services)?.spec['exploreSpec'] as {type?: string};
	assert.equal(exploreSpec.type, 'Tabular');
	await ink.cleanup();
});

test('wizard: add-profile form, a multi-line paste fills name, org, client id and the masked secret', async () => {
	const ink = await renderWizard({command: 'profiles'});
	await pressUntil(ink, down, /❯ \+ Add an Adobe profile/);
	await ink.press(enter);
	assert.match(ink.frame(), /Add an Adobe profile/);
	await ink.press('acme-prod\r0123456789ABCDEF01234567@AdobeOrg\rclient-id-123\rtopsecretvalue\r');
	assert.match(ink.frame(), /❯ Scopes/);
	assert.match(ink.frame(), /Profile name: acme-prod/);
	assert.match(ink.frame(), /Client ID: client-id-123/);
	assert.doesNotMatch(ink.frame(), /topsecretvalue/);
	await ink.cleanup();
});
