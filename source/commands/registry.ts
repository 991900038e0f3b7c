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
	{name: 'new', summary: 'Start a new source in the wizard (from a template or blank)', example: 'aep-source new --template demo', interactive: true, load: () => import('./interactive.js')},
	{name: 'resume', summary: 'Resume a saved draft where you left it', example: 'aep-source resume my-source', interactive: true, load: () => import('./interactive.js')},
	{name: 'checklist', summary: 'The submission checklist of a draft (--json: without a terminal, for CI)', example: 'aep-source checklist my-source --json', interactive: true, load: () => import('./checklist.js')},
	{name: 'validate', summary: 'Check a connection spec JSON file offline (exit 0 valid, 1 errors, 2 usage)', example: 'aep-source validate spec.json --json', load: () => import('./validate.js')},
	{name: 'templates', summary: 'List the spec templates a new source can start from', example: 'aep-source templates', load: () => import('./templates.js')},
	{name: 'run', summary: 'Create or update the spec, register it, run the end-to-end check (no terminal needed)', example: 'aep-source run --template demo --json', load: () => import('./run.js')},
	{name: 'diff', summary: 'Compare a draft with the spec registered on a profile, by JSON path (exit 1 if they differ)', example: 'aep-source diff my-source --profile my-org', load: () => import('./diff.js')},
	{name: 'drafts', summary: 'List saved drafts', example: 'aep-source drafts --json', load: () => import('./drafts.js')},
	{name: 'export', summary: 'Print or write a draft (or a template) as JSON', example: 'aep-source export my-source --spec --out spec.json', load: () => import('./export.js')},
	{name: 'import', summary: 'Import a connection spec JSON or an exported draft as a new draft', example: 'aep-source import spec.json', load: () => import('./import.js')},
	{name: 'sandbox', summary: 'Run the local Flow Service + IMS emulator and the demo REST API until Ctrl-C', example: 'aep-source sandbox --port 4000 --records 500', load: () => import('./sandbox.js')},
	{name: 'profiles', summary: 'Manage profiles (the built-in local sandbox, Adobe orgs)', example: 'aep-source profiles', interactive: true, load: () => import('./interactive.js')},
];

export function findCommand(name: string): CommandEntry | undefined {
	return commands.find(command => command.name === name);
}
