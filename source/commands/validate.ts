// `aep-source validate FILE [--json]`: offline check of a connection spec for humans and CI.
// Exit 0 valid (warnings and unfinished text allowed: docs/connection-spec.md#unfinished-text), 1 errors, 2 usage problems
// (no file, unreadable, not JSON). Plain text, no Ink.
import {readUserFile} from '../shared/read-input.js';
import {UsageError} from '../shared/errors.js';
import {parseSpecText, validateSpec, type Finding, type ValidationResult} from '../connection-spec/index.js';
import {write, type CommandContext} from './context.js';
import {commands, type CommandBody} from './registry.js';

type Problem = {message: string; hint: string; line?: number; column?: number};

function readText(file: string): {text: string} | {problem: Problem} {
	try {
		return {text: readUserFile(file)};
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		return {problem: {message: error.message, hint: error.hint ?? ''}};
	}
}

/** A file that cannot be checked: exit 2, as a sentence on stderr, or with --json as the report's one error. */
function refuse(ctx: CommandContext, json: boolean | undefined, problem: Problem): number {
	if (json) write(ctx.stdout, JSON.stringify(commands.validate.jsonFailure(problem), null, 2));
	write(ctx.stderr, `aep-source validate: ${problem.message}\n${problem.hint}`);
	return 2;
}

const validate: CommandBody<'validate'> = async (ctx, {flags, args}) => {
	const [file] = args;
	if (file === undefined)
		return refuse(ctx, flags.json, {message: 'Name the connection spec JSON file to check.', hint: 'Usage: aep-source validate FILE [--json]'});
	const read = readText(file);
	if ('problem' in read) return refuse(ctx, flags.json, read.problem);
	const parsed = parseSpecText(read.text);
	if (!parsed.ok) {
		const problem = {message: `not valid JSON: ${parsed.message}`, hint: 'Fix the JSON at that line and column.', line: parsed.line, column: parsed.column};
		if (flags.json) write(ctx.stdout, JSON.stringify(commands.validate.jsonFailure(problem), null, 2));
		write(ctx.stderr, `${file}:${parsed.line}:${parsed.column}: ${problem.message}`);
		return 2;
	}
	const result = validateSpec(parsed.value);
	if (flags.json) write(ctx.stdout, JSON.stringify(jsonReport(result), null, 2));
	else write(ctx.stdout, humanReport(file, result, wantsColour(ctx.stdout, ctx.env)));
	return result.valid ? 0 : 1;
};

export default validate;

/**
 * The three keys the command promises; lenient findings are accepted values and stay out of it. Unfinished text
 * (docs/connection-spec.md#unfinished-text) does not make a spec invalid, so it is listed among the warnings, each
 * message starting "Unfinished:".
 */
function jsonReport(result: ValidationResult) {
	const strip = ({path, message, hint}: Finding) => ({path, message, hint});
	const unfinished = result.unfinished.map(item => ({...strip(item), message: `Unfinished: ${item.message}`}));
	return {valid: result.valid, errors: result.errors.map(strip), warnings: [...result.warnings.map(strip), ...unfinished]};
}

function wantsColour(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
	// https://no-color.org: any non-empty NO_COLOR disables colour.
	if (env['NO_COLOR']) return false;
	return (stream as {isTTY?: boolean}).isTTY === true;
}

const sections = [
	{title: 'Top level', match: (path: string) => !/^(authSpec|sourceSpec|exploreSpec)\b/.test(path)},
	{title: 'authSpec', match: (path: string) => /^authSpec\b/.test(path)},
	{title: 'sourceSpec', match: (path: string) => /^sourceSpec\b/.test(path)},
	{title: 'exploreSpec', match: (path: string) => /^exploreSpec\b/.test(path)},
];

const paint = {error: '31', warning: '33', lenient: '36', unfinished: '35', ok: '32', bold: '1'} as const;

export function humanReport(file: string, result: ValidationResult, colour: boolean): string {
	const style = (code: string, text: string) => (colour ? `\u001B[${code}m${text}\u001B[0m` : text);
	const all = [...result.errors, ...result.warnings, ...result.unfinished, ...result.lenient];
	const lines: string[] = [];
	for (const section of sections) {
		const items = all.filter(item => section.match(item.path));
		if (items.length === 0) continue;
		lines.push(style(paint.bold, section.title));
		for (const item of items) {
			const label = item.severity === 'lenient' ? 'accepted' : item.severity;
			lines.push(`  ${style(paint[item.severity], label.padEnd(10))} ${item.path || '(whole file)'}  [${item.rule}]`);
			lines.push(`             ${item.message}`);
			lines.push(`             Fix: ${item.hint}`);
		}
		lines.push('');
	}
	lines.push(summary(file, result, style));
	return lines.join('\n');
}

function summary(file: string, result: ValidationResult, style: (code: string, text: string) => string): string {
	const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const parts = [count(result.errors.length, 'error'), count(result.warnings.length, 'warning')];
	if (result.lenient.length > 0) parts.push(`${result.lenient.length} accepted leniently`);
	// Unfinished text does not fail the check (the spec can be registered and run), but it is not ready to submit.
	const unfinished =
		result.unfinished.length > 0 ? `\n! ${count(result.unfinished.length, 'unfinished text')} to replace before submission (marked "unfinished" above).` : '';
	return result.valid
		? style(paint.ok, `✓ ${file} is a valid connection spec (${parts.join(', ')}).`) + (unfinished && style(paint.unfinished, unfinished))
		: style(paint.error, `✗ ${file} is not valid: ${parts.join(', ')}.`) + (unfinished && style(paint.unfinished, unfinished));
}
