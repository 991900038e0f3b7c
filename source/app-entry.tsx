import {render} from 'ink';
import App from './app.js';

export type WizardOptions = {command: string; argv: string[]; env: NodeJS.ProcessEnv};

/** Renders the wizard; resolves to the exit code (130 after Ctrl-C, as a shell expects). */
export async function runWizard(options: WizardOptions): Promise<number> {
	let interrupted = false;
	const instance = render(<App command={options.command} onInterrupt={() => (interrupted = true)} />, {exitOnCtrlC: false});
	await instance.waitUntilExit();
	return interrupted ? 130 : 0;
}
