// One typed error for every platform failure: what was called, what came back, and what to do about it.
import {AepError} from '../shared/errors.js';

export type PlatformErrorFields = {
	/** e.g. `POST /connectionSpecs` (path relative to the service, no query). */
	call: string;
	status?: number;
	/** Adobe code: `1418-400`, `403010`, `invalid_client`, `XDM-1521-400`, or ours (`unexpected-response`, `ECONNRESET`). */
	code?: string;
	requestId?: string;
	/** What the service (or the shape check) said, already masked. */
	detail?: string;
	/** Overrides the hint looked up from status and code. */
	hint?: string;
	/** What retrying did, when it did something: "gave up after 10 retries over 58.2 s (the retry limit)". */
	retried?: string;
};

// Hints by Adobe code (docs/authentication.md#request-headers, docs/flow-service.md#gateway-errors, docs/flow-service.md#error-codes;
// docs/target-and-runs.md#error-bodies-of-the-other-services).
// Each says what to do.
const hintsByCode: Record<string, string> = {
	'401013':
		'The access token is invalid or expired; the client already fetched a fresh one once, ' +
		"so check that the profile's client id, secret and org id belong to the same credential.",
	'403010': 'The request carried no access token; this is a client bug, please report it.',
	'403000': 'The x-api-key header was missing; set the client id of the profile.',
	'403003': 'The client id (x-api-key) is wrong: copy the Client ID of the OAuth Server-to-Server credential from the Adobe Developer Console.',
	'400003': "The org id header (x-gw-ims-org-id) is missing: set the profile's organization id (24 hex characters followed by @AdobeOrg).",
	'403025': 'The credential is not entitled for this organization: check that the org id is the one shown on the credential in the Developer Console.',
	'403027':
		'The org id is malformed or the credential is not on an Experience Platform product profile: ' +
		'check the org id, then add the API credential to a product profile in Admin Console.',
	invalid_client:
		'The client id or client secret is wrong: copy both again from the OAuth Server-to-Server credential in the Developer Console and update the profile.',
	invalid_scope: 'The scopes do not match the credential: copy the exact comma-separated scope string shown on the credential page.',
	unsupported_grant_type: 'The token request was rejected as an unsupported grant; this is a client bug, please report it.',
	'2000-401': 'The token has no access to this organization: check the org id of the profile.',
	'2001-401': "The org id header is missing or empty: set the profile's organization id.",
	'2002-401': "The org id header is missing: set the profile's organization id.",
	'2100-404': 'The sandbox name is wrong: use the all-lower-case sandbox name shown in the Platform UI sandbox switcher (e.g. prod).',
	'2101-404': 'The sandbox name is wrong: use the all-lower-case sandbox name shown in the Platform UI sandbox switcher (e.g. prod).',
	'2103-404': 'The sandbox was not found: check the sandbox name of the profile.',
	'2105-400': 'The x-sandbox-name header is missing: set the sandbox name of the profile.',
	'2118-403': 'A permission is missing: ask an admin to give the credential\'s product profile the Sources "Manage sources" permission.',
	'2120-403': 'Insufficient permissions: add the credential to an Experience Platform product profile with Sources manage/view permissions.',
	'2121-403': 'Manage permission on Enterprise Source was denied: add the Sources "Manage sources" permission to the credential\'s product profile.',
	'1101-404': 'No resource has that id: it may have been deleted or belong to another sandbox.',
	'1103-503': 'The service is temporarily unavailable; try again in a minute.',
	'1104-504': 'The platform timed out; try again in a minute.',
	'1403-400': 'The If-Match header was missing; this is a client bug, please report it.',
	'1404-412': 'Someone else changed this object meanwhile: re-read it and retry with its new etag.',
	'1413-400': 'The spec id is invalid: check the connection spec id, and that it was added to the RestStorageToAEP flow spec.',
	'1415-400': "The auth spec name is not one of the connection spec's authSpec names: use the `name` of an authSpec entry.",
	'1418-400': 'The base connection is still used by flows: delete the flows first, then the connection.',
	'1447-400': 'Active flows still reference this object: delete the flows first.',
	'1419-400': 'The mapping failed validation: check the mapped fields exist and the credential may read them.',
	'1425-400': "The dataset's schema differs from the mapping's schema: use the same schema id and version in both.",
	'1426-400': 'This token may not create or update connection specs: use an OAuth Server-to-Server credential.',
	'XDM-1521-400': 'A schema resource with this title already exists: choose a unique title.',
	'unexpected-response': 'The platform answered with a shape this tool does not know; the API may have changed. Report it with the request id.',
};

function hintByStatus(status: number | undefined, code: string | undefined): string {
	if (code && /^XDM-100[6-9]-400$/.test(code)) return 'The Accept header was rejected; this is a client bug, please report it.';
	if (status === undefined) return "The platform could not be reached: check the network, a proxy, and the profile's platform and IMS URLs.";
	if (status === 401) return 'Authentication failed: check the client id, client secret and org id of the profile.';
	if (status === 403)
		return (
			'Forbidden: the credential is probably missing a product-profile permission; ' +
			'add it to an Experience Platform product profile with Sources permissions.'
		);
	if (status === 404) return 'Not found: check the id, and that the profile points at the right sandbox.';
	if (status === 412) return 'Someone else changed this object meanwhile: re-read it and retry with its new etag.';
	if (status === 429) return 'The platform is rate limiting this client; wait a minute and try again.';
	if (status >= 500) return 'The platform had a server error; try again later and report the request id if it persists.';
	return 'The request was rejected: read the detail above, fix the named field and try again.';
}

export function hintFor(status: number | undefined, code: string | undefined): string {
	return (code ? hintsByCode[code] : undefined) ?? hintByStatus(status, code);
}

export class PlatformError extends AepError {
	readonly call: string;
	readonly status?: number;
	readonly code?: string;
	readonly requestId?: string;
	readonly detail?: string;
	declare readonly hint: string;
	readonly retried?: string;

	constructor(fields: PlatformErrorFields) {
		super(headline(fields));
		this.name = 'PlatformError';
		this.call = fields.call;
		this.status = fields.status;
		this.code = fields.code;
		this.requestId = fields.requestId;
		this.detail = fields.detail;
		this.retried = fields.retried;
		this.hint = fields.hint ?? hintFor(fields.status, fields.code);
	}

	/** One clear sentence, then the hint. */
	describe(): string {
		return `${this.message} ${this.hint}`;
	}
}

function headline(f: PlatformErrorFields): string {
	const facts = [f.status === undefined ? undefined : `HTTP ${f.status}`, f.code].filter(Boolean).join(', ');
	const what = f.detail ? `: ${f.detail.replace(/[.\s]+$/, '')}` : '';
	const request = f.requestId ? ` (request id ${f.requestId})` : '';
	const retried = f.retried ? `; ${f.retried}` : '';
	return `${f.call} failed${facts ? ` (${facts})` : ''}${what}${request}${retried}.`;
}
