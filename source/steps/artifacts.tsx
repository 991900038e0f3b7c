// Artifacts (docs/artifacts.md): what the catalog shows. Each field is checked as it is typed, the catalog
// card is drawn live, and `e` exports the Sources/{source}/Artifacts/ folder.
import path from 'node:path';
import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {categories, unfinishedTextFinding} from '../connection-spec/index.js';
import type {Artifacts} from '../connection-spec/draft-types.js';
import {Form, type FormField} from '../components/form.js';
import {CatalogCard} from '../components/catalog-card.js';
import {PathPrompt, pathPromptKeys} from '../components/path-prompt.js';
import {formKeys, useKeys} from '../components/use-keys.js';
import {useServices} from '../wizard/services.js';
import {fieldForPath, useWizard, type StepProps} from '../wizard/wizard-context.js';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function validateHttpUrl(value: string): string | undefined {
	if (value.trim() === '') return undefined;
	try {
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'Must start with http:// or https://.';
	} catch {
		return 'Not a URL: use a full address such as https://docs.example.com/source.';
	}
}

/** A template's words left in a catalog field (docs/connection-spec.md#unfinished-text), as the model reports them at the field's spec path. */
const templateText =
	(...path: string[]) =>
	(value: string): string | undefined =>
		value.trim() === '' ? undefined : unfinishedTextFinding(['sourceSpec', 'attributes', 'uiAttributes', ...path], value)?.message;

const fields: FormField[] = [
	{
		name: 'label',
		label: 'Label',
		help: 'Display name in the sources catalog, e.g. “Acme Members”.',
		validate: value => (value.trim() ? undefined : 'The label is required: the catalog shows it on the card.'),
		unfinished: templateText('label', 'text'),
	},
	{
		name: 'description',
		label: 'Description',
		help: 'One sentence shown in the catalog under the label.',
		validate: value => (value.trim() ? undefined : 'The description is required: one sentence for the catalog card.'),
		unfinished: templateText('description', 'text'),
	},
	{
		name: 'category',
		label: 'Category',
		kind: 'choice',
		choices: categories.map(category => ({label: category.label, value: category.key})),
		help: '←/→ to choose one of the ten catalog categories.',
	},
	{
		name: 'sourceName',
		label: 'Source folder name',
		help: 'kebab-case; the artifacts folder is Sources/{name}/Artifacts/.',
		validate: value => (kebab.test(value) ? undefined : 'Use kebab-case: lower-case letters and digits joined by "-", e.g. acme-members.'),
	},
	{
		name: 'iconPath',
		label: 'Icon file (SVG)',
		help: 'Path of the catalog icon; it must be an SVG file.',
		validate: value => (value.trim() === '' ? 'The icon is required: give the path of an .svg file.' : undefined),
	},
	{
		name: 'documentationLink',
		label: 'Documentation link',
		help: 'Where users read how to connect (http or https URL).',
		validate: validateHttpUrl,
		unfinished: templateText('documentationLink'),
	},
	{name: 'providerName', label: 'Provider name', help: 'Your company, as Adobe should list it.'},
	{
		name: 'providerContact',
		label: 'Provider contact',
		help: 'An e-mail address Adobe can reach about the submission.',
		validate: value => (value.trim() === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? undefined : 'Not an e-mail address.'),
	},
];

/**
 * The icon check of the path being committed. A path is saved to the draft only once it passes: a rejected one
 * (not SVG, unreadable, inside the aep-source home) stays in the field with its reason and never reaches the draft,
 * so no export can copy it.
 */
export function useIconCheck(savedPath: string | undefined, save: (iconPath: string | undefined) => void) {
	const services = useServices();
	const [result, setResult] = useState<{path: string; error?: string; warning?: string}>();
	const check = (iconPath: string | undefined) => {
		if (!iconPath) {
			setResult(undefined);
			save(undefined);
			return;
		}
		void services.track(
			services.workflow.checkSvgIcon(iconPath, {home: services.home}).then(outcome => {
				setResult(outcome.ok ? {path: iconPath, warning: outcome.warnings[0]} : {path: iconPath, error: outcome.reason});
				if (outcome.ok) save(iconPath);
			}),
		);
	};
	// A draft opened with an icon already saved (resume, import) is checked once too.
	// biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening; later paths are checked when the field commits them
	useEffect(() => {
		if (savedPath) check(savedPath);
	}, []);
	return {icon: result, check};
}

/** Where each field's value lands in the spec (specFromDraft), so a Review finding opens the field that fixes it. */
const ui = 'sourceSpec.attributes.uiAttributes';
const fieldPaths = [
	{name: 'label', path: `${ui}.label`},
	{name: 'description', path: `${ui}.description`},
	{name: 'category', path: `${ui}.category`},
	{name: 'iconPath', path: `${ui}.icon`},
	{name: 'documentationLink', path: `${ui}.documentationLink`},
];

export function ArtifactsScreen({draft, update, go, back}: StepProps) {
	const services = useServices();
	// Opened from a Review finding: start on the field that fixes it (consumed once, as on the source screen).
	const wizard = useWizard();
	const [initialField] = useState(() => fieldForPath(wizard.focusPath, fieldPaths));
	// biome-ignore lint/correctness/useExhaustiveDependencies: the focus path is consumed once, on arrival
	useEffect(() => wizard.setFocusPath(undefined), []);
	const [exported, setExported] = useState<string>();
	const {icon, check: checkIcon} = useIconCheck(draft.artifacts.iconPath, iconPath =>
		update(current => ({...current, artifacts: {...current.artifacts, iconPath}})),
	);
	const values = draft.artifacts as unknown as Record<string, string>;
	const commit = (name: string, value: string) => {
		if (name === 'iconPath') return checkIcon(value.trim() === '' ? undefined : value.trim());
		update(current => ({
			...current,
			artifacts: {...current.artifacts, [name]: value.trim() === '' && name !== 'label' ? undefined : value.trim()} as Artifacts,
		}));
	};

	// Ctrl-E asks where to write first (default: the folder the wizard was started in).
	const [asking, setAsking] = useState(false);
	const [focusedField, setFocusedField] = useState<string | undefined>(initialField);
	const footer = useKeys(
		asking
			? pathPromptKeys
			: [
					...formKeys({
						enter: 'save field',
						choice: 'category',
						focusedKind: fields.find(field => field.name === (focusedField ?? fields[0]?.name))?.kind ?? 'text',
					}),
					{keys: 'ctrl+e', label: 'export Artifacts folder', action: () => setAsking(true)},
				],
	);
	const exportNow = (baseDir: string) => {
		setAsking(false);
		setExported('Exporting…');
		void services.track(
			services.workflow.exportArtifacts(draft, path.resolve(services.exportDir, baseDir), {env: services.env, home: services.home}).then(
				result => {
					update(current => ({...current, exports: {...current.exports, artifactsDir: result.dir}}));
					setExported(`✔ Wrote ${result.files.length} files to ${result.dir}`);
				},
				(error: unknown) => setExported(`✖ ${error instanceof Error ? error.message : String(error)}`),
			),
		);
	};
	const categoryLabel = categories.find(category => category.key === draft.artifacts.category)?.label ?? draft.artifacts.category;

	return (
		<Box flexDirection="column">
			<Text bold>Artifacts — what the Experience Platform catalog shows</Text>
			<Box>
				<Box flexDirection="column" flexGrow={1}>
					<Form
						fields={fields}
						values={values}
						onCommit={commit}
						onDone={() => go('auth')}
						onBack={back}
						externalErrors={{iconPath: icon?.error}}
						doneLabel="Continue to the auth spec"
						initialField={initialField}
						onFocusField={setFocusedField}
						reserveRows={18}
						focus={!asking}
					/>
				</Box>
			</Box>
			{icon?.warning && <Text color="yellow">{`! ${icon.warning}`}</Text>}
			{icon && !icon.error && <Text color="green">✔ The icon is a readable SVG.</Text>}
			<Text dimColor>Catalog card preview:</Text>
			<CatalogCard label={draft.artifacts.label} category={categoryLabel} description={draft.artifacts.description} hasIcon={Boolean(icon && !icon.error)} />
			{asking && (
				<PathPrompt
					label={`Write Sources/${draft.artifacts.sourceName || draft.id}/Artifacts/ under`}
					initial={services.exportDir}
					onSubmit={exportNow}
					onCancel={() => setAsking(false)}
				/>
			)}
			{exported && <Text>{exported}</Text>}
			{footer}
		</Box>
	);
}
