import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';
import {setIn} from '../source/connection-spec/spec-paths.js';

test('profiles: add an Adobe profile — bad org id inline, wrong secret names the field, right one is saved and shown as its last 4', {
	timeout: 60_000,
}, async () => {
	const services = testServices();
	const sandbox = await services.openSession('local');
	const ink = await renderWizard({command: 'profiles', services});
	try {
		assert.match(ink.frame(), /local — built-in sandbox on this machine \(no setup needed\)/);
		await pressUntil(ink, keys.down, /❯ \+ Add an Adobe profile/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /Add an Adobe profile/);
		await ink.press('acme-dev\r');
		await ink.type('not-an-org');
		assert.match(ink.frame(), /✖ must be 24 hex characters followed by @AdobeOrg/);
		await ink.press('\u0015');
		await ink.press(`${sandbox.target.orgId}\r`);
		await ink.press(`${sandbox.target.clientId}\r`);
		await ink.type('wrong-secret');
		assert.doesNotMatch(ink.frame(), /wrong-secret/, 'the secret is typed masked');
		await ink.press(keys.enter);
		await ink.press(`${sandbox.target.scopes}\r`);
		await ink.press(`${sandbox.target.sandboxName}\r`);
		await ink.press(`${sandbox.target.imsUrl}\r`);
		await ink.press(`${sandbox.target.platformUrl}\r`);
		await ink.press(keys.enter);
		await ink.idle();
		assert.match(ink.frame(), /Client ID or client secret looks wrong/);
		assert.doesNotMatch(ink.frame(), /wrong-secret/);
		assert.equal(services.profiles.get('acme-dev'), undefined, 'nothing is saved when the check fails');
		await pressUntil(ink, keys.up, /❯ Client secret/);
		for (let i = 0; i < 12; i++) await ink.press(keys.backspace);
		await ink.press(`${sandbox.target.clientSecret}\r`);
		await pressUntil(ink, keys.down, /❯ \[ Test credentials & save \]/);
		await ink.press(keys.enter);
		await ink.idle();
		assert.match(ink.frame(), /acme-dev — org [\s\S]*, sandbox dev, client [\s\S]*, secret\s+\*\*\*cret/);
		assert.equal(services.profiles.secret('acme-dev'), sandbox.target.clientSecret);
		await pressUntil(ink, keys.down, /❯ acme-dev/);
		await ink.press(keys.enter);
		assert.equal(services.profiles.defaultProfile(), 'acme-dev');
	} finally {
		await ink.cleanup();
		await sandbox.close();
	}
});

test('create: a spec with errors is refused with the reason and a hint; Esc goes back', {timeout: 60_000}, async () => {
	const services = testServices();
	seedDraft(services, {step: 'create', change: draft => ({...draft, spec: setIn(draft.spec, ['sourceSpec', 'attributes', 'urlParams', 'path'], undefined)})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		assert.match(ink.frame(), /POST \/connectionSpecs/);
		await ink.press(keys.enter);
		await ink.waitFor(frame => /✖ /.test(frame), 30_000);
		await ink.idle();
		assert.match(ink.frame(), /✖ Validate the spec/);
		assert.match(ink.frame(), /✖ The connection spec has 1 error\(s\), first at sourceSpec\.attributes\.urlParams\.path/);
		assert.match(ink.frame(), /→ Write the resource path/);
		assert.match(ink.frame(), /r retry/);
		await ink.press(keys.escape);
		assert.match(ink.frame(), /Review — /);
	} finally {
		await ink.cleanup();
	}
});
