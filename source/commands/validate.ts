// `aep-source validate FILE [--json]`: offline check of a connection spec (reference 3.9) for humans and CI.
// Exit 0 valid (warnings allowed), 1 errors, 2 usage problems (no file, unreadable, not JSON). Plain text, no Ink.
import {readFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {parseSpecText, validateSpec, type Finding, type ValidationResult} from '../spec/index.js';
import {write, type Command} from './context.js';

const usage = 'Usage: aep-source validate FILE [--json]';
const help = `${usage}

Checks a connection spec JSON file against the Self-Serve Sources rules (structure, enums, placeholders,
pagination and schedule settings) without contacting Adobe.

  --json   Print {"valid", "errors", "warnings"} as JSON and nothing else
Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage problem (file missing or not JSON).`;

type Args = {file: string; json: boolean} | {help: true} | {error: string};

function readArgs(argv: string[]): Args {
	try {
		const {values, positionals} = parseArgs({args: argv, allowPositionals: true, options: {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}});
		if (values.help) return {help: true};
		if (positionals.length === 0) return {error: 'Missing FILE: name the connection spec JSON file to check.'};
		if (positionals.length > 1) return {error: `Expected one FILE, got ${positionals.length}: ${positionals.join(' ')}.`};
		return {file: positionals[0] ?? '', json: values.json === true};
	} catch (error) {
		return {error: error instanceof Error ? error.message : String(error)};
	}
}

async function readText(file: string): Promise<{text: string} | {error: string}> {
	try {
		return {text: await readFile(file, 'utf8')};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {error: `File not found: ${file}`};
		if (code === 'EISDIR') return {error: `${file} is a directory, not a JSON file.`};
		if (code === 'EACCES' || code === 'EPERM') return {error: `Cannot read ${file}: permission denied.`};
		return {error: `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`};
	}
}

const validate: Command = async ctx => {
	const args = readArgs(ctx.argv);
	if ('help' in args) {
		write(ctx.stdout, help);
		return 0;
	}
	if ('error' in args) {
		write(ctx.stderr, `aep-source validate: ${args.error}\n${usage}`);
		return 2;
	}
	const read = await readText(args.file);
	if ('error' in read) {
		write(ctx.stderr, `aep-source validate: ${read.error}`);
		return 2;
	}
	const parsed = parseSpecText(read.text);
	if (!parsed.ok) {
		write(ctx.stderr, `${args.file}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.message}`);
		return 2;
	}
	const result = validateSpec(parsed.value);
	if (args.json) write(ctx.stdout, JSON.stringify(jsonReport(result), null, 2));
	else write(ctx.stdout, humanReport(args.file, result, useColour(ctx.stdout, ctx.env)));
	return result.valid ? 0 : 1;
};

export default validate;

/** The three keys the issue mandates; lenient findings are accepted values and stay out of it. */
function jsonReport(result: ValidationResult) {
	const strip = ({path, message, hint}: Finding) => ({path, message, hint});
	return {valid: result.valid, errors: result.errors.map(strip), warnings: result.warnings.map(strip)};
}

function useColour(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
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

const paint = {error: '31', warning: '33', lenient: '36', ok: '32', bold: '1'} as const;

export function humanReport(file: string, result: ValidationResult, colour: boolean): string {
	const style = (code: string, text: string) => (colour ? `\u001B[${code}m${text}\u001B[0m` : text);
	const all = [...result.errors, ...result.warnings, ...result.lenient];
	const lines: string[] = [];
	for (const section of sections) {
		const items = all.filter(item => section.match(item.path));
		if (items.length === 0) continue;
		lines.push(style(paint.bold, section.title));
		for (const item of items) {
			const label = item.severity === 'lenient' ? 'accepted' : item.severity;
			lines.push(`  ${style(paint[item.severity], label.padEnd(8))} ${item.path || '(whole file)'}  [${item.rule}]`);
			lines.push(`           ${item.message}`);
			lines.push(`           Fix: ${item.hint}`);
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
	return result.valid
		? style(paint.ok, `✓ ${file} is a valid connection spec (${parts.join(', ')}).`)
		: style(paint.error, `✗ ${file} is not valid: ${parts.join(', ')}.`);
}
