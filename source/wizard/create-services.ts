// Services with the stores opened at once (tests, and any caller that can afford zod and conf up front).
// The wizard itself uses createLazyServices (services.tsx) so its first frame does not wait for them.
import {openDraftStore, openProfileStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {servicesOver, type ServiceOptions, type WizardServices} from './services.js';

export function createServices(options: ServiceOptions = {}): WizardServices {
	const home = options.home ?? aepHome(options.env ?? process.env);
	return servicesOver({profiles: openProfileStore(home), drafts: openDraftStore(home)}, {...options, home});
}
