// The documented auth types and their properties with the meaning each has (docs/connection-spec.md#oauth2refreshcode, docs/connection-spec.md#keybased): help
// text for
// the auth screen and the builder of new authSpec entries. Pure data and functions (no I/O, no React).
import {draft07} from './constants.js';

export type AuthTypeName = 'OAuth2RefreshCode' | 'BasicAuthentication' | 'KeyBased';

type PropertyDoc = {meaning: string; description: string; secret?: boolean; format?: string; hidden?: boolean};

export const authTypeDocs: Record<AuthTypeName, {name: string; title: string; properties: Record<string, PropertyDoc>; required: string[]}> = {
	OAuth2RefreshCode: {
		name: 'OAuth2 Refresh Code',
		title: 'OAuth 2 refresh code (access token, optional refresh)',
		properties: {
			host: {meaning: 'Root URL of the API.', description: 'API root URL'},
			authorizationTestUrl: {
				meaning: 'URL called to validate the access token when the base connection is created (optional).',
				description: 'URL used to check the token',
			},
			clientId: {meaning: 'OAuth client id, used with the secret to obtain tokens (optional).', description: 'OAuth client id'},
			clientSecret: {meaning: 'OAuth client secret (secret, optional).', description: 'OAuth client secret', secret: true},
			accessToken: {meaning: 'Current access token — always required (secret).', description: 'Access token', secret: true},
			refreshToken: {meaning: 'Used to obtain a new access token when it expires (secret, optional).', description: 'Refresh token', secret: true},
			expirationDate: {meaning: 'Expiry of the access token; hidden in the UI (format date).', description: 'Token expiry', format: 'date', hidden: true},
			accessTokenUrl: {meaning: 'Token endpoint used to fetch access tokens (optional).', description: 'Token endpoint'},
		},
		required: ['host', 'accessToken'],
	},
	BasicAuthentication: {
		name: 'Basic Authentication',
		title: 'Basic authentication (user name + password)',
		properties: {
			host: {meaning: 'Root URL of the API.', description: 'API root URL'},
			username: {meaning: 'Account user name — required.', description: 'User name'},
			password: {meaning: 'Account password — required (secret).', description: 'Password', secret: true},
		},
		required: ['host', 'username', 'password'],
	},
	KeyBased: {
		name: 'API Key Authentication',
		title: 'API key (sent in a header)',
		properties: {
			host: {meaning: 'Root URL of the API (optional).', description: 'API root URL'},
			authKey1: {meaning: 'First API key, sent in the header named below — required (secret).', description: 'API key', secret: true},
		},
		required: ['authKey1'],
	},
};

export const authTypeNames = Object.keys(authTypeDocs) as AuthTypeName[];

/** A new authSpec entry of a type with its documented properties. */
export function newAuthEntry(type: AuthTypeName): Record<string, unknown> {
	const docs = authTypeDocs[type];
	const properties: Record<string, unknown> = {};
	for (const [name, doc] of Object.entries(docs.properties)) {
		properties[name] = {
			type: 'string',
			description: doc.description,
			...(doc.secret ? {format: 'password'} : {}),
			...(doc.format ? {format: doc.format} : {}),
			...(doc.hidden ? {uiAttributes: {hidden: true}} : {}),
			...(name === 'authKey1' ? {title: 'Authentication Key 1', restAttributes: {headerParamName: 'X-Api-Key'}} : {}),
		};
	}
	return {
		name: docs.name,
		type,
		spec: {$schema: draft07, type: 'object', description: `Credentials for calling the API (${docs.title}).`, properties, required: docs.required},
	};
}

export function helpFor(type: string, property: string): string {
	const doc = authTypeDocs[type as AuthTypeName]?.properties[property];
	return doc ? `${doc.meaning} Edit the description users see.` : 'A custom property: edit the description users see.';
}
