// `aep-source validate`, `templates` and `export --template`, run in-process with fake streams, plus one spawn
// of the real CLI to prove the wiring.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {spawnSync} from 'node:child_process';
import type {CommandContext} from '../source/commands/context.js';
import {dispatch} from '../source/commands/dispatch.js';
import {exportTemplate} from '../source/commands/export-template.js';
import {getTemplate} from '../source/connection-spec/index.js';

let dir = '';
const reference = readFileSync(new URL('./fixtures/spec/reference-3.8.json', import.meta.url), 'utf8');
const file = (name: string, text: string): string => {
	const target = path.join(dir, name);
	writeFileSync(target, text);
	return target;
};

before(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'aep-validate-'));
});
after(() => rmSync(dir, {recursive: true, force: true}));

type Run = {code: number; stdout: string; stderr: string};

/** `aep-source COMMAND ARGV` in-process (the dispatcher: table, flags, errors), or a function given a context. */
async function run(
	command: string | ((ctx: CommandContext) => Promise<number>),
	argv: string[],
	options: {env?: NodeJS.ProcessEnv; tty?: boolean} = {},
): Promise<Run> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	if (options.tty) Object.assign(stdout, {isTTY: true});
	let out = '';
	let err = '';
	stdout.on('data', chunk => (out += String(chunk)));
	stderr.on('data', chunk => (err += String(chunk)));
	const base = {stdout, stderr, env: options.env ?? {}, interactive: false};
	const code = typeof command === 'string' ? await dispatch([command, ...argv], base) : await command({...base, command: 'validate', argv});
	return {code, stdout: out, stderr: err};
}

const invalidSpec = (): string => {
	const spec = JSON.parse(reference);
	delete spec.authSpec[0].spec.properties.accessToken;
	spec.sourceSpec.attributes.paginationParams.type = 'CURSOR';
	spec.version = 1;
	return JSON.stringify(spec, null, 2);
};

test('a valid spec exits 0 and says so, with lenient notes shown as accepted', async () => {
	const result = await run('validate', [file('valid.json', reference)]);
	assert.equal(result.code, 0);
	assert.match(result.stdout, /valid\.json is a valid connection spec \(0 errors, 0 warnings, 2 accepted leniently\)/);
	assert.match(result.stdout, /accepted +exploreSpec\.responseSpec\.\$schema/);
	assert.equal(result.stderr, '');
});

test('an invalid spec exits 1 and groups findings by section with path, message and fix', async () => {
	const result = await run('validate', [file('invalid.json', invalidSpec())]);
	assert.equal(result.code, 1);
	const text = result.stdout;
	const order = ['Top level', 'authSpec', 'sourceSpec', 'exploreSpec'].map(title =>
		text.indexOf(`\n${title}\n`) >= 0 ? text.indexOf(`\n${title}\n`) : text.indexOf(`${title}\n`),
	);
	assert.ok(
		order.slice(0, 3).every((index, position) => index >= 0 && (position === 0 || index > (order[position - 1] ?? 0))),
		`sections in order:\n${text}`,
	);
	assert.match(text, /error +authSpec\[0\]\.spec\.properties\.accessToken +\[oauth2-access-token\]/);
	assert.match(
		text,
		/error +sourceSpec\.attributes\.paginationParams\.type +\[pagination-type\]\n +.*OFFSET, POINTER, CONTINUATION_TOKEN, PAGE, NONE.*\n +Fix: /,
	);
	assert.match(text, /warning +version/);
	assert.match(text, /✗ .*invalid\.json is not valid: 2 errors, 1 warning, 1 accepted leniently\.$/m);
	assert.doesNotMatch(text, /\u001B\[/, 'no ANSI codes without a terminal');
});

test('--json prints exactly {valid, errors, warnings} with {path, message, hint} items and nothing else', async () => {
	const result = await run('validate', [file('invalid-json.json', invalidSpec()), '--json']);
	assert.equal(result.code, 1);
	const report = JSON.parse(result.stdout) as Record<string, any>;
	assert.deepEqual(Object.keys(report), ['valid', 'errors', 'warnings']);
	assert.equal(report['valid'], false);
	assert.equal(report['errors'].length, 2);
	for (const item of [...report['errors'], ...report['warnings']]) assert.deepEqual(Object.keys(item), ['path', 'message', 'hint']);
	assert.deepEqual(
		report['warnings'].map((item: {path: string}) => item.path),
		['version', 'sourceSpec.attributes.urlParams.host'],
	);
	// The documented example's host (api.example.com) is unfinished text: listed among the warnings, never an error.
	const valid = await run('validate', ['--json', file('valid-json.json', reference)]);
	assert.equal(valid.code, 0);
	const validReport = JSON.parse(valid.stdout) as {valid: boolean; errors: unknown[]; warnings: {path: string; message: string; hint: string}[]};
	assert.deepEqual(
		{...validReport, warnings: validReport.warnings.map(item => item.path)},
		{valid: true, errors: [], warnings: ['sourceSpec.attributes.urlParams.host']},
	);
	assert.match(validReport.warnings[0]!.message, /^Unfinished: It names the example host api\.example\.com \(a reserved name that never answers\)/);
	assert.equal(validReport.warnings[0]!.hint, "Write your API's real host.");
});

test('usage problems exit 2 with a sentence: no FILE, two files, a missing file, a folder, an unknown flag', async () => {
	const cases: Array<[string[], RegExp]> = [
		[[], /Name the connection spec JSON file to check\.\nUsage: aep-source validate FILE \[--json\]/],
		[['a.json', 'b.json'], /"aep-source validate" does not take the argument "b\.json" \(it takes at most 1\)\./],
		[[path.join(dir, 'missing.json')], /Cannot read .*missing\.json: there is no such file\./],
		[[dir], /: it is a folder\./],
		[['--strict', 'x.json'], /"aep-source validate" has no option --strict\.\nRun "aep-source validate --help" to see its options\./],
	];
	for (const [argv, message] of cases) {
		const result = await run('validate', argv);
		assert.equal(result.code, 2, `argv ${argv.join(' ')}`);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, message);
		assert.doesNotMatch(result.stderr, /ENOENT|EISDIR|TypeError|ERR_PARSE_ARGS|\n +at /);
	}
});

test('invalid JSON exits 2 with FILE:line:column and the named problem', async () => {
	const broken = file('broken.json', '{\n  "name": "x",\n  "version": "1.0",\n}\n');
	const result = await run('validate', [broken]);
	assert.equal(result.code, 2);
	assert.equal(result.stdout, '');
	assert.equal(
		result.stderr.trim(),
		`${broken}:3:19: not valid JSON: Trailing comma before "}": JSON does not allow a comma after the last property. Remove this comma.`,
	);
});

test('validate --json prints a JSON report in every case: invalid JSON (line, column), missing file, folder, bad flag', async () => {
	const broken = file('broken-json.json', '{\n  "name": "x",\n  "version": "1.0",\n}\n');
	const syntax = await run('validate', [broken, '--json']);
	assert.equal(syntax.code, 2);
	const report = JSON.parse(syntax.stdout) as {valid: boolean; errors: Array<Record<string, unknown>>; warnings: unknown[]};
	assert.equal(report.valid, false);
	assert.deepEqual(report.warnings, []);
	assert.equal(report.errors[0]?.['line'], 3);
	assert.equal(report.errors[0]?.['column'], 19);
	assert.match(String(report.errors[0]?.['message']), /^not valid JSON: Trailing comma/);
	for (const argv of [[path.join(dir, 'missing.json'), '--json'], [dir, '--json'], ['--json', '--strict', 'x.json'], ['--json']]) {
		const result = await run('validate', argv);
		assert.equal(result.code, 2, argv.join(' '));
		const failure = JSON.parse(result.stdout) as {valid: boolean; errors: Array<{path: string; message: string}>};
		assert.equal(failure.valid, false);
		assert.equal(failure.errors.length, 1);
		assert.equal(failure.errors[0]?.path, '');
		assert.ok(failure.errors[0]?.message.length, argv.join(' '));
	}
});

test('colour only on a terminal, and never with NO_COLOR', async () => {
	const target = file('colour.json', invalidSpec());
	assert.match((await run('validate', [target], {tty: true})).stdout, /\u001B\[31m/);
	assert.doesNotMatch((await run('validate', [target], {tty: true, env: {NO_COLOR: '1'}})).stdout, /\u001B/);
});

test('templates lists every template with a description', async () => {
	const result = await run('templates', []);
	assert.equal(result.code, 0);
	assert.match(result.stdout, /^blank +Generic REST source/m);
	assert.match(result.stdout, /^mailchimp-members +\S/m);
	assert.match(result.stdout, /^demo +\S/m);
	assert.equal((await run('templates', ['extra'])).code, 2);
});

test('exportTemplate prints the spec JSON, writes it to a file, and rejects unknown names', async () => {
	const printed = await run(ctx => exportTemplate(ctx, 'demo'), []);
	assert.equal(printed.code, 0);
	assert.deepEqual(JSON.parse(printed.stdout), getTemplate('demo'));
	assert.ok(printed.stdout.startsWith('{\n  "name"'), 'two-space indent');
	const target = path.join(dir, 'out', 'blank.json');
	mkdirSync(path.dirname(target));
	const written = await run(ctx => exportTemplate(ctx, 'blank', target), []);
	assert.equal(written.code, 0);
	assert.deepEqual(JSON.parse(readFileSync(target, 'utf8')), getTemplate('blank'));
	const unknown = await run('export', ['--template', 'nope']);
	assert.equal(unknown.code, 2);
	assert.match(unknown.stderr, /There is no template "nope"\.\nTemplates: blank, mailchimp-members, demo/);
	const exported = await run('validate', [target]);
	assert.equal(exported.code, 0, 'an exported template validates');
});

test('the CLI wires validate: node source/cli.tsx validate FILE --json', () => {
	const cli = new URL('../source/cli.tsx', import.meta.url).pathname;
	const target = file('cli.json', invalidSpec());
	const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'validate', target, '--json'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	assert.equal(result.status, 1, result.stderr);
	assert.deepEqual(Object.keys(JSON.parse(result.stdout) as object), ['valid', 'errors', 'warnings']);
});
