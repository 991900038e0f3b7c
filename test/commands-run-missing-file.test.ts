// `run` of a path that names no file: the missing file in a sentence and exit 2, not "not a draft id" and exit 1.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli, tempHome} from './helpers/cli.js';

test('run of a missing spec file: "no such file" and exit 2, with and without --json', async () => {
	const home = tempHome();
	for (const file of ['/nonexistent.json', './missing.json', 'specs/acme']) {
		const plain = await runCli(['run', file], {home});
		assert.equal(plain.code, 2, plain.stderr);
		assert.match(plain.stderr, new RegExp(`Cannot read ${file.replace(/[./]/g, '\\$&')}: there is no such file\\.`));
		const json = await runCli(['run', file, '--json'], {home});
		assert.equal(json.code, 2);
		assert.match(JSON.parse(json.stdout).error.message, /there is no such file/);
	}
	const unknownDraft = await runCli(['run', 'no-such-draft'], {home});
	assert.equal(unknownDraft.code, 2);
	assert.match(unknownDraft.stderr, /"no-such-draft" is neither a file nor a saved draft/);
});

test('export of a name that cannot be a draft id: a sentence and exit 2', async () => {
	const result = await runCli(['export', 'a/b'], {home: tempHome()});
	assert.equal(result.code, 2);
	assert.match(result.stderr, /"a\/b" is not a draft id/);
	assert.doesNotMatch(result.stderr, /at \w+ \(/, 'no stack');
});
