// Biome's formatter wraps code to the configured width but leaves a line longer when it cannot break it (a long
// string, template or regex literal); `biome ci` does not report those. This test does: every line of the code
// Biome checks fits in formatter.lineWidth, a tab counting as formatter.indentWidth columns (as Biome counts it).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'biome.json'), 'utf8')) as {formatter: {lineWidth?: number; indentWidth?: number}};
const lineWidth = config.formatter.lineWidth ?? 80;
const tab = ' '.repeat(config.formatter.indentWidth ?? 2);

/** The files biome.json includes: source/, test/ (not its fixtures) and bench/ code, and .ci/*.mjs. */
function checkedFiles(): string[] {
	const code = /\.(ts|tsx|mts|js|mjs)$/;
	const walked = ['source', 'test', 'bench'].flatMap(folder =>
		fs
			.readdirSync(path.join(root, folder), {recursive: true, encoding: 'utf8'})
			.map(file => path.join(folder, file))
			.filter(file => code.test(file) && !file.startsWith(path.join('test', 'fixtures') + path.sep)),
	);
	const ci = fs
		.readdirSync(path.join(root, '.ci'))
		.filter(file => file.endsWith('.mjs'))
		.map(file => path.join('.ci', file));
	return [...walked, ...ci].sort();
}

test(`line width: no line of the checked code is longer than biome.json's lineWidth (${lineWidth})`, () => {
	const files = checkedFiles();
	assert.ok(files.length > 100, `only ${files.length} files found; the walk is broken`);
	const long: string[] = [];
	for (const file of files) {
		const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
		lines.forEach((line, index) => {
			// Columns as Biome counts them: a tab is indentWidth columns, any other character (code point) one.
			const columns = [...line.replaceAll('\t', tab)].length;
			if (columns > lineWidth) long.push(`${file}:${index + 1} is ${columns} columns`);
		});
	}
	assert.deepEqual(long, [], `Lines longer than ${lineWidth} columns (split the string or restructure the code):\n${long.join('\n')}`);
});
