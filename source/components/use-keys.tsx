// One key table per screen: the same list registers the input handler (through Ink's useInput) and draws the footer,
// so a shown key always works and a working key is always shown. A binding without a label is hidden (an alias of a
// shown key, e.g. the line feed a paste ends with); a binding a widget handles (the menu's ↑/↓, the form's Tab) is
// declared with `by` instead of an action, so the footer still tells the truth about the whole screen.
import type {ReactElement} from 'react';
import {type Key, useInput} from 'ink';
import {footerLines, KeyFooter, type KeyHint} from './key-footer.js';

/**
 * A key, by name: `escape`, `return`, `linefeed` (a pasted "\n"), `space`, `tab`, `shift+tab`, `up`, `down`, `left`, `right`,
 * `pageup`, `pagedown`, `home`, `end`, `backspace`, `delete`, `ctrl+<letter>`, or one printable character (`s`, `?`).
 */
export type KeyName = string;

/** Who handles a key this screen only declares: a widget on it, or the wizard around it (Ctrl-C). */
export type KeyOwner = 'menu' | 'form' | 'text input' | 'list' | 'wizard';

type BindingBase = {
	/** The keys that trigger the binding; the footer shows their names joined with "/" (e.g. "↑/↓"). */
	keys: KeyName | KeyName[];
	/** What the footer says the keys do; without it the binding works but is not shown (an alias). */
	label?: string;
	/** False: the binding is neither handled nor shown (e.g. "retry" only after a failure). Default true. */
	when?: boolean;
};

export type KeyBinding = BindingBase &
	(
		| {
				/** Runs for a matching key; the first matching binding wins and the key goes no further. */
				action: (input: string, key: Key) => void;
				by?: never;
		  }
		| {action?: never; by: KeyOwner}
	);

const named: Record<string, {show: string; test: (input: string, key: Key) => boolean}> = {
	escape: {show: 'Esc', test: (_input, key) => key.escape},
	return: {show: 'Enter', test: (_input, key) => key.return},
	linefeed: {show: 'Ctrl-J', test: input => input === '\n'},
	space: {show: 'Space', test: (input, key) => input === ' ' && !key.ctrl && !key.meta},
	tab: {show: 'Tab', test: (_input, key) => key.tab && !key.shift},
	'shift+tab': {show: 'Shift-Tab', test: (_input, key) => key.tab && key.shift},
	up: {show: '↑', test: (_input, key) => key.upArrow},
	down: {show: '↓', test: (_input, key) => key.downArrow},
	left: {show: '←', test: (_input, key) => key.leftArrow},
	right: {show: '→', test: (_input, key) => key.rightArrow},
	pageup: {show: 'PgUp', test: (_input, key) => key.pageUp},
	pagedown: {show: 'PgDn', test: (_input, key) => key.pageDown},
	home: {show: 'Home', test: (_input, key) => key.home},
	end: {show: 'End', test: (_input, key) => key.end},
	backspace: {show: 'Backspace', test: (_input, key) => key.backspace},
	delete: {show: 'Delete', test: (_input, key) => key.delete},
};

/** How a key name is written in the footer ("ctrl+r" → "Ctrl-R", "escape" → "Esc"). Throws on a name it does not know. */
export function keyLabel(name: KeyName): string {
	const known = named[name];
	if (known) return known.show;
	const ctrl = /^ctrl\+([a-z])$/.exec(name);
	if (ctrl) return `Ctrl-${ctrl[1]!.toUpperCase()}`;
	if ([...name].length === 1 && name.trim() !== '') return name;
	throw new Error(`Unknown key name "${name}" in a key table (see source/components/use-keys.tsx).`);
}

/** True when Ink's (input, key) for one keystroke is the named key. */
export function keyMatches(name: KeyName, input: string, key: Key): boolean {
	const known = named[name];
	if (known) return known.test(input, key);
	const ctrl = /^ctrl\+([a-z])$/.exec(name);
	if (ctrl) return key.ctrl && input === ctrl[1];
	return input === name && !key.ctrl && !key.meta;
}

const keysOf = (binding: KeyBinding): KeyName[] => (Array.isArray(binding.keys) ? binding.keys : [binding.keys]);
const live = (bindings: KeyBinding[]) => bindings.filter(binding => binding.when !== false);

/**
 * The footer's [keys, label] pairs of the live, labelled bindings, in the table's order. Throws when a key is in two
 * live bindings: the second could never fire, so a shown key would not work.
 */
export function footerHints(bindings: KeyBinding[]): KeyHint[] {
	const seen = new Set<string>();
	for (const name of live(bindings).flatMap(keysOf)) {
		if (seen.has(name)) throw new Error(`The key "${keyLabel(name)}" is bound twice in one key table; only the first binding would ever run.`);
		seen.add(name);
	}
	return live(bindings).flatMap(binding => (binding.label === undefined ? [] : [[keysOf(binding).map(keyLabel).join('/'), binding.label] as KeyHint]));
}

/** Rows the footer of `bindings` takes at `columns` (its top margin included), to budget a screen that must fit. */
export function footerRows(bindings: KeyBinding[], columns: number): number {
	const hints = footerHints(bindings);
	return 1 + footerLines(hints, columns).length;
}

/**
 * Runs the action of the first live binding whose keys match; returns whether a binding claimed the key. Letters
 * typed faster than a frame arrive as one input ("ww"): when no binding takes the run whole, each character is
 * dispatched in turn (with the same table, so an action that toggles must use a functional update).
 */
export function dispatchKey(bindings: KeyBinding[], input: string, key: Key): boolean {
	for (const binding of live(bindings)) {
		if (!keysOf(binding).some(name => keyMatches(name, input, key))) continue;
		binding.action?.(input, key);
		return true;
	}
	const characters = [...input];
	if (characters.length < 2 || key.ctrl || key.meta || characters.some(character => character.trim() === '')) return false;
	return characters.map(character => dispatchKey(bindings, character, key)).some(Boolean);
}

/**
 * Registers the screen's key table with Ink's useInput (active while `isActive`, default true) and returns the
 * footer drawn from the same table. Call it once per screen (or once per mode, with `isActive`), on every render:
 * the latest table handles the next key. Unknown key names throw on the first render (a typo never ships).
 */
export function useKeys(bindings: KeyBinding[], options: {isActive?: boolean} = {}): ReactElement {
	const hints = footerHints(bindings);
	useInput(
		(input, key) => {
			dispatchKey(bindings, input, key);
		},
		{isActive: options.isActive !== false},
	);
	return <KeyFooter keys={hints} />;
}

/** The keys the shared Menu (ink-select-input) handles, as a screen declares them: ↑/↓ move, Enter `choose`. */
export function menuKeys(choose = 'choose', when = true): KeyBinding[] {
	return [
		{keys: ['up', 'down'], label: 'move', by: 'menu', when},
		{keys: 'return', label: choose, by: 'menu', when},
		// ink-select-input's own aliases: k/j move, a digit chooses the item at that position.
		{keys: ['k', 'j', '1', '2', '3', '4', '5', '6', '7', '8', '9'], by: 'menu', when},
	];
}

/**
 * The keys the shared Form handles: ↑/↓/Tab between fields (Shift-Tab back, hidden), Enter `enter`, ←/→ `choice`
 * when the form has a choice field, Ctrl-U clears the field, Esc `back`.
 */
export function formKeys({
	enter = 'next',
	choice,
	back = 'back',
	when = true,
	focusedKind,
}: {
	enter?: string;
	choice?: string;
	back?: string;
	when?: boolean;
	/** The focused field's kind (Form's onFocusField): ←/→ are shown on a choice, Ctrl-U (clear) on a text field. Unknown: both. */
	focusedKind?: 'text' | 'secret' | 'choice' | 'action';
} = {}): KeyBinding[] {
	const showChoice = choice !== undefined && (focusedKind === undefined || focusedKind === 'choice');
	const showClear = focusedKind === undefined || focusedKind === 'text' || focusedKind === 'secret';
	return [
		{keys: ['up', 'down', 'tab'], label: 'field', by: 'form', when},
		{keys: 'shift+tab', by: 'form', when},
		{keys: 'return', label: enter, by: 'form', when},
		{keys: ['left', 'right'], label: choice, by: 'form', when: when && showChoice},
		{keys: 'ctrl+u', label: 'clear', by: 'form', when: when && showClear},
		{keys: 'escape', label: back, by: 'form', when},
	];
}

/** Ctrl-C, handled by the wizard around every screen (it saves the draft, then quits). */
export const quitKey = (label = 'save & quit'): KeyBinding => ({keys: 'ctrl+c', label, by: 'wizard'});
