// `import --curl` with credentials in every place a curl line can carry them (-u, Authorization, an API-key header,
// a query parameter, form and JSON bodies given by several -d options) prints none of them and saves none of them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';

const secrets = ['tok_Bearer_SECRET_1', 'pw_SECRET_2', 'key_SECRET_3', 'qs_SECRET_4', 'body_SECRET_5', 'json_SECRET_6'];
const line =
	`curl -u ada:${secrets[1]} -H 'Authorization: Bearer ${secrets[0]}' -H "X-Api-Key: ${secrets[2]}" ` +
	`'https://api.example.test/v2/items?limit=10&api_key=${secrets[3]}' -d 'client_secret=${secrets[4]}&scope=read' ` +
	`--data-raw '{"password": "${secrets[5]}", "name": "ada"}'`;

test('import --curl: no credential in the output (text or --json) or in the saved draft, wherever the line carried it', async () => {
	for (const json of [false, true]) {
		const home = tempHome();
		const result = await runCli(['import', '--curl', line, ...(json ? ['--json'] : [])], {home});
		assert.ok(result.code === 0 || result.code === 1, result.stderr);
		const output = result.stdout + result.stderr;
		for (const secret of secrets) assert.equal(output.includes(secret), false, `${secret} printed:\n${output}`);
		assert.match(output, /not a plain field name, not shown/);
		const drafts = path.join(home, 'drafts');
		for (const file of readdirSync(drafts)) {
			const text = readFileSync(path.join(drafts, file), 'utf8');
			for (const secret of secrets) assert.equal(text.includes(secret), false, `${secret} saved in ${file}`);
		}
	}
});
