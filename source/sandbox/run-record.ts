import type {Caller} from './router.js';
import type {Entity} from './state-store.js';
import {createdFields, freshEtag} from './entities.js';
import {newUuid} from './ids.js';

// The run object of docs/target-and-runs.md#runs, built in the documented shape.

export type RunError = {code: string; message: string; recordCount?: number};

export type RunOutcome = {
	status: 'success' | 'failed';
	startedAt: number;
	copyEndedAt: number;
	completedAt: number;
	window: {start: number; end: number};
	inputRecords: number;
	outputRecords: number;
	failedRecords: number;
	inputBytes: number;
	outputBytes: number;
	/** Run-level errors (statusSummary.errors). */
	errors: RunError[];
	/** Promotion activity errors (statusSummary.extensions.errors). */
	promotionErrors: RunError[];
	/** Promotion activity warnings (statusSummary.extensions.warnings): rows ingested with fields set to null. */
	promotionWarnings: RunError[];
	/** Set when the source could not be read (the copy activity failed). */
	copyFailed: boolean;
	batchId?: string;
	sourceConnectionId: string;
	targetConnectionId: string;
	oneTime: boolean;
};

/** A run as first created: status `scheduled`, no activities yet. Internal fields start with `_`. */
export function newRun(flow: Entity, caller: Caller, scheduledFor: number): Entity {
	return {
		id: newUuid(),
		flowId: flow.id,
		...createdFields(caller),
		flowSpec: flow['flowSpec'],
		...freshEtag(),
		metrics: {statusSummary: {status: 'scheduled'}},
		activities: [],
		_scheduledFor: scheduledFor,
	};
}

const exportBase = 'https://platform.adobe.io/data/foundation/export/batches';

function copyActivity(outcome: RunOutcome): Record<string, unknown> {
	return {
		id: 'copyActivity',
		name: 'Copy Activity',
		updatedAtUTC: outcome.copyEndedAt,
		durationSummary: {
			startedAtUTC: outcome.startedAt,
			completedAtUTC: outcome.copyEndedAt,
			extensions: {windowStart: outcome.window.start, windowEnd: outcome.window.end},
		},
		sizeSummary: {inputBytes: outcome.inputBytes, outputBytes: outcome.inputBytes},
		recordSummary: {},
		fileSummary: {inputFileCount: outcome.copyFailed ? 0 : 1, outputFileCount: outcome.copyFailed ? 0 : 1},
		statusSummary: {
			status: outcome.copyFailed ? 'failed' : 'success',
			...(outcome.copyFailed ? {errors: outcome.errors} : {}),
			extensions: {type: outcome.oneTime ? 'one-time' : 'incremental'},
		},
		sourceInfo: [{id: outcome.sourceConnectionId, type: 'SourceConnection', reference: {type: 'AdfRunId', ids: [newUuid()]}}],
	};
}

function promotionActivity(outcome: RunOutcome): Record<string, unknown> {
	const batch = outcome.batchId;
	const manifest = batch ? {fileInfo: `${exportBase}/${batch}/meta?path=input_files`} : {};
	return {
		id: 'promotionActivity',
		name: 'Promotion Activity',
		updatedAtUTC: outcome.completedAt,
		durationSummary: {startedAtUTC: outcome.copyEndedAt, completedAtUTC: outcome.completedAt},
		sizeSummary: {inputBytes: outcome.inputBytes, outputBytes: outcome.outputBytes},
		recordSummary: {inputRecordCount: outcome.inputRecords, outputRecordCount: outcome.outputRecords, failedRecordCount: outcome.failedRecords},
		fileSummary: {inputFileCount: 1, outputFileCount: outcome.outputRecords > 0 ? 1 : 0, extensions: {manifest}},
		statusSummary: {
			status: outcome.status,
			...(outcome.errors.length > 0 ? {errors: outcome.errors} : {}),
			...((outcome.promotionErrors.length > 0 || outcome.promotionWarnings.length > 0) && batch
				? {
						extensions: {
							...(outcome.promotionErrors.length > 0
								? {
										manifest: {
											failedRecords: `${exportBase}/${batch}/meta?path=row_errors`,
											sampleErrors: `${exportBase}/${batch}/meta?path=row_error_samples.json`,
										},
										errors: outcome.promotionErrors,
									}
								: {}),
							// Not an error: the rows were ingested (docs/sandbox-fidelity.md "Data Prep").
							...(outcome.promotionWarnings.length > 0 ? {warnings: outcome.promotionWarnings} : {}),
						},
					}
				: {}),
		},
		targetInfo: [{id: outcome.targetConnectionId, type: 'TargetConnection', reference: {type: 'Batch', ids: batch ? [batch] : []}}],
	};
}

/** The finished run's metrics and activities exactly as documented (metrics.*Summary, copy + promotion). */
export function finishedRun(run: Entity, outcome: RunOutcome): Entity {
	const activities = outcome.copyFailed ? [copyActivity(outcome)] : [copyActivity(outcome), promotionActivity(outcome)];
	const refs = outcome.copyFailed ? ['copyActivity'] : ['promotionActivity'];
	return {
		...run,
		updatedAt: outcome.completedAt,
		...freshEtag(),
		metrics: {
			durationSummary: {startedAtUTC: outcome.startedAt, completedAtUTC: outcome.completedAt},
			sizeSummary: {inputBytes: outcome.inputBytes, outputBytes: outcome.outputBytes},
			recordSummary: {inputRecordCount: outcome.inputRecords, outputRecordCount: outcome.outputRecords, failedRecordCount: outcome.failedRecords},
			fileSummary: {inputFileCount: outcome.copyFailed ? 0 : 1, outputFileCount: outcome.outputRecords > 0 ? 1 : 0, activityRefs: refs},
			statusSummary: {status: outcome.status, ...(outcome.errors.length > 0 ? {errors: outcome.errors} : {}), activityRefs: refs},
		},
		activities,
		_windowEnd: outcome.window.end,
	};
}

/** Internal fields (`_scheduledFor`, `_windowEnd`) never reach the client. */
export function presentRun(run: Entity): unknown {
	return Object.fromEntries(Object.entries(run).filter(([key]) => !key.startsWith('_')));
}
