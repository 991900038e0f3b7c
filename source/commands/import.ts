import {readUserFile} from '../shared/read-input.js';
import {cutForEcho} from '../shared/errors.js';
import {UsageError, write, type CommandContext} from './context.js';
import type {CommandBody, CommandInput} from './registry.js';
import {DraftExistsError, openDraftStore, type DraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {draftIdPattern} from '../store/draft-schema.js';
import {draftFromSpec, normaliseSpec, parseSpecText, slugify, validateSpec} from '../connection-spec/index.js';
import {secretEnvName} from '../workflow/test-values.js';
import type {BootstrapResult} from '../bootstrap/index.js';
import {describeGuessValue} from '../bootstrap/describe.js';

const usage = 'aep-source import FILE [--id DRAFT] [--keep-remote] | OPENAPI_FILE_OR_URL --operation ID|"GET /path" | --curl \'curl …\' [--response FILE]';

type Flags = CommandInput<'import'>['flags'];

/** Imports an exported draft or a connection spec JSON, or bootstraps a draft from an OpenAPI operation or a curl command. */
const importCommand: CommandBody<'import'> = async (context, {flags: values, args}) => {
	const [file] = args;
	if (values.id !== undefined && !draftIdPattern.test(values.id)) {
		throw new UsageError(`--id "${cutForEcho(values.id, 60)}" is not a draft id.`, {
			hint: 'Use up to 100 letters, digits, ".", "-" and "_", starting with a letter or digit.',
		});
	}
	if (values.curl !== undefined || values.operation !== undefined) return bootstrapCommand(context, values, file);
	if (!file) throw new UsageError('Name the file to import.', {hint: `Usage: ${usage}`});
	if (/^https?:\/\//i.test(file) || /\.(ya?ml)$/i.test(file)) return bootstrapCommand(context, values, file);
	const text = readUserFile(file);
	const parsed = parseSpecText(text);
	if (!parsed.ok) throw new UsageError(`${cutForEcho(file, 120)}:${parsed.line}:${parsed.column}: ${parsed.message}`);
	if (parsed.value && typeof parsed.value === 'object' && ('openapi' in parsed.value || 'swagger' in parsed.value))
		return bootstrapCommand(context, values, file);
	const store = openDraftStore(aepHome(context.env));
	if (parsed.value && typeof parsed.value === 'object' && 'formatVersion' in parsed.value) {
		const keepRemote = Boolean(values['keep-remote']);
		const draft = store.importFrom(file, {keepRemote, ...(values.id === undefined ? {} : {id: values.id})});
		const remote = keepRemote
			? " It keeps the original's registered spec ids and ledger (--keep-remote): registering it updates that spec."
			: ' It starts unregistered (no spec ids, ledger or runs), so registering it creates its own spec; --keep-remote keeps them.';
		write(context.stdout, `Imported draft "${draft.id}".${remote} Resume it with: aep-source resume ${draft.id}`);
		return 0;
	}
	const {spec, findings} = normaliseSpec(parsed.value);
	const name = typeof (spec as {name?: unknown}).name === 'string' ? (spec as {name: string}).name : 'imported-source';
	const id = wantedOrFreeId(store, values.id, slugify(name) || 'imported-source');
	const draft = draftFromSpec(spec, {id});
	store.save(draft);
	for (const finding of findings) write(context.stderr, `warning ${finding.path}: ${finding.message}`);
	const result = validateSpec(spec);
	// The name comes from the file: cut, so a 50 MB name is never echoed.
	write(
		context.stdout,
		`Imported "${cutForEcho(name, 80)}" as draft "${id}" (${result.errors.length} errors, ${result.warnings.length} warnings). ` +
			`Resume it with: aep-source resume ${id}`,
	);
	return 0;
};

/**
 * `--operation` / `--curl`: bad input → UsageError (exit 2, no draft); a draft that still misses something is
 * saved and the command exits 1 listing what is missing; otherwise exit 0. Secrets from the curl line are never
 * printed or saved: the output names the environment variables `aep-source run` reads them from.
 */
async function bootstrapCommand(context: CommandContext, values: Flags, file: string | undefined): Promise<number> {
	// Loaded here: the OpenAPI and YAML parsers are only for this path (start-up budgets, bench/startup.ts).
	const bootstrap = await import('../bootstrap/index.js');
	const response = values.response === undefined ? undefined : bootstrap.parseResponseSample(readUserFile(values.response), values.response);
	let result: BootstrapResult;
	let from: string;
	if (values.curl !== undefined) {
		if (file) throw new UsageError(`--curl takes the whole command; "${file}" is extra.`, {hint: `Usage: ${usage}`});
		result = bootstrap.bootstrapCurl(values.curl, response);
		from = 'the curl command';
	} else {
		if (!file) throw new UsageError('Name the OpenAPI document (a file or a URL) before --operation.', {hint: `Usage: ${usage}`});
		const loaded = await bootstrap.loadOpenApi(file, {timeoutMs: seconds(values.timeout) * 1000});
		if (values.operation === undefined) {
			const offered = bootstrap.offeredOperations(loaded.doc);
			const list = offered
				.slice(0, 30)
				.map(entry => `  ${entry.id}  ${entry.method} ${entry.path}${entry.summary ? ` — ${entry.summary}` : ''}`)
				.join('\n');
			throw new UsageError(
				`${file} is an ${loaded.version} document: ` +
					`choose the operation that lists the records with --operation OPERATION_ID or --operation "GET /path".\n${list}`,
			);
		}
		const found = await bootstrap.bootstrapOperation(loaded, values.operation);
		result = response ? bootstrap.applyResponse(found, response) : found;
		from = `${values.operation} (${loaded.version})`;
	}
	const store = openDraftStore(aepHome(context.env), {knownSecrets: () => Object.values(result.testValues.secrets)});
	const id = wantedOrFreeId(store, values.id, bootstrap.draftIdBase(result));
	store.save(bootstrap.draftFromBootstrap(result, {id}));
	const errors = bootstrap.specErrors(result);
	const warnings = validateSpec(result.spec).warnings.length;
	const secretEnv = Object.keys(result.testValues.secrets).map(name => `${secretEnvName(name)} (the ${name} from your curl command)`);
	if (values.json) {
		write(
			context.stdout,
			JSON.stringify(
				{
					id,
					guesses: result.guesses,
					missing: result.missing,
					unmapped: result.unmapped,
					errors,
					warnings,
					secretEnv: Object.keys(result.testValues.secrets).map(secretEnvName),
				},
				null,
				2,
			),
		);
	} else {
		const lines = [`Bootstrapped "${String(result.spec['name'])}" from ${from} as draft "${id}".`, 'Guesses (change any of them in the wizard):'];
		for (const guess of result.guesses) {
			const remedy = guess.needsResponse ? ' Pass a sample response with --response FILE, or set it in the wizard.' : '';
			lines.push(`  ${guess.field}: ${describeGuessValue(guess.value)}\n      ${guess.evidence}${remedy}`);
		}
		if (result.unmapped.length) lines.push('Not mapped:', ...result.unmapped.map(entry => `  - ${entry}`));
		if (secretEnv.length) lines.push(`Credentials from the curl command were not saved. For "aep-source run ${id}", set ${secretEnv.join(', ')}.`);
		lines.push(`Spec: ${errors.length} errors, ${warnings} warnings. Resume it with: aep-source resume ${id}`);
		write(context.stdout, lines.join('\n'));
	}
	const missing = [...result.missing, ...(result.missing.length ? [] : errors)];
	if (missing.length === 0) return 0;
	write(context.stderr, `The draft "${id}" is saved but incomplete. Missing:\n${missing.map(entry => `  - ${entry}`).join('\n')}`);
	return 1;
}

/** `--id` as given (DraftExistsError, exit 2, when a draft holds it: nothing is overwritten), else the first free id from `base`. */
function wantedOrFreeId(store: DraftStore, wanted: string | undefined, base: string): string {
	if (wanted === undefined) return store.freeId(base);
	if (store.has(wanted)) throw new DraftExistsError(wanted);
	return wanted;
}

function seconds(value: string | undefined): number {
	if (value === undefined) return 10;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--timeout takes a number of seconds, got "${value}".`);
	return number;
}

export default importCommand;
