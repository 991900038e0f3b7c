// One rule for the window of a run (docs/schedule.md#run-windows), used by the sandbox's runs and the live preview.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {previewWindow, runWindow} from '../source/engine/schedule.js';

const now = Date.UTC(2026, 10, 30, 14, 0, 0);
const hour = 3_600_000;

test('runWindow: first run with backfill from the epoch; without backfill from the flow start; later runs from the latest end', () => {
	assert.deepEqual(runWindow({nowMs: now, backfill: true, flowStartMs: now - 5 * hour}), {start: 0, end: now, mode: 'backfill'});
	assert.deepEqual(runWindow({nowMs: now, backfill: false, flowStartMs: now - 5 * hour}), {start: now - 5 * hour, end: now, mode: 'incremental'});
	assert.deepEqual(runWindow({nowMs: now, previousEndsMs: [now - 3 * hour, now - hour], backfill: true, flowStartMs: 0}), {
		start: now - hour,
		end: now,
		mode: 'incremental',
	});
	assert.deepEqual(runWindow({nowMs: now, given: {start: 5, end: 9}, previousEndsMs: [now - hour], backfill: true, flowStartMs: 0}), {
		start: 5,
		end: 9,
		mode: 'incremental',
	});
});

test('previewWindow: the first (backfill) run, or an incremental run whose previous run ended an hour earlier', () => {
	assert.deepEqual(previewWindow('backfill', now), {start: 0, end: now, mode: 'backfill'});
	assert.deepEqual(previewWindow('incremental', now), {start: now - hour, end: now, mode: 'incremental'});
});
