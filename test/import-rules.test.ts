// The house's import directions (readme "Code layout"): the core never imports Ink or React, screens never reach
// got, the sandbox uses only the spec model and the engine, and the spec model uses nothing of ours. Checked on
// the source text, so a new import that breaks a rule fails here before anyone reviews it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'source');

/** Folders of source/ and the folders of ours each may import at run time (type-only imports are free). */
const allowed: Record<string, string[]> = {
	'connection-spec': [],
	shared: [],
	engine: ['connection-spec', 'shared'],
	api: ['connection-spec', 'shared'],
	store: ['connection-spec', 'shared'],
	workflow: ['api', 'engine', 'connection-spec', 'store', 'shared'],
	sandbox: ['engine', 'connection-spec', 'shared'],
	components: ['connection-spec', 'shared'],
	bootstrap: ['connection-spec', 'shared'],
};
const core = ['connection-spec', 'shared', 'engine', 'api', 'store', 'workflow', 'sandbox', 'bootstrap'];
const screens = ['wizard', 'steps', 'components'];
const uiPackages = /^(ink|react|ink-[a-z-]+|react-[a-z-]+)(\/|$)/;

type Import = {file: string; line: number; specifier: string; typeOnly: boolean};

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
	});
}

function importsOf(file: string): Import[] {
	const text = fs.readFileSync(file, 'utf8');
	const found: Import[] = [];
	const pattern = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^\s*import\s+'([^']+)'/gm;
	for (const match of text.matchAll(pattern)) {
		const specifier = match[3] ?? match[4] ?? match[5]!;
		const line = text.slice(0, match.index).split('\n').length;
		found.push({file: path.relative(root, file), line, specifier, typeOnly: Boolean(match[2])});
	}
	return found;
}

/** The top folder of source/ an import lands in ('' for a top-level file), or undefined for a package. */
function folderOf(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const target = path.relative(root, path.resolve(root, path.dirname(from), specifier));
	return target.includes(path.sep) ? target.split(path.sep)[0] : '';
}

const all = sourceFiles(root).flatMap(importsOf);
const topOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : '');

test('the import scanner sees the code (a rule that finds no imports proves nothing)', () => {
	assert.ok(all.length > 300, `only ${all.length} imports found`);
	assert.ok(
		all.some(i => i.specifier === 'ink' && screens.includes(topOf(i.file))),
		'screens import ink',
	);
	assert.ok(
		all.some(i => i.specifier === 'got'),
		'the platform client imports got',
	);
});

test('the core (connection-spec, engine, api, store, workflow, sandbox) never imports Ink or React', () => {
	const bad = all.filter(i => core.includes(topOf(i.file)) && uiPackages.test(i.specifier) && !i.typeOnly);
	assert.deepEqual(
		bad.map(i => `${i.file}:${i.line} ${i.specifier}`),
		[],
	);
});

test('screens never import got, the platform transport or the engine (they go through the workflow)', () => {
	const bad = all.filter(
		i =>
			screens.includes(topOf(i.file)) &&
			!i.typeOnly &&
			(i.specifier === 'got' ||
				/\/api\/transport\.js$/.test(i.specifier) ||
				folderOf(i.file, i.specifier) === 'engine' ||
				folderOf(i.file, i.specifier) === 'sandbox'),
	);
	assert.deepEqual(
		bad.map(i => `${i.file}:${i.line} ${i.specifier}`),
		[],
	);
});

test('each core folder imports only the folders below it; the sandbox only the spec model and the engine', () => {
	const bad = all.filter(i => {
		const from = topOf(i.file);
		const rules = allowed[from];
		if (!rules || i.typeOnly) return false;
		const to = folderOf(i.file, i.specifier);
		return to !== undefined && to !== from && !rules.includes(to);
	});
	assert.deepEqual(
		bad.map(i => `${i.file}:${i.line} ${i.specifier}`),
		[],
	);
});
