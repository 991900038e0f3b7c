// A draft remembers the profile it was built and checked on: the wizard opens it there and shows it, and says so when
// that profile is gone (the CLI's default is the same: test/commands-run-drafts.test.ts).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';

function saveAdobeProfile(home: string, name: string) {
	const profile = {name, kind: 'adobe', orgId: 'C6420AAF5CD2749D0A495C60@AdobeOrg', clientId: 'client-id', scopes: 'openid', sandboxName: 'prod'};
	const file = {defaultProfile: 'local', profiles: {[name]: profile}, secrets: {[name]: 'a-client-secret-1234'}, tokens: {}};
	fs.writeFileSync(path.join(home, 'profiles.json'), JSON.stringify(file), {mode: 0o600});
}

test('wizard: a draft built on an Adobe profile opens on that profile, not on the default', async () => {
	const services = testServices();
	saveAdobeProfile(services.home, 'acme-dev');
	seedDraft(services, {step: 'artifacts', change: draft => ({...draft, profile: 'acme-dev'})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /\[profile: acme-dev\]/);
	await ink.cleanup();
});

test('wizard: a draft whose profile no longer exists opens on the default and names the profile it was built on', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts', change: draft => ({...draft, profile: 'old-org'})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /\[profile: local; draft built on “old-org”\]/);
	await ink.cleanup();
});

test('wizard: a draft with no remembered profile opens on the saved default, with no note', async () => {
	const services = testServices();
	seedDraft(services, {step: 'artifacts'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	assert.match(ink.frame(), /\[profile: local\]/);
	assert.doesNotMatch(ink.frame(), /built on/);
	await ink.cleanup();
});
