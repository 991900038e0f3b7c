// scheduleParams (reference 3.5.9): the standard time window and the ADVANCE query expression.
import {formatDate} from './date-format.js';

export type ScheduleWindow = {start: Date; end: Date};

/** Used when a standard schedule gives no format: the documented `yyyy-MM-ddTHH:mm:ssZ` example (3.5.9). */
export const defaultScheduleFormat = 'yyyy-MM-ddTHH:mm:ssZ';

export type Schedule =
	| {kind: 'standard'; startName?: string; endName?: string; startFormat: string; endFormat: string}
	| {kind: 'advance'; paramFormat: string; incremental: string; backfill: string};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads scheduleParams defensively; `undefined` when there is nothing to send. */
export function readSchedule(scheduleParams: unknown): Schedule | undefined {
	if (!scheduleParams || typeof scheduleParams !== 'object') return undefined;
	const params = scheduleParams as Record<string, unknown>;
	// `type: "ADVANCE"` is the only documented value; its absence means the standard variant (3.5.9).
	if (String(params.type ?? '').toUpperCase() === 'ADVANCE') {
		return {
			kind: 'advance',
			paramFormat: text(params.paramFormat) ?? defaultScheduleFormat,
			incremental: text(params.incremental) ?? '',
			backfill: text(params.backfill) ?? '',
		};
	}
	const startName = text(params.scheduleStartParamName);
	const endName = text(params.scheduleEndParamName);
	if (!startName && !endName) return undefined;
	return {
		kind: 'standard',
		startName,
		endName,
		startFormat: text(params.scheduleStartParamFormat) ?? defaultScheduleFormat,
		endFormat: text(params.scheduleEndParamFormat) ?? defaultScheduleFormat,
	};
}

/** Standard variant: `{scheduleStartParamName}={start}&{scheduleEndParamName}={end}` as query params (3.5.9, 8.3). */
export function standardScheduleParams(schedule: Schedule & {kind: 'standard'}, window: ScheduleWindow): {name: string; value: string}[] {
	const out: {name: string; value: string}[] = [];
	if (schedule.startName) out.push({name: schedule.startName, value: formatDate(schedule.startFormat, window.start)});
	if (schedule.endName) out.push({name: schedule.endName, value: formatDate(schedule.endFormat, window.end)});
	return out;
}

/** ADVANCE: the incremental or backfill expression with `{START_TIME}`/`{END_TIME}` formatted by `paramFormat`. */
export function advanceScheduleQuery(schedule: Schedule & {kind: 'advance'}, window: ScheduleWindow, mode: 'incremental' | 'backfill'): string {
	const template = mode === 'backfill' ? schedule.backfill : schedule.incremental;
	return template
		.split('{START_TIME}').join(formatDate(schedule.paramFormat, window.start))
		.split('{END_TIME}').join(formatDate(schedule.paramFormat, window.end));
}

/**
 * What would be sent for each window, for the wizard's live preview. Standard: the two query params.
 * ADVANCE: the `{SCHEDULE_QUERY}` value; without `mode`, both the incremental and the backfill expressions.
 * Never throws: missing names are skipped so a half-typed form still previews.
 */
export function scheduleWindowPreview(
	scheduleParams: Record<string, unknown>,
	windows: ScheduleWindow[],
	mode?: 'incremental' | 'backfill',
): {name: string; value: string}[][] {
	const schedule = readSchedule(scheduleParams);
	return windows.map(window => {
		if (!schedule) return [];
		if (schedule.kind === 'standard') return standardScheduleParams(schedule, window);
		const modes = mode ? [mode] : (['incremental', 'backfill'] as const);
		return modes.map(each => ({
			name: mode ? '{SCHEDULE_QUERY}' : `{SCHEDULE_QUERY} (${each})`,
			value: advanceScheduleQuery(schedule, window, each),
		}));
	});
}
