// Fixed values of Self-Serve Sources (Batch SDK): ids (reference 0.3), categories (7.2) and the enums of 3.4 / 3.5.

export const ids = {
	/** Flow spec RestStorageToAEP: every batch SDK source's dataflows use it (0.3, 1.5). */
	restStorageToAep: '6499120c-0b15-42dc-936e-847ea3c24d72',
	/** Target connection spec of the data lake (0.3). */
	dataLakeTargetSpec: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
	/** `providerId` of REST batch sources (0.3, 3.2). */
	restProviderId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
} as const;

/** `type` of a REST batch connection spec (3.2). */
export const specType = 'generic-rest';
export const specVersion = '1.0';

/** The JSON Schema URL every example uses, and the documented variant with a space (3.6, 3.9 #42). */
export const draft07 = 'http://json-schema.org/draft-07/schema#';
export const draft07WithSpace = 'http: //json-schema.org/draft-07/schema#';

/** The ten catalog categories with the camel-case keys recommended in 7.2. */
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

/** Fields each pagination type uses (3.5.8); anything else in `paginationParams` is ignored by that type. */
export const paginationFields: Record<(typeof paginationTypes)[number], readonly string[]> = {
	OFFSET: ['type', 'limitName', 'limitValue', 'offSetName', 'endConditionName', 'endConditionValue'],
	POINTER: ['type', 'limitName', 'limitValue', 'pointerPath'],
	CONTINUATION_TOKEN: ['type', 'continuationTokenPath', 'parameterType', 'parameterName', 'delayRequestMillis'],
	PAGE: ['type', 'limitName', 'limitValue', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest'],
	NONE: ['type'],
};

/** The row of reference 3.9 that holds each pagination type's field rules. A Map: looked up with user strings. */
export const paginationRules = new Map<string, string>([
	['OFFSET', '3.9#30'],
	['POINTER', '3.9#32'],
	['CONTINUATION_TOKEN', '3.9#33'],
	['PAGE', '3.9#34'],
]);

/** Auth property names that hold secrets and should carry `format: "password"` (3.9 #14). */
export const secretAuthProperty = /^(clientSecret|accessToken|refreshToken|password|authKey\d+)$/;

/** The fixed explore spec of batch SDK sources, "hard-coded; copy as is" (3.6). Returns a fresh copy. */
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
