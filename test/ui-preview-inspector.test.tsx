// The live preview's inspector (Ctrl-P on the source-spec screen) against a third-party test API that is not the
// demo source: status, headers and the body of each request, scrolling, long arrays cut with a count, secrets
// masked in every frame, the schedule window the requests carried (asserted on the API's own request log), the
// backfill/incremental choice, and "suggest from this response" fixing a wrong contentPath.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {keys} from './helpers/ink.js';
import {renderWizard, savedSpec, seedDraft, tempHome, testServices, type WizardHarness} from './helpers/ui-wizard.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';
import {createServices} from '../source/wizard/create-services.js';
import {draftFromSpec} from '../source/connection-spec/index.js';

const ctrlP = '\u0010';
const now = Date.UTC(2026, 10, 30, 14, 0, 0);
let api: ThirdPartyApi;

before(async () => {
	api = await startThirdPartyApi({tickets: 100});
});
after(() => api.close());

type Spec = Record<string, any>;

/** The wizard on the source-spec screen of `spec`, its secret from the environment, its clock frozen at `now`. */
async function openSource(spec: Spec, authParams: Record<string, string>, secrets: Record<string, string>): Promise<WizardHarness> {
	const home = tempHome();
	const services = createServices({home, env: {AEP_SOURCE_HOME: home, ...secrets}, exportDir: home, previewDelayMs: 5, pollIntervalMs: 20});
	services.clock = () => now;
	const draft = draftFromSpec(spec, {id: 'inspect'});
	services.drafts.save({...draft, step: 'source', test: {...draft.test, authParams}});
	return renderWizard({command: 'resume', argv: ['inspect'], services});
}

async function openTickets(change: (spec: Spec) => void = () => {}): Promise<WizardHarness> {
	const spec = ticketsSpec('links') as Spec;
	spec.sourceSpec.attributes.paginationParams.limitValue = '50';
	change(spec);
	return openSource(spec, {host: api.url}, {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token});
}

async function previewDone(ink: WizardHarness): Promise<string> {
	await ink.waitFor(frame => /records found|✖ /.test(frame) && !/fetching…/.test(frame), 20_000);
	await ink.idle();
	return ink.frame();
}

function assertNeverShown(ink: WizardHarness, secret: string): void {
	const shown = ink.allFrames().filter(frame => frame.includes(secret));
	assert.equal(shown.length, 0, `the secret appeared in ${shown.length} frame(s)`);
}

test('Ctrl-P shows the first request: query and headers sent (secrets masked), status, response headers and the body pretty-printed', {
	timeout: 60_000,
}, async () => {
	const ink = await openTickets(spec => {
		// The token also travels as a query parameter: it must be masked there too.
		spec.sourceSpec.attributes.urlParams.queryParams = {status: 'open', api_key: '${accessToken}'};
	});
	try {
		const before = api.requestsTo('/api/v2/tickets').length;
		await previewDone(ink);
		assert.match(ink.frame(), /Ctrl-P preview details/);
		await ink.resize(100, 60);
		await ink.press(ctrlP);
		const frame = ink.frame();
		assert.match(frame, /Preview details {2}→ http:\/\/127\.0\.0\.1:\d+ \(the spec's host\)/);
		assert.match(frame, /Request 1 of 2 \(←\/→\)/);
		assert.match(frame, /Request: GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tickets\?status=open&api_key=\*\*\*&start_time=/);
		assert.match(frame, / {4}status = open/);
		assert.match(frame, / {4}api_key = \*\*\*/);
		assert.match(frame, / {4}per_page = 50/);
		assert.match(frame, / {4}authorization: Bearer \*\*\*/);
		assert.match(frame, /Response: 200 · 50 records/);
		assert.match(frame, / {4}content-type: application\/json/);
		assert.match(frame, /Body \(\d+\.\d KB\):/);
		assert.match(frame, / {4}\{\n {6}"tickets": \[\n {8}\{\n {10}"id": 9000,/);
		assertNeverShown(ink, api.token);
		const requests = api.requestsTo('/api/v2/tickets').slice(before);
		assert.ok(requests.length >= 1 && requests.every(entry => entry.authorization === `Bearer ${api.token}`), 'the requests reached the test API');
	} finally {
		await ink.cleanup();
	}
});

test('the body scrolls with ↓/PgDn/PgUp, a long array is cut with a count, and ←/→ picks the request', {timeout: 60_000}, async () => {
	const ink = await openTickets();
	try {
		await previewDone(ink);
		await ink.resize(100, 30);
		await ink.press(ctrlP);
		const top = ink.frame();
		const range = /lines 1–(\d+) of (\d+)/.exec(top);
		assert.ok(range, top);
		const height = Number(range[1]);
		assert.ok(top.split('\n').length <= 29, `fits in 30 rows:\n${top}`);
		await ink.press(keys.down);
		assert.match(ink.frame(), new RegExp(`lines 2–${height + 1} of`));
		await ink.press(keys.pageDown);
		assert.match(ink.frame(), new RegExp(`lines ${height + 2}–`));
		await ink.press(keys.pageUp);
		await ink.press(keys.up);
		assert.match(ink.frame(), /lines 1–/);
		// 50 tickets on the page, 20 shown: the cut says how many more.
		for (let i = 0; i < 40 && !/… 30 more items/.test(ink.frame()); i++) await ink.press(keys.pageDown);
		assert.match(ink.frame(), / {8}… 30 more items\n {6}\],/);
		await ink.press(keys.right);
		assert.match(ink.frame(), /Request 2 of 2/);
		assert.match(ink.frame(), /page%5Bafter%5D=50|page\[after\] = 50/);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /Source spec — how records are fetched/);
	} finally {
		await ink.cleanup();
	}
});

test('the preview sends the schedule window a first run would, shows it, and w switches to an incremental window', {timeout: 60_000}, async () => {
	const ink = await openTickets();
	try {
		const before = api.requestsTo('/api/v2/tickets').length;
		await previewDone(ink);
		assert.match(ink.frame(), /Window \(first run\): start_time=1970-01-01T00:00:00Z end_time=2026-11-30T14:00:00Z/);
		// The first request carries the window; the next page follows the API's own next link (POINTER), as in a run.
		const first = api.requestsTo('/api/v2/tickets').slice(before, before + 1);
		assert.ok(first.length > 0);
		assert.ok(
			first.every(entry => entry.query['start_time'] === '1970-01-01T00:00:00Z' && entry.query['end_time'] === '2026-11-30T14:00:00Z'),
			JSON.stringify(first.map(entry => entry.query)),
		);
		await ink.press(ctrlP);
		assert.match(ink.frame(), /Window: first run \(backfill\): 1970-01-01T00:00:00Z → 2026-11-30T14:00:00Z/);
		assert.match(ink.frame(), /Sent: start_time=1970-01-01T00:00:00Z {2}end_time=2026-11-30T14:00:00Z/);
		const seen = api.requestsTo('/api/v2/tickets').length;
		await ink.press('w');
		await previewDone(ink);
		assert.match(ink.frame(), /Window: incremental run [^:]*: 2026-11-30T13:00:00Z →\s+2026-11-30T14:00:00Z/);
		assert.match(ink.frame(), /Sent: start_time=2026-11-30T13:00:00Z {2}end_time=2026-11-30T14:00:00Z/);
		const incremental = api.requestsTo('/api/v2/tickets').slice(seen, seen + 1);
		assert.ok(incremental.length > 0, 'w ran the preview again');
		assert.ok(incremental.every(entry => entry.query['start_time'] === '2026-11-30T13:00:00Z' && entry.query['end_time'] === '2026-11-30T14:00:00Z'));
	} finally {
		await ink.cleanup();
	}
});

test('ADVANCE: the first run sends the backfill expression, an incremental window the incremental one (case advance-schedule-backfill)', {
	timeout: 60_000,
}, async () => {
	const spec = JSON.parse(fs.readFileSync(new URL('./fixtures/spec/advance-schedule-backfill.json', import.meta.url), 'utf8')) as Spec;
	spec.sourceSpec.attributes.paginationParams.delayRequestMillis = '0';
	const ink = await openSource(spec, {host: api.url, username: 'analyst'}, {AEP_SOURCE_SECRET_PASSWORD: 'tp-basic-password'});
	try {
		const before = api.requestsTo('/api/v2/search/export').length;
		await previewDone(ink);
		const backfill = api.requestsTo('/api/v2/search/export').slice(before);
		assert.ok(backfill.length > 0, 'the preview reached the test API');
		assert.ok(
			backfill.every(entry => entry.query['query'] === 'type:user updated<2026-11-30T14:00:00Z'),
			JSON.stringify(backfill.map(each => each.query)),
		);
		await ink.press(ctrlP);
		assert.match(ink.frame(), /Sent: \{SCHEDULE_QUERY\}=type:user updated<2026-11-30T14:00:00Z/);
		assert.match(ink.frame(), / {4}query = type:user updated<2026-11-30T14:00:00Z/);
		const seen = api.requestsTo('/api/v2/search/export').length;
		await ink.press('w');
		await previewDone(ink);
		assert.match(ink.frame(), /Sent: \{SCHEDULE_QUERY\}=type:user updated>2026-11-30T13:00:00Z updated<2026-11-30T14:00:00Z/);
		const incremental = api.requestsTo('/api/v2/search/export').slice(seen);
		assert.ok(incremental.length > 0);
		assert.ok(incremental.every(entry => entry.query['query'] === 'type:user updated>2026-11-30T13:00:00Z updated<2026-11-30T14:00:00Z'));
		assertNeverShown(ink, 'tp-basic-password');
		assertNeverShown(ink, Buffer.from('analyst:tp-basic-password').toString('base64'));
	} finally {
		await ink.cleanup();
	}
});

test('suggest on a spec that works (case advance-schedule-backfill): its own parameter name and delay are kept, paging still works', {
	timeout: 60_000,
}, async () => {
	const spec = JSON.parse(fs.readFileSync(new URL('./fixtures/spec/advance-schedule-backfill.json', import.meta.url), 'utf8')) as Spec;
	spec.sourceSpec.attributes.paginationParams.delayRequestMillis = 5;
	const before = structuredClone(spec.sourceSpec.attributes.paginationParams);
	const ink = await openSource(spec, {host: api.url, username: 'analyst'}, {AEP_SOURCE_SECRET_PASSWORD: 'tp-basic-password'});
	try {
		const records = /✔ (\d+) records found/.exec(await previewDone(ink))?.[1];
		assert.ok(records !== undefined && Number(records) > 0, 'the spec works before the suggestion');
		await ink.press(ctrlP);
		await ink.idle();
		await ink.press('s');
		const proposal = ink.frame().replace(/\n/g, ' ');
		assert.match(proposal, /paginationParams CONTINUATION_TOKEN .*parameterName=page\[after\] delayRequestMillis=5 — /);
		assert.match(proposal, /your spec’s own values of that pagination type are kept/);
		await ink.press(keys.enter);
		await ink.idle();
		const applied = (savedSpec(ink.services, 'inspect')['sourceSpec'] as {attributes: Spec}).attributes.paginationParams;
		assert.equal(applied.parameterName, before.parameterName);
		assert.equal(applied.delayRequestMillis, 5);
		assert.equal(applied.continuationTokenPath, before.continuationTokenPath);
		await ink.press(keys.escape);
		const after = /✔ (\d+) records found/.exec(await previewDone(ink))?.[1];
		assert.equal(after, records, 'the preview finds as many records as before');
	} finally {
		await ink.cleanup();
	}
});

test('suggest from this response: s proposes contentPath with its evidence, Enter applies it to the draft and the preview runs again', {
	timeout: 60_000,
}, async () => {
	const ink = await openTickets(spec => {
		spec.sourceSpec.attributes.contentPath.path = '$.items';
		spec.sourceSpec.attributes.paginationParams = {type: 'NONE'};
	});
	try {
		await previewDone(ink);
		assert.match(ink.frame(), /✔ 0 records found/);
		await ink.press(ctrlP);
		await ink.idle();
		await ink.press('s');
		const frame = ink.frame();
		assert.match(frame, /Suggested from this response:/);
		assert.match(frame, /contentPath \$\.tickets — /);
		assert.match(frame, /paginationParams POINTER .*pointerPath=\$\.links\.next —/);
		assert.match(frame, /Now: contentPath \$\.items · paginationParams NONE/);
		assert.match(frame, /Enter\/y apply to the draft/);
		await ink.press(keys.enter);
		await ink.idle();
		assert.match(ink.frame(), /✔ Applied to the draft: contentPath \$\.tickets, paginationParams POINTER/);
		const attributes = savedSpec(ink.services, 'inspect')['sourceSpec'] as {attributes: Spec};
		assert.equal(attributes.attributes.contentPath.path, '$.tickets');
		assert.equal(attributes.attributes.paginationParams.type, 'POINTER');
		assert.equal(attributes.attributes.paginationParams.pointerPath, '$.links.next');
		await previewDone(ink);
		assert.match(ink.frame(), /✔ \d+ records found/);
		assert.doesNotMatch(ink.frame(), /✔ 0 records found/);
	} finally {
		await ink.cleanup();
	}
});

test('the suggestion reads the query the first request carried: the demo OFFSET spec gets OFFSET back, not a guess', {timeout: 60_000}, async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await previewDone(ink);
		await ink.press(ctrlP);
		await ink.idle();
		await ink.press('s');
		assert.match(ink.frame(), /paginationParams OFFSET limitName=limit limitValue=50 offSetName=offset/);
		assert.match(ink.frame(), /the request's\s+`offset` parameter/);
		await ink.press('n');
	} finally {
		await ink.cleanup();
	}
});

test('declining a suggestion leaves the draft untouched', {timeout: 60_000}, async () => {
	const ink = await openTickets(spec => {
		spec.sourceSpec.attributes.contentPath.path = '$.items';
	});
	try {
		await previewDone(ink);
		const before = JSON.stringify(savedSpec(ink.services, 'inspect'));
		await ink.press(ctrlP);
		await ink.idle();
		await ink.press('s');
		assert.match(ink.frame(), /Suggested from this response:/);
		await ink.press('n');
		await ink.idle();
		assert.match(ink.frame(), /Nothing applied: the draft is as it was\./);
		assert.equal(JSON.stringify(savedSpec(ink.services, 'inspect')), before);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /Source spec — how records are fetched/);
	} finally {
		await ink.cleanup();
	}
});

test('a body past 256 KB is kept cut, says so, and a suggestion still reads it', {timeout: 60_000}, async () => {
	const big = await startThirdPartyApi({tickets: 3000});
	const spec = ticketsSpec('links') as Spec;
	spec.sourceSpec.attributes.paginationParams = {type: 'NONE'};
	spec.sourceSpec.attributes.urlParams.queryParams = {per_page: '3000'};
	spec.sourceSpec.attributes.contentPath.path = '$.results';
	const ink = await openSource(spec, {host: big.url}, {AEP_SOURCE_SECRET_ACCESS_TOKEN: big.token});
	try {
		await previewDone(ink);
		assert.equal(big.requestsTo('/api/v2/tickets').length, 1, 'the request reached the test API');
		await ink.press(ctrlP);
		assert.match(ink.frame(), /Body \(first 256\.0 KB of \d{3}\.\d KB kept\):/);
		await ink.press('\u001B[F'); // End
		assert.match(ink.frame(), /… \(the body was cut here\)/);
		await ink.idle();
		await ink.press('s');
		assert.match(ink.frame(), /contentPath \$\.tickets — /);
		await ink.press('n');
	} finally {
		await ink.cleanup();
		await big.close();
	}
});

test('80×24: the preview details fit, with the body, the proposal and the footer on screen', {timeout: 60_000}, async () => {
	const ink = await openTickets(spec => {
		spec.sourceSpec.attributes.contentPath.path = '$.items';
	});
	try {
		await previewDone(ink);
		await ink.resize(80, 24);
		await ink.press(ctrlP);
		const fits = (what: string) => {
			const lines = ink.frame().split('\n');
			assert.ok(lines.length <= 23, `${what}: ${lines.length} lines\n${ink.frame()}`);
			assert.ok(
				lines.every(line => [...line].length <= 80),
				`${what}: a line wider than 80\n${ink.frame()}`,
			);
		};
		fits('details');
		assert.match(ink.frame(), /lines 1–\d+ of \d+/);
		assert.match(ink.frame(), /Esc\/Ctrl-P back/);
		// Tab: the next section (request → response → body), so the body is one key away at any size.
		await ink.press(keys.tab);
		assert.match(ink.frame(), /\(↑\/↓ PgUp\/PgDn\)\nResponse: 200/);
		await ink.press(keys.tab);
		assert.match(ink.frame(), /\(↑\/↓ PgUp\/PgDn\)\n {2}Body \(\d+\.\d KB\):\n {4}\{\n {6}"tickets": \[/);
		fits('body');
		await ink.idle();
		await ink.press('s');
		fits('proposal');
		assert.match(ink.frame(), /Suggested from this response:/);
		assert.match(ink.frame(), /Esc\/n keep the draft as it is/);
		await ink.press(keys.escape);
		await ink.press(keys.escape);
		fits('source screen');
		assert.match(ink.frame(), /Ctrl-P preview details/);
	} finally {
		await ink.cleanup();
	}
});

test('keys arriving in one read: Ctrl-P with PgDn, "s" with Enter, and "www"', {timeout: 60_000}, async () => {
	const ink = await openTickets(spec => {
		spec.sourceSpec.attributes.contentPath.path = '$.items';
	});
	try {
		await previewDone(ink);
		await ink.press(`${ctrlP}${keys.pageDown}`);
		assert.match(ink.frame(), /Preview details/);
		assert.doesNotMatch(ink.frame(), /lines 1–/, 'the PgDn in the same read scrolled the inspector');
		const seen = api.requestsTo('/api/v2/tickets').length;
		await ink.press('www');
		await ink.idle();
		assert.match(ink.frame(), /Window: incremental run/, 'three toggles in one read: incremental');
		await ink.idle();
		await ink.press('s\r');
		await ink.idle();
		assert.match(ink.frame(), /✔ Applied to the draft: contentPath \$\.tickets/);
		const attributes = savedSpec(ink.services, 'inspect')['sourceSpec'] as {attributes: Spec};
		assert.equal(attributes.attributes.contentPath.path, '$.tickets');
		await previewDone(ink);
		assert.ok(api.requestsTo('/api/v2/tickets').length > seen);
	} finally {
		await ink.cleanup();
	}
});
