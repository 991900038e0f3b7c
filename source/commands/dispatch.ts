// argv -> a command of the table (registry.ts): parse and validate its flags, answer --help, run it, and turn
// whatever it throws into one sentence on stderr and an exit code (render-error.ts).
import {version} from '../version.js';
import {cutForEcho} from '../shared/errors.js';
import {wrapCommand, wrapHanging} from '../shared/wrap-text.js';
import {commands, commonFlags, isCommandName, loaders, type CommandEntry, type CommandName} from './registry.js';
import {optionLines, parseCommandLine} from './flags.js';
import {write, type CommandContext} from './context.js';
import {exitCodeOf, problemOf, renderError} from './render-error.js';

/** The wizard's home screen (`aep-source` with no command). */
const home: CommandEntry = {summary: 'The interactive wizard', maxArgs: 0, flags: {debug: commonFlags.debug}, examples: ['aep-source'], interactive: true};

/** Help is written for an 80-column terminal: every line fits, wrapped at spaces with a hanging indent. */
export const helpColumns = 80;

const usageExit = 'usage problem (unknown option, bad value, missing or unreadable file, file that is not JSON, existing output)';

/** The exit codes as an aligned list; `specific` is what 1 means for the command. */
function exitLines(specific?: string): string[] {
	const rows: Array<[string, string]> = [
		['0', 'success'],
		...(specific ? [['1', specific] as [string, string]] : []),
		['2', usageExit],
		['130', 'interrupted (Ctrl-C)'],
	];
	return ['Exit codes:', ...rows.flatMap(([code, meaning]) => wrapHanging(`  ${code.padEnd(5)}`, meaning, helpColumns))];
}

/** A paragraph of help text wrapped to the help's width (its own line breaks are spaces). */
const paragraph = (text: string, indent = 0) => wrapHanging(' '.repeat(indent), text, helpColumns);

/** `  name    summary  (e.g. example)`: the summary wraps under itself; an example that does not fit gets its own line. */
function commandLines(name: CommandName, width: number): string[] {
	const lead = `  ${name.padEnd(width)}`;
	const lines = wrapHanging(lead, commands[name].summary, helpColumns);
	const example = `(e.g. ${commands[name].examples[0]})`;
	const last = lines.length - 1;
	if ([...lines[last]!].length + 2 + [...example].length <= helpColumns) lines[last] = `${lines[last]}  ${example}`;
	else lines.push(...wrapCommand(`${' '.repeat(lead.length)}e.g. `, commands[name].examples[0]!, helpColumns, lead.length + 5));
	return lines;
}

export function topHelp(): string {
	const names = Object.keys(commands) as CommandName[];
	const width = Math.max(...names.map(name => name.length)) + 2;
	return [
		...wrapHanging(
			'',
			`aep-source ${version} — build, register, test and submit an Adobe Experience Platform source (Self-Serve Sources, Batch SDK)`,
			helpColumns,
			2,
		),
		'',
		'Usage: aep-source [command] [options]     (no command: the interactive wizard)',
		'',
		'Commands:',
		...names.flatMap(name => commandLines(name, width)),
		'',
		'Options:',
		...wrapHanging('  --help, -h     ', 'Show this help ("aep-source COMMAND --help": the options of one command)', helpColumns),
		'  --version, -v  Show the version',
		'',
		...exitLines("the thing checked failed (see each command's --help)"),
		'',
		...paragraph('Files are stored under $AEP_SOURCE_HOME (default ~/.aep-source).'),
	].join('\n');
}

export function commandHelp(name: string, entry: CommandEntry): string {
	const usage = `aep-source ${name}${entry.args ? ` ${entry.args}` : ''}${Object.keys(entry.flags).length > 0 ? ' [options]' : ''}`;
	const lines = [...wrapHanging('Usage: ', usage, helpColumns), '', ...paragraph(entry.summary)];
	if (entry.description) lines.push(...paragraph(entry.description));
	if (entry.interactive) lines.push(...paragraph('Interactive: needs a terminal. Without one it names the command to run instead and exits 2.'));
	lines.push(
		'',
		'Options:',
		...optionLines(entry.flags, [['--help, -h', 'Show this help']], helpColumns),
		'',
		'Examples:',
		...entry.examples.flatMap(example => wrapCommand('  ', example, helpColumns, 4)),
	);
	lines.push('', ...exitLines(entry.exitCodes));
	return lines.join('\n');
}

/**
 * Options written before the command (`aep-source --debug resume acme`) are moved after it, so they reach the
 * command's own parser (which accepts or refuses them as it does after the command). Help and version stay first.
 */
function commandFirst(argv: string[]): string[] {
	const [first] = argv;
	if (first === undefined || !first.startsWith('-') || ['--help', '-h', '--version', '-v'].includes(first)) return argv;
	const at = argv.findIndex(token => !token.startsWith('-') && isCommandName(token));
	return at > 0 ? [argv[at]!, ...argv.slice(at + 1), ...argv.slice(0, at)] : argv;
}

/** Runs `aep-source ARGV` with the given streams and environment; resolves to the exit code. Never throws. */
export async function dispatch(given: string[], base: Omit<CommandContext, 'command' | 'argv'>): Promise<number> {
	const argv = commandFirst(given);
	const [first, ...rest] = argv;
	// `aep-source help run` is `aep-source run --help`.
	if (first === 'help' && rest[0] !== undefined && isCommandName(rest[0])) {
		write(base.stdout, commandHelp(rest[0], commands[rest[0]]));
		return 0;
	}
	if (first === '--help' || first === '-h' || first === 'help') {
		write(base.stdout, topHelp());
		return 0;
	}
	const isCommand = first !== undefined && !first.startsWith('-');
	if (isCommand && !isCommandName(first)) {
		write(base.stderr, `Unknown command "${cutForEcho(first, 60)}". Run "aep-source --help" to see the commands.`);
		return 2;
	}
	const name = isCommand ? (first as CommandName) : 'home';
	const entry: CommandEntry = name === 'home' ? home : commands[name];
	const context: CommandContext = {...base, command: name, argv: isCommand ? rest : argv};
	try {
		const input = await parseCommandLine(name === 'home' ? 'aep-source' : `aep-source ${name}`, context.argv, entry.flags, entry.maxArgs);
		if (input.help) {
			write(context.stdout, commandHelp(name, entry));
			return 0;
		}
		const module = await (name === 'home' ? import('./interactive.js') : loaders[name]());
		const body = module.default as (context: CommandContext, input: {flags: Record<string, unknown>; args: string[]}) => Promise<number>;
		return await body(context, {flags: input.flags, args: input.args});
	} catch (error) {
		// --json promises JSON on stdout whatever happens, usage problems included.
		if ('json' in entry.flags && context.argv.includes('--json')) write(context.stdout, JSON.stringify(jsonFailureOf(entry, error), null, 2));
		write(context.stderr, renderError(error, {debug: Boolean(context.env['AEP_SOURCE_DEBUG'])}));
		return exitCodeOf(error);
	}
}

function jsonFailureOf(entry: CommandEntry, error: unknown): object {
	const problem = problemOf(error);
	return entry.jsonFailure ? entry.jsonFailure(problem) : {ok: false, error: problem};
}
