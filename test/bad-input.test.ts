// Every bad input gets a sentence and exit 2, never a hang or a stack: FIFOs and devices, deeply nested JSON, very
// long values, a profiles.json of the wrong shape or not JSON, corrupt drafts; plus a fuzz test of every path that
// reads a user-named file (validate, import, run, the wizard's import).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {runCli, tempHome} from './helpers/cli.js';
import {dispatch} from '../source/commands/dispatch.js';
import {importSpecFile} from '../source/steps/import-spec.js';
import {getTemplate} from '../source/connection-spec/index.js';
import {seededRandom} from '../source/shared/seeded-random.js';

const crash = /Maximum call stack|\n\s+at |TypeError|SyntaxError|RangeError|\bE[A-Z]{3,}\b/;

async function inProcess(argv: string[], home: string): Promise<{code: number; stdout: string; stderr: string}> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', chunk => (out += String(chunk)));
	stderr.on('data', chunk => (err += String(chunk)));
	const code = await dispatch(argv, {stdout, stderr, env: {AEP_SOURCE_HOME: home}, interactive: false});
	return {code, stdout: out, stderr: err};
}

test('a FIFO or a device named as input is refused at once with a sentence, exit 2 (validate, import, run)', async () => {
	const home = tempHome();
	const fifo = path.join(home, 'spec.fifo');
	execFileSync('mkfifo', [fifo]);
	for (const argv of [
		['validate', fifo],
		['import', fifo],
		['run', fifo],
		['validate', '/dev/zero'],
		['import', '/dev/zero'],
	]) {
		const result = await runCli(argv, {home, timeoutMs: 20_000});
		assert.equal(result.code, 2, argv.join(' '));
		assert.match(result.stderr, /Cannot read .*: it is (a named pipe \(FIFO\)|a device)\./, argv.join(' '));
		assert.doesNotMatch(result.stderr, crash);
	}
	const fromWizard = importSpecFile(fifo, base => base);
	assert.match('error' in fromWizard ? fromWizard.error : '', /it is a named pipe/);
});

test('deeply nested JSON is refused with a depth limit, line and column, exit 2 — never a stack overflow', async () => {
	const home = tempHome();
	const deep = path.join(home, 'deep.json');
	writeFileSync(deep, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
	const nested = path.join(home, 'nested.json');
	writeFileSync(nested, `${JSON.stringify(getTemplate('demo')).slice(0, -1)},"extra":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
	for (const file of [deep, nested]) {
		for (const command of ['validate', 'import', 'run']) {
			const result = await runCli([command, file], {home});
			assert.equal(result.code, 2, `${command} ${file}: ${result.stderr}`);
			assert.match(result.stderr, /:\d+:\d+: (not valid JSON: )?The JSON nests deeper than 64 levels here/);
			assert.doesNotMatch(result.stderr, crash);
		}
	}
});

test('import of a spec with a 5 MB name does not echo it: cut, with its full length', async () => {
	const home = tempHome();
	const file = path.join(home, 'long.json');
	writeFileSync(file, JSON.stringify({...getTemplate('demo'), name: 'n'.repeat(5_000_000)}));
	const result = await runCli(['import', file], {home});
	assert.equal(result.code, 0, result.stderr);
	assert.ok(result.stdout.length < 500, `stdout is ${result.stdout.length} characters`);
	assert.match(result.stdout, /Imported "n+… \(5,000,000 characters\)" as draft "n+"/);
	const id = await runCli(['import', file, '--id', 'x'.repeat(10_000)], {home});
	assert.equal(id.code, 2);
	assert.ok(id.stderr.length < 500);
});

test('a profiles.json of the wrong shape, or not JSON, is named, never reset, never quoted; exit 2', async () => {
	for (const content of ['[]', '{"profiles": "oops", "secrets": {"p": "s3cr3t-value"}}', '{"secrets": {"p": "s3cr3t-value"}, oops']) {
		const home = tempHome();
		const file = path.join(home, 'profiles.json');
		writeFileSync(file, content);
		writeFileSync(path.join(home, 'spec.json'), JSON.stringify(getTemplate('demo')));
		assert.equal((await runCli(['import', path.join(home, 'spec.json'), '--id', 'any'], {home})).code, 0);
		const again = await runCli(['checklist', 'any', '--json', '--profile', 'my-org'], {home});
		assert.equal(again.code, 2, again.stderr);
		assert.match(again.stderr, /profiles\.json is (not a valid profiles file|not valid JSON \(line \d+, column \d+\))/);
		assert.match(again.stderr, /Fix the file, or move it away/);
		assert.doesNotMatch(again.stderr, /s3cr3t|oops/);
		assert.doesNotMatch(again.stderr, crash);
		assert.equal(readFileSync(file, 'utf8'), content, 'never reset');
	}
});

test('a corrupt or wrongly shaped draft is named, with line and column, never quoted or shown with a stack', async () => {
	const home = tempHome();
	mkdirSync(path.join(home, 'drafts'), {recursive: true});
	writeFileSync(path.join(home, 'drafts', 'broken.json'), '{"secret": "hunter2-value", oops');
	writeFileSync(path.join(home, 'drafts', 'shape.json'), '[1, 2, "hunter2-value"]');
	for (const id of ['broken', 'shape']) {
		for (const argv of [
			['export', id],
			['diff', id],
			['run', id],
			['checklist', id, '--json'],
		]) {
			const result = await runCli(argv, {home});
			assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, new RegExp(`${id}\\.json is not (valid JSON \\(line 1, column \\d+\\)|a valid draft)`), argv.join(' '));
			assert.doesNotMatch(result.stderr, /hunter2|oops/);
			assert.doesNotMatch(result.stderr, crash);
		}
	}
});

test("fuzz: mutated specs through validate, import, run and the wizard's import never crash; exit 0, 1 or 2 with a sentence", async () => {
	const random = seededRandom(1234);
	const home = tempHome();
	const base = JSON.stringify(getTemplate('demo'), null, 2);
	const pieces = ['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'null', '1e999', '-', '\uFEFF', '//', '/*', '\n', 'true', '"\\u12"', '{"a":'.repeat(80)];
	const dir = path.join(home, 'fuzz');
	mkdirSync(dir);
	for (let round = 0; round < 40; round++) {
		let text = base;
		const edits = 1 + Math.floor(random() * 4);
		for (let e = 0; e < edits; e++) {
			const at = Math.floor(random() * text.length);
			const kind = random();
			if (kind < 0.4) text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at);
			else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
			else text = text.slice(0, at);
		}
		const file = path.join(dir, `case-${round}.json`);
		writeFileSync(file, text);
		for (const argv of [
			['validate', file],
			['validate', file, '--json'],
			['import', file],
			['run', file, '--profile', 'no-such-profile'],
		]) {
			const result = await inProcess(argv, home);
			assert.ok([0, 1, 2].includes(result.code), `${argv.join(' ')} → ${result.code}`);
			assert.doesNotMatch(result.stderr, crash, `${argv.join(' ')}\n${result.stderr}`);
			if (argv.includes('--json')) assert.doesNotThrow(() => JSON.parse(result.stdout), `${argv.join(' ')} prints JSON`);
			if (result.code === 2) assert.ok(result.stderr.trim().length > 0, `${argv.join(' ')} says why`);
		}
		const wizard = importSpecFile(file, base => base);
		assert.ok('draft' in wizard || /\S/.test(wizard.error), `wizard import of case ${round}`);
	}
});
