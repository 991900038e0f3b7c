// scheduleParams (docs/schedule.md): the standard time window and the ADVANCE query expression.
import {formatDate} from './date-format.js';
import {schedulePlanOf, type SchedulePlan} from '../connection-spec/plan.js';

export type ScheduleWindow = {start: Date; end: Date};

export type Schedule = SchedulePlan;

/** Standard variant: `{scheduleStartParamName}={start}&{scheduleEndParamName}={end}` as query params (docs/schedule.md#standard-window). */
export function standardScheduleParams(schedule: Schedule & {kind: 'standard'}, window: ScheduleWindow): {name: string; value: string}[] {
	const out: {name: string; value: string}[] = [];
	out.push({name: schedule.startName, value: formatDate(schedule.startFormat, window.start)});
	out.push({name: schedule.endName, value: formatDate(schedule.endFormat, window.end)});
	return out;
}

/** ADVANCE: the incremental or backfill expression with `{START_TIME}`/`{END_TIME}` formatted by `paramFormat`. */
export function advanceScheduleQuery(schedule: Schedule & {kind: 'advance'}, window: ScheduleWindow, mode: 'incremental' | 'backfill'): string {
	const template = mode === 'backfill' ? schedule.backfill : schedule.incremental;
	return template
		.split('{START_TIME}')
		.join(formatDate(schedule.paramFormat, window.start))
		.split('{END_TIME}')
		.join(formatDate(schedule.paramFormat, window.end));
}

/**
 * What would be sent for each window, for the wizard's live preview. Standard: the two query params.
 * ADVANCE: the `{SCHEDULE_QUERY}` value; without `mode`, both the incremental and the backfill expressions.
 * Never throws: scheduleParams the model does not accept (a half-typed form) preview nothing.
 */
export function scheduleWindowPreview(
	scheduleParams: unknown,
	windows: ScheduleWindow[],
	mode?: 'incremental' | 'backfill',
): {name: string; value: string}[][] {
	const schedule = schedulePlanOf(scheduleParams);
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
