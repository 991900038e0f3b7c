// A complete connection spec (instance form, docs/connection-spec.md#a-complete-example / Appendix B) for the demo source, one per pagination
// style. Tests, the sandbox and templates use it; `overrides` replaces sourceSpec.attributes entries.
import {demoCredentials} from './credentials.js';

export type DemoPagination = 'OFFSET' | 'POINTER' | 'CONTINUATION_TOKEN' | 'PAGE' | 'NONE';

const draft07 = 'http://json-schema.org/draft-07/schema#';

function demoRoute(pagination: DemoPagination, limit: number): {path: string; contentPath: string; paginationParams: Record<string, unknown>} {
	switch (pagination) {
		case 'OFFSET':
			return {
				path: '/v1/offset/contacts',
				contentPath: '$.contacts',
				paginationParams: {
					type: 'OFFSET',
					limitName: 'limit',
					limitValue: String(limit),
					offSetName: 'offset',
					endConditionName: '$.hasMore',
					endConditionValue: 'Const:false',
				},
			};
		case 'POINTER':
			return {
				path: '/v1/pointer/contacts',
				contentPath: '$.contacts',
				paginationParams: {type: 'POINTER', limitName: 'limit', limitValue: limit, pointerPath: 'paging.next'},
			};
		case 'CONTINUATION_TOKEN':
			return {
				path: `/v1/token/contacts?limit=${limit}`,
				contentPath: '$.results',
				paginationParams: {type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]'},
			};
		case 'PAGE':
			return {
				path: '/v1/page/contacts',
				contentPath: '$.items',
				paginationParams: {
					type: 'PAGE',
					limitName: 'pageSize',
					limitValue: limit,
					initialPageIndex: 1,
					endPageIndex: 'headers.x-pagecount',
					pageParamName: 'pageNumber',
					maximumRequest: 10000,
				},
			};
		case 'NONE':
			return {path: '/v1/all/contacts', contentPath: '$.contacts', paginationParams: {type: 'NONE'}};
	}
}

export function demoAuthSpec(): Record<string, unknown>[] {
	const host = {type: 'string', description: 'API root URL'};
	return [
		{
			name: 'OAuth2 Refresh Code',
			type: 'OAuth2RefreshCode',
			spec: {
				$schema: draft07,
				type: 'object',
				description: 'Demo OAuth 2 token.',
				properties: {
					host,
					accessToken: {type: 'string', format: 'password', description: 'Access token'},
					refreshToken: {type: 'string', format: 'password', description: 'Refresh token'},
					accessTokenUrl: {type: 'string', description: 'Token endpoint'},
				},
				required: ['host', 'accessToken'],
			},
		},
		{
			name: 'Basic Authentication',
			type: 'BasicAuthentication',
			spec: {
				$schema: draft07,
				type: 'object',
				description: 'Demo user and password.',
				properties: {
					host,
					username: {type: 'string', description: 'User name'},
					password: {type: 'string', format: 'password', description: 'Password'},
				},
				required: ['host', 'username', 'password'],
			},
		},
		{
			name: 'API Key Authentication',
			type: 'KeyBased',
			spec: {
				$schema: draft07,
				type: 'object',
				description: 'Demo API key.',
				properties: {
					host,
					authKey1: {
						type: 'string',
						format: 'password',
						title: 'API key',
						description: 'Demo API key',
						restAttributes: {headerParamName: demoCredentials.apiKeyHeader},
					},
				},
				required: ['host', 'authKey1'],
			},
		},
	];
}

/** `inputs` declares user inputs (sourceSpec.spec.properties) for the `${name}` placeholders the overrides use. */
export function demoConnectionSpec(
	options: {pagination?: DemoPagination; limit?: number; overrides?: Record<string, unknown>; inputs?: string[]} = {},
): Record<string, unknown> {
	const route = demoRoute(options.pagination ?? 'OFFSET', options.limit ?? 50);
	return {
		name: 'Demo contacts',
		description: 'Contacts from the local demo REST API',
		type: 'generic-rest',
		providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
		version: '1.0',
		attributes: {uiAttributes: {apiFeatures: {explorePaginationSupported: false}}},
		authSpec: demoAuthSpec(),
		sourceSpec: {
			attributes: {
				uiAttributes: {
					isSource: true,
					isPreview: true,
					isBeta: true,
					category: {key: 'protocols'},
					icon: {key: 'genericRestIcon'},
					description: {text: 'Demo contacts'},
					label: {text: 'Demo contacts'},
				},
				urlParams: {path: route.path, method: 'GET'},
				contentPath: {path: route.contentPath, skipAttributes: [], keepAttributes: []},
				paginationParams: route.paginationParams,
				scheduleParams: {
					scheduleStartParamName: 'updated_since',
					scheduleEndParamName: 'updated_before',
					scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
					scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
				},
				...options.overrides,
			},
			spec: {
				$schema: draft07,
				type: 'object',
				description: options.inputs?.length ? 'User inputs.' : 'No inputs needed.',
				properties: Object.fromEntries((options.inputs ?? []).map(name => [name, {type: 'string', description: `Value of ${name}.`}])),
			},
		},
		exploreSpec: {
			name: 'Resource',
			type: 'Resource',
			requestSpec: {$schema: draft07, type: 'object'},
			responseSpec: {
				$schema: draft07,
				type: 'object',
				properties: {format: {type: 'string'}, schema: {type: 'object'}, data: {type: 'array', items: {type: 'object'}}},
			},
		},
	};
}

/** Auth params for the demo, by authSpec type. */
export function demoAuthParams(url: string, type: 'OAuth2RefreshCode' | 'BasicAuthentication' | 'KeyBased' = 'OAuth2RefreshCode'): Record<string, string> {
	if (type === 'BasicAuthentication') return {host: url, username: demoCredentials.username, password: demoCredentials.password};
	if (type === 'KeyBased') return {host: url, authKey1: demoCredentials.apiKey};
	return {host: url, accessToken: demoCredentials.accessToken};
}
