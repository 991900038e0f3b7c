// Fixed values of Self-Serve Sources (Batch SDK): ids (docs/flow-service.md#fixed-identifiers), categories (docs/connection-spec.md#catalog-categories) and the
// enums of docs/connection-spec.md#authspec / docs/connection-spec.md#sourcespec.

export const ids = {
	/** Flow spec RestStorageToAEP: every batch SDK source's dataflows use it (docs/flow-service.md#fixed-identifiers, docs/flow-spec.md#safe-append). */
	restStorageToAep: '6499120c-0b15-42dc-936e-847ea3c24d72',
	/** Target connection spec of the data lake (docs/flow-service.md#fixed-identifiers). */
	dataLakeTargetSpec: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
	/** `providerId` of REST batch sources (docs/flow-service.md#fixed-identifiers, docs/connection-spec.md#top-level-fields). */
	restProviderId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
} as const;

/** `type` of a REST batch connection spec (docs/connection-spec.md#top-level-fields). */
/**
 * Fields the Flow Service adds to every object it stores and a client may echo back: timestamps (epoch ms), who and
 * which client, the sandbox and org, and the etag (docs/flow-service.md#conventions). One list for the sandbox (which
 * strips them from PUT bodies), the safe append (which leaves them out of its PUT) and the spec diff (which ignores them).
 */
export const serverOwnedFields = [
	'createdAt',
	'updatedAt',
	'createdBy',
	'updatedBy',
	'createdClient',
	'updatedClient',
	'sandboxId',
	'sandboxName',
	'imsOrgId',
	'etag',
] as const;

/** A shallow copy of `item` without `fields` (default: the server-owned fields). */
export function withoutFields(item: Record<string, unknown>, fields: readonly string[] = serverOwnedFields): Record<string, unknown> {
	const copy = {...item};
	for (const field of fields) delete copy[field];
	return copy;
}

export const specType = 'generic-rest';
export const specVersion = '1.0';

/**
 * The JSON Schema URL every example uses, and the documented variant with a space (docs/connection-spec.md#explorespec,
 * docs/connection-spec.md#placeholder-and-explorespec-rules).
 */
export const draft07 = 'http://json-schema.org/draft-07/schema#';
export const draft07WithSpace = 'http: //json-schema.org/draft-07/schema#';

/** The ten catalog categories with the camel-case keys recommended in docs/connection-spec.md#catalog-categories. */
export const categories: {label: string; key: string}[] = [
	{label: 'Advertising', key: 'advertising'},
	{label: 'Analytics', key: 'analytics'},
	{label: 'Consent and Preferences', key: 'consentAndPreferences'},
	{label: 'CRM', key: 'crm'},
	{label: 'Customer Success', key: 'customerSuccess'},
	{label: 'Database', key: 'database'},
	{label: 'e-Commerce', key: 'ecommerce'},
	{label: 'Marketing Automation', key: 'marketingAutomation'},
	{label: 'Payments', key: 'payments'},
	{label: 'Protocols', key: 'protocols'},
];

export const authTypes = ['OAuth2RefreshCode', 'BasicAuthentication', 'KeyBased'] as const;
export const paginationTypes = ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE'] as const;
export const httpMethods = ['GET', 'POST'] as const;
export const parameterTypes = ['QUERYPARAM', 'HEADERPARAM'] as const;

/** Fields each pagination type uses (docs/connection-spec.md#pagination); anything else in `paginationParams` is ignored by that type. */
export const paginationFields: Record<(typeof paginationTypes)[number], readonly string[]> = {
	OFFSET: ['type', 'limitName', 'limitValue', 'offSetName', 'endConditionName', 'endConditionValue'],
	POINTER: ['type', 'limitName', 'limitValue', 'pointerPath'],
	CONTINUATION_TOKEN: ['type', 'continuationTokenPath', 'parameterType', 'parameterName', 'delayRequestMillis'],
	PAGE: ['type', 'limitName', 'limitValue', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest'],
	NONE: ['type'],
};

/**
 * Pagination fields the model reads as whole numbers, written as a number or a numeric string
 * (docs/connection-spec.md#pagination, docs/connection-spec-model.md#pagination); `endPageIndex` may also be
 * `headers.<name>`. The wizard saves digits typed into them as JSON numbers.
 */
export const numericPaginationFields: ReadonlySet<string> = new Set(['limitValue', 'delayRequestMillis', 'initialPageIndex', 'endPageIndex', 'maximumRequest']);

/** The row of docs/connection-spec.md#validation-rules that holds each pagination type's field rules. A Map: looked up with user strings. */
export const paginationRules = new Map<string, string>([
	['OFFSET', 'pagination-offset'],
	['POINTER', 'pagination-pointer'],
	['CONTINUATION_TOKEN', 'pagination-continuation-token'],
	['PAGE', 'pagination-page'],
]);

/** Auth property names that hold secrets and should carry `format: "password"` (docs/connection-spec.md#authspec-rules). */
export const secretAuthProperty = /^(clientSecret|accessToken|refreshToken|password|authKey\d+)$/;

/** The fixed explore spec of batch SDK sources, "hard-coded; copy as is" (docs/connection-spec.md#explorespec). Returns a fresh copy. */
export function fixedExploreSpec(): {name: string; type: string; requestSpec: Record<string, unknown>; responseSpec: Record<string, unknown>} {
	return {
		name: 'Resource',
		type: 'Resource',
		requestSpec: {$schema: draft07, type: 'object'},
		responseSpec: {
			$schema: draft07,
			type: 'object',
			properties: {
				format: {type: 'string'},
				schema: {
					type: 'object',
					properties: {
						columns: {
							type: 'array',
							items: {type: 'object', properties: {name: {type: 'string'}, type: {type: 'string'}}},
						},
					},
				},
				data: {type: 'array', items: {type: 'object'}},
			},
		},
	};
}
