// The check screen of a registered demo draft, its local session pointed at a sandbox the test controls (so the test
// can slow it or inject faults), for the check-screen UI tests.
import {renderWizard, testServices, type WizardHarness} from './ui-wizard.js';
import {demoDraft, recordingContext, startFixture, type Fixture} from './workflow-fixture.js';
import type {WizardServices} from '../../source/wizard/services.js';
import {appendToRestStorageToAEP, createOrUpdateConnectionSpec} from '../../source/workflow/index.js';

export async function openCheckScreen(records = 30): Promise<{fixture: Fixture; services: WizardServices; ink: WizardHarness}> {
	const fixture = await startFixture({records});
	const services = testServices();
	services.openSession = async () => ({
		profile: {name: 'local', kind: 'local'},
		target: {imsUrl: fixture.sandbox.imsUrl, platformUrl: fixture.sandbox.platformUrl, ...fixture.sandbox.credentials},
		client: fixture.client,
		demo: {url: fixture.sandbox.demo!.url, records},
		close: async () => {},
	});
	const {ctx} = recordingContext(fixture.client, {...demoDraft('demo-contacts'), step: 'check' as const});
	await appendToRestStorageToAEP(ctx, (await createOrUpdateConnectionSpec(ctx)).id);
	services.drafts.save(ctx.draft); // the owner's draft, with the spec id: the workflow never changes the one it was given
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	return {fixture, services, ink};
}
