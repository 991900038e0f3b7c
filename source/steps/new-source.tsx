// New source: pick a template (or blank), name the source, and the draft is created and saved at once.
import {useState} from 'react';
import {Box, Text} from 'ink';
import {describeTemplate, newDraft, slugify, templateNames} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {Menu} from '../components/menu.js';
import {Form} from '../components/form.js';
import {formKeys, menuKeys, useKeys} from '../components/use-keys.js';
import {useServices} from '../wizard/services.js';

export function NewSourceScreen({template: given, onCreated, onBack}: {template?: string; onCreated: (draft: Draft) => void; onBack: () => void}) {
	const services = useServices();
	const names = templateNames();
	const unknown = given !== undefined && !names.includes(given);
	const [template, setTemplate] = useState<string | undefined>(unknown ? undefined : given);
	const [name, setName] = useState(() => freeName(services, given && !unknown ? given : ''));
	const [error, setError] = useState<string>();

	const footer = useKeys(template === undefined ? [...menuKeys(), {keys: 'escape', label: 'back', action: onBack}] : formKeys());

	if (template === undefined) {
		const items = names.map(value => ({label: value, value, hint: describeTemplate(value)}));
		return (
			<Box flexDirection="column">
				{unknown && <Text color="red">{`✖ There is no template "${given}". Choose one of these:`}</Text>}
				<Text bold>Start from a template</Text>
				<Menu
					items={items}
					onSelect={item => {
						setTemplate(item.value);
						setName(freeName(services, item.value === 'blank' ? '' : item.value));
					}}
				/>
				{footer}
			</Box>
		);
	}

	const create = (values: Record<string, string>) => {
		const name = values['name'] ?? '';
		const id = slugify(name);
		const draft = newDraft({id, template});
		// A name of the user's own (not the suggested template name) becomes the spec's name and the catalog label.
		const ownName = !new RegExp(`^${template}(-\\d+)?$`).test(id);
		const labelled: Draft = {
			...draft,
			step: 'setup',
			spec: ownName ? {...draft.spec, name} : draft.spec,
			artifacts: {...draft.artifacts, label: ownName || !draft.artifacts.label ? name : draft.artifacts.label},
		};
		try {
			services.drafts.save(labelled);
			onCreated(labelled);
		} catch (cause) {
			setError(cause instanceof Error ? cause.message : String(cause));
		}
	};

	return (
		<Box flexDirection="column">
			<Text bold>{`New source from ${template === 'blank' ? 'a blank spec' : `the ${template} template`}`}</Text>
			<Form
				fields={[
					{
						name: 'name',
						label: 'Source name',
						help: 'Used for the draft and the artifacts folder (kebab-case), e.g. “Acme Members” → acme-members.',
						validate: value => validateName(services, value),
						note: value => (value.trim() ? `draft id: ${slugify(value)}` : undefined),
					},
				]}
				values={{name}}
				onCommit={(_field, value) => setName(value)}
				onDone={create}
				onBack={() => (given ? onBack() : setTemplate(undefined))}
				doneLabel="Create draft"
			/>
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			{footer}
		</Box>
	);
}

function validateName(services: ReturnType<typeof useServices>, value: string): string | undefined {
	if (value.trim() === '') return 'Enter a name for the source.';
	const id = slugify(value);
	if (id === '') return 'Use at least one letter or digit.';
	if (exists(services, id)) return `A draft "${id}" already exists: resume it from Home, or choose another name.`;
	return undefined;
}

/** A corrupt draft's id is taken too: it is never written over. */
function exists(services: ReturnType<typeof useServices>, id: string): boolean {
	return services.drafts.has(id);
}

function freeName(services: ReturnType<typeof useServices>, base: string): string {
	if (!base) return '';
	if (!exists(services, slugify(base))) return base;
	for (let n = 2; ; n++) if (!exists(services, slugify(`${base}-${n}`))) return `${base}-${n}`;
}
