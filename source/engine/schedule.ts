// scheduleParams (docs/schedule.md): the standard time window and the ADVANCE query expression.
import {formatDate} from './date-format.js';
import {schedulePlanOf, type SchedulePlan} from '../connection-spec/plan.js';

export type ScheduleWindow = {start: Date; end: Date};

export type Schedule = SchedulePlan;

/** A run's window and which ADVANCE expression it sends (`backfill` or `incremental`). Times in ms since the epoch. */
export type RunWindow = {start: number; end: number; mode: 'backfill' | 'incremental'};

/**
 * The window of one dataflow run (docs/schedule.md#run-windows): a window given to the run is read incrementally; a
 * run after a successful one starts where the latest ended; the first run of a flow with backfill (or a `once`
 * flow) reaches back to the epoch with the backfill expression; otherwise it starts at the flow's start time.
 * Every window ends at `nowMs`, when the run starts.
 */
export function runWindow(input: {
	nowMs: number;
	given?: {start: number; end: number};
	previousEndsMs?: number[];
	backfill: boolean;
	flowStartMs: number;
}): RunWindow {
	if (input.given) return {start: input.given.start, end: input.given.end, mode: 'incremental'};
	const previous = input.previousEndsMs ?? [];
	if (previous.length > 0) return {start: Math.max(...previous), end: input.nowMs, mode: 'incremental'};
	return input.backfill ? {start: 0, end: input.nowMs, mode: 'backfill'} : {start: input.flowStartMs, end: input.nowMs, mode: 'incremental'};
}

/** The interval the live preview assumes between two runs: an hour (docs/preview.md#the-schedule-window). */
export const previewIntervalMs = 3_600_000;

/**
 * The window the live preview sends (docs/preview.md#the-schedule-window), through the same rule as runs: `backfill`
 * is the first run of a flow with backfill; `incremental` a later run, the previous one having ended an hour ago.
 */
export function previewWindow(choice: 'backfill' | 'incremental', nowMs: number): RunWindow {
	return choice === 'backfill'
		? runWindow({nowMs, backfill: true, flowStartMs: nowMs})
		: runWindow({nowMs, previousEndsMs: [nowMs - previewIntervalMs], backfill: true, flowStartMs: nowMs});
}

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
