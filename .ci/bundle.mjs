// Bundles source/cli.tsx into ESM chunks (dist/cli.js + lazily imported chunks) so start-up does not walk
// node_modules. Recipe from ../shared/toolchain.md §3: stub react-devtools-core, recreate `require` for CJS deps.
// Also exports the options, so bench/keystrokes.ts measures the code the CLI ships (same patches, production React).
import {build} from 'esbuild';
import {chmodSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Code points that are each a grapheme cluster of their own, whatever follows (no marks, joiners, format or control characters, surrogates). */
const singleClusterRanges = '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2070-\\u20CF\\u2100-\\u2BFF';

// Ink's React-devtools hook (only run when DEV=true) is stubbed whole: react-devtools-core is not installed, and
// its window polyfill would bundle `ws` for nothing (toolchain §7: leave DEV unset).
const stubDevtools = {
	name: 'stub-react-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: 'ink-devtools', namespace: 'stub'} : undefined));
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

/**
 * Replaces exact text in one dependency file as esbuild loads it. Each edit must match exactly once; when a
 * dependency update changes the text, the build warns and ships that file unpatched (slower, never broken).
 */
function patchDependency(name, file, edits) {
	const absolute = path.resolve(file);
	return {
		name,
		setup(b) {
			b.onLoad({filter: new RegExp(`${path.basename(file).replace('.', '\\.')}$`)}, args => {
				if (args.path !== absolute) return undefined;
				const original = readFileSync(args.path, 'utf8');
				const applies = edits.every(([from]) => original.split(from).length === 2);
				const contents = applies ? edits.reduce((text, [from, to]) => text.replace(from, () => to), original) : original;
				return {contents, loader: 'js', warnings: applies ? [] : [{text: `${file} changed: the "${name}" patch was not applied`}]};
			});
		},
	};
}

/**
 * Source of an object with Intl.Segmenter's `segment()`, creating the segmenter on first use: the first
 * `new Intl.Segmenter()` loads ICU break data (~10–15 ms), and Ink's text libraries each make one at load time.
 * With `simple`, strings of code points that are each their own grapheme cluster (printable ASCII, ESC and BEL of
 * ANSI codes, and the single-cluster characters below) are split per code point without it (checked equal to
 * Intl.Segmenter on 200k random such strings with SGR and OSC-8 codes).
 */
function lazySegmenter(name, options = '', simple = false) {
	const create = `(${name}Instance ??= new Intl.Segmenter(${options}))`;
	const segment = simple
		? `text => (/^[\\x07\\x1B${singleClusterRanges}]*$/.test(text) ? ((index = 0) => [...text].map(segment => ({segment, index: (index += segment.length) - segment.length})))() : ${create}.segment(text))`
		: `text => ${create}.segment(text)`;
	return `let ${name}Instance;\nconst ${name} = {segment: ${segment}};`;
}

// yoga-layout's Emscripten loader fetch()es its inlined `data:` WASM URL when `fetch` exists (Node 18+). That
// first fetch() loads Node's internal undici (~35 ms, the largest single cost of Ink's start-up). Take the
// loader's own no-fetch branch instead, and decode the base64 with Buffer.
const yogaWithoutFetch = patchDependency('yoga-without-fetch', 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', [
	['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return !0?'],
	['return w||"function"!=typeof WebAssembly.instantiateStreaming||ua(H)||"function"!=typeof fetch?c(b)', 'return !0?c(b)'],
	['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'],
]);

// string-width 8 (Ink's text measuring) sends every non-ASCII string through Intl.Segmenter and /^\p{RGI_Emoji}$/v.
// That pattern alone costs ~20 ms to parse, at load time (esbuild turns it into `new RegExp` for node20; as a literal
// V8 validates it while parsing the module): create it on first use. And strings
// made only of code points that are each a grapheme cluster of their own (no marks, joiners, format characters,
// surrogates or default-emoji symbols), such as the home screen's "❯", "—" and "↑/↓", have the width the original
// computes: the sum of each code point's East Asian width (checked against string-width for every such code point
// and 100k random strings of them), so they never need the segmenter or that pattern.
const stringWidthFastPath = patchDependency('string-width-fast-path', 'node_modules/string-width/index.js', [
	['const segmenter = new Intl.Segmenter();', lazySegmenter('segmenter')],
	['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', "let rgiEmojiPattern;\nconst rgiEmojiRegex = {test: text => (rgiEmojiPattern ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};"],
	[
		"import {eastAsianWidth} from 'get-east-asian-width';\n",
		"import {eastAsianWidth} from 'get-east-asian-width';\n" +
			`const singleClusterCharacters = /^[${singleClusterRanges}]*$/;\n` +
			'const emojiPresentation = /\\p{Emoji_Presentation}/u;\n',
	],
	[
		'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n',
		'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n' +
			'\tif (singleClusterCharacters.test(string) && !emojiPresentation.test(string)) {\n' +
			'\t\tlet simpleWidth = 0;\n\t\tfor (const character of string) simpleWidth += eastAsianWidth(character.codePointAt(0), {ambiguousAsWide: !ambiguousIsNarrow});\n\t\treturn simpleWidth;\n\t}\n',
	],
]);

// wrap-ansi (Ink's text wrapping) nests string-width 7, which has no ASCII fast path: it segments every string and
// builds emoji-regex's huge RegExp once per character, ~2 ms per changed line on every keystroke. Printable ASCII is
// one column per character there too (checked for all 95).
const wrapWidthAsciiFastPath = patchDependency('wrap-width-ascii-fast-path', 'node_modules/wrap-ansi/node_modules/string-width/index.js', [
	['const segmenter = new Intl.Segmenter();', lazySegmenter('segmenter')],
	['\tif (string.length === 0) {\n\t\treturn 0;\n\t}\n\n\tlet width = 0;', '\tif (string.length === 0) {\n\t\treturn 0;\n\t}\n\n\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\n\tlet width = 0;'],
]);

// Ink's line tokenizer (every line of every frame) and slice-ansi (clipping, truncation): segmenter made on first use;
// the tokenizer splits simple lines without it (see lazySegmenter).
const tokenizerSegmenters = [
	patchDependency('ansi-tokenize-lazy-segmenter', 'node_modules/@alcalzone/ansi-tokenize/build/tokenize.js', [
		['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', lazySegmenter('segmenter', "undefined, {granularity: 'grapheme'}", true)],
	]),
	patchDependency('slice-ansi-lazy-segmenter', 'node_modules/slice-ansi/tokenize-ansi.js', [
		["const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", lazySegmenter('GRAPHEME_SEGMENTER', "undefined, {granularity: 'grapheme'}")],
	]),
];

// terminal-size (Ink's fallback when stdout reports no size) imports child_process, which loads net and dgram
// (~3.5 ms) on every start; load it only when that fallback runs.
const terminalSizeLazyChildProcess = patchDependency('terminal-size-lazy-child-process', 'node_modules/terminal-size/index.js', [
	["import {execFileSync} from 'node:child_process';\n", "const execFileSync = (...args) => process.getBuiltinModule('node:child_process').execFileSync(...args);\n"],
]);

// Ink 6.8 builds a new Output (and with it new caches of tokenized lines and string widths) for every frame, so
// each keystroke re-tokenizes the whole screen. The cached values are pure functions of the text: keep them across
// frames (cleared when large), so a frame only tokenizes the lines that changed (bench/keystrokes.ts).
const inkOutputCaches = patchDependency('ink-output-caches', 'node_modules/ink/build/output.js', [
	['export default class Output {', 'let sharedCaches = new OutputCaches();\nexport default class Output {'],
	[
		'    caches = new OutputCaches();',
		'    caches = sharedCaches.styledChars.size + sharedCaches.widths.size > 20000 ? (sharedCaches = new OutputCaches()) : sharedCaches;',
	],
]);

/** esbuild options shared by the CLI bundle and the benchmarks (paths relative to the project root). */
export const bundleOptions = {
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	minify: true,
	sourcemap: false,
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		__AEP_SOURCE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
	},
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	plugins: [stubDevtools, yogaWithoutFetch, stringWidthFastPath, wrapWidthAsciiFastPath, ...tokenizerSegmenters, terminalSizeLazyChildProcess, inkOutputCaches],
	logLevel: 'warning',
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	// --outdir=DIR builds elsewhere (e.g. an unminified copy to profile) without touching dist/.
	const outdir = process.argv.find(arg => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
	// Start clean: chunk names carry content hashes, so old chunks would pile up.
	rmSync(outdir, {recursive: true, force: true});
	await build({...bundleOptions, entryPoints: ['source/cli.tsx'], outdir, minify: !process.argv.includes('--no-minify')});
	chmodSync(`${outdir}/cli.js`, 0o755);
}
