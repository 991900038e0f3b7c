import fs from 'node:fs';
import path from 'node:path';
import {write} from './context.js';
import {aepHome} from '../store/home.js';
import type {CommandContext} from './context.js';
import type {WizardStart} from '../wizard/app.js';

const instead: Record<string, string> = {
	home: 'aep-source run --template demo        (the whole flow on the local sandbox)',
	new: 'aep-source export --template NAME --out spec.json, then aep-source run spec.json',
	resume: 'aep-source run DRAFT',
	checklist: 'aep-source checklist DRAFT --json',
	profiles: 'aep-source run ... --profile env    (credentials from AEP_* environment variables)',
};

type WizardInput = {flags: {template?: string; debug?: boolean}; args: string[]};

/**
 * Where the wizard opens, from an interactive command's flags and arguments as the command table parsed them
 * (registry.ts: `new --template NAME`, `resume [DRAFT]`, `checklist [DRAFT]`, `profiles`; anything else: home).
 */
export function wizardStart(command: string, {flags, args}: WizardInput): WizardStart {
	switch (command) {
		case 'new':
			return flags.template === undefined ? {command} : {command, template: flags.template};
		case 'resume':
		case 'checklist':
			return args[0] === undefined ? {command} : {command, draftId: args[0]};
		case 'profiles':
			return {command};
		default:
			return {command: 'home'};
	}
}

/** Starts the Ink wizard. Without a terminal it says what to run instead and exits 2 (never hangs). */
const interactive = async (context: CommandContext, {flags, args}: WizardInput): Promise<number> => {
	if (!context.interactive) {
		write(
			context.stderr,
			`"${context.command === 'home' ? 'aep-source' : `aep-source ${context.command}`}" is interactive and needs a terminal (stdin and stdout must be a TTY).`,
		);
		write(context.stderr, `Without one, run instead:\n  ${instead[context.command] ?? instead['home']}`);
		return 2;
	}
	// chalk (under Ink) honours FORCE_COLOR but not NO_COLOR (no-color.org); map one to the other before it loads.
	if (context.env['NO_COLOR'] && context.env['FORCE_COLOR'] === undefined) process.env['FORCE_COLOR'] = '0';
	const {runWizard} = await import('../wizard/app-entry.js');
	const debugFile = flags.debug || /^(1|true|yes|on)$/i.test(context.env['AEP_SOURCE_DEBUG'] ?? '') ? path.join(aepHome(context.env), 'debug.log') : undefined;
	if (debugFile) fs.mkdirSync(path.dirname(debugFile), {recursive: true, mode: 0o700});
	const start = wizardStart(context.command, {flags, args});
	const code = await runWizard({start, env: context.env, ...(debugFile ? {debugFile} : {})});
	if (debugFile) write(context.stderr, `HTTP trace (secrets masked): ${debugFile}`);
	return code;
};

export default interactive;
