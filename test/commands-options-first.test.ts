// Options written before the command reach it: `aep-source --json drafts` is `aep-source drafts --json`, and the
// interactive commands take `--debug` first too (the readme shows it as an option of every command that talks HTTP).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli, tempHome} from './helpers/cli.js';

test('an option before the command is the command’s option; an option it does not take is still refused by name', async () => {
	const home = tempHome();
	const drafts = await runCli(['--json', 'drafts'], {home});
	assert.equal(drafts.code, 0, drafts.stderr);
	assert.deepEqual(JSON.parse(drafts.stdout), []);

	const wizard = await runCli(['--debug', 'resume', 'acme'], {home, env: {CI: ''}});
	assert.doesNotMatch(wizard.stderr, /does not take the argument/);
	assert.match(wizard.stderr, /needs a terminal|interactive/i);
	assert.equal(wizard.code, 2);

	const unknown = await runCli(['--nope', 'drafts'], {home});
	assert.equal(unknown.code, 2);
	assert.match(unknown.stderr, /--nope/);

	const version = await runCli(['--version', 'drafts'], {home});
	assert.equal(version.code, 0);
	assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

test('aep-source help COMMAND is that command’s help', async () => {
	const home = tempHome();
	const help = await runCli(['help', 'run'], {home});
	assert.equal(help.code, 0);
	assert.match(help.stdout, /^Usage: aep-source run /);
	const own = await runCli(['run', '--help'], {home});
	assert.equal(help.stdout, own.stdout);
});
