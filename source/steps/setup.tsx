// Profiles: the built-in local sandbox (default, nothing to fill in) and Adobe orgs. Adding one tests the
// credentials before saving; the client secret is typed masked and only ever shown as its last four characters.
import {useState} from 'react';
import {Box, Text} from 'ink';
import {lastFour} from '../connection-spec/secrets.js';
import type {AdobeProfile, Profile} from '../store/index.js';
import {Menu} from '../components/menu.js';
import {Form, type FormField} from '../components/form.js';
import {formKeys, menuKeys, useKeys} from '../components/use-keys.js';
import {Spinner} from '../components/progress-list.js';
import {useServices} from '../wizard/services.js';
import {useWizard} from '../wizard/wizard-context.js';
import {profileFieldError, useProfileCheck} from './use-profile-check.js';

export type ProfilesScreenProps = {
	/** Part of a new draft's flow: choosing a profile continues to the next step. */
	setup?: boolean;
	onDone: () => void;
	onBack: () => void;
};

export function ProfilesScreen({setup = false, onDone, onBack}: ProfilesScreenProps) {
	const [mode, setMode] = useState<'list' | 'add'>('list');
	if (mode === 'add') return <AddProfile onBack={() => setMode('list')} />;
	return <ProfileList setup={setup} onAdd={() => setMode('add')} onDone={onDone} onBack={onBack} />;
}

function ProfileList({setup, onAdd, onDone, onBack}: {setup: boolean; onAdd: () => void; onDone: () => void; onBack: () => void}) {
	const services = useServices();
	const wizard = useWizard();
	// The menu starts on the active profile, so that is the highlighted one until the user moves.
	const [highlighted, setHighlighted] = useState<string>(wizard.profileName);
	const [, refresh] = useState(0);
	const profiles = services.profiles.list();
	const removable = highlighted !== 'local' && highlighted !== '+add' && profiles.some(profile => profile.name === highlighted);
	const footer = useKeys([
		...menuKeys(setup ? 'use this profile & continue' : 'make active'),
		{
			keys: 'x',
			label: 'remove profile',
			when: removable,
			action: () => {
				services.profiles.remove(highlighted);
				if (wizard.profileName === highlighted) wizard.setProfileName('local');
				// ink-select-input goes back to the first item when its items change.
				setHighlighted(services.profiles.list()[0]?.name ?? '+add');
				refresh(n => n + 1);
			},
		},
		{keys: 'escape', label: 'back', action: onBack},
	]);
	const items = [
		...profiles.map(profile => ({
			label: describeProfile(profile, services.profiles.secret(profile.name)),
			value: profile.name,
			hint: profile.name === wizard.profileName ? '(active)' : undefined,
		})),
		{label: '+ Add an Adobe profile (org, sandbox, OAuth Server-to-Server credential)', value: '+add'},
	];
	return (
		<Box flexDirection="column">
			<Text bold>{setup ? 'Where should this source be built and tested?' : 'Profiles'}</Text>
			<Text dimColor>Start on “local”: a sandbox that emulates Experience Platform on this machine. Switch to your Adobe org later.</Text>
			<Box marginTop={1}>
				<Menu
					items={items}
					initialIndex={Math.max(
						0,
						items.findIndex(item => item.value === wizard.profileName),
					)}
					onHighlight={item => setHighlighted(item.value)}
					onSelect={item => {
						if (item.value === '+add') return onAdd();
						wizard.setProfileName(item.value);
						services.profiles.setDefault(item.value);
						onDone();
					}}
				/>
			</Box>
			{footer}
		</Box>
	);
}

function describeProfile(profile: Profile, secret: string | undefined): string {
	if (profile.kind === 'local') return 'local — built-in sandbox on this machine (no setup needed)';
	return `${profile.name} — org ${profile.orgId}, sandbox ${profile.sandboxName}, client ${profile.clientId}, secret ${secret ? lastFour(secret) : '(none)'}`;
}

const fields: FormField[] = [
	{name: 'name', label: 'Profile name', help: 'A short name for this org + sandbox, e.g. acme-prod.'},
	{name: 'orgId', label: 'Organization ID', help: 'Developer Console → project → credential: 24 hex characters + @AdobeOrg.'},
	{name: 'clientId', label: 'Client ID', help: 'The Client ID (API key) of the OAuth Server-to-Server credential.'},
	{
		name: 'clientSecret',
		label: 'Client secret',
		kind: 'secret',
		help: 'Shown masked; stored only in the 0600 profile file; later shown as its last 4 characters.',
	},
	{name: 'scopes', label: 'Scopes', help: 'The comma-separated scopes shown on the credential (e.g. openid,AdobeID,read_organizations,…).'},
	{name: 'sandboxName', label: 'Sandbox name', help: 'All lower case, as in the Platform UI sandbox switcher, e.g. prod.'},
	{name: 'imsUrl', label: 'IMS URL (optional)', help: 'Leave empty for https://ims-na1.adobelogin.com.'},
	{name: 'platformUrl', label: 'Platform URL (optional)', help: 'Leave empty for https://platform.adobe.io.'},
];

function AddProfile({onBack}: {onBack: () => void}) {
	const [values, setValues] = useState<Record<string, string>>({});
	const {check, run, reset} = useProfileCheck();
	const checkError = check.status === 'failed' ? check.message : undefined;
	const footer = useKeys(formKeys({back: 'back (nothing saved)', when: check.status !== 'checking'}));
	const withValidation = fields.map(field => ({
		...field,
		validate: (value: string) =>
			field.name === 'clientSecret' ? (value === '' ? 'Required.' : undefined) : profileFieldError(field.name as keyof AdobeProfile, value),
	}));
	const submit = (all: Record<string, string>) => {
		const profile: AdobeProfile = {
			name: all['name']!.trim(),
			kind: 'adobe',
			orgId: all['orgId']!.trim(),
			clientId: all['clientId']!.trim(),
			scopes: all['scopes']!.trim(),
			sandboxName: all['sandboxName']!.trim(),
			...(all['imsUrl']?.trim() ? {imsUrl: all['imsUrl'].trim()} : {}),
			...(all['platformUrl']?.trim() ? {platformUrl: all['platformUrl'].trim()} : {}),
		};
		run(profile, all['clientSecret'] ?? '', onBack);
	};
	return (
		<Box flexDirection="column">
			<Text bold>Add an Adobe profile</Text>
			<Form
				fields={withValidation}
				values={values}
				onCommit={(name, value) => {
					setValues(current => ({...current, [name]: value}));
					reset();
				}}
				onDone={submit}
				onBack={onBack}
				doneLabel="Test credentials & save"
				externalErrors={check.field && checkError ? {[check.field]: checkError} : undefined}
				focus={check.status !== 'checking'}
			/>
			{check.status === 'checking' && (
				<Text>
					<Spinner /> {check.message}
				</Text>
			)}
			{checkError && <Text color="red" wrap="wrap">{`✖ ${checkError}`}</Text>}
			{footer}
		</Box>
	);
}
