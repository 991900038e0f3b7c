// Bundles source/cli.tsx into one ESM file (dist/cli.js) so start-up does not walk node_modules.
// Recipe from ../shared/toolchain.md §3: stub react-devtools-core, recreate `require` for CJS deps.
import {build} from 'esbuild';
import {chmodSync, readFileSync} from 'node:fs';

const minify = !process.argv.includes('--no-minify');

const stubDevtools = {
	name: 'stub-react-devtools-core',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	minify,
	sourcemap: false,
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		__AEP_SOURCE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
	},
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	plugins: [stubDevtools],
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
