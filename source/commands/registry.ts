// The command table: every command's summary, arguments, flags (zod, commands/flags.ts), examples and exit codes,
// declared once. Parsing, `--help` and usage errors all come from here (commands/dispatch.ts); the command files
// receive parsed, validated flags. Adding a flag to a command is one line in its `flags`.
import {flag, type FlagShape, type FlagValues} from './flags.js';
import type {CommandContext} from './context.js';

export type CommandEntry = {
	/** One line, for `aep-source --help`. */
	summary: string;
	/** More about it, for `aep-source NAME --help` (optional). */
	description?: string;
	/** The positional arguments as shown in the usage line, e.g. `FILE` or `[DRAFT]`. */
	args?: string;
	maxArgs: number;
	flags: FlagShape;
	examples: string[];
	/** What exit code 1 means for this command (0 success, 2 usage problem and 130 interrupted are common). */
	exitCodes?: string;
	/** The wizard: needs a terminal to run, answers `--help` without one. */
	interactive?: boolean;
	/** With --json, what a failure prints on stdout (default {ok: false, error: {message, hint, where}}). */
	jsonFailure?: (problem: Problem) => object;
};

/** A failure as --json output reports it. */
export type Problem = {message: string; hint?: string; where?: string; line?: number; column?: number};

const common = {
	profile: flag.string('Profile to use (default: local, the built-in sandbox; env: AEP_* variables)', 'NAME'),
	debug: flag.boolean('HTTP trace, every secret masked: on stderr (the wizard: to $AEP_SOURCE_HOME/debug.log); or AEP_SOURCE_DEBUG=1'),
	json: flag.boolean('Print the result as JSON on stdout and nothing else'),
	force: flag.boolean('Replace an existing output file'),
};

/** Shared declarations, for commands/dispatch.ts's home entry. */
export const commonFlags = common;

export const commands = {
	new: {
		summary: 'Start a new source in the wizard (from a template or blank)',
		maxArgs: 0,
		flags: {template: flag.string('Start from this template ("aep-source templates" lists them)', 'NAME'), debug: common.debug},
		examples: ['aep-source new --template demo'],
		interactive: true,
	},
	resume: {
		summary: 'Resume a saved draft where you left it',
		args: '[DRAFT]',
		maxArgs: 1,
		flags: {debug: common.debug},
		examples: ['aep-source resume my-source'],
		interactive: true,
	},
	checklist: {
		summary: 'The submission checklist of a draft (--json: without a terminal, for CI)',
		args: '[DRAFT]',
		maxArgs: 1,
		flags: {json: flag.boolean('Run the checklist without a terminal and print it as JSON (needs DRAFT)'), profile: common.profile, debug: common.debug},
		examples: ['aep-source checklist my-source', 'aep-source checklist my-source --json --profile env'],
		exitCodes: 'an item failed (--json)',
		interactive: true,
	},
	validate: {
		summary: 'Check a connection spec JSON file offline (exit 0 valid, 1 errors, 2 usage)',
		description:
			'Checks a connection spec JSON file against the Self-Serve Sources rules (structure, enums, placeholders,\n' +
			'pagination and schedule settings) without contacting Adobe.',
		args: 'FILE',
		maxArgs: 1,
		flags: {json: flag.boolean('Print {"valid", "errors", "warnings"} as JSON and nothing else, whatever happens')},
		examples: ['aep-source validate spec.json --json'],
		exitCodes: 'the spec has errors (warnings and unfinished template text allowed)',
		// Keeps the report's shape when the file could not be checked (missing, not JSON: line and column).
		jsonFailure: (problem: Problem) => ({valid: false, errors: [{path: '', ...problem}], warnings: []}),
	},
	templates: {
		summary: 'List the spec templates a new source can start from',
		description: 'Lists the templates for "aep-source new --template NAME" and "aep-source export --template NAME".',
		maxArgs: 0,
		flags: {},
		examples: ['aep-source templates'],
	},
	run: {
		summary: 'Create or update the spec, register it, run the end-to-end check (no terminal needed)',
		description:
			'Takes a saved draft, a connection spec file or a template. A spec with validation errors exits 1 before any\n' +
			'request is sent. Secrets never go on the command line: `run` reads them from AEP_SOURCE_SECRET_<PROPERTY>.',
		args: 'DRAFT|SPEC_FILE',
		maxArgs: 1,
		flags: {
			template: flag.string('Run a template instead of a draft or file', 'NAME'),
			profile: common.profile,
			auth: flag.string("Auth spec to test with (default: the draft's, else the first)", 'AUTH_SPEC_NAME'),
			param: flag.list('A non-secret auth property or source input, key=value', 'KEY=VALUE'),
			'source-api': flag.choice(
				"Local profile: send source requests to the demo API or to the spec's host " +
					'(default: the demo API only for the demo and mailchimp-members templates or a spec with no host)',
				['demo', 'spec'] as const,
			),
			target: flag.string('Use an existing target instead of creating a test one', 'SCHEMA_ID,DATASET_ID[,MAPPING_ID]'),
			keep: flag.boolean('Keep the test dataflow and connections instead of cleaning up'),
			json: flag.boolean('Print one JSON result on stdout and nothing else'),
			debug: common.debug,
		},
		examples: [
			'aep-source run --template demo',
			'AEP_SOURCE_SECRET_ACCESS_TOKEN=… aep-source run spec.json --param host=http://127.0.0.1:8080 --json',
			'aep-source run spec.json --profile env --param host=https://api.example.com --json',
		],
		exitCodes: 'the spec has errors or the check failed (0 only when records landed)',
	},
	diff: {
		summary: 'Compare a draft with the spec registered on a profile, by JSON path (exit 1 if they differ)',
		args: 'DRAFT',
		maxArgs: 1,
		flags: {profile: common.profile, json: common.json, debug: common.debug},
		examples: ['aep-source diff my-source --profile my-org'],
		exitCodes: 'the draft and the registered spec differ',
	},
	drafts: {
		summary: 'List saved drafts',
		maxArgs: 0,
		flags: {json: common.json},
		examples: ['aep-source drafts --json'],
	},
	export: {
		summary: 'Print or write a draft (or a template) as JSON, or its artifacts, docs page or submission packet',
		description: 'Without --out the JSON goes to stdout. An existing output file is replaced only with --force.',
		args: '[DRAFT]',
		maxArgs: 1,
		flags: {
			template: flag.string("Export a template's connection spec instead of a draft", 'NAME'),
			spec: flag.boolean("Only the draft's connection spec (as POSTed), not the whole draft"),
			out: flag.string('Write to this file instead of stdout', 'FILE'),
			artifacts: flag.string('Write the Sources/<name>/Artifacts folder under this folder', 'DIR'),
			docs: flag.string('Write the documentation page to this file', 'FILE'),
			packet: flag.string('Write the whole submission packet under this folder', 'DIR'),
			profile: common.profile,
			force: common.force,
			debug: common.debug,
		},
		examples: ['aep-source export my-source --spec --out spec.json', 'aep-source export --template demo', 'aep-source export my-source --packet ./submission'],
	},
	import: {
		summary: 'Import a connection spec JSON or an exported draft, or start a draft from an OpenAPI operation or a curl command',
		description:
			'FILE is a connection spec JSON or an exported draft; or an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML,\n' +
			'a file or an http(s) URL) with --operation; or nothing, with --curl. The draft is pre-filled and every guess is\n' +
			'printed with its evidence. Credentials in a curl command are never saved or printed.',
		args: '[FILE_OR_URL]',
		maxArgs: 1,
		flags: {
			id: flag.string("Id of the new draft (default: from the spec's name)", 'DRAFT'),
			'keep-remote': flag.boolean('An exported draft keeps its registered spec ids, ledger and runs (default: it starts unregistered)'),
			operation: flag.string('The OpenAPI operation to start from: its operationId, or "GET /path"', 'OPERATION'),
			curl: flag.string('Start from this curl command (quote it whole)', "'curl …'"),
			response: flag.string('A sample response to detect the records path and the paging from (JSON body, or curl -i output)', 'FILE'),
			timeout: flag.string('Seconds to wait for a document URL to answer (default 10)', 'SECONDS'),
			json: common.json,
		},
		examples: [
			'aep-source import spec.json',
			'aep-source import my-source.draft.json --keep-remote',
			'aep-source import openapi.yaml --operation listContacts',
			'aep-source import https://api.example.com/openapi.json --operation "GET /v2/contacts" --json',
			'aep-source import --curl \'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/contacts\' --response page1.json',
		],
		exitCodes: 'the draft was bootstrapped but the input lacked something (listed on stderr; the draft is saved)',
	},
	sandbox: {
		summary: 'Run the local Flow Service + IMS emulator and the demo REST API until Ctrl-C',
		description:
			'Starts the local sandbox on 127.0.0.1: IMS (POST /ims/token/v3) and the platform APIs (Flow Service, Schema\n' +
			'Registry, Catalog, Data Prep under /data/foundation/...), plus the demo REST API to build a source against.\n' +
			'State is kept in --data (default $AEP_SOURCE_HOME/sandbox). Stop with Ctrl-C. The fault flags are deterministic\n' +
			'(--seed makes the latency jitter repeatable).',
		maxArgs: 0,
		flags: {
			port: flag.integer('Port of the sandbox (default 0: any free port)', {min: 0, max: 65_535}),
			data: flag.string('Where the sandbox keeps its state', 'DIR'),
			'client-id': flag.string('Client id (x-api-key) the sandbox accepts', 'X'),
			'client-secret': flag.string('Client secret the sandbox accepts', 'Y'),
			records: flag.integer('Number of contacts the demo API serves (default 250)', {min: 0}),
			realistic: flag.boolean('Delay dataflow runs as the real service does (first run ~15 s after it is due, ≥ 20 s running)'),
			'token-ttl': flag.integer('Lifetime of issued access tokens in seconds (default 86399)', {min: 1}, 'S'),
			latency: flag.integer('Added latency on every platform call, in ms', {min: 0}, 'MS'),
			'rate-limit-every': flag.integer('Every Nth platform call answers 429 with Retry-After', {min: 1}),
			'fail-burst': flag.string('The next COUNT platform calls answer STATUS (500, 502, 503 or 504)', 'STATUS:COUNT'),
			seed: flag.integer('Seed of the fault injection', {min: 0}),
		},
		examples: ['aep-source sandbox --port 4000 --records 500', 'aep-source sandbox --fail-burst 503:5'],
	},
	profiles: {
		summary: 'Manage profiles (the built-in local sandbox, Adobe orgs)',
		maxArgs: 0,
		flags: {debug: common.debug},
		examples: ['aep-source profiles'],
		interactive: true,
	},
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof commands;

/** What a command body receives: its parsed, validated flags and positional arguments. */
export type CommandInput<N extends CommandName> = {flags: FlagValues<(typeof commands)[N]['flags']>; args: string[]};

/** A command body resolves to its exit code: 0 ok, 1 the thing checked failed, 2 usage problem, 130 interrupted. */
export type CommandBody<N extends CommandName> = (context: CommandContext, input: CommandInput<N>) => Promise<number>;

// Each command is loaded only when run, so `--version`, `validate` and `run` never load React or Ink.
// (Typed loosely here: a precise type would make this table depend on the modules that depend on it.)
export const loaders: Record<CommandName, () => Promise<{default: unknown}>> = {
	new: () => import('./interactive.js'),
	resume: () => import('./interactive.js'),
	checklist: () => import('./checklist.js'),
	validate: () => import('./validate.js'),
	templates: () => import('./templates.js'),
	run: () => import('./run.js'),
	diff: () => import('./diff.js'),
	drafts: () => import('./drafts.js'),
	export: () => import('./export.js'),
	import: () => import('./import.js'),
	sandbox: () => import('./sandbox.js'),
	profiles: () => import('./interactive.js'),
};

export function isCommandName(name: string): name is CommandName {
	return Object.hasOwn(commands, name);
}
