// A curl import without a sample response cannot know where the records are: the draft has no contentPath (never a
// guessed "$" that would ingest each whole page as one record), so `run` refuses it before sending anything.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';

test('import --curl without --response: no contentPath in the draft, and run refuses it without a request', async () => {
	const seen: string[] = [];
	const server = http.createServer((request, response) => {
		seen.push(request.url ?? '');
		response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({data: {items: [{id: 1}, {id: 2}]}, links: {}}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	try {
		const home = tempHome();
		const imported = await runCli(['import', '--curl', `curl -H "Authorization: Bearer tok_no_response_1" ${base}/v1/customers`], {home});
		assert.equal(imported.code, 1);
		assert.match(imported.stderr, /Missing:\n\s+- contentPath: there is no response to look at/);
		const draft = JSON.parse(readFileSync(path.join(home, 'drafts', 'customers.json'), 'utf8')) as {spec: {sourceSpec: {attributes: Record<string, unknown>}}};
		assert.equal('contentPath' in draft.spec.sourceSpec.attributes, false);

		const run = await runCli(['run', 'customers'], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: 'tok_no_response_1'}});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /sourceSpec\.attributes\.contentPath is missing/);
		assert.doesNotMatch(run.stdout, /Success/);
		assert.deepEqual(seen, []);
	} finally {
		server.close();
	}
});
