import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Text} from 'ink';
import TextInput from 'ink-text-input';
import {Menu} from '../source/components/menu.js';
import {Form} from '../source/components/form.js';
import {JsonView} from '../source/components/json-view.js';
import {ProgressList} from '../source/components/progress-list.js';
import {CatalogCard} from '../source/components/catalog-card.js';
import {FindingsList} from '../source/components/findings-list.js';
import {KeyFooter} from '../source/components/key-footer.js';
import {keys, renderInk} from './helpers/ink.js';

function Controlled({mask, onSubmit}: {mask?: string; onSubmit: (value: string) => void}) {
	const [value, setValue] = useState('');
	return <TextInput value={value} onChange={setValue} onSubmit={onSubmit} mask={mask} />;
}

test('text input: typed keys, backspace and a pasted line with its newline in one chunk', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Controlled onSubmit={value => submitted.push(value)} />);
	await ink.type('abc');
	await ink.press(keys.backspace);
	assert.match(ink.frame(), /ab/);
	await ink.press('-pasted value\r');
	assert.deepEqual(submitted, ['ab-pasted value']);
	await ink.unmount();
});

test('text input: a pasted chunk followed by Enter submits the pasted value', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Controlled onSubmit={value => submitted.push(value)} />);
	await ink.press('https://example.com/docs');
	await ink.press(keys.enter);
	assert.deepEqual(submitted, ['https://example.com/docs']);
	await ink.unmount();
});

test('text input: a secret is shown masked', async () => {
	const ink = await renderInk(<Controlled mask="•" onSubmit={() => {}} />);
	await ink.type('s3cret');
	assert.doesNotMatch(ink.frame(), /s3cret/);
	assert.match(ink.frame(), /••••••/);
	await ink.unmount();
});

test('menu (ink-select-input): Down then Enter in one chunk picks the item moved to', async () => {
	const picked: string[] = [];
	const ink = await renderInk(
		<Menu
			items={[
				{label: 'One', value: 'one'},
				{label: 'Two', value: 'two'},
			]}
			onSelect={item => picked.push(item.value)}
		/>,
	);
	assert.match(ink.frame(), /❯ One/);
	await ink.press(`${keys.down}${keys.enter}`);
	assert.deepEqual(picked, ['two']);
	await ink.unmount();
});

/** A form that keeps its committed values, reporting each commit and the final values. */
function FormHarness({onCommit, onDone}: {onCommit: (name: string, value: string) => void; onDone: (values: Record<string, string>) => void}) {
	const [values, setValues] = useState<Record<string, string>>({});
	return (
		<Form
			fields={[
				{name: 'url', label: 'Docs link', validate: value => (/^https?:\/\//.test(value) ? undefined : 'Must be an http(s) URL.')},
				{
					name: 'kind',
					label: 'Kind',
					kind: 'choice',
					choices: [
						{label: 'A', value: 'a'},
						{label: 'B', value: 'b'},
					],
				},
			]}
			values={values}
			onCommit={(name, value) => {
				onCommit(name, value);
				setValues(current => ({...current, [name]: value}));
			}}
			onDone={onDone}
		/>
	);
}

test('form: inline error under the field, continue refused until fixed, values committed', async () => {
	const commits: [string, string][] = [];
	let done: Record<string, string> | undefined;
	const ink = await renderInk(
		<FormHarness
			onCommit={(name, value) => commits.push([name, value])}
			onDone={all => {
				done = all;
			}}
		/>,
	);
	await ink.type('ftp:x');
	assert.match(ink.frame(), /✖ Must be an http\(s\) URL\./);
	await ink.press(keys.down);
	await ink.press(keys.right);
	assert.match(ink.frame(), /‹ B ›/);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.equal(done, undefined, 'continue is refused while a field is invalid');
	assert.match(ink.frame(), /❯ Docs link/);
	for (let i = 0; i < 5; i++) await ink.press(keys.backspace);
	await ink.type('https://x.io');
	assert.doesNotMatch(ink.frame(), /✖/);
	await ink.press(keys.enter);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.deepEqual(done, {url: 'https://x.io', kind: 'b'});
	assert.deepEqual(commits.at(-1), ['url', 'https://x.io']);
	await ink.unmount();
});

test('json view renders a bounded slice of a large document and scrolls', async () => {
	const big = {items: Array.from({length: 20_000}, (_, index) => ({index, text: 'x'.repeat(40)}))};
	const ink = await renderInk(<JsonView value={big} height={5} />);
	assert.match(ink.frame(), /lines 1–5 of \d{5,}/);
	await ink.press(keys.pageDown);
	assert.match(ink.frame(), /lines 6–10 of/);
	await ink.press(keys.up);
	assert.match(ink.frame(), /lines 5–9 of/);
	assert.ok(ink.frame().split('\n').length < 15);
	await ink.unmount();
});

test('progress list keeps one line per stage: a long message is cut, not wrapped into the label column', async () => {
	const ink = await renderInk(
		<ProgressList
			items={[
				{key: 'a', label: 'Target', status: 'done', elapsedMs: 34, message: `Schema https://ns.adobe.com/sandbox/schemas/${'e'.repeat(120)}, dataset 00bd`},
			]}
		/>,
	);
	const lines = ink
		.frame()
		.split('\n')
		.filter(line => line.trim() !== '');
	assert.equal(lines.length, 1, ink.frame());
	assert.match(lines[0]!, /^✔ Target {2}34 ms {4}Schema https:\/\/ns\.adobe\.com\/sandbox\/schemas\/e+…$/);
	await ink.unmount();
});

test('progress list, catalog card, findings list and footer draw what they are given', async () => {
	let chosen = '';
	const ink = await renderInk(
		<>
			<ProgressList
				items={[
					{key: 'a', label: 'Base connection', status: 'done', elapsedMs: 1500},
					{key: 'b', label: 'Run', status: 'failed', message: 'boom'},
					{key: 'c', label: 'Clean-up', status: 'pending'},
				]}
			/>
			<CatalogCard label="Acme Members" category="CRM" description="Members of Acme." hasIcon />
			<FindingsList
				findings={[{path: 'sourceSpec.attributes.urlParams.path', severity: 'error', message: 'Missing path.', hint: 'Set it.', rule: 'name-required'}]}
				onSelect={item => (chosen = item.path)}
			/>
			<KeyFooter keys={[['Esc', 'back']]} />
			<Text>end</Text>
		</>,
	);
	const frame = ink.frame();
	assert.match(frame, /✔ Base connection {2}1\.5 s/);
	// Fixed columns: label padded to the longest label + 2, then 9 columns of elapsed time, then the message.
	assert.match(frame, /^✖ Run {14} {9}boom$/m);
	assert.match(frame, /Acme Members/);
	assert.match(frame, /CRM/);
	assert.match(frame, /error {2}sourceSpec\.attributes\.urlParams\.path — Missing path\./);
	assert.match(frame, /Esc back/);
	await ink.press(keys.enter);
	assert.equal(chosen, 'sourceSpec.attributes.urlParams.path');
	await ink.unmount();
});
