// The command table through the built CLI: --help for every command (no terminal), unknown options and bad values
// in the product's words with exit 2, and --out that never clobbers or prints an errno.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';

const errno = /\b(ENOENT|EISDIR|EEXIST|EACCES|ENOTDIR)\b|TypeError|ERR_PARSE_ARGS|\n\s+at /;

async function commandNames(): Promise<string[]> {
	const help = await runCli(['--help'], {home: tempHome()});
	assert.equal(help.code, 0);
	return [...help.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map(match => match[1]!);
}

test('every command listed by --help answers its own --help without a terminal: exit 0, usage, options, example', async () => {
	const names = await commandNames();
	assert.ok(names.length >= 12, names.join(' '));
	for (const name of names) {
		for (const flag of ['--help', '-h']) {
			const result = await runCli([name, flag], {home: tempHome()});
			assert.equal(result.code, 0, `${name} ${flag}: ${result.stderr}`);
			assert.match(result.stdout, new RegExp(`^Usage: aep-source ${name}\\b`), name);
			assert.match(result.stdout, /\nOptions:\n(.*\n)* {2}--help, -h +Show this help/, name);
			assert.match(result.stdout, new RegExp(`\\nExamples:\\n  aep-source ${name}\\b`), name);
			assert.match(result.stdout, /\nExit codes:\n {2}0 +success\n(.*\n)* {2}2 +usage problem/);
			assert.equal(result.stderr, '');
		}
	}
	const wizard = await runCli(['new', '--help'], {home: tempHome()});
	assert.match(wizard.stdout, /--template NAME/);
	assert.match(wizard.stdout, /Interactive: needs a terminal/);
});

test("an unknown option is answered in the product's words, with a suggestion, exit 2", async () => {
	const home = tempHome();
	const typo = await runCli(['run', '--profil', 'x'], {home});
	assert.equal(typo.code, 2);
	assert.equal(typo.stderr, '"aep-source run" has no option --profil. Did you mean --profile?\nRun "aep-source run --help" to see its options.\n');
	const other = await runCli(['drafts', '--frobnicate'], {home});
	assert.equal(other.code, 2);
	assert.match(other.stderr, /^"aep-source drafts" has no option --frobnicate\.\n/);
	for (const result of [typo, other]) assert.doesNotMatch(result.stderr, errno);
});

test('bad values and extra arguments exit 2 with a sentence naming the flag', async () => {
	const home = tempHome();
	const cases: Array<[string[], RegExp]> = [
		[['sandbox', '--port', 'abc'], /^--port takes a whole number from 0 to 65535 \(got "abc"\)\./],
		[['sandbox', '--port', '70000'], /^--port takes a whole number from 0 to 65535 \(got "70000"\)\./],
		[['sandbox', '--records', '-1'], /^--records/],
		[['sandbox', '--fail-burst', '418:2'], /^--fail-burst takes STATUS:COUNT/],
		[['drafts', '--json=yes'], /^--json is a switch and takes no value\./],
		[['run', '--profile'], /^--profile needs a value\./],
		[['templates', 'extra'], /^"aep-source templates" does not take the argument "extra"\./],
		[['export', '--template', 'nope'], /^There is no template "nope"\.\nTemplates: /],
		[['diff'], /^Name the draft\./],
		[['diff', 'ghost'], /^There is no draft "ghost"\./],
	];
	for (const [argv, message] of cases) {
		const result = await runCli(argv, {home});
		assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
		assert.match(result.stderr, message, argv.join(' '));
		assert.doesNotMatch(result.stderr, errno, argv.join(' '));
	}
});

test('a very long value is cut in any message that echoes it, with its full length', async () => {
	const long = 'x'.repeat(100_000);
	const result = await runCli(['sandbox', '--port', long], {home: tempHome()});
	assert.equal(result.code, 2);
	assert.ok(result.stderr.length < 400, `stderr is ${result.stderr.length} characters`);
	assert.match(result.stderr, /… \(100,000 characters\)/);
	const command = await runCli([long], {home: tempHome()});
	assert.equal(command.code, 2);
	assert.ok(command.stderr.length < 400);
});

test('--out: a missing folder, a folder, an existing file (without --force) are refused in a sentence; --force replaces atomically', async () => {
	const home = tempHome();
	const dir = path.join(home, 'out');
	mkdirSync(dir);
	const missing = await runCli(['export', '--template', 'demo', '--out', path.join(dir, 'nope', 'spec.json')], {home});
	assert.equal(missing.code, 2);
	assert.match(missing.stderr, /^--out: The folder .*nope does not exist\.\nCreate it first, or write somewhere else\./);
	const folder = await runCli(['export', '--template', 'demo', '--out', dir], {home});
	assert.equal(folder.code, 2);
	assert.match(folder.stderr, /is a folder; --out needs a file name\./);
	const target = path.join(dir, 'spec.json');
	writeFileSync(target, 'keep me');
	const existing = await runCli(['export', '--template', 'demo', '--out', target], {home});
	assert.equal(existing.code, 2);
	assert.match(existing.stderr, /^--out: .*spec\.json already exists\.\nAdd --force to replace it/);
	assert.equal(readFileSync(target, 'utf8'), 'keep me');
	for (const result of [missing, folder, existing]) assert.doesNotMatch(result.stderr, errno);
	const forced = await runCli(['export', '--template', 'demo', '--out', target, '--force'], {home});
	assert.equal(forced.code, 0, forced.stderr);
	assert.equal((JSON.parse(readFileSync(target, 'utf8')) as {name: string}).name.length > 0, true);
	assert.deepEqual(readdirSync(dir), ['spec.json'], 'no temp file left behind');
	const fresh = path.join(dir, 'fresh.json');
	assert.equal((await runCli(['export', '--template', 'blank', '--out', fresh], {home})).code, 0);
	assert.ok(existsSync(fresh));
});

test('--docs onto a folder is refused in a sentence, exit 2', async () => {
	const home = tempHome();
	const spec = path.join(home, 'spec.json');
	assert.equal((await runCli(['export', '--template', 'demo', '--out', spec], {home})).code, 0);
	const imported = await runCli(['import', spec, '--id', 'mine'], {home});
	assert.equal(imported.code, 0, imported.stderr);
	const docs = await runCli(['export', 'mine', '--docs', home], {home});
	assert.equal(docs.code, 2);
	assert.match(docs.stderr, /is a folder; --docs needs a file name\./);
	assert.doesNotMatch(docs.stderr, errno);
});
