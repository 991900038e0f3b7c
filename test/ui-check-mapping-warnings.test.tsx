import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, testServices} from './helpers/ui-wizard.js';
import {createUserTarget, demoDraft, recordingContext, startFixture} from './helpers/workflow-fixture.js';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec} from '../source/workflow/index.js';

// The check screen on an existing target whose mapping feeds text into an integer field: Data Prep sets that field to
// null and still ingests every row (docs/sandbox-fidelity.md "Data Prep"), so the check succeeds and says how many
// rows had mapping warnings, naming the field and the problem.

test('check screen: a run whose rows were ingested with a field set to null succeeds and shows the mapping warnings', {timeout: 120_000}, async () => {
	const fixture = await startFixture({records: 18});
	const services = testServices();
	services.openSession = async () => ({
		profile: {name: 'local', kind: 'local'},
		target: {imsUrl: fixture.sandbox.imsUrl, platformUrl: fixture.sandbox.platformUrl, ...fixture.sandbox.credentials},
		client: fixture.client,
		demo: {url: fixture.sandbox.demo!.url, records: 18},
		close: async () => {},
	});
	const {schemaId, datasetId, mappingId, remove} = await createUserTarget(fixture.client, 'Screen warnings', 'integer');
	const base = demoDraft('demo-warnings');
	const draft = {...base, step: 'check' as const, test: {...base.test, target: {mode: 'existing' as const, schemaId, datasetId, mappingId}}};
	const {ctx} = recordingContext(fixture.client, draft);
	await appendToRestStorageToAEP(ctx, (await createOrUpdateConnectionSpec(ctx)).id);
	services.drafts.save(ctx.draft);
	const tenant = await fixture.client.schemaRegistry.tenantId();
	const ink = await renderWizard({command: 'resume', argv: ['demo-warnings'], services});
	try {
		await ink.waitFor(frame => /Source requests → demo API http:\/\/127\.0\.0\.1/.test(frame), 10_000);
		await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage/.test(frame), 60_000);
		await ink.idle();
		const frame = ink.frame().replace(/\s*\n\s*/g, ' ');
		assert.match(frame, /✔ Success: 18 records read, 18 written, 0 failed/);
		assert.match(frame, /⚠ 18 rows had mapping warnings \(ingested with fields set to null\): 18 row\(s\) were ingested with fields set to null\./);
		assert.ok(frame.includes(`Mapper transform error at _${tenant}.email:`), frame);
		assert.match(frame, /is not a number; the field was set to null\./);
		assert.doesNotMatch(frame, /✖ Failed/);
		assert.equal(savedDraft(services, 'demo-warnings')!.remote['local']!.lastRun!.warnings![0]!.recordCount, 18);
	} finally {
		await ink.cleanup();
		await remove();
		await fixture.close();
	}
});
