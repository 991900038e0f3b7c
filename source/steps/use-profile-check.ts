// Tests Adobe credentials before they are saved: a real token call and a harmless read (client.checkAccess), and
// says which field is wrong when it fails (codes from docs/authentication.md#request-headers / docs/authentication.md#checking-credentials, mapped in
// api/errors.ts).
import {useState} from 'react';
import {validateAdobeProfile, type AdobeProfile} from '../store/index.js';
import {PlatformError} from '../api/errors.js';
import {useServices} from '../wizard/services.js';

export type ProfileCheck = {status: 'idle' | 'checking' | 'ok' | 'failed'; field?: string; message?: string};

const fieldByCode: Record<string, string> = {
	invalid_client: 'clientSecret',
	'403003': 'clientId',
	'403000': 'clientId',
	'400003': 'orgId',
	'403025': 'orgId',
	'403027': 'orgId',
	'2000-401': 'orgId',
	'2001-401': 'orgId',
	'2002-401': 'orgId',
	invalid_scope: 'scopes',
	'2100-404': 'sandboxName',
	'2101-404': 'sandboxName',
	'2103-404': 'sandboxName',
	'2105-400': 'sandboxName',
};

/** Which form field a platform error points at; `productProfile` when permissions are missing. */
export function fieldOfError(error: PlatformError): string | undefined {
	if (error.code && fieldByCode[error.code]) return fieldByCode[error.code];
	if (error.status === 403) return 'productProfile';
	if (error.status === undefined) return 'platformUrl';
	return undefined;
}

const fieldNames: Record<string, string> = {
	clientSecret: 'Client ID or client secret',
	clientId: 'Client ID',
	orgId: 'Organization ID',
	scopes: 'Scopes',
	sandboxName: 'Sandbox name',
	productProfile: 'Product profile (permissions)',
	platformUrl: 'Platform / IMS URL (network)',
};

export function useProfileCheck() {
	const services = useServices();
	const [check, setCheck] = useState<ProfileCheck>({status: 'idle'});
	const run = (profile: AdobeProfile, secret: string, onSaved: () => void) => {
		setCheck({status: 'checking', message: 'Requesting a token and reading the RestStorageToAEP flow spec…'});
		const client = services.createClient(
			{
				imsUrl: profile.imsUrl ?? 'https://ims-na1.adobelogin.com',
				platformUrl: profile.platformUrl ?? 'https://platform.adobe.io',
				orgId: profile.orgId,
				clientId: profile.clientId,
				clientSecret: secret,
				scopes: profile.scopes,
				sandboxName: profile.sandboxName,
			},
			{retry: {limit: 1, maxTotalMs: 15_000}, timeoutMs: 15_000},
		);
		const work = (async () => {
			const ready = await client;
			await ready.token();
			await ready.checkAccess();
		})().then(
			() => {
				services.profiles.save(profile, secret);
				setCheck({status: 'ok', message: `Credentials work. Profile "${profile.name}" saved.`});
				onSaved();
			},
			(error: unknown) => {
				if (error instanceof PlatformError) {
					const field = fieldOfError(error);
					setCheck({status: 'failed', field, message: `${field ? `${fieldNames[field]} looks wrong. ` : ''}${error.describe()}`});
				} else setCheck({status: 'failed', message: error instanceof Error ? error.message : String(error)});
			},
		);
		void services.track(work);
	};
	return {check, run, reset: () => setCheck({status: 'idle'})};
}

const goodProfile: AdobeProfile = {name: 'x', kind: 'adobe', orgId: '000000000000000000000000@AdobeOrg', clientId: 'x', scopes: 'x', sandboxName: 'prod'};

/** Message for one field of the profile form (the store's own rules), or undefined. */
export function profileFieldError(field: keyof AdobeProfile, value: string): string | undefined {
	if (value.trim() === '' && field !== 'imsUrl' && field !== 'platformUrl') return 'Required.';
	if (value.trim() === '') return undefined;
	try {
		validateAdobeProfile({...goodProfile, [field]: value.trim()} as AdobeProfile);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message.replace(/^\w+: /, '') : String(error);
	}
}
