// Declaring an undeclared ${name} on the spot from the source-spec screen (Ctrl-D): as an auth property of a chosen
// auth spec or as a user input. The model's finding goes, the test-values panel asks for the new value, and the live
// preview sends it to a third-party API (not the demo: its own request log proves where the requests went).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, testServices, type WizardHarness} from './helpers/ui-wizard.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';
import {draftFromSpec, validateSpec} from '../source/connection-spec/index.js';

const ctrlD = '\u0004';
const ctrlT = '\u0014';
let api: ThirdPartyApi;

before(async () => {
	api = await startThirdPartyApi();
});
after(() => api.close());

/** The tickets spec with `${subdomain}` in a query value that nothing declares, as a draft at the source step. */
async function openTickets(): Promise<WizardHarness> {
	const spec = ticketsSpec('links') as Record<string, any>;
	spec.sourceSpec.attributes.urlParams.queryParams = {brand: '${subdomain}'};
	const services = testServices();
	services.drafts.save({...draftFromSpec(spec, {id: 'tickets'}), step: 'source'});
	return renderWizard({command: 'resume', argv: ['tickets'], services});
}

/**
 * Fills the test-values panel (Ctrl-T) with `values` (label pattern → value), checks what `check` says of the panel,
 * closes it, and returns the first-page requests the preview then sent to the third-party API. Requests are counted
 * from before the panel opens: the preview may start as soon as the last value is given, before Esc.
 */
async function fillAndPreview(ink: WizardHarness, values: [string, string][], check: (frame: string) => void) {
	const seen = api.requestsTo('/api/v2/tickets').length;
	await ink.press(ctrlT);
	for (const [label, value] of values) {
		await pressUntil(ink, keys.down, new RegExp(`❯ ${label}:`), 20);
		await ink.press(`${value}\r`);
	}
	check(ink.frame());
	await ink.press(keys.escape);
	await ink.waitFor(() => api.requestsTo('/api/v2/tickets').length > seen, 20_000);
	await ink.waitFor(frame => /✔ \d+ records found/.test(frame) || /✖ /.test(frame), 20_000);
	await ink.idle();
	return api
		.requestsTo('/api/v2/tickets')
		.slice(seen)
		.filter(entry => entry.query['page[after]'] === undefined);
}

const undeclaredErrors = (spec: Record<string, unknown>) => validateSpec(spec).errors.filter(item => item.rule === 'placeholder-declared');

test('Ctrl-D declares ${subdomain} as an auth property; the test-values panel asks for it and the preview sends it to the API', {timeout: 60_000}, async () => {
	const ink = await openTickets();
	try {
		assert.equal(undeclaredErrors(savedSpec(ink.services, 'tickets')).length, 1, 'the model reports the undeclared ${subdomain}');
		assert.match(ink.frame(), /Not declared: \$\{subdomain\} — Ctrl-D declares it/);
		assert.match(ink.frame(), /Ctrl-D declare \$\{name\}/);
		await ink.press(ctrlD);
		assert.match(ink.frame(), /Declare a placeholder the spec uses/);
		assert.match(ink.frame(), /❯ declare \$\{subdomain\} as an auth property of “OAuth2 Refresh Code”/);
		assert.match(ink.frame(), /declare \$\{subdomain\} as a user input/);
		await ink.press(keys.enter);

		const spec = savedSpec(ink.services, 'tickets') as Record<string, any>;
		const property = spec.authSpec[0].spec.properties.subdomain;
		assert.equal(property.type, 'string');
		assert.deepEqual(undeclaredErrors(spec), [], 'the finding is gone');
		assert.deepEqual(
			validateSpec(spec)
				.unfinished.filter(item => item.rule === 'unfinished-text' && item.path.startsWith('authSpec[0].spec.properties.subdomain'))
				.map(item => item.path),
			['authSpec[0].spec.properties.subdomain.description'],
			'the stub description is flagged as unfinished',
		);
		assert.equal(spec.sourceSpec.spec.properties.subdomain, undefined, 'not a user input as well');
		assert.doesNotMatch(ink.frame(), /Not declared/);
		assert.match(ink.frame(), /✔ \$\{subdomain\} is now a property of the auth spec “OAuth2 Refresh Code”/);
		assert.match(ink.frame(), /Placeholders you can use: .*\$\{subdomain\}/);

		// The test-values panel now asks for subdomain; the preview sends it (and the token) to the third-party API.
		const firsts = await fillAndPreview(
			ink,
			[
				['host \\*', api.url],
				['accessToken \\*', api.token],
				['subdomain', 'acme'],
			],
			frame => {
				assert.match(frame, /✔ Every required value is set\./);
				assert.deepEqual(savedDraft(ink.services, 'tickets')?.test.authParams, {host: api.url, subdomain: 'acme'});
			},
		);
		assert.ok(firsts.length > 0, 'the preview reached the third-party API');
		for (const entry of firsts) {
			assert.equal(entry.query['brand'], 'acme', '${subdomain} was replaced by its test value');
			assert.equal(entry.authorization, `Bearer ${api.token}`);
		}
	} finally {
		await ink.cleanup();
	}
});

test('Ctrl-D declares ${subdomain} as a user input instead; Esc declares nothing', async () => {
	const ink = await openTickets();
	try {
		await ink.press(ctrlD);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /Not declared: \$\{subdomain\}/);
		assert.equal(undeclaredErrors(savedSpec(ink.services, 'tickets')).length, 1);
		// Down Enter in one read: the second choice.
		await ink.press(ctrlD);
		await ink.press(`${keys.down}${keys.enter}`);
		const spec = savedSpec(ink.services, 'tickets') as Record<string, any>;
		assert.equal(spec.sourceSpec.spec.properties.subdomain.type, 'string');
		assert.equal(spec.authSpec[0].spec.properties.subdomain, undefined);
		assert.deepEqual(undeclaredErrors(spec), []);
		assert.match(ink.frame(), /✔ \$\{subdomain\} is now a user input/);
		await ink.press(ctrlT);
		assert.match(ink.frame(), /subdomain \(user input\)/);
	} finally {
		await ink.cleanup();
	}
});

test('a user input’s default is its test value until one is given: the panel shows it, the preview sends it', {timeout: 60_000}, async () => {
	const spec = ticketsSpec('links') as Record<string, any>;
	spec.sourceSpec.attributes.urlParams.queryParams = {status: '${status}'};
	spec.sourceSpec.spec = {
		...spec.sourceSpec.spec,
		properties: {status: {type: 'string', description: 'Ticket status to fetch.', default: 'pending', enum: ['open', 'pending']}},
		required: ['status'],
	};
	const services = testServices();
	services.drafts.save({...draftFromSpec(spec, {id: 'tickets'}), step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['tickets'], services});
	try {
		const firsts = await fillAndPreview(
			ink,
			[
				['host \\*', api.url],
				['accessToken \\*', api.token],
			],
			frame => {
				assert.match(frame, /❯ status \* \(user input\): pending \(its default\)/);
				assert.match(frame, /One of: open, pending\./);
				assert.match(frame, /✔ Every required value/);
				assert.deepEqual(savedDraft(ink.services, 'tickets')?.test.sourceParams, {}, 'nothing typed, nothing saved');
			},
		);
		assert.ok(firsts.length > 0);
		for (const entry of firsts) assert.equal(entry.query['status'], 'pending', 'the default filled ${status}');
	} finally {
		await ink.cleanup();
	}
});
