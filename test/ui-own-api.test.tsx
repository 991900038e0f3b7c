// The wizard against a third-party API (not the demo source) on the local profile: test values typed once in the
// test-values panel drive the live preview (before anything is registered) and the end-to-end check; Ctrl-O
// switches to the demo API. Every test asserts on the third-party API's own request log.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices, type WizardHarness} from './helpers/ui-wizard.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';
import {draftFromSpec} from '../source/connection-spec/index.js';
import type {StepName} from '../source/connection-spec/draft-types.js';

const ctrlT = '\u0014';
const ctrlO = '\u000F';
let api: ThirdPartyApi;

before(async () => {
	api = await startThirdPartyApi();
});
after(() => api.close());

/** The tickets spec with a `${status}` user input in the query, as a draft at `step` (nothing registered). */
async function openTickets(step: StepName): Promise<WizardHarness> {
	const spec = ticketsSpec('links') as Record<string, any>;
	spec.sourceSpec.attributes.urlParams.queryParams = {status: '${status}'};
	spec.sourceSpec.spec = {...spec.sourceSpec.spec, properties: {status: {type: 'string', description: 'Ticket status to fetch'}}, required: ['status']};
	const services = testServices();
	services.drafts.save({...draftFromSpec(spec, {id: 'tickets'}), step});
	return renderWizard({command: 'resume', argv: ['tickets'], services});
}

/** In the test-values panel: focus the field labelled `label`, type `value`, Enter. */
async function fill(ink: WizardHarness, label: string, value: string): Promise<void> {
	await pressUntil(ink, keys.down, new RegExp(`❯ ${label}`), 20);
	await ink.type(value);
	await ink.press(keys.enter);
}

/** Every request carried the token; every first page (links.next pages carry their own query) `status=open`. */
function assertFromTestValues(requests: ReturnType<ThirdPartyApi['log']>): void {
	assert.ok(
		requests.every(entry => entry.authorization === `Bearer ${api.token}`),
		'the bearer token from the test values',
	);
	const firsts = requests.filter(entry => entry.query['page[after]'] === undefined);
	assert.ok(firsts.length > 0 && firsts.every(entry => entry.query['status'] === 'open'), 'status=open from the user input');
}

async function fillTicketValues(ink: WizardHarness): Promise<void> {
	await ink.press(ctrlT);
	assert.match(ink.frame(), /Test values — used by the preview, explore and the end-to-end check/);
	await fill(ink, 'host \\*', api.url);
	await fill(ink, 'accessToken \\*', api.token);
	await fill(ink, 'status \\* \\(user input\\)', 'open');
	assert.match(ink.frame(), /✔ Every required value is set\./);
	assert.match(ink.frame(), new RegExp(`Source requests → ${api.url.replace(/[.]/g, '\\.')} \\(the spec's host\\)`));
	await ink.press(keys.escape);
}

test('source screen: the preview of a spec with ${placeholders} and a secret runs against your API from the test values, before registering', {
	timeout: 60_000,
}, async () => {
	const ink = await openTickets('source');
	try {
		await ink.waitFor(frame => /Live preview.*→ demo API .*\(the spec has no host yet\)/.test(frame), 10_000);
		const before = api.requestsTo('/api/v2/tickets').length;
		await fillTicketValues(ink);
		await ink.waitFor(frame => /✔ \d+ records found/.test(frame) || /✖ /.test(frame), 20_000);
		await ink.idle();
		const frame = ink.frame();
		assert.match(frame, /Live preview.*→ http:\/\/127\.0\.0\.1:\d+ \(the spec's host\)/);
		assert.match(frame, /✔ 23 records found/, frame);
		assert.match(frame, /GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tickets\?status=open&per_page=10 → 200, 10 records/);
		assert.doesNotMatch(frame, new RegExp(api.token), 'the token is never on screen');
		const requests = api.requestsTo('/api/v2/tickets').slice(before);
		assert.ok(requests.length >= 3, `the preview paged through the API (${requests.length} requests)`);
		assertFromTestValues(requests);
		const draft = savedDraft(ink.services, 'tickets')!;
		assert.deepEqual(draft.test.authParams, {host: api.url}, 'the host is saved, the token is not');
		assert.deepEqual(draft.test.sourceParams, {status: 'open'});
		assert.equal(draft.remote['local'], undefined, 'nothing was registered');
		assert.doesNotMatch(JSON.stringify(draft), new RegExp(api.token));

		// Ctrl-O: the demo API instead — the third-party API sees nothing more.
		const seen = api.log().length;
		await ink.press(ctrlO);
		await ink.waitFor(frame => /Live preview.*→ demo API .*\(you picked the demo API\)/.test(frame) && /answered 404|records found/.test(frame), 20_000);
		await ink.idle();
		assert.match(ink.frame(), /answered 404/);
		assert.equal(api.log().length, seen, 'the demo API answered, not the third-party API');
		assert.equal(savedDraft(ink.services, 'tickets')?.test.sourceApi, 'demo');
	} finally {
		await ink.cleanup();
	}
});

test('create and check: the end-to-end check runs against your API with the values from the test-values panel', {timeout: 120_000}, async () => {
	const ink = await openTickets('create');
	try {
		assert.match(ink.frame(), /Create & register on profile “local”/);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Added to RestStorageToAEP/.test(frame) || /✖/.test(frame), 30_000);
		await ink.idle();
		await ink.press(keys.enter);
		await ink.waitFor(frame => /End-to-end check — base connection/.test(frame), 10_000);
		await ink.idle();
		assert.match(ink.frame(), /Source requests → demo API .*\(the spec has no host yet\)/);
		await fillTicketValues(ink);
		assert.match(ink.frame(), /Test values: auth spec “OAuth2 Refresh Code” ✔/);
		const before = api.requestsTo('/api/v2/tickets').length;
		await pressUntil(ink, keys.down, /❯ \[ Run the end-to-end check \]/, 30);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✔ Success: \d+ records read/.test(frame) || /✖ Failed at stage|✖ Stage/.test(frame), 60_000);
		await ink.idle();
		assert.match(ink.frame(), /✔ Success: 23 records read, 23 written, 0 failed/, ink.frame());
		assert.match(ink.frame(), /Source requests → http:\/\/127\.0\.0\.1:\d+ \(the spec's host\)/);
		const requests = api.requestsTo('/api/v2/tickets').slice(before);
		assert.ok(requests.length >= 4, `explore and the run reached the API (${requests.length} requests)`);
		assertFromTestValues(requests);
		assert.doesNotMatch(JSON.stringify(savedDraft(ink.services, 'tickets')), new RegExp(api.token));
	} finally {
		await ink.cleanup();
	}
});

test('test-values panel routed to the demo API: empty fields are not "every required value is set"; it lists what your API still needs', {
	timeout: 60_000,
}, async () => {
	const ink = await openTickets('source');
	try {
		await ink.waitFor(frame => /Live preview.*→ demo API/.test(frame), 10_000);
		await ink.press(ctrlT);
		await ink.waitFor(frame => /Test values — used by the preview/.test(frame), 10_000);
		assert.match(ink.frame(), /Source requests → demo API/);
		assert.doesNotMatch(ink.frame(), /Every required value is set/);
		// The panel wraps long lines inside its border: read it as one line.
		const text = () => ink.frame().replace(/[│\s]+/g, ' ');
		assert.match(text(), /For your API \(the spec's host\), still missing: host, accessToken \(or AEP_SOURCE_SECRET_ACCESS_TOKEN\), status ↑/);
		await fill(ink, 'status \\* \\(user input\\)', 'open');
		assert.match(text(), /still missing: host, accessToken \(or AEP_SOURCE_SECRET_ACCESS_TOKEN\) ↑/);
	} finally {
		await ink.cleanup();
	}
});

test('test-values panel of the demo template: its empty fields are not "every required value is set"', {timeout: 60_000}, async () => {
	const services = testServices();
	seedDraft(services, {id: 'demo-contacts', template: 'demo', step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.waitFor(frame => /Live preview.*→ demo API/.test(frame), 10_000);
		await ink.press(ctrlT);
		await ink.waitFor(frame => /Test values — used by the preview/.test(frame), 10_000);
		const text = ink.frame().replace(/[│\s]+/g, ' ');
		assert.match(text, /Source requests → demo API/);
		assert.doesNotMatch(text, /Every required value is set/);
		assert.match(text, /For your API \(the spec's host\), still missing: [^↑]*host/);
	} finally {
		await ink.cleanup();
	}
});
