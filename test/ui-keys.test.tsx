// One key table per screen (source/components/use-keys.tsx): the keys the footer shows are the keys that work, a
// hidden alias works without being shown, a binding that is off is neither, and keys arriving in one read each reach
// the table of the render before them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {Menu} from '../source/components/menu.js';
import {footerHints, footerRows, keyLabel, menuKeys, useKeys, type KeyBinding} from '../source/components/use-keys.js';
import {keys, renderInk} from './helpers/ink.js';
import {renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

function Counter({log}: {log: string[]}) {
	const [count, setCount] = useState(0);
	const [open, setOpen] = useState(false);
	const footer = useKeys([
		{keys: ['up', 'k'], label: 'more', action: () => setCount(n => n + 1)},
		{keys: 'ctrl+r', label: 'reset', action: () => setCount(0)},
		{keys: 'tab', label: 'open', action: () => setOpen(true), when: !open},
		{keys: 'tab', label: 'close', action: () => setOpen(false), when: open},
		// A hidden alias of "more": works, not shown.
		{keys: '+', action: () => setCount(n => n + 1)},
		{keys: 'escape', label: 'back', action: () => log.push(`back at ${count}`)},
	]);
	return (
		<Box flexDirection="column">
			<Text>{`count ${count} ${open ? 'open' : 'closed'}`}</Text>
			{footer}
		</Box>
	);
}

function Table({bindings, isActive}: {bindings: KeyBinding[]; isActive?: boolean}) {
	return useKeys(bindings, {isActive});
}

function MenuScreen({onPick, onEnter}: {onPick: (value: string) => void; onEnter: () => void}) {
	const footer = useKeys([...menuKeys('pick'), {keys: 'x', label: 'cross', action: onEnter}]);
	return (
		<Box flexDirection="column">
			<Menu
				items={[
					{label: 'One', value: 'one'},
					{label: 'Two', value: 'two'},
				]}
				onSelect={item => onPick(item.value)}
			/>
			{footer}
		</Box>
	);
}

test('useKeys: the footer lists the shown keys by name and each one works', async () => {
	const log: string[] = [];
	const ink = await renderInk(<Counter log={log} />);
	assert.match(ink.frame(), /↑\/k more/);
	assert.match(ink.frame(), /Ctrl-R reset/);
	assert.match(ink.frame(), /Tab open/);
	assert.match(ink.frame(), /Esc back/);
	await ink.press(keys.up);
	await ink.press('k');
	assert.match(ink.frame(), /count 2/);
	await ink.press('\u0012'); // Ctrl-R
	assert.match(ink.frame(), /count 0/);
	await ink.press(keys.escape);
	assert.deepEqual(log, ['back at 0']);
	await ink.unmount();
});

test('useKeys: a hidden alias works but is not shown; a binding that is off is neither shown nor handled', async () => {
	const ink = await renderInk(<Counter log={[]} />);
	await ink.press('+');
	assert.match(ink.frame(), /count 1/);
	assert.doesNotMatch(ink.frame(), /\+/, 'the alias is not in the footer');
	assert.doesNotMatch(ink.frame(), /Tab close/);
	await ink.press(keys.tab);
	assert.match(ink.frame(), /count 1 open/);
	assert.match(ink.frame(), /Tab close/);
	assert.doesNotMatch(ink.frame(), /Tab open/, 'the "open" binding is off while open');
	await ink.press(keys.tab);
	assert.match(ink.frame(), /count 1 closed/);
	await ink.unmount();
});

test('useKeys: keys in one read each reach the table the previous key produced', async () => {
	const ink = await renderInk(<Counter log={[]} />);
	// Tab opens; the second Tab of the same read must reach the table where Tab closes, the third opens again.
	await ink.press(`${keys.tab}${keys.tab}${keys.tab}`);
	assert.match(ink.frame(), /count 0 open/);
	await ink.press(`${keys.up}${keys.up}\u0012${keys.up}${keys.tab}`);
	assert.match(ink.frame(), /count 1 closed/);
	await ink.unmount();
});

test('useKeys: letters arriving as one run ("kk+") each fire, unless a binding takes the run whole', async () => {
	const ink = await renderInk(<Counter log={[]} />);
	await ink.press('kk+');
	assert.match(ink.frame(), /count 3 closed/);
	await ink.press('kx');
	assert.match(ink.frame(), /count 4 closed/, 'a letter no binding takes is passed over');
	await ink.unmount();
});

test('useKeys: a plain letter does not fire for Ctrl+letter, and Ctrl+letter does not fire for the letter', async () => {
	const fired: string[] = [];
	const ink = await renderInk(
		<Table
			bindings={[
				{keys: 'r', label: 'refresh', action: () => fired.push('r')},
				{keys: 'ctrl+t', label: 'test values', action: () => fired.push('ctrl+t')},
			]}
		/>,
	);
	await ink.press('\u0012'); // Ctrl-R
	await ink.press('t');
	assert.deepEqual(fired, []);
	await ink.press('r');
	await ink.press('\u0014'); // Ctrl-T
	assert.deepEqual(fired, ['r', 'ctrl+t']);
	await ink.unmount();
});

test('useKeys: inactive, the table handles nothing', async () => {
	const fired: string[] = [];
	const ink = await renderInk(<Table bindings={[{keys: 'escape', label: 'back', action: () => fired.push('esc')}]} isActive={false} />);
	await ink.press(keys.escape);
	assert.deepEqual(fired, []);
	await ink.unmount();
});

test("useKeys: keys a widget handles are shown and left to the widget; the screen's own keys still work beside it", async () => {
	const picked: string[] = [];
	const fired: string[] = [];
	const ink = await renderInk(<MenuScreen onPick={value => picked.push(value)} onEnter={() => fired.push('x')} />);
	assert.match(ink.frame(), /↑\/↓ move {2}· {2}Enter pick/);
	await ink.press(`${keys.down}${keys.enter}`);
	assert.deepEqual(picked, ['two']);
	assert.deepEqual(fired, []);
	await ink.press('x');
	assert.deepEqual(fired, ['x']);
	await ink.unmount();
});

test('key names: shown as the terminal user knows them; an unknown name is refused', () => {
	assert.equal(keyLabel('escape'), 'Esc');
	assert.equal(keyLabel('return'), 'Enter');
	assert.equal(keyLabel('ctrl+e'), 'Ctrl-E');
	assert.equal(keyLabel('pagedown'), 'PgDn');
	assert.equal(keyLabel('s'), 's');
	assert.throws(() => keyLabel('ctrl-e'), /Unknown key name "ctrl-e"/);
	assert.throws(() => keyLabel('enter'), /Unknown key name/);
	const table: KeyBinding[] = [
		{keys: ['pageup', 'pagedown'], label: 'page', action: () => {}},
		{keys: 'x', label: 'remove', action: () => {}, when: false},
		{keys: 'y', action: () => {}},
	];
	assert.deepEqual(footerHints(table), [['PgUp/PgDn', 'page']]);
	// A key in two live bindings: the second would never run, so the table is refused; one that is off is fine.
	assert.throws(() => footerHints([...menuKeys(), {keys: 'return', label: 'open', action: () => {}}]), /"Enter" is bound twice/);
	assert.doesNotThrow(() => footerHints([...menuKeys(), {keys: 'return', label: 'open', action: () => {}, when: false}]));
});

test('draft list: Esc goes back, ↑/↓ and Enter open the draft, as its footer says', async () => {
	const services = testServices();
	seedDraft(services, {step: 'review'});
	const ink = await renderWizard({services});
	await ink.press(keys.down);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Resume a draft/);
	assert.match(ink.frame(), /↑\/↓ move {2}· {2}Enter open {2}· {2}Esc back/);
	await ink.press(keys.escape);
	assert.match(ink.frame(), /1 draft saved in/, 'back on Home');
	await ink.press(`${keys.down}${keys.down}${keys.enter}`);
	assert.match(ink.frame(), /Resume a draft/);
	await ink.press(keys.enter);
	await ink.waitFor(frame => /Review —/.test(frame));
	await ink.cleanup();
});

test('profiles: "x remove profile" is shown only on a profile that can be removed, and removes it', async () => {
	const services = testServices();
	services.profiles.save(
		{name: 'acme-prod', kind: 'adobe', orgId: `${'a'.repeat(24)}@AdobeOrg`, clientId: 'client-1', scopes: 'openid', sandboxName: 'prod'},
		'secret-value-1234',
	);
	const ink = await renderWizard({command: 'profiles', services});
	assert.match(ink.frame(), /❯ local/);
	assert.doesNotMatch(ink.frame(), /x remove profile/, 'the built-in local profile cannot be removed');
	await ink.press('x');
	assert.equal(services.profiles.list().length, 2);
	await ink.press(keys.down);
	assert.match(ink.frame(), /❯ acme-prod/);
	assert.match(ink.frame(), /x remove profile/);
	await ink.press('x');
	assert.deepEqual(
		services.profiles.list().map(profile => profile.name),
		['local'],
	);
	assert.doesNotMatch(ink.frame(), /acme-prod/);
	assert.doesNotMatch(ink.frame(), /x remove profile/, 'back on local, nothing to remove');
	await ink.press(keys.down);
	assert.match(ink.frame(), /❯ \+ Add an Adobe profile/);
	assert.doesNotMatch(ink.frame(), /x remove profile/);
	await ink.cleanup();
});

test('create: Enter and r are offered only when they work', async () => {
	const services = testServices();
	seedDraft(services, {step: 'create'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /Enter create & register {2}· {2}Esc back/);
	assert.doesNotMatch(ink.frame(), /r retry|r run again/);
	await ink.press('r');
	assert.doesNotMatch(ink.frame(), /POST \/connectionSpecs.*✔/, '"r" is not a key here yet');
	await ink.press(keys.enter);
	await ink.waitFor(frame => /Connection spec created/.test(frame), 30_000);
	assert.match(ink.frame(), /Enter continue to the end-to-end check {2}· {2}r run again {2}· {2}Esc back/);
	await ink.cleanup();
});

test('footer rows: hints are counted whole, as the footer packs them (footerLines), with the top margin', () => {
	const table: KeyBinding[] = [
		{keys: 'return', label: 'create the draft', action: () => {}},
		{keys: 's', label: 'send the request once and suggest from its response', action: () => {}},
		{keys: 'escape', label: 'back', action: () => {}},
	];
	// "Enter create the draft  ·  s send the request once and suggest from its response" is 80 columns.
	assert.equal(footerRows(table, 80), 3, 'margin + two lines at 80 columns');
	assert.equal(footerRows(table, 100), 2, 'margin + one line at 100 columns');
});
