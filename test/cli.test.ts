import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};

test('--version prints the package version', () => {
	assert.equal(execFileSync('node', [cli, '--version'], {encoding: 'utf8'}).trim(), pkg.version);
});

test('--help lists every command with an example', () => {
	const help = execFileSync('node', [cli, '--help'], {encoding: 'utf8'});
	for (const name of ['new', 'resume', 'checklist', 'profiles']) {
		assert.match(help, new RegExp(`^  ${name} `, 'm'), `help lists ${name}`);
	}
	assert.match(help, /e\.g\. aep-source /);
});

test('an unknown command exits 2 with a pointer to --help', () => {
	const result = spawnSync('node', [cli, 'frobnicate'], {encoding: 'utf8'});
	assert.equal(result.status, 2);
	assert.match(result.stderr, /Unknown command "frobnicate"/);
});

test('the wizard without a terminal exits 2 and says what to run instead', () => {
	const result = spawnSync('node', [cli], {encoding: 'utf8', input: ''});
	assert.equal(result.status, 2);
	assert.match(result.stderr, /^"aep-source" is interactive and needs a terminal/);
	assert.match(result.stderr, /aep-source run/);
	const resume = spawnSync('node', [cli, 'resume'], {encoding: 'utf8', input: ''});
	assert.equal(resume.status, 2);
	assert.match(resume.stderr, /^"aep-source resume" is interactive and needs a terminal/);
});
