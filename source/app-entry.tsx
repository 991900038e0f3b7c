import {render} from 'ink';
import App from './app.js';
import {createLazyServices} from './steps/services.js';

export type WizardOptions = {command: string; argv: string[]; env: NodeJS.ProcessEnv};

/** Renders the wizard; resolves to the exit code (130 after Ctrl-C, as a shell expects). */
export async function runWizard(options: WizardOptions): Promise<number> {
	let interrupted = false;
	// The stores (zod, conf) load in the background: the home screen is drawn without them (bench/startup.ts).
	const services = createLazyServices({env: options.env});
	// Resume and checklist choose their first screen from the saved drafts, so they wait for the stores.
	if (options.command !== 'home') await services.ready;
	// exitOnCtrlC is off: the app saves the draft and closes the sandbox before it exits (toolchain §6).
	const instance = render(<App command={options.command} argv={options.argv} services={services} onInterrupt={() => (interrupted = true)} />, {exitOnCtrlC: false});
	await instance.waitUntilExit();
	await Promise.allSettled(services.pending());
	return interrupted ? 130 : 0;
}
