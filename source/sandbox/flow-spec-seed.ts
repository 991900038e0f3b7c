import type {Entity} from './state-store.js';

// Fixed identifiers of docs/flow-service.md#fixed-identifiers.
export const restStorageToAepId = '6499120c-0b15-42dc-936e-847ea3c24d72';
export const dataLakeTargetSpecId = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
export const restProviderId = '0ed90a81-07f4-4586-8190-b40eccef1c5a';

/**
 * Other sources' ids already in RestStorageToAEP (docs/flow-spec.md#get-the-flow-spec GET example + docs/flow-spec.md#put-the-flow-spec PUT example): a
 * careless PUT drops them.
 */
export const documentedSourceSpecIds = [
	'2d46966e-4fcc-4015-9f9e-a67594e395a3',
	'4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62',
	'2e8580db-6489-4726-96de-e33f5f60295f',
	'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a',
];

const draft07 = 'http://json-schema.org/draft-07/schema#';
const enterpriseSource = (permission: string) => [{'@type': 'lowLevel', name: 'EnterpriseSource', permissions: [permission]}];
const seedTime = 1633080822911;
const seedActor = {
	createdBy: 'acp_flowservice@AdobeID',
	updatedBy: 'acp_flowservice@AdobeID',
	createdClient: 'acp_flowservice',
	updatedClient: 'acp_flowservice',
};

/** RestStorageToAEP exactly as docs/flow-spec.md#get-the-flow-spec shows it (valid JSON this time). */
export function restStorageToAep(): Entity {
	return {
		id: restStorageToAepId,
		createdAt: seedTime,
		updatedAt: seedTime,
		...seedActor,
		name: 'RestStorageToAEP',
		providerId: restProviderId,
		version: '1.0',
		sourceConnectionSpecIds: [...documentedSourceSpecIds],
		targetConnectionSpecIds: [dataLakeTargetSpecId],
		optionSpec: {
			name: 'OptionSpec',
			spec: {
				$schema: draft07,
				type: 'object',
				properties: {
					errorDiagnosticsEnabled: {
						title: 'Error diagnostics.',
						description: 'Enables detailed and sampled error diagnostics.',
						type: 'boolean',
						default: false,
					},
					partialIngestionPercent: {
						title: 'Partial ingestion threshold.',
						description: 'Error percentage allowed before a run fails.',
						type: 'number',
						exclusiveMinimum: 0,
					},
				},
			},
		},
		transformationSpecs: [
			{
				name: 'Mapping',
				spec: {
					$schema: draft07,
					type: 'object',
					description: 'Parameters for mapping source data to the target',
					properties: {mappingId: {type: 'string'}, mappingVersion: {type: 'string'}},
				},
			},
		],
		scheduleSpec: {
			name: 'PeriodicSchedule',
			type: 'Periodic',
			spec: {
				$schema: draft07,
				type: 'object',
				properties: {
					startTime: {description: 'epoch time', type: 'integer'},
					frequency: {type: 'string', enum: ['once', 'minute', 'hour', 'day', 'week']},
					interval: {type: 'integer'},
					backfill: {type: 'boolean', default: true},
				},
				required: ['startTime', 'frequency'],
				if: {properties: {frequency: {const: 'once'}}},
				// biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, plain data never awaited
				then: {allOf: [{not: {required: ['interval']}}, {not: {required: ['backfill']}}]},
				else: {
					required: ['interval'],
					if: {properties: {frequency: {const: 'minute'}}},
					// biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, plain data never awaited
					then: {properties: {interval: {minimum: 15}}},
					else: {properties: {interval: {minimum: 1}}},
				},
			},
		},
		attributes: {notification: {category: 'sources', flowRun: {enabled: true}}},
		permissionsInfo: {manage: enterpriseSource('write'), view: enterpriseSource('read')},
	};
}
