// A one-line text input. Unlike ink-text-input it keeps the value and cursor in refs, so keys that arrive in one
// chunk (a paste, a fast typist, "value\r" from a terminal) all act on the newest value (toolchain §6).
import {useEffect, useRef, useState} from 'react';
import {Text, useInput} from 'ink';

export type TextInputProps = {
	value: string;
	onChange: (value: string) => void;
	/** Called with the value as it is now, even when Enter arrived in the same chunk as the text. */
	onSubmit?: (value: string) => void;
	/** Shown in place of each character (secrets). */
	mask?: string;
	focus?: boolean;
	placeholder?: string;
	/** The parent handles a plain Enter itself (a form moving to the next field); a pasted newline still submits. */
	enterHandledByParent?: boolean;
};

export function TextInput(props: TextInputProps) {
	const latest = useRef(props);
	latest.current = props;
	const state = useRef<InputState>({value: props.value, cursor: props.value.length});
	const [, rerender] = useState(0);
	// A value changed from outside (another screen, a reset) replaces what is shown.
	if (props.value !== state.current.value && !pendingOwnChange(state.current, props.value)) {
		state.current = {value: props.value, cursor: props.value.length};
	}
	useEffect(() => {
		state.current.own = undefined;
	});

	useInput(
		(input, key) => {
			if (key.upArrow || key.downArrow || key.tab || key.escape || key.pageUp || key.pageDown || (key.ctrl && input === 'c')) return;
			const current = state.current;
			let {value, cursor} = current;
			let submit = false;
			if (key.return) submit = latest.current.enterHandledByParent !== true;
			else if (key.leftArrow) cursor = Math.max(0, cursor - 1);
			else if (key.rightArrow) cursor = Math.min(value.length, cursor + 1);
			else if (key.home || (key.ctrl && input === 'a')) cursor = 0;
			else if (key.end || (key.ctrl && input === 'e')) cursor = value.length;
			else if (key.backspace || key.delete) {
				if (cursor > 0) {
					value = value.slice(0, cursor - 1) + value.slice(cursor);
					cursor--;
				}
			} else if (key.ctrl && input === 'u') {
				value = value.slice(cursor);
				cursor = 0;
			} else if (!key.ctrl && !key.meta && input) {
				// A pasted chunk may end with (or contain) a newline: insert the text, then submit.
				const newline = input.search(/[\r\n]/);
				const text = (newline === -1 ? input : input.slice(0, newline)).replace(/\t/g, ' ');
				value = value.slice(0, cursor) + text + value.slice(cursor);
				cursor += text.length;
				submit = newline !== -1;
			}
			if (value !== current.value) {
				state.current = {value, cursor, own: value};
				latest.current.onChange(value);
			} else if (cursor !== current.cursor) {
				state.current = {...current, cursor};
			}
			rerender(n => n + 1);
			if (submit) latest.current.onSubmit?.(value);
		},
		{isActive: props.focus !== false},
	);

	const {value, cursor} = state.current;
	const shown = props.mask === undefined ? value : props.mask.repeat(value.length);
	if (props.focus === false) return <Text dimColor={value === ''}>{value === '' ? props.placeholder ?? '' : shown}</Text>;
	if (value === '' && props.placeholder) {
		return (
			<Text>
				<Text inverse> </Text>
				<Text dimColor>{props.placeholder}</Text>
			</Text>
		);
	}
	return (
		<Text>
			{shown.slice(0, cursor)}
			<Text inverse>{shown[cursor] ?? ' '}</Text>
			{shown.slice(cursor + 1)}
		</Text>
	);
}

type InputState = {value: string; cursor: number; own?: string};

/** True while the parent has not yet re-rendered with the value this input just produced. */
function pendingOwnChange(state: InputState, propValue: string): boolean {
	return state.own !== undefined && state.own === state.value && propValue !== state.value;
}
