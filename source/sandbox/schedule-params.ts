import {isObject} from './entities.js';

// Schedule rules of docs/flow-spec.md#schedule-rules (the flow spec's scheduleSpec): startTime epoch seconds (number or numeric
// string), frequency once|minute|hour|day|week; once forbids interval/backfill; minute needs interval ≥ 15,
// others ≥ 1; backfill boolean (or "true"/"false"). Values are stored as received (docs/flow-spec.md#schedule-rules Recommendation).

export const frequencies = ['once', 'minute', 'hour', 'day', 'week'] as const;
const unitMs: Record<string, number> = {minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000};

function integerValue(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

/** Problems as `scheduleParams.x: message`; empty when the schedule is valid. */
export function scheduleProblems(schedule: unknown): string[] {
	if (!isObject(schedule)) return ['scheduleParams: is required ({startTime, frequency[, interval]})'];
	const problems: string[] = [];
	if (schedule['startTime'] === undefined) problems.push('scheduleParams.startTime: is required (epoch seconds)');
	else if (integerValue(schedule['startTime']) === undefined)
		problems.push('scheduleParams.startTime: must be epoch seconds as an integer or a string of digits');
	const frequency = schedule['frequency'];
	if (typeof frequency !== 'string' || !(frequencies as readonly string[]).includes(frequency)) {
		problems.push(`scheduleParams.frequency: must be one of ${frequencies.join(', ')}`);
		return problems;
	}
	if (frequency === 'once') {
		if (schedule['interval'] !== undefined) problems.push('scheduleParams.interval: must be absent when frequency is "once"');
		if (schedule['backfill'] !== undefined) problems.push('scheduleParams.backfill: must be absent when frequency is "once"');
		return problems;
	}
	const interval = integerValue(schedule['interval']);
	const minimum = frequency === 'minute' ? 15 : 1;
	if (schedule['interval'] === undefined) problems.push(`scheduleParams.interval: is required when frequency is "${frequency}"`);
	else if (interval === undefined || interval < minimum)
		problems.push(`scheduleParams.interval: must be an integer ≥ ${minimum} when frequency is "${frequency}"`);
	const backfill = schedule['backfill'];
	if (backfill !== undefined && typeof backfill !== 'boolean' && backfill !== 'true' && backfill !== 'false')
		problems.push('scheduleParams.backfill: must be a boolean');
	return problems;
}

export type Schedule = {startMs: number; once: boolean; periodMs: number; backfill: boolean};

/** The schedule of a valid `scheduleParams`. */
export function readSchedule(schedule: Record<string, unknown>): Schedule {
	const frequency = String(schedule['frequency']);
	const interval = integerValue(schedule['interval']) ?? 1;
	return {
		startMs: (integerValue(schedule['startTime']) ?? 0) * 1000,
		once: frequency === 'once',
		periodMs: (unitMs[frequency] ?? 0) * interval,
		backfill: schedule['backfill'] === undefined ? true : schedule['backfill'] === true || schedule['backfill'] === 'true',
	};
}
