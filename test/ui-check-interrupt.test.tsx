import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, savedDraft} from './helpers/ui-wizard.js';
import {nothingLeft, remoteCounts} from './helpers/workflow-fixture.js';
import {openCheckScreen} from './helpers/check-screen.js';

// Ctrl-C on the check screen while the check runs: answered at once with what happens next; the check stops and
// deletes its objects; a second Ctrl-C quits and keeps them in the saved ledger. Every platform answer is slowed
// (sandbox latency) so the check is still running when the keys arrive.

async function checkScreen() {
	const {fixture, services, ink} = await openCheckScreen();
	await ink.waitFor(frame => /Source requests → demo API http:\/\/127\.0\.0\.1/.test(frame), 10_000);
	await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
	fixture.sandbox.setFaults({latencyMs: 400});
	await ink.press(keys.enter);
	await ink.waitFor(frame => /✔ Source connection/.test(frame), 30_000);
	return {fixture, services, ink};
}

test('check screen: Ctrl-C while the check runs says at once what it deletes, stops, and cleans up', {timeout: 120_000}, async () => {
	const {fixture, services, ink} = await checkScreen();
	try {
		await ink.press(keys.ctrlC);
		assert.match(ink.frame(), /Stopping: deleting \d+ test objects… \(Ctrl-C again to quit now and keep them\)/, 'answered at once');
		assert.match(ink.frame(), /Ctrl-C quit now, keep the test objects/);
		await ink.waitFor(frame => /Stopped on request/.test(frame), 60_000);
		await ink.idle();
		assert.match(ink.frame(), /■ Stopped on request; the test objects were deleted\./);
		// A stop is not a failure to fix, and with nothing kept there is nothing to resume from.
		assert.doesNotMatch(ink.frame(), /Failed at stage|This operation was aborted|retry from/);
		assert.match(ink.frame(), /r run the check again/);
		assert.match(ink.frame(), /Stopped during "[a-z-]+"/);
		fixture.sandbox.setFaults(undefined);
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);
		const open = savedDraft(services)!.remote['local']!.ledger.filter(e => !e.deletedAt && e.kind !== 'connectionSpec' && e.kind !== 'mappingSet');
		assert.deepEqual(open, [], 'the saved ledger knows they are gone');
	} finally {
		await ink.cleanup();
		await fixture.close();
	}
});

test('check screen: a second Ctrl-C quits at once and the saved ledger keeps the objects for the next check', {timeout: 120_000}, async () => {
	const {fixture, services, ink} = await checkScreen();
	try {
		fixture.sandbox.setFaults({latencyMs: 3_000});
		await ink.press(keys.ctrlC);
		assert.match(ink.frame(), /Stopping: deleting \d+ test objects…/);
		await ink.press(keys.ctrlC);
		fixture.sandbox.setFaults(undefined);
		const left = await remoteCounts(fixture);
		assert.ok((left.sourceConnections ?? 0) + (left.connections ?? 0) > 0, `objects were kept: ${JSON.stringify(left)}`);
		const open = savedDraft(services)!.remote['local']!.ledger.filter(e => !e.deletedAt && e.kind !== 'connectionSpec' && e.kind !== 'mappingSet');
		assert.ok(
			open.some(entry => entry.kind === 'connection'),
			'the kept base connection is in the saved ledger for the next check',
		);
	} finally {
		await ink.cleanup();
		await fixture.close();
	}
});
