// The test-values panel: the auth values of the chosen auth spec and the user inputs the spec is tried with (live
// preview, explore, end-to-end check), and, on the local profile, which API the source requests go to.
// Secrets are masked and kept in memory only (prefilled from AEP_SOURCE_SECRET_<PROPERTY>); other values are saved
// in the draft. One resolution for all of it: workflow/test-values.ts (docs/local-routing.md).
import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {Form, type FormField} from '../components/form.js';
import {KeyFooter} from '../components/key-footer.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {useServices} from '../wizard/services.js';
import {useWizard} from '../wizard/wizard-context.js';
import {authEntries, describeRoute, secretEnvName, wizardTestValues, type WizardTestContext} from './test-credentials.js';

export type TestValuesPanelProps = {
	draft: Draft;
	update: (change: (draft: Draft) => Draft) => void;
	onClose: () => void;
};

/** Where the session is (local or not, the demo URL), known once the session is open; local until then. */
export function useTestPlace(): Omit<WizardTestContext, 'secrets' | 'env'> {
	const services = useServices();
	const wizard = useWizard();
	const [place, setPlace] = useState<{local: boolean; demoUrl?: string}>({local: wizard.profileName === 'local'});
	useEffect(() => {
		let live = true;
		void services.track(
			wizard.session().then(
				session => live && setPlace({local: session.profile.kind === 'local', ...(session.demo ? {demoUrl: session.demo.url} : {})}),
				() => undefined,
			),
		);
		return () => {
			live = false;
		};
	}, [services, wizard]);
	return place;
}

const apiChoices = (local: boolean) =>
	local
		? [
				{label: 'decide for me (template and host)', value: 'auto'},
				{label: 'the spec’s host (your API)', value: 'spec'},
				{label: 'the demo API', value: 'demo'},
			]
		: [{label: 'the spec’s host (Adobe calls your API)', value: 'auto'}];

export function TestValuesPanel({draft, update, onClose}: TestValuesPanelProps) {
	const services = useServices();
	const wizard = useWizard();
	const place = useTestPlace();
	const values = wizardTestValues(draft, {...place, secrets: wizard.testSecrets, env: services.env});
	const entries = authEntries(draft.spec);
	const auth = values.auth;
	const demo = values.route.api === 'demo';
	// Routed to the demo API, every value resolves to the demo's own: what counts is what your API would still need.
	const missing = demo
		? wizardTestValues({...draft, test: {...draft.test, sourceApi: 'spec'}}, {...place, secrets: wizard.testSecrets, env: services.env}).missing
		: values.missing;
	const missingList = missing.map(each => (each.secret ? `${each.name} (or ${each.envName})` : each.name)).join(', ');
	const fields: FormField[] = [
		{name: 'sourceApi', label: 'Source API', kind: 'choice', choices: apiChoices(place.local)},
		...(entries.length > 1
			? [{name: 'authSpecName', label: 'Auth spec', kind: 'choice' as const, choices: entries.map(each => ({label: each.name, value: each.name}))}]
			: []),
		...(auth?.properties ?? []).map(name => {
			const secret = auth?.secrets.has(name) ?? false;
			const required = auth?.required.includes(name) ?? false;
			return {
				name: `auth:${name}`,
				label: `${name}${required ? ' *' : ''}`,
				kind: secret ? ('secret' as const) : ('text' as const),
				help: secret ? 'Secret: masked, kept in memory for this session only (or set AEP_SOURCE_SECRET_… before starting).' : 'Saved in the draft.',
				validate: (value: string) => (required && value.trim() === '' && !demo ? `${name} is required by “${auth?.name}”.` : undefined),
			};
		}),
		...values.sourceInputs.map(input => ({
			name: `source:${input.name}`,
			label: `${input.name}${input.required ? ' *' : ''} (user input)`,
			help: `Saved in the draft; fills \${${input.name}} in the request.${input.enum ? ` One of: ${input.enum.join(', ')}.` : ''}`,
			...(input.default !== undefined ? {placeholder: `${input.default} (its default)`} : {}),
			validate: (value: string) =>
				input.required && value.trim() === '' && input.default === undefined && !demo ? `Give a test value for ${input.name}.` : undefined,
		})),
	];
	const formValues: Record<string, string> = {sourceApi: place.local ? (draft.test.sourceApi ?? 'auto') : 'auto', authSpecName: auth?.name ?? ''};
	for (const name of auth?.properties ?? []) {
		formValues[`auth:${name}`] = auth?.secrets.has(name)
			? (wizard.testSecrets[name] ?? services.env[secretEnvName(name)] ?? '')
			: (draft.test.authParams[name] ?? '');
	}
	for (const input of values.sourceInputs) formValues[`source:${input.name}`] = draft.test.sourceParams[input.name] ?? '';

	const commit = (name: string, value: string) => {
		if (name === 'sourceApi') {
			return update(current => {
				const test = {...current.test};
				if (value === 'spec' || value === 'demo') test.sourceApi = value;
				else delete test.sourceApi;
				return {...current, test};
			});
		}
		if (name === 'authSpecName') return update(current => ({...current, test: {...current.test, authSpecName: value}}));
		if (name.startsWith('auth:')) {
			const property = name.slice(5);
			if (auth?.secrets.has(property)) return wizard.setTestSecret(property, value);
			return update(current => ({...current, test: {...current.test, authParams: {...current.test.authParams, [property]: value}}}));
		}
		if (name.startsWith('source:'))
			return update(current => ({...current, test: {...current.test, sourceParams: {...current.test.sourceParams, [name.slice(7)]: value}}}));
	};

	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>Test values — used by the preview, explore and the end-to-end check</Text>
			<Text wrap="truncate">{`Source requests ${describeRoute(values.route)}`}</Text>
			{demo && place.local && (
				<Text dimColor wrap="truncate">
					The demo API takes its own public credentials; your values are kept for your API.
				</Text>
			)}
			<Form
				key={`${auth?.name ?? ''}-${place.local}`}
				fields={fields}
				values={formValues}
				onCommit={commit}
				onDone={onClose}
				onBack={onClose}
				doneLabel="Done"
			/>
			{missing.length > 0 ? (
				<Text color="yellow" wrap="wrap">{`${demo ? "For your API (the spec's host), still missing" : 'Still missing'}: ${missingList}`}</Text>
			) : (
				<Text color="green">{demo ? '✔ Every value your API needs is set.' : '✔ Every required value is set.'}</Text>
			)}
			<KeyFooter
				keys={[
					['↑/↓/Tab', 'field'],
					['Enter', 'save field'],
					['←/→', 'choice'],
					['Esc', 'close'],
				]}
			/>
		</Box>
	);
}
