import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {openSession} from '../source/session.js';
import {runCli, tempHome} from './helpers/cli.js';
import {startSandboxProcess} from './helpers/sandbox-process.js';

// One sandbox per home, shared (docs/sandbox-state.md): a second aep-source process on the same home uses the
// sandbox the first one serves instead of refusing with "in use by another process".

test('the local profile attaches to the sandbox another process serves on the same home, and leaves it running', async () => {
	const home = tempHome();
	const owner = await startSandboxProcess(path.join(home, 'sandbox'));
	try {
		const session = await openSession('local', {home, env: {}});
		assert.equal(session.target.platformUrl, owner.url);
		assert.equal(session.target.imsUrl, owner.url);
		const spec = await session.client.flowSpecs.get('6499120c-0b15-42dc-936e-847ea3c24d72');
		assert.equal(spec.name, 'RestStorageToAEP');
		await session.close();
		assert.equal(
			(await owner.call('GET', '/data/foundation/flowservice/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72')).status,
			200,
			'the owner still serves after the attached session closed',
		);
		const run = await runCli(['run', '--template', 'demo', '--profile', 'local'], {home, timeoutMs: 60_000});
		assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
		assert.doesNotMatch(run.stderr, /in use by another process/);
		// A second "aep-source sandbox" on that home is refused, and told where the running one is.
		const second = await runCli(['sandbox', '--port', '0', '--data', path.join(home, 'sandbox')], {home, timeoutMs: 30_000});
		assert.equal(second.code, 1);
		assert.match(second.stderr, new RegExp(`already running at ${owner.url} \\(pid ${owner.child.pid}\\)`));
	} finally {
		owner.child.kill('SIGKILL');
		await owner.exited;
	}
	// With the owner gone (kill -9), the next process starts its own sandbox on the home, taking the lock over.
	const session = await openSession('local', {home, env: {}});
	try {
		assert.notEqual(session.target.platformUrl, owner.url);
		assert.equal((await session.client.flowSpecs.get('6499120c-0b15-42dc-936e-847ea3c24d72')).name, 'RestStorageToAEP');
	} finally {
		await session.close();
	}
});
