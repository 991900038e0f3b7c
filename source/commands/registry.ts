import type {Command} from './context.js';

export type CommandEntry = {
	name: string;
	summary: string;
	example: string;
	/** Interactive commands need a terminal; without one they print what to run instead. */
	interactive?: boolean;
	load: () => Promise<{default: Command}>;
};

// Each command is loaded only when asked for, so `--version`, `validate` and `run` never load React or Ink.
export const commands: CommandEntry[] = [
	{name: 'new', summary: 'Start a new source in the wizard (from a template or blank)', example: 'aep-source new --template demo', interactive: true, load: () => import("./interactive.js")},
	{name: 'resume', summary: 'Resume a saved draft where you left it', example: 'aep-source resume my-source', interactive: true, load: () => import("./interactive.js")},
	{name: 'checklist', summary: 'Show the submission checklist of a draft', example: 'aep-source checklist my-source', interactive: true, load: () => import("./interactive.js")},
	{name: 'profiles', summary: 'Manage profiles (the built-in local sandbox, Adobe orgs)', example: 'aep-source profiles', interactive: true, load: () => import("./interactive.js")},
];

export function findCommand(name: string): CommandEntry | undefined {
	return commands.find(command => command.name === name);
}
