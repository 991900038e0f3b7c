// The generated documentation page is public: its examples come from the spec, never from the author's test values.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';
import {specExample} from '../source/workflow/docs-page.js';

test("export --docs shows the spec's own examples, not the end-to-end test host", async () => {
	const home = tempHome();
	try {
		const spec = path.join(home, 'spec.json');
		assert.equal((await runCli(['export', '--template', 'demo', '--out', spec], {home})).code, 0);
		const imported = await runCli(['import', spec], {home});
		assert.equal(imported.code, 0, imported.stderr);
		const id = /as draft "([^"]+)"/.exec(imported.stdout)![1]!;
		// What a check leaves in the draft: the local demo host and a non-secret source value.
		const file = path.join(home, 'drafts', `${id}.json`);
		const draft = JSON.parse(readFileSync(file, 'utf8')) as {test: {authParams: Record<string, string>; authSpecName?: string}};
		draft.test.authParams = {host: 'http://127.0.0.1:4500', username: 'demo-user'};
		draft.test.authSpecName = 'Basic Authentication';
		writeFileSync(file, JSON.stringify(draft));

		const docs = path.join(home, 'page.md');
		const result = await runCli(['export', id, '--docs', docs], {home});
		assert.equal(result.code, 0, result.stderr);
		const page = readFileSync(docs, 'utf8');
		assert.doesNotMatch(page, /127\.0\.0\.1:4500/, 'the test host is not a public example');
		assert.doesNotMatch(page, /demo-user/, 'the test user name is not a public example');
		// The demo template's host description says "e.g. http://127.0.0.1:4010": that is the spec's own example.
		assert.match(page, /"host": "http:\/\/127\.0\.0\.1:4010"/);
		assert.match(page, /"username": "\{USERNAME\}"/);
		assert.match(page, /"password": "\{PASSWORD\}"/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('a property\'s example comes from example, examples, default, enum or an "e.g." in its description', () => {
	assert.equal(specExample({example: 'acme.io', description: 'e.g. other'}), 'acme.io');
	assert.equal(specExample({examples: ['us6', 'us7']}), 'us6');
	assert.equal(specExample({default: 25}), '25');
	assert.equal(specExample({enum: ['eu', 'us']}), 'eu');
	assert.equal(specExample({description: 'Data center of the account, e.g. us6 (the host is …).'}), 'us6');
	assert.equal(specExample({description: 'API root URL, e.g. https://api.example.com'}), 'https://api.example.com');
	assert.equal(specExample({description: 'The list, for example `10c097ca71`.'}), '10c097ca71');
	assert.equal(specExample({description: 'The list id.'}), undefined);
	assert.equal(specExample(undefined), undefined);
});
