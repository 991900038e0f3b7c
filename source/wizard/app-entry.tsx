import fs from 'node:fs';
import {render} from 'ink';
import App, {type WizardStart} from './app.js';
import {createLazyServices} from './services.js';

export type WizardOptions = {
	/** The screen to open, as the command table parsed it. */
	start: WizardStart;
	env: NodeJS.ProcessEnv;
	/** --debug: append the masked HTTP trace to this file (0600); stderr would tear the screen. */
	debugFile?: string;
};

/** Renders the wizard; resolves to the exit code (130 after Ctrl-C, as a shell expects). */
export async function runWizard(options: WizardOptions): Promise<number> {
	let interrupted = false;
	// The stores (zod, conf) load in the background: the home screen is drawn without them (bench/startup.ts).
	const trace = options.debugFile === undefined ? undefined : fs.openSync(options.debugFile, 'a', 0o600);
	const debug = trace === undefined ? undefined : (line: string) => fs.writeSync(trace, `${new Date().toISOString()} ${line}\n`);
	const services = createLazyServices({env: options.env, ...(debug ? {debug} : {})});
	// Resume and checklist choose their first screen from the saved drafts, so they wait for the stores.
	if (options.start.command !== 'home') await services.ready;
	// exitOnCtrlC is off: the app saves the draft and closes the sandbox before it exits.
	const instance = render(<App start={options.start} services={services} onInterrupt={() => (interrupted = true)} />, {
		exitOnCtrlC: false,
	});
	await instance.waitUntilExit();
	await Promise.allSettled(services.pending());
	if (trace !== undefined) fs.closeSync(trace);
	return interrupted ? 130 : 0;
}
