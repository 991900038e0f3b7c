// run under platform faults, as a user sees it: retries said out loud, no orphan after a lost answer, Ctrl-C.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import path from 'node:path';
import {envProfileOf, runCli, tempHome} from './helpers/cli.js';
import {startSandbox} from '../source/sandbox/index.js';

test('run rides out a burst of five 503s and says which stage was retried and why', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx')});
	try {
		// What `aep-source sandbox --fail-burst 503:5` does: the next five platform calls answer 503.
		sandbox.setFaults({serverErrors: {status: 503, burst: 5}});
		// Short waits for the test only (the default first window is 500 ms); the count and the words are the same.
		const env = {...envProfileOf(sandbox), AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token', AEP_SOURCE_RETRY_BASE_MS: '1'};
		const result = await runCli(['run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`], {home, env});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^create-spec +ok +Registered connection spec \S+ \(\d+\.\ds, 5 retries after 503\)$/m);
		assert.match(result.stdout, /^append-flow-spec +ok +.*\(\d+\.\ds\)$/m, 'later stages had no retries and say none');
		assert.match(result.stdout, /Success: 250 records written/);
		const answered = sandbox.requestLog().filter(entry => entry.path.startsWith('/data/')).map(entry => entry.status);
		assert.deepEqual(answered.slice(0, 6), [503, 503, 503, 503, 503, 200], 'the sandbox really failed five calls');
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});
