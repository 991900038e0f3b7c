// `aep-source --help` and `aep-source CMD --help` for every command of the table fit an 80-column terminal: no line
// is wider, descriptions wrap at spaces under their own column (a hanging indent), no word is cut, and a wrapped
// example still pastes into a shell as one command.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {dispatch} from '../source/commands/dispatch.js';
import {commands} from '../source/commands/registry.js';
import {flagMeta} from '../source/commands/flags.js';
import {wrapCommand, wrapHanging} from '../source/shared/wrap-text.js';

const width = (line: string) => [...line].length;
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function help(argv: string[]): Promise<string> {
	const stdout = new PassThrough();
	let out = '';
	stdout.on('data', chunk => (out += String(chunk)));
	const code = await dispatch(argv, {stdout, stderr: new PassThrough(), env: {AEP_SOURCE_HOME: '/nonexistent'}, interactive: false});
	assert.equal(code, 0, argv.join(' '));
	return out;
}

function assertFits(text: string, what: string): void {
	for (const line of text.split('\n')) {
		assert.ok(width(line) <= 80, `${what}: a line of ${width(line)} columns:\n${line}`);
		assert.doesNotMatch(line, / $/, `${what}: a line ends in a space:\n${line}`);
	}
}

/** The column a line's text starts at after an option name (`  --port N   Port of…` → 29). */
const column = (line: string) => /^ {2}\S.*? {2,}(?=\S)/.exec(line)?.[0].length;

test('aep-source --help fits 80 columns; each summary wraps under itself and keeps every word', async () => {
	const text = await help(['--help']);
	assertFits(text, '--help');
	const lines = text.split('\n');
	const names = Object.keys(commands) as (keyof typeof commands)[];
	for (const name of names) {
		const at = lines.findIndex(line => line.startsWith(`  ${name} `));
		assert.ok(at !== -1, `--help lists ${name}`);
		const textColumn = column(lines[at]!)!;
		// Continuation lines of this command start at its summary's column, never further left.
		for (let i = at + 1; i < lines.length && /^ {4}/.test(lines[i]!); i++) assert.match(lines[i]!, new RegExp(`^ {${textColumn}}\\S`), lines[i]);
		assert.ok(flat(text).includes(flat(commands[name].summary)), `the summary of ${name} is whole`);
		assert.ok(flat(text).includes(`e.g. ${flat(commands[name].examples[0]!)}`), `the example of ${name}`);
	}
	assert.match(text, /\nExit codes:\n {2}0 +success\n/);
});

test('every command of the table answers --help within 80 columns, options wrapped under their description column', async () => {
	for (const name of Object.keys(commands) as (keyof typeof commands)[]) {
		const text = await help([name, '--help']);
		assertFits(text, `${name} --help`);
		const entry = commands[name];
		const lines = text.split('\n');
		const options = lines.slice(lines.indexOf('Options:') + 1, lines.indexOf('Examples:') - 1);
		const descriptionColumn = column(options.find(line => line.startsWith('  --help, -h'))!)!;
		for (const line of options) {
			// An option line, or a description line at the one column.
			if (!/^ {2}--/.test(line)) assert.match(line, new RegExp(`^ {${descriptionColumn}}\\S`), `${name}: ${line}`);
			else if (column(line) !== undefined) assert.equal(column(line), descriptionColumn, `${name}: ${line}`);
		}
		for (const declaration of Object.values(entry.flags))
			assert.ok(flat(text).includes(flat(flagMeta(declaration).description)), `${name}: a flag's help is whole`);
		if ('description' in entry) assert.ok(flat(text).includes(flat(entry.description)), `${name}: the description is whole`);
		// A wrapped example ends its broken lines with " \" so it still pastes as one command.
		const examples = text.slice(text.indexOf('Examples:\n') + 10, text.indexOf('\n\nExit codes:')).replace(/ \\\n +/g, ' ');
		assert.deepEqual(
			examples.split('\n').map(line => line.trim()),
			entry.examples,
			name,
		);
	}
});

test('wrapping never cuts a word and indents continuation lines', () => {
	const words = 'a connection spec registered on the platform with its flow spec appended'.split(' ');
	const lines = wrapHanging('  --flag     ', words.join(' '), 31);
	assert.deepEqual(lines, [
		'  --flag     a connection spec',
		'             registered on the',
		'             platform with its',
		'             flow spec appended',
	]);
	assert.deepEqual(wrapHanging('', 'supercalifragilistic word', 10), ['supercalifragilistic', 'word'], 'a long word keeps its own line, whole');
	assert.deepEqual(wrapCommand('  ', "aep-source import --curl 'curl -H x https://a.example/b' --json", 40, 4), [
		'  aep-source import --curl \\',
		"    'curl -H x https://a.example/b' \\",
		'    --json',
	]);
});
