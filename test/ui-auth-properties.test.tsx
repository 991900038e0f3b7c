// The auth step edits an auth spec's properties: add, rename, remove, type, secret, required — with keys arriving
// one at a time and in one read ("abc\r", "\x7f\x7f\x7f", "\x1b[B\x1b[B\r"). Every change is asserted in the frame
// and in the saved draft; the test values panel follows the properties; a Review finding opens the exact field.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, seedDraft, testServices} from './helpers/ui-wizard.js';
import {setIn} from '../source/connection-spec/spec-paths.js';

const clear = '\u0015';
const downDownEnter = `${keys.down}${keys.down}${keys.enter}`;

type Entry = {name: string; spec: {properties: Record<string, Record<string, unknown>>; required: string[]}};
const entryOf = (services: ReturnType<typeof testServices>, index: number) => (savedSpec(services)['authSpec'] as Entry[])[index]!;

test('auth properties: add (one chunk), describe, require, rename with three Backspaces in one read, refuse a taken or empty name', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.enter);
		assert.match(ink.frame(), /Auth spec 1 of 3: OAuth 2 refresh code/);
		assert.match(ink.frame(), /accessToken +string · secret · required — description: “Access token”/);

		// An empty name and a taken one are refused with a sentence; nothing is added.
		await ink.press('a');
		assert.match(ink.frame(), /Name of the new property \(Enter adds, Esc cancels\):/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /✖ A property needs a name, e\.g\. region or authKey2\./);
		await ink.press('host\r');
		assert.match(ink.frame(), /✖ “host” is already a property of this auth spec: choose another name\./);
		assert.deepEqual(Object.keys(entryOf(services, 0).spec.properties), ['host', 'accessToken']);
		await ink.press(clear);
		// A name typed and submitted in one read: added, and its editor opens on the description.
		await ink.press('region\r');
		assert.match(ink.frame(), /property “region”/);
		assert.match(ink.frame(), /❯ Description \(users see it\):/);
		assert.match(ink.frame(), /⚠ "region" has no description, so users connecting the source see only its bare name\./);
		assert.deepEqual(entryOf(services, 0).spec.properties['region'], {type: 'string'});

		await ink.press('Region of the account\r');
		assert.match(ink.frame(), /❯ Type: ‹ string ›/);
		assert.doesNotMatch(ink.frame(), /⚠ "region" has no description/);
		await ink.press(keys.right);
		assert.match(ink.frame(), /❯ Type: ‹ integer ›/);
		await ink.press(keys.left);
		// Two Downs in one read move two fields: Secret, then Required.
		await ink.press(`${keys.down}${keys.down}`);
		assert.match(ink.frame(), /❯ Required: ‹ no ›/);
		await ink.press(keys.right);
		assert.match(ink.frame(), /❯ Required: ‹ yes ›/);
		assert.deepEqual(entryOf(services, 0).spec.required, ['host', 'accessToken', 'region']);
		assert.deepEqual(entryOf(services, 0).spec.properties['region'], {type: 'string', description: 'Region of the account'});

		// Rename: three Backspaces in one read delete three characters (never saved as DEL bytes).
		await pressUntil(ink, keys.up, /❯ Name: region/);
		await ink.press('\u007f\u007f\u007f');
		assert.match(ink.frame(), /❯ Name: reg/);
		assert.doesNotMatch(ink.frame(), /❯ Name: region/);
		await ink.press('ionCode\r');
		assert.match(ink.frame(), /property “regionCode”/);
		let entry = entryOf(services, 0);
		assert.deepEqual(Object.keys(entry.spec.properties), ['host', 'accessToken', 'regionCode'], 'renamed in place');
		assert.deepEqual(entry.spec.required, ['host', 'accessToken', 'regionCode'], 'renamed in required too');
		assert.equal(entry.spec.properties['regionCode']?.['description'], 'Region of the account');
		assert.doesNotMatch(JSON.stringify(entry), /\\u007f|\u007f/);

		// A taken name is refused with a sentence and saves nothing.
		await pressUntil(ink, keys.up, /❯ Name: regionCode/);
		await ink.press(clear);
		await ink.press('host\r');
		assert.match(ink.frame(), /✖ “host” is already a property of this auth spec: choose another name\./);
		await ink.press(keys.escape);
		entry = entryOf(services, 0);
		assert.deepEqual(Object.keys(entry.spec.properties), ['host', 'accessToken', 'regionCode']);
		assert.match(ink.frame(), /regionCode +string · required — description: “Region of the account”/);
	} finally {
		await ink.cleanup();
	}
});

test('auth properties: remove (asks first; also leaves required), toggle secret, Down Down Enter in one read opens the right property', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.enter);
		await pressUntil(ink, keys.down, /❯ \[ Continue \]/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /Auth spec 2 of 3: Basic authentication/);
		// The footer shows the keys that work on the highlighted row: no "d" on the Name row.
		assert.match(ink.frame(), /↑\/↓ move {2}· {2}Enter edit {2}· {2}a add a property {2}· {2}Esc back/);
		// Name → host → username, and Enter, in one read.
		await ink.press(downDownEnter);
		assert.match(ink.frame(), /property “username”/);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /❯ username/);
		assert.match(ink.frame(), /a add a property {2}· {2}d remove {2}· {2}Esc back/);

		// d asks; n keeps the property.
		await ink.press('d');
		assert.match(ink.frame().replace(/\n\s*/g, ' '), /Remove “username” \(its description, and its place in required\)\? y removes it, n or Esc keeps it\./);
		await ink.press('n');
		assert.match(ink.frame(), /Kept “username”\./);
		assert.ok(entryOf(services, 1).spec.properties['username']);
		await ink.press('d');
		await ink.press('y');
		assert.match(ink.frame(), /Removed “username” \(and from required\)\./);
		const entry = entryOf(services, 1);
		assert.deepEqual(Object.keys(entry.spec.properties), ['host', 'password']);
		assert.deepEqual(entry.spec.required, ['host', 'password']);
		// The model's error for a Basic auth spec without a user name shows on the list, and Continue is refused.
		assert.match(ink.frame().replace(/\n\s*/g, ' '), /✖ BasicAuthentication auth specs must declare the property "username"/);
		assert.match(ink.frame(), /❯ password/, 'the next row takes the removed one’s place');
		await pressUntil(ink, keys.down, /❯ \[ Continue \]/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /✖ This auth spec has 1 error\(s\), marked ✖ above: fix them first \(Esc goes back\)\./);
		assert.match(ink.frame(), /Auth spec 2 of 3/);

		// Secret off, then on again: format password goes and comes back; the model warns while it is off.
		await pressUntil(ink, keys.up, /❯ password/);
		await ink.press(keys.enter);
		await pressUntil(ink, keys.down, /❯ Secret \(format: password\): ‹ yes ›/);
		await ink.press(keys.left);
		assert.match(ink.frame(), /⚠ "password" holds a secret but is not marked "format": "password"/);
		assert.equal(entryOf(services, 1).spec.properties['password']?.['format'], undefined);
		await ink.press(keys.right);
		assert.doesNotMatch(ink.frame(), /⚠ "password" holds a secret/);
		assert.equal(entryOf(services, 1).spec.properties['password']?.['format'], 'password');
	} finally {
		await ink.cleanup();
	}
});

test('auth properties: a required name nobody declares is listed; Enter declares it, d takes it out of required', async () => {
	const services = testServices();
	seedDraft(services, {
		step: 'auth',
		change: draft => ({...draft, spec: setIn(draft.spec, ['authSpec', 2, 'spec', 'required'], ['authKey1', 'tenant', 'zone'])}),
	});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.enter);
		for (let i = 0; i < 2; i++) {
			await pressUntil(ink, keys.down, /❯ \[ Continue \]/);
			await ink.press(keys.enter);
		}
		assert.match(ink.frame(), /Auth spec 3 of 3: API key/);
		assert.match(ink.frame(), /tenant +in required, not declared/);
		assert.match(ink.frame().replace(/\n\s*/g, ' '), /⚠ "tenant" is listed in required but is not declared in the properties of an auth spec/);
		await pressUntil(ink, keys.down, /❯ zone/);
		await ink.press('d');
		assert.match(ink.frame(), /Took “zone” out of required\./);
		assert.deepEqual(entryOf(services, 2).spec.required, ['authKey1', 'tenant']);
		await pressUntil(ink, keys.up, /❯ tenant/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /property “tenant”/);
		assert.match(ink.frame(), /❯ Description \(users see it\):/);
		await ink.press('Tenant id\r');
		const entry = entryOf(services, 2);
		assert.deepEqual(entry.spec.properties['tenant'], {type: 'string', description: 'Tenant id'});
		assert.deepEqual(entry.spec.required, ['authKey1', 'tenant']);
	} finally {
		await ink.cleanup();
	}
});

test('auth properties: the test values panel shows an added property and drops a removed one', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.enter); // OAuth2 Refresh Code: the auth spec the test values use
		await ink.press('a');
		await ink.press('region\r');
		await ink.press('Region\r');
		await pressUntil(ink, keys.down, /❯ Required: ‹ no ›/);
		await ink.press(keys.right);
		await ink.press(keys.escape);
		await pressUntil(ink, keys.down, /❯ host/);
		await ink.press('d');
		await ink.press('y');
		for (let i = 0; i < 3; i++) {
			await pressUntil(ink, keys.down, /❯ \[ Continue \]/, 30);
			await ink.press(keys.enter);
		}
		assert.match(ink.frame(), /Source spec — how records are fetched/);
		await ink.press('\u0014'); // Ctrl-T
		assert.match(ink.frame(), /Test values — used by the preview/);
		assert.match(ink.frame(), /region \*:/);
		assert.doesNotMatch(ink.frame(), /^\s*[❯ ]\s*host \*?:/m);
		await ink.idle();
	} finally {
		await ink.cleanup();
	}
});

test('review → auth: Enter on a finding opens the auth spec, the property and the field that fix it', async () => {
	const cases: {change: (spec: Record<string, unknown>) => Record<string, unknown>; finding: RegExp; screen: RegExp[]}[] = [
		{
			change: spec => setIn(spec, ['authSpec', 2, 'spec', 'properties', 'authKey1', 'restAttributes', 'headerParamName'], 'X Api'),
			finding: /❯ ✖ error {2}authSpec\[2\]\.spec\.properties\.authKey1\.restAttributes\.headerParamName/,
			screen: [/Auth spec 3 of 3: API key .*› property “authKey1”/, /^❯ Sent in header: X Api/m],
		},
		{
			change: spec => setIn(spec, ['authSpec', 1, 'spec', 'properties', 'password', 'format'], undefined),
			finding: /❯ ! warning {2}authSpec\[1\]\.spec\.properties\.password\.format/,
			screen: [/Auth spec 2 of 3: Basic authentication .*› property “password”/, /^❯ Secret \(format: password\): ‹ no ›/m],
		},
		{
			change: spec => setIn(spec, ['authSpec', 1, 'spec', 'properties', 'username', 'description'], undefined),
			finding: /❯ ! warning {2}authSpec\[1\]\.spec\.properties\.username\.description/,
			screen: [/property “username”/, /^❯ Description \(users see it\): *$/m],
		},
		{
			change: spec => setIn(spec, ['authSpec', 0, 'name'], ' '),
			finding: /❯ ✖ error {2}authSpec\[0\]\.name/,
			screen: [/Auth spec 1 of 3/, /^❯ Auth spec name:/m],
		},
	];
	for (const item of cases) {
		const services = testServices();
		seedDraft(services, {step: 'review', change: draft => ({...draft, spec: item.change(draft.spec)})});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		try {
			await ink.press(keys.tab);
			await pressUntil(ink, keys.down, item.finding);
			await ink.press(keys.enter);
			for (const pattern of item.screen) assert.match(ink.frame(), pattern);
			// The jump is used once: back on the list and in again, the entry opens on its list.
			await ink.press(keys.escape);
			assert.match(ink.frame(), /Properties are what users enter when they connect/);
		} finally {
			await ink.cleanup();
		}
	}
});

test('review → artifacts: Enter on a catalog finding focuses its field', async () => {
	const services = testServices();
	seedDraft(services, {step: 'review', change: draft => ({...draft, artifacts: {...draft.artifacts, description: ''}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.tab);
		await pressUntil(ink, keys.down, /❯ ✖ error {2}sourceSpec\.attributes\.uiAttributes\.description\.text/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /Artifacts — what the Experience Platform catalog shows/);
		assert.match(ink.frame(), /^❯ Description:/m);
		await ink.press('Contacts from Acme.\r');
		assert.match(ink.frame(), /^❯ Category:/m);
	} finally {
		await ink.cleanup();
	}
});

test('auth properties: a renamed property keeps the test value typed for it (the old name keeps it too)', async () => {
	const services = testServices();
	seedDraft(services, {step: 'auth', change: draft => ({...draft, test: {...draft.test, authParams: {username: 'jo'}}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await ink.press(keys.enter);
		await pressUntil(ink, keys.down, /❯ \[ Continue \]/);
		await ink.press(keys.enter);
		await pressUntil(ink, keys.down, /❯ username/);
		await ink.press(keys.enter);
		await ink.press(clear);
		await ink.press('login\r');
		assert.match(ink.frame(), /property “login”/);
		const draft = savedDraft(services)!;
		assert.deepEqual(draft.test.authParams, {username: 'jo', login: 'jo'});
		assert.deepEqual((draft.spec['authSpec'] as Entry[])[1]!.spec.required, ['host', 'login', 'password']);
	} finally {
		await ink.cleanup();
	}
});
