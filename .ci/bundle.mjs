// Bundles source/cli.tsx into ESM chunks (dist/cli.js + lazily imported chunks) so start-up does not walk
// node_modules. Recipe from ../shared/toolchain.md §3: stub react-devtools-core, recreate `require` for CJS deps.
// Also exports the options, so bench/keystrokes.ts measures the code the CLI ships (production React). The start-up
// patches of Ink's dependencies are not applied here: they are patch-package patches (patches/, readme "Patches"),
// applied to node_modules on `npm ci`, so the tests run the same code the bundle ships.
import {build} from 'esbuild';
import {chmodSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// Ink's React-devtools hook (only run when DEV=true) is stubbed whole: react-devtools-core is not installed, and
// its window polyfill would bundle `ws` for nothing (toolchain §7: leave DEV unset).
const stubDevtools = {
	name: 'stub-react-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onResolve({filter: /^\.\/devtools\.js$/}, args =>
			/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: 'ink-devtools', namespace: 'stub'} : undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

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
	// lmdb (the sandbox's state store) loads a native addon for this platform at run time: it cannot be inlined.
	// Only the lazily imported sandbox chunk imports it, so --version, --help and validate never load it.
	external: ['lmdb'],
	define: {
		'process.env.NODE_ENV': '"production"',
		__AEP_SOURCE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
	},
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	plugins: [stubDevtools],
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
