// One auth spec (docs/connection-spec.md#authspec): its name and its properties — what users enter when they connect.
// The list shows each property with its type, flags and description (as a description, not as a value); Enter edits
// one, `a` adds one, `d` removes one (and its name from `required`). Every row and field shows the connection-spec
// model's findings at its path, with the model's severity (source/steps/model-findings.ts); the screen itself
// checks only a typed property name (empty, or used twice).
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {formatPath, validateSpec, type Finding} from '../connection-spec/index.js';
import {authTypeDocs, helpFor, type AuthTypeName} from '../connection-spec/auth-types.js';
import {Form, type FormField} from '../components/form.js';
import {formKeys, menuKeys, useKeys} from '../components/use-keys.js';
import {Menu, type MenuItem} from '../components/menu.js';
import {TextPrompt} from '../components/text-prompt.js';
import {rowsOf, useTerminalSize} from '../components/use-terminal-size.js';
import {fieldForPath} from '../wizard/wizard-context.js';
import {setIn} from '../connection-spec/spec-paths.js';
import {checkedByModel, pathWithin} from './model-findings.js';
import {
	addProperty,
	describeProperty,
	headerOf,
	isSecret,
	propertiesOf,
	propertyNameProblem,
	propertyTypes,
	removeProperty,
	renameProperty,
	requiredOf,
	sendsHeader,
	setDescription,
	setHeader,
	setRequired,
	setSecret,
	setType,
	undeclaredRequired,
	type AuthEntry,
} from '../connection-spec/auth-properties.js';

type View =
	| {kind: 'list'; highlight?: string}
	| {kind: 'name'}
	| {kind: 'property'; name: string; field?: string}
	| {kind: 'add'}
	| {kind: 'remove'; name: string};

export type AuthEntryScreenProps = {
	/** The whole connection spec (findings are the model's for the spec with this entry's edits). */
	spec: Record<string, unknown>;
	/** The entry's index in authSpec. */
	index: number;
	entry: AuthEntry;
	/** "2 of 3". */
	position: string;
	/** Changes this entry of the current draft (and saves it). */
	change: (edit: (entry: AuthEntry) => AuthEntry) => void;
	onDone: () => void;
	onBack: () => void;
	/** A property was renamed (its test value follows it). */
	onPropertyRenamed?: (from: string, to: string) => void;
	/** A Review finding's JSON path inside this entry: opens the field that edits it. */
	focusPath?: string;
};

const yesNo = [
	{label: 'no', value: 'no'},
	{label: 'yes', value: 'yes'},
];

/** The view (and field) that edits `focusPath`, by the longest path prefix (wizard-context fieldForPath). */
export function viewForPath(entry: AuthEntry, index: number, focusPath: string | undefined): View {
	const at = (...path: (string | number)[]) => formatPath(['authSpec', index, ...path]);
	const targets: {name: string; path: string; view: View}[] = [
		{name: 'entry', path: at(), view: {kind: 'list'}},
		{name: 'name', path: at('name'), view: {kind: 'name'}},
		{name: 'add', path: at('spec', 'properties'), view: {kind: 'list', highlight: 'add'}},
	];
	for (const name of Object.keys(propertiesOf(entry))) {
		const property = (field?: string) => ({kind: 'property', name, ...(field ? {field} : {})}) as View;
		targets.push(
			{name: `p:${name}`, path: at('spec', 'properties', name), view: property()},
			{name: `p:${name}:description`, path: at('spec', 'properties', name, 'description'), view: property('description')},
			{name: `p:${name}:type`, path: at('spec', 'properties', name, 'type'), view: property('type')},
			{name: `p:${name}:format`, path: at('spec', 'properties', name, 'format'), view: property('secret')},
			{name: `p:${name}:header`, path: at('spec', 'properties', name, 'restAttributes'), view: property('header')},
		);
	}
	requiredOf(entry).forEach((name, position) => {
		const declared = Object.hasOwn(propertiesOf(entry), name);
		targets.push({
			name: `r:${position}`,
			path: at('spec', 'required', position),
			view: declared ? {kind: 'property', name, field: 'required'} : {kind: 'list', highlight: `undeclared:${name}`},
		});
	});
	const found = fieldForPath(focusPath, targets);
	return targets.find(target => target.name === found)?.view ?? {kind: 'list'};
}

export function AuthEntryScreen({spec, index, entry, position, change, onDone, onBack, onPropertyRenamed, focusPath}: AuthEntryScreenProps) {
	const [view, setView] = useState<View>(() => viewForPath(entry, index, focusPath));
	const [highlight, setHighlight] = useState(view.kind === 'list' ? view.highlight : undefined);
	const [message, setMessage] = useState<string>();
	/** Back to the list, with the row to highlight. */
	const toList = (row?: string) => {
		if (row !== undefined) setHighlight(row);
		setView({kind: 'list'});
	};
	const type = String(entry.type ?? '');
	const title = `Auth spec ${position}: ${authTypeDocs[type as AuthTypeName]?.title ?? type}`;
	const base = formatPath(['authSpec', index]);
	const findings = useMemo(() => {
		const result = validateSpec(spec);
		return [...result.errors, ...result.warnings].filter(item => pathWithin(item.path, base, true));
	}, [spec, base]);
	/** The spec with an edited entry: what the model checks while a field is typed. */
	const specWith = (edit: (entry: AuthEntry) => AuthEntry) => setIn(spec, ['authSpec', index], edit(entry));

	if (view.kind === 'name') {
		return <NameEditor title={title} base={base} entry={entry} specWith={specWith} change={change} onClose={() => toList('name')} />;
	}

	if (view.kind === 'property' && Object.hasOwn(propertiesOf(entry), view.name)) {
		return (
			<PropertyEditor
				title={title}
				index={index}
				entry={entry}
				name={view.name}
				initialField={view.field}
				specWith={specWith}
				change={change}
				onRenamed={name => {
					onPropertyRenamed?.(view.name, name);
					setView({kind: 'property', name, field: 'name'});
				}}
				onClose={() => toList(`property:${view.name}`)}
			/>
		);
	}

	return (
		<PropertyList
			title={title}
			index={index}
			entry={entry}
			findings={findings}
			view={view}
			highlight={highlight}
			setHighlight={setHighlight}
			message={message}
			setMessage={setMessage}
			setView={setView}
			change={change}
			onDone={onDone}
			onBack={onBack}
		/>
	);
}

function NameEditor({
	title,
	base,
	entry,
	specWith,
	change,
	onClose,
}: {
	title: string;
	base: string;
	entry: AuthEntry;
	specWith: (edit: (entry: AuthEntry) => AuthEntry) => unknown;
	change: AuthEntryScreenProps['change'];
	onClose: () => void;
}) {
	const footer = useKeys(formKeys({enter: 'save field', back: 'back to the properties'}));
	const field = checkedByModel(
		{name: 'name', label: 'Auth spec name', help: 'Display name; a base connection passes it as auth.specName.'},
		{where: `${base}.name`, apply: value => specWith(current => ({...current, name: value.trim()}))},
	);
	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			<Form
				fields={[field]}
				values={{name: String(entry.name ?? '')}}
				onCommit={(_, value) => change(current => ({...current, name: value.trim()}))}
				onDone={onClose}
				onBack={onClose}
				doneLabel="Back to the properties"
			/>
			{footer}
		</Box>
	);
}

function findingLine(item: Finding | undefined): MenuItem['detail'] {
	if (!item) return undefined;
	return item.severity === 'error' ? {text: `✖ ${item.message}`, color: 'red'} : {text: `⚠ ${item.message}`, color: 'yellow'};
}

/** Errors before warnings: the first one is what a row shows. */
function firstOf(findings: Finding[]): Finding | undefined {
	return findings.find(item => item.severity === 'error') ?? findings[0];
}

function PropertyList({
	title,
	index,
	entry,
	findings,
	view,
	highlight,
	setHighlight,
	message,
	setMessage,
	setView,
	change,
	onDone,
	onBack,
}: {
	title: string;
	index: number;
	entry: AuthEntry;
	findings: Finding[];
	view: View;
	highlight: string | undefined;
	setHighlight: (row: string | undefined) => void;
	message: string | undefined;
	setMessage: (message: string | undefined) => void;
	setView: (view: View) => void;
	change: AuthEntryScreenProps['change'];
	onDone: () => void;
	onBack: () => void;
}) {
	const names = Object.keys(propertiesOf(entry));
	const required = requiredOf(entry);
	const base = formatPath(['authSpec', index]);
	const undeclared = undeclaredRequired(entry);
	const width = Math.max(4, ...names.map(name => name.length), ...undeclared.map(name => name.length));
	const shown = new Set<Finding>();
	const take = (match: (item: Finding) => boolean) => {
		const mine = findings.filter(item => !shown.has(item) && match(item));
		for (const item of mine) shown.add(item);
		return findingLine(firstOf(mine));
	};
	const requiredPath = (name: string) => {
		const position = required.indexOf(name);
		return position === -1 ? undefined : `${base}.spec.required[${position}]`;
	};
	const items: MenuItem[] = [
		{label: `Name: ${String(entry.name ?? '') || '(none)'}`, value: 'name', detail: take(item => item.path === `${base}.name`)},
		...names.map(name => {
			const own = formatPath(['authSpec', index, 'spec', 'properties', name]);
			return {
				label: name.padEnd(width),
				value: `property:${name}`,
				hint: describeProperty(entry, name),
				detail: take(item => pathWithin(item.path, own, true) || item.path === requiredPath(name)),
			};
		}),
		...undeclared.map(name => ({
			label: name.padEnd(width),
			value: `undeclared:${name}`,
			hint: 'in required, not declared — Enter declares it, d takes it out of required',
			detail: take(item => item.path === requiredPath(name)),
		})),
		{label: '+ Add a property', value: 'add'},
		{label: '[ Continue ]', value: 'continue'},
	];
	// Findings about the entry as a whole (a credential the type needs and nobody declares, the schema's shape).
	const rest = findings.filter(item => !shown.has(item));
	const highlighted = items.findIndex(item => item.value === highlight);
	// From 80×24 up the list scrolls (↑/↓) when its rows do not fit beside the title, the notes and the footer.
	const {columns, rows} = useTerminalSize();
	const heights = items.map(item => rowsOf(`${item.label}  ${item.hint ?? ''}`, columns - 2) + (item.detail ? rowsOf(item.detail.text, columns - 4) : 0));
	const around =
		9 +
		rest.reduce((sum, item) => sum + rowsOf(`✖ ${item.message}`, columns), 0) +
		(view.kind === 'add' ? 5 : 0) +
		(view.kind === 'remove' ? 2 : 0) +
		(message ? rowsOf(message, columns) : 0);
	const budget = rows === undefined ? undefined : Math.max(3, rows - around);
	const limit =
		budget === undefined || heights.reduce((sum, height) => sum + height, 0) <= budget ? undefined : Math.max(3, Math.floor(budget / Math.max(...heights)));

	const errors = findings.filter(item => item.severity === 'error').length;
	const choose = (item: MenuItem) => {
		setMessage(undefined);
		if (item.value === 'name') setView({kind: 'name'});
		else if (item.value === 'add') setView({kind: 'add'});
		else if (item.value === 'continue') {
			if (errors > 0) setMessage(`✖ This auth spec has ${errors} error(s), marked ✖ above: fix them first (Esc goes back).`);
			else onDone();
		} else if (item.value.startsWith('property:')) setView({kind: 'property', name: item.value.slice('property:'.length)});
		else if (item.value.startsWith('undeclared:')) {
			const name = item.value.slice('undeclared:'.length);
			change(current => addProperty(current, name));
			setView({kind: 'property', name, field: 'description'});
		}
	};
	const removing = view.kind === 'remove' ? view.name : undefined;
	/** After a row goes, the row that takes its place stays highlighted, so several can be removed in a row. */
	const highlightAfter = (value: string) => {
		const next = items[items.findIndex(item => item.value === value) + 1]?.value;
		setHighlight(next === 'continue' ? 'add' : next);
	};
	const onProperty = highlight !== undefined && /^(property|undeclared):/.test(highlight);
	const footer = useKeys(
		removing !== undefined
			? [
					{
						keys: 'y',
						label: 'remove',
						action: () => {
							change(current => removeProperty(current, removing));
							setMessage(`Removed “${removing}” (and from required).`);
							highlightAfter(`property:${removing}`);
							setView({kind: 'list'});
						},
					},
					{
						keys: ['n', 'escape'],
						label: 'keep',
						action: () => {
							setMessage(`Kept “${removing}”.`);
							setView({kind: 'list'});
						},
					},
				]
			: view.kind === 'add'
				? [
						{keys: 'return', label: 'add', by: 'text input'},
						{keys: 'ctrl+u', label: 'clear', by: 'text input'},
						{keys: 'escape', label: 'cancel', by: 'text input'},
					]
				: [
						...menuKeys('edit'),
						{
							keys: 'a',
							label: 'add a property',
							action: () => {
								setMessage(undefined);
								setView({kind: 'add'});
							},
						},
						{
							keys: 'd',
							label: highlight?.startsWith('undeclared:') ? 'take out of required' : 'remove',
							when: onProperty,
							action: () => {
								const name = highlight!.slice(highlight!.indexOf(':') + 1);
								if (highlight!.startsWith('property:')) return setView({kind: 'remove', name});
								change(current => removeProperty(current, name));
								setMessage(`Took “${name}” out of required.`);
								highlightAfter(highlight!);
							},
						},
						{keys: 'escape', label: 'back', action: onBack},
					],
	);

	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			<Text dimColor wrap="wrap">
				Properties are what users enter when they connect; each description is the text they see beside it.
			</Text>
			<Menu
				key={items.map(item => item.value).join('\n')}
				items={items}
				limit={limit}
				focus={view.kind === 'list'}
				initialIndex={highlighted === -1 ? 0 : highlighted}
				onHighlight={item => setHighlight(item.value)}
				onSelect={choose}
			/>
			{limit !== undefined && <Text dimColor>{`  ${items.length - limit} more rows: ↑/↓ scroll`}</Text>}
			{rest.map(item => {
				const line = findingLine(item);
				return line ? (
					<Text key={`${item.rule}:${item.path}:${item.message}`} color={line.color}>
						{line.text}
					</Text>
				) : null;
			})}
			{view.kind === 'add' && (
				<TextPrompt
					label="Name of the new property"
					keysHint="Enter adds, Esc cancels"
					help="Users enter it when they connect; the source spec uses it as ${name}."
					validate={value => propertyNameProblem(entry, value)}
					onCancel={() => setView({kind: 'list'})}
					onSubmit={name => {
						change(current => addProperty(current, name));
						setMessage(undefined);
						setView({kind: 'property', name, field: 'description'});
					}}
				/>
			)}
			{removing !== undefined && (
				<Text color="yellow">{`Remove “${removing}” (its description, and its place in required)? y removes it, n or Esc keeps it.`}</Text>
			)}
			{message && <Text color={message.startsWith('✖') ? 'red' : undefined}>{message}</Text>}
			{footer}
		</Box>
	);
}

function PropertyEditor({
	title,
	index,
	entry,
	name,
	initialField,
	specWith,
	change,
	onRenamed,
	onClose,
}: {
	title: string;
	index: number;
	entry: AuthEntry;
	name: string;
	initialField?: string;
	specWith: (edit: (entry: AuthEntry) => AuthEntry) => unknown;
	change: AuthEntryScreenProps['change'];
	onRenamed: (name: string) => void;
	onClose: () => void;
}) {
	const footer = useKeys(formKeys({enter: 'save field', choice: 'type · secret · required', back: 'back to the properties'}));
	const type = String(entry.type ?? '');
	const property = propertiesOf(entry)[name] ?? {};
	const base = formatPath(['authSpec', index]);
	const own = formatPath(['authSpec', index, 'spec', 'properties', name]);
	const required = requiredOf(entry);
	const currentType = typeof property['type'] === 'string' ? property['type'] : '';
	const typeChoices = [...propertyTypes, ...(currentType && !(propertyTypes as readonly string[]).includes(currentType) ? [currentType] : [])].map(value => ({
		label: value,
		value,
	}));
	/** Each field's edit of the entry, used both to save it and to let the model check it as typed. */
	const edits: Record<string, (current: AuthEntry, value: string) => AuthEntry> = {
		name: (current, value) => (propertyNameProblem(current, value, name) ? current : renameProperty(current, name, value)),
		description: (current, value) => setDescription(current, name, value),
		type: (current, value) => setType(current, name, value),
		secret: (current, value) => setSecret(current, name, value === 'yes'),
		required: (current, value) => setRequired(current, name, value === 'yes'),
		header: (current, value) => setHeader(current, name, value),
	};
	const byModel = (field: FormField, where: string, raw?: (value: string) => string | undefined) =>
		checkedByModel(field, {where, apply: value => specWith(current => edits[field.name]!(current, value)), ...(raw ? {raw} : {})});
	const requiredAt = required.indexOf(name);
	const fields: FormField[] = [
		byModel({name: 'name', label: 'Name', help: 'The key a base connection passes in auth.params; ${name} in the source spec.'}, own, value =>
			propertyNameProblem(entry, value, name),
		),
		byModel({name: 'description', label: 'Description (users see it)', help: helpFor(type, name)}, `${own}.description`),
		byModel({name: 'type', label: 'Type', kind: 'choice', choices: typeChoices, help: '←/→: string for every documented credential.'}, `${own}.type`),
		byModel(
			{name: 'secret', label: 'Secret (format: password)', kind: 'choice', choices: yesNo, help: '←/→: a secret is masked and never saved in drafts.'},
			`${own}.format`,
		),
		byModel(
			{name: 'required', label: 'Required', kind: 'choice', choices: yesNo, help: '←/→: a base connection must supply it.'},
			requiredAt === -1 ? `${base}.spec.required[${required.length}]` : `${base}.spec.required[${requiredAt}]`,
		),
		...(sendsHeader(entry, name)
			? [
					byModel(
						{
							name: 'header',
							label: 'Sent in header',
							help: 'restAttributes.headerParamName: the HTTP header that carries the key (e.g. X-Api-Key); empty: sent as its own name.',
						},
						`${own}.restAttributes.headerParamName`,
					),
				]
			: []),
	];
	const values: Record<string, string> = {
		name,
		description: typeof property['description'] === 'string' ? property['description'] : '',
		type: currentType,
		secret: isSecret(entry, name) ? 'yes' : 'no',
		required: requiredAt === -1 ? 'no' : 'yes',
		header: headerOf(entry, name),
	};
	const commit = (field: string, value: string) => {
		if (field === 'name') {
			const next = value.trim();
			// A name that is empty or taken stays in the field with its sentence; nothing is saved.
			if (next === name || propertyNameProblem(entry, next, name)) return;
			change(current => renameProperty(current, name, next));
			onRenamed(next);
			return;
		}
		const edit = edits[field];
		if (edit) change(current => edit(current, value));
	};
	return (
		<Box flexDirection="column">
			<Text bold>{`${title} › property “${name}”`}</Text>
			<Form
				fields={fields}
				values={values}
				onCommit={commit}
				onDone={onClose}
				onBack={onClose}
				initialField={initialField}
				doneLabel="Back to the properties"
			/>
			{footer}
		</Box>
	);
}
