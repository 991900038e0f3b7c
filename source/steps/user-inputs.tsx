// The user-input editor of the source-spec screen (docs/connection-spec.md#user-inputs): the values users enter when
// they connect (`sourceSpec.spec.properties`). A list (add, edit, remove) and, per input, a form with its name,
// description, type, required flag, default and enum. Every commit autosaves; the findings shown are the model's.
import {useState} from 'react';
import {Box, Text} from 'ink';
import {
	addUserInput,
	changeUserInput,
	formatPath,
	getAt,
	removeUserInput,
	renameUserInput,
	typedEnum,
	typedValue,
	unfinishedText,
	userInputName,
	userInputTypes,
	userInputsOf,
	validateSpec,
	valueText,
	type Finding,
	type UserInput,
} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {Form, type FormField} from '../components/form.js';
import {Menu} from '../components/menu.js';
import {formKeys, menuKeys, quitKey, useKeys} from '../components/use-keys.js';
import {useTerminalSize} from '../components/use-terminal-size.js';

export type UserInputsEditorProps = {
	draft: Draft;
	update: (change: (draft: Draft) => Draft) => void;
	onClose: () => void;
	/** Open on this input's form, focused on `field` (name, description, type, required, default, enum). */
	initial?: {name: string; field?: string};
};

/**
 * The input and field a finding's path points at (`sourceSpec.spec.properties.listId.default` → listId, default;
 * `sourceSpec.spec.required[0]` → the input it names), or undefined when the path is not about one user input.
 */
export function userInputAt(spec: Record<string, unknown>, path: string | undefined): {name: string; field?: string} | undefined {
	if (!path) return undefined;
	const property = /^sourceSpec\.spec\.properties\.([A-Za-z_]\w*)(?:\.(description|type|default|enum))?/.exec(path);
	if (property?.[1] && userInputsOf(spec).some(input => input.name === property[1])) return {name: property[1], ...(property[2] ? {field: property[2]} : {})};
	const required = /^sourceSpec\.spec\.required\[(\d+)\]$/.exec(path);
	const named = required ? getAt(spec, ['sourceSpec', 'spec', 'required', Number(required[1])]) : undefined;
	return typeof named === 'string' && userInputsOf(spec).some(input => input.name === named) ? {name: named, field: 'required'} : undefined;
}

type Spec = Record<string, unknown>;

/** The editor's view: the list, a new input's name, or one input's form. */
type View = {kind: 'list'; highlight?: string} | {kind: 'add'} | {kind: 'edit'; name: string};

export function UserInputsEditor({draft, update, onClose, initial}: UserInputsEditorProps) {
	const [view, setView] = useState<View>(initial ? {kind: 'edit', name: initial.name} : {kind: 'list'});
	const inputs = userInputsOf(draft.spec);
	const changeSpec = (change: (spec: Spec) => Spec) => update(current => ({...current, spec: change(current.spec)}));

	if (view.kind === 'add') {
		return (
			<AddUserInput
				taken={inputs.map(input => input.name)}
				onAdd={name => {
					changeSpec(spec => addUserInput(spec, name));
					setView({kind: 'edit', name});
				}}
				onCancel={() => setView({kind: 'list'})}
			/>
		);
	}
	if (view.kind === 'edit') {
		const input = inputs.find(each => each.name === view.name);
		if (input) {
			return (
				<EditUserInput
					input={input}
					initialField={initial?.name === input.name ? initial.field : undefined}
					spec={draft.spec}
					taken={inputs.map(each => each.name).filter(name => name !== input.name)}
					update={update}
					onRenamed={name => setView({kind: 'edit', name})}
					onDone={() => setView({kind: 'list', highlight: input.name})}
				/>
			);
		}
	}
	return (
		<UserInputList
			key={inputs.map(input => input.name).join('\n')}
			inputs={inputs}
			highlight={view.kind === 'list' ? view.highlight : undefined}
			onEdit={name => setView({kind: 'edit', name})}
			onAdd={() => setView({kind: 'add'})}
			onRemove={name => {
				changeSpec(spec => removeUserInput(spec, name));
				setView({kind: 'list'});
			}}
			onClose={onClose}
		/>
	);
}

/** One line per input: its type, whether it is required, its default and enum. */
export function describeUserInput(input: UserInput): string {
	return [
		input.type,
		input.required ? 'required' : 'optional',
		...(input.default !== undefined ? [`default ${JSON.stringify(input.default)}`] : []),
		...(input.enum ? [`one of ${input.enum.map(each => JSON.stringify(each)).join(', ')}`] : []),
	].join(' · ');
}

type ListProps = {
	inputs: UserInput[];
	highlight?: string;
	onEdit: (name: string) => void;
	onAdd: () => void;
	onRemove: (name: string) => void;
	onClose: () => void;
};

const addItem = '\u0000add';
const doneItem = '\u0000done';

function UserInputList({inputs, highlight, onEdit, onAdd, onRemove, onClose}: ListProps) {
	const {rows} = useTerminalSize();
	const [highlighted, setHighlighted] = useState<string | undefined>(highlight ?? inputs[0]?.name ?? addItem);
	const [removing, setRemoving] = useState<string>();
	const removable = highlighted !== undefined && !highlighted.startsWith('\u0000');
	const asking = removing !== undefined;
	const footer = useKeys([
		...menuKeys('edit / add', !asking),
		{keys: ['d', 'delete'], label: 'remove', when: !asking && removable, action: () => setRemoving(highlighted)},
		{keys: 'escape', label: 'back to the form', when: !asking, action: onClose},
		{keys: 'y', label: 'remove it', when: asking, action: () => removing !== undefined && onRemove(removing)},
		{keys: ['n', 'escape'], label: 'keep it', when: asking, action: () => setRemoving(undefined)},
		quitKey(),
	]);
	const items = [
		...inputs.map(input => ({label: input.name, value: input.name, hint: describeUserInput(input)})),
		{label: '+ Add a user input', value: addItem},
		{label: 'Done', value: doneItem},
	];
	const initialIndex = Math.max(
		0,
		items.findIndex(item => item.value === highlight),
	);
	return (
		<Box flexDirection="column">
			<Text bold>User inputs — what users enter when they connect (sourceSpec.spec)</Text>
			<Text dimColor wrap="truncate">
				{inputs.length === 0
					? 'None yet: add one for each value the request needs from the user, then use it as ${name}.'
					: 'Use each one as ${name} in the request.'}
			</Text>
			<Menu
				items={items}
				initialIndex={initialIndex}
				focus={removing === undefined}
				limit={rows === undefined ? undefined : Math.max(3, rows - 8)}
				onHighlight={item => setHighlighted(item.value)}
				onSelect={item => {
					if (item.value === addItem) onAdd();
					else if (item.value === doneItem) onClose();
					else onEdit(item.value);
				}}
			/>
			{removing !== undefined && <Text color="yellow">{`Remove the user input “${removing}”? y removes it, n keeps it.`}</Text>}
			{footer}
		</Box>
	);
}

/** Why typed text cannot be a new input's name (raw text the model never sees), or undefined. */
function nameProblem(name: string, taken: string[]): string | undefined {
	if (name.trim() === '') return 'Give the input a name.';
	if (!userInputName.test(name.trim())) return 'A name is letters, digits and _, not starting with a digit (it is used as ${name}).';
	if (taken.includes(name.trim())) return `“${name.trim()}” is already an input.`;
	return undefined;
}

function AddUserInput({taken, onAdd, onCancel}: {taken: string[]; onAdd: (name: string) => void; onCancel: () => void}) {
	const footer = useKeys([...formKeys({enter: 'add', back: 'cancel'}), quitKey()]);
	return (
		<Box flexDirection="column">
			<Text bold>New user input</Text>
			<Form
				fields={[{name: 'name', label: 'Name', help: 'Used as ${name} in the request, e.g. listId.', validate: value => nameProblem(value, taken)}]}
				values={{}}
				onCommit={(_, value) => {
					if (nameProblem(value, taken) === undefined) onAdd(value.trim());
				}}
				onDone={values => {
					const name = values['name'] ?? '';
					if (nameProblem(name, taken) === undefined) onAdd(name.trim());
				}}
				onBack={onCancel}
				doneLabel="Add"
			/>
			{footer}
		</Box>
	);
}

type EditProps = {
	input: UserInput;
	initialField?: string | undefined;
	spec: Spec;
	taken: string[];
	update: (change: (draft: Draft) => Draft) => void;
	onRenamed: (name: string) => void;
	onDone: () => void;
};

/** The spec with one typed field of an input applied (what a commit saves; what the model checks as you type). */
function applyInputField(spec: Spec, input: UserInput, field: string, value: string): Spec {
	switch (field) {
		case 'description':
			// The stub is shown as the empty field's placeholder: empty text leaves it (and the model's flag) in place.
			return value === '' && unfinishedText(input.description) ? spec : changeUserInput(spec, input.name, {description: value});
		case 'type': {
			// Typed values follow the type: "5" becomes 5 for an integer, and back.
			const next = changeUserInput(spec, input.name, {type: value});
			return changeUserInput(next, input.name, {
				default: typedValue(value, valueText(input.default)),
				enum: typedEnum(value, (input.enum ?? []).map(valueText).join(', ')),
			});
		}
		case 'required':
			return changeUserInput(spec, input.name, {required: value === 'yes'});
		case 'default':
			return changeUserInput(spec, input.name, {default: typedValue(input.type, value)});
		case 'enum':
			return changeUserInput(spec, input.name, {enum: typedEnum(input.type, value)});
		default:
			return spec;
	}
}

function EditUserInput({input, initialField, spec, taken, update, onRenamed, onDone}: EditProps) {
	const where = formatPath(['sourceSpec', 'spec', 'properties', input.name]);
	// The model's findings about this input with one field's typed value applied; the first error or warning at `key`.
	const modelSays = (field: string, key: string) => {
		let last: {value: string; found: Finding[]} | undefined;
		const found = (value: string) => {
			if (last?.value !== value) {
				const result = validateSpec(applyInputField(spec, input, field, value));
				const at = `${where}.${key}`;
				const all = [...result.errors, ...result.warnings, ...result.unfinished];
				last = {value, found: all.filter(item => item.path === at || item.path.startsWith(`${at}[`))};
			}
			return last.found;
		};
		return {
			validate: (value: string) => found(value).find(item => item.severity === 'error')?.message,
			note: (value: string) => {
				// A stub description (unfinished text, docs/connection-spec.md#unfinished-text) is said here too: its field shows it empty.
				const warning = found(value).find(item => item.severity === 'warning' || item.severity === 'unfinished');
				return warning ? `⚠ ${warning.message}` : undefined;
			},
		};
	};
	const footer = useKeys([...formKeys({enter: 'save field', choice: 'choice', back: 'back to the list'}), quitKey()]);
	const typeNote = input.type === 'string' ? '' : ` (${input.type}: typed values are saved as ${input.type === 'boolean' ? 'true/false' : 'numbers'})`;
	const fields: FormField[] = [
		{
			name: 'name',
			label: 'Name',
			help: 'Renaming also renames its ${name} uses in the request.',
			validate: value => (value === input.name ? undefined : nameProblem(value, taken)),
		},
		{
			name: 'description',
			label: 'Description',
			placeholder: unfinishedText(input.description) ? input.description : 'What users enter here, in one sentence.',
			help: 'Shown to users when they connect.',
			...modelSays('description', 'description'),
		},
		{name: 'type', label: 'Type', kind: 'choice', choices: userInputTypes.map(type => ({label: type, value: type}))},
		{
			name: 'required',
			label: 'Required',
			kind: 'choice',
			choices: [
				{label: 'yes', value: 'yes'},
				{label: 'no', value: 'no'},
			],
		},
		{name: 'default', label: 'Default', help: `Value used when the user gives none; empty for none${typeNote}.`, ...modelSays('default', 'default')},
		{name: 'enum', label: 'Allowed values', help: `Comma-separated; empty allows any value${typeNote}.`, ...modelSays('enum', 'enum')},
	];
	const values: Record<string, string> = {
		name: input.name,
		description: unfinishedText(input.description) ? '' : input.description,
		type: input.type,
		required: input.required ? 'yes' : 'no',
		default: valueText(input.default),
		enum: (input.enum ?? []).map(valueText).join(', '),
	};
	const commit = (field: string, value: string) => {
		if (field === 'name') {
			const to = value.trim();
			if (to === input.name || nameProblem(to, taken) !== undefined) return;
			update(current => {
				const {[input.name]: kept, ...others} = current.test.sourceParams;
				const sourceParams = kept === undefined ? others : {...others, [to]: kept};
				return {...current, spec: renameUserInput(current.spec, input.name, to), test: {...current.test, sourceParams}};
			});
			return onRenamed(to);
		}
		update(current => ({...current, spec: applyInputField(current.spec, input, field, value)}));
	};
	return (
		<Box flexDirection="column">
			<Text bold>{`User input “${input.name}” (sourceSpec.spec.properties.${input.name})`}</Text>
			<Form fields={fields} values={values} onCommit={commit} onDone={onDone} onBack={onDone} doneLabel="Done" initialField={initialField} />
			{footer}
		</Box>
	);
}
