// Guards patches/ink+6.8.0.patch (readme "Patches"): keys that arrive in one read are handled one at a time, each
// by the handler of the render the previous key produced, and control characters inside a text run are keys.
// Every chunk below is written in ONE stdin write, as a fast typist, key repeat, a paste or an SSH hop delivers it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import SelectInput from 'ink-select-input';
import {keys, renderInk} from './helpers/ink.js';

type Seen = {input: string; return: boolean; backspace: boolean; delete: boolean; ctrl: boolean; tab: boolean};

/** Records each event useInput receives, and keeps a value that each handler reads from the latest render. */
function Recorder({seen}: {seen: Seen[]}) {
	const [value, setValue] = useState('');
	const [submitted, setSubmitted] = useState<string[]>([]);
	useInput((input, key) => {
		seen.push({input, return: key.return, backspace: key.backspace, delete: key.delete, ctrl: key.ctrl, tab: key.tab});
		if (key.return) setSubmitted([...submitted, value]);
		else if (key.backspace || key.delete) setValue(value.slice(0, -1));
		else if (!key.ctrl && !key.tab) setValue(value + input);
	});
	return <Text>{`value=[${value}] submitted=${submitted.map(entry => `[${entry}]`).join(',')}`}</Text>;
}

test('ink patch: "abc\\r" in one read is the text "abc" then Enter, handled by the handler that saw "abc"', async () => {
	const seen: Seen[] = [];
	const ink = await renderInk(<Recorder seen={seen} />);
	await ink.press('abc\r');
	assert.deepEqual(
		seen.map(event => [event.input, event.return]),
		[
			['abc', false],
			['\r', true],
		],
	);
	assert.match(ink.frame(), /submitted=\[abc\]/);
	await ink.unmount();
});

test('ink patch: three Backspaces in one read are three keys, never text', async () => {
	const seen: Seen[] = [];
	const ink = await renderInk(<Recorder seen={seen} />);
	await ink.press('abcdef');
	await ink.press('\u007F\u007F\u007F');
	assert.equal(seen.slice(1).filter(event => event.delete).length, 3);
	assert.ok(!seen.some(event => event.input.includes('\u007F')), 'no event carries a DEL byte as text');
	assert.match(ink.frame(), /value=\[abc\] /);
	await ink.unmount();
});

test('ink patch: Tab and Ctrl-letters inside a text run are their own events', async () => {
	const seen: Seen[] = [];
	const ink = await renderInk(<Recorder seen={seen} />);
	await ink.press('ab\tcd\u0005ef');
	assert.deepEqual(
		seen.map(event => [event.input, event.tab, event.ctrl]),
		[
			['ab', false, false],
			['', true, false],
			['cd', false, false],
			['e', false, true],
			['ef', false, false],
		],
	);
	assert.match(ink.frame(), /value=\[abcdef\]/);
	await ink.unmount();
});

test('ink patch: a multi-line paste arrives as lines and newlines, each line seeing the text before it', async () => {
	const seen: Seen[] = [];
	const ink = await renderInk(<Recorder seen={seen} />);
	await ink.press('first line\rsecond\r');
	assert.match(ink.frame(), /submitted=\[first line\],\[first linesecond\]/);
	await ink.unmount();
});

function Field({onSubmit}: {onSubmit: (value: string) => void}) {
	const [value, setValue] = useState('');
	return <TextInput value={value} onChange={setValue} onSubmit={onSubmit} />;
}

test('ink patch + ink-text-input: "abc\\r" submits "abc"; Backspaces in one read delete; a pasted line plus Enter submits it', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Field onSubmit={value => submitted.push(value)} />);
	await ink.press('abc\r');
	await ink.press('\u007F\u007F\u007F');
	await ink.press('https://example.com/docs?a=1\r');
	assert.deepEqual(submitted, ['abc', 'https://example.com/docs?a=1']);
	assert.doesNotMatch(ink.frame(), /\u007F/);
	await ink.unmount();
});

const items = [
	{label: 'One', value: 'one'},
	{label: 'Two', value: 'two'},
	{label: 'Three', value: 'three'},
];

test('ink patch + ink-select-input: Down Enter and Down Down Enter in one read pick the item moved to', async () => {
	for (const [chunk, expected] of [
		[`${keys.down}${keys.enter}`, 'two'],
		[`${keys.down}${keys.down}${keys.enter}`, 'three'],
		[`${keys.down}${keys.down}${keys.up}${keys.enter}`, 'two'],
	] as const) {
		const picked: string[] = [];
		const ink = await renderInk(<SelectInput items={items} onSelect={item => picked.push(item.value)} />);
		await ink.press(chunk);
		assert.deepEqual(picked, [expected], JSON.stringify(chunk));
		await ink.unmount();
	}
});

function Screens({onSubmit}: {onSubmit: (value: string) => void}) {
	const [screen, setScreen] = useState<'first' | 'second'>('first');
	return screen === 'first' ? <First next={() => setScreen('second')} /> : <Field onSubmit={onSubmit} />;
}

function First({next}: {next: () => void}) {
	useInput((_input, key) => {
		if (key.return) next();
	});
	return <Text>first</Text>;
}

test('ink patch: a handler that changes screens on the first key of a read lets the new screen handle the rest', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Screens onSubmit={value => submitted.push(value)} />);
	await ink.press('\rtyped on the second screen\r');
	assert.deepEqual(submitted, ['typed on the second screen']);
	await ink.unmount();
});

test('ink-text-input patch: one key typed at the end of the line is one frame (no second commit from the cursor clamp)', async () => {
	const ink = await renderInk(<Field onSubmit={() => {}} />);
	const before = ink.frameCount();
	await ink.type('abcdefghij');
	assert.equal(ink.frameCount() - before, 10);
	await ink.unmount();
});
