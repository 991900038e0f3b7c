import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, savedDraft} from './helpers/ui-wizard.js';
import {nothingLeft, remoteCounts} from './helpers/workflow-fixture.js';
import {openCheckScreen} from './helpers/check-screen.js';

// The check screen after a failure: the objects stay, `r` retries from the failed stage reusing the earlier ones,
// `c` deletes them. The local profile's session is pointed at a sandbox this test controls, so the test can inject
// (and then remove) a platform fault: POST /flows answers 500, which fails the "dataflow" stage.

const flowsDown = {serverErrors: {status: 500 as const, burst: 1000, methods: ['POST'], paths: /\/flowservice\/flows$/}};

test('check screen: a failed check keeps its objects, r retries from the failed stage, c cleans up', {timeout: 120_000}, async () => {
	const {fixture, services, ink} = await openCheckScreen();
	const postsOf = (collection: string) =>
		fixture.sandbox.requestLog().filter(e => e.method === 'POST' && e.status < 300 && e.path.endsWith(`/${collection}`)).length;
	const runCheck = async () => {
		await ink.waitFor(frame => /Source requests → demo API http:\/\/127\.0\.0\.1/.test(frame), 10_000);
		await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage/.test(frame), 60_000);
		await ink.idle();
	};
	try {
		fixture.sandbox.setFaults(flowsDown);
		await runCheck();
		assert.match(ink.frame(), /✖ Failed at stage “dataflow”/);
		assert.match(ink.frame(), /\d+ test objects kept for the retry; the next check or `c` deletes them/);
		assert.match(ink.frame(), /r retry from dataflow/);
		assert.match(ink.frame(), /c clean up/);
		assert.equal((await remoteCounts(fixture)).sourceConnections, 1, 'the objects are still there');

		// The platform recovers: r retries from the dataflow stage, reusing the connections and the target.
		fixture.sandbox.setFaults(undefined);
		await ink.press('r');
		await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage/.test(frame), 60_000);
		await ink.idle();
		assert.match(ink.frame(), /✔ Success: 30 records read, 30 written, 0 failed/);
		assert.equal(postsOf('connections'), 1, 'one base connection over both attempts');
		assert.equal(postsOf('sourceConnections'), 1, 'one source connection over both attempts');
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);

		// Fail again (Esc → inputs → run), then c deletes what was kept.
		fixture.sandbox.setFaults(flowsDown);
		await ink.press(keys.escape);
		await runCheck();
		assert.match(ink.frame(), /✖ Failed at stage “dataflow”/);
		assert.notDeepEqual(await remoteCounts(fixture), nothingLeft);
		await ink.press('c');
		await ink.waitFor(frame => /✔ Deleted \d+ test object\(s\)|could not be deleted/.test(frame), 30_000);
		await ink.idle();
		assert.match(ink.frame(), /✔ Deleted \d+ test object\(s\)/);
		assert.doesNotMatch(ink.frame(), /test objects kept for the retry/);
		assert.deepEqual(await remoteCounts(fixture), nothingLeft);
		const open = savedDraft(services)!.remote['local']!.ledger.filter(e => !e.deletedAt && e.kind !== 'connectionSpec' && e.kind !== 'mappingSet');
		assert.deepEqual(open, [], 'the saved ledger knows they are gone');
	} finally {
		await ink.cleanup();
		await fixture.close();
	}
});
