// The zod shape of a saved draft (source/connection-spec/draft-types.ts), checked when a draft file is read or imported.
import {z} from 'zod';
import {stepNames, type Draft} from '../connection-spec/draft-types.js';
import {DataFileError} from './data-file.js';

/** Draft ids are file names: no separators, no leading dot. */
export const draftIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const ledgerEntry = z.object({
	kind: z.enum(['connectionSpec', 'connection', 'sourceConnection', 'targetConnection', 'fieldGroup', 'schema', 'dataset', 'mappingSet', 'flow']),
	id: z.string(),
	createdAt: z.string(),
	deletedAt: z.string().optional(),
	detail: z.record(z.string(), z.string()).optional(),
});

const runSummary = z.object({
	status: z.enum(['success', 'failed']),
	flowId: z.string().optional(),
	runId: z.string().optional(),
	recordsRead: z.number(),
	recordsWritten: z.number(),
	recordsFailed: z.number(),
	durationMs: z.number(),
	batchIds: z.array(z.string()),
	errors: z.array(z.object({code: z.string(), message: z.string()})),
	warnings: z.array(z.object({code: z.string(), message: z.string(), recordCount: z.number()})).optional(),
	authSpecName: z.string().optional(),
	finishedAt: z.string(),
	failedStage: z.string().optional(),
	cleanedUp: z.boolean(),
});

const stringRecord = z.record(z.string(), z.string());

// Loose objects: a field added to the Draft type later survives a save by an older build instead of vanishing.
export const draftSchema = z.looseObject({
	formatVersion: z.literal(1),
	id: z.string().regex(draftIdPattern, 'must be 1–100 letters, digits, ".", "-" or "_", not starting with a dot'),
	step: z.enum(stepNames),
	createdAt: z.string(),
	updatedAt: z.string(),
	template: z.string().optional(),
	artifacts: z.looseObject({
		sourceName: z.string(),
		label: z.string(),
		description: z.string(),
		category: z.string(),
		iconPath: z.string().optional(),
		documentationLink: z.string().optional(),
		providerName: z.string().optional(),
		providerContact: z.string().optional(),
	}),
	spec: z.record(z.string(), z.unknown()),
	test: z.looseObject({
		authSpecName: z.string().optional(),
		authParams: stringRecord,
		sourceParams: stringRecord,
		target: z.discriminatedUnion('mode', [
			z.object({mode: z.literal('create')}),
			z.object({mode: z.literal('existing'), schemaId: z.string(), datasetId: z.string(), mappingId: z.string().optional()}),
		]),
		keep: z.boolean().optional(),
		sourceApi: z.enum(['demo', 'spec']).optional(),
	}),
	remote: z.record(
		z.string(),
		z.looseObject({
			connectionSpecId: z.string().optional(),
			lastSentSpecHash: z.string().optional(),
			appendedToFlowSpec: z.boolean().optional(),
			ledger: z.array(ledgerEntry),
			lastRun: runSummary.optional(),
			runsByAuthSpec: z.record(z.string(), runSummary).optional(),
		}),
	),
	madeBy: z.object({command: z.literal('run'), template: z.string().optional(), specFile: z.string().optional()}).optional(),
	profile: z.string().optional(),
	exports: z.object({artifactsDir: z.string().optional(), docsPage: z.string().optional(), packetDir: z.string().optional()}).optional(),
});

/** Parses a draft; on failure throws an Error listing the first bad fields by path. */
export function parseDraft(value: unknown, where: string): Draft {
	const result = draftSchema.safeParse(value);
	if (result.success) return result.data satisfies Draft;
	const issues = result.error.issues.slice(0, 3).map(issue => `${issue.path.join('.') || '(draft)'}: ${issue.message}`);
	throw new DataFileError(`${where} is not a valid draft: ${issues.join('; ')}.`, {
		where,
		hint: 'Fix the file, or move it out of the drafts folder (its content is not shown: it may hold secrets).',
	});
}
