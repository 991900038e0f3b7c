import type {IncomingHttpHeaders} from 'node:http';
import {contentTypeError, flowError, gatewayError, problemError} from './errors.js';
import {sandboxIdFor} from './ids.js';
import type {TokenStore} from './ims.js';
import type {SandboxCredentials} from './options.js';
import type {Caller, Service} from './router.js';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/**
 * The gateway checks of docs/authentication.md#request-headers / docs/flow-service.md#gateway-errors, in the order the brief fixes: token, API key, org; then
 * the
 * service's sandbox checks (docs/flow-service.md#error-codes `2105-400`, `2100-404`). Throws the documented error; returns the caller.
 */
export function checkGateway(headers: IncomingHttpHeaders, service: Service, tokens: TokenStore, credentials: SandboxCredentials): Caller {
	const authorization = header(headers, 'authorization');
	if (!authorization) throw gatewayError(403, '403010', 'Oauth token is missing.');
	const match = /^Bearer\s+(\S+)$/i.exec(authorization);
	const grant = match ? tokens.lookup(match[1]!) : undefined;
	if (!grant) throw gatewayError(401, '401013', 'Oauth token is not valid');
	const apiKey = header(headers, 'x-api-key');
	if (!apiKey) throw gatewayError(403, '403000', 'Api Key is required');
	if (apiKey !== grant.clientId) throw gatewayError(403, '403003', 'Api Key is invalid');
	const orgId = header(headers, 'x-gw-ims-org-id');
	if (!orgId) throw gatewayError(400, '400003', 'Missing header');
	// Org ids are compared case-insensitively (docs/flow-service.md#identifier-formats: one doc example ends in `@adobeOrg`).
	if (orgId.toLowerCase() !== grant.orgId.toLowerCase()) throw gatewayError(403, '403025', 'Profile is not valid');
	const sandboxName = checkSandbox(header(headers, 'x-sandbox-name'), service, credentials);
	return {
		clientId: grant.clientId,
		orgId: grant.orgId,
		sandboxName,
		sandboxId: sandboxIdFor(grant.orgId, sandboxName),
		userId: `${grant.clientId}@techacct.adobe.com`,
	};
}

/** Only `prod` and the configured sandbox exist in the emulated org. */
function checkSandbox(name: string | undefined, service: Service, credentials: SandboxCredentials): string {
	const known = new Set(['prod', credentials.sandboxName]);
	if (!name) {
		const message = 'Header x-sandbox-name is missing. Send the sandbox name in lower case, e.g. x-sandbox-name: prod.';
		throw service === 'flowservice' ? flowError('2105-400', message) : problemError(400, 'Header is missing', message);
	}
	if (!known.has(name)) {
		const message = `Sandbox ${name} was not found. Sandboxes of this org: ${[...known].join(', ')}.`;
		throw service === 'flowservice' ? flowError('2100-404', message) : problemError(404, 'Sandbox not found', message);
	}
	return name;
}

/** POST/PUT/PATCH bodies must be JSON (docs/flow-service.md#content-type-errors). */
export function checkContentType(headers: IncomingHttpHeaders): void {
	const type = header(headers, 'content-type');
	if (!type || !/^application\/([\w.+-]*\+)?json(-patch\+json)?\s*(;|$)/i.test(type)) throw contentTypeError();
}
