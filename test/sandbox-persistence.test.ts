import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {getTemplate} from '../source/connection-spec/index.js';
import {SandboxBusyError, startSandbox} from '../source/sandbox/index.js';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {flowService, restStorageToAep, startTestSandbox, tempDir} from './helpers/sandbox-client.js';

test('state survives a restart on the same data dir', async () => {
	const dataDir = tempDir();
	const first = await startTestSandbox({dataDir});
	const spec = await first.call('POST', `${flowService}/connectionSpecs`, {body: getTemplate('demo')});
	const flowSpec = (await first.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0];
	await first.call('PUT', `${flowService}/flowSpecs/${restStorageToAep}`, {
		body: {...flowSpec, sourceConnectionSpecIds: [...flowSpec.sourceConnectionSpecIds, spec.body.id]},
	});
	await first.close();
	// The state holds base connections' credentials: owner-only, like the profile store.
	const stateFiles = fs.readdirSync(path.join(dataDir, 'state')).filter(name => name.startsWith('sandbox.mdb'));
	assert.deepEqual(stateFiles.sort(), ['sandbox.mdb', 'sandbox.mdb-lock']);
	for (const name of stateFiles) assert.equal(fs.statSync(path.join(dataDir, 'state', name)).mode & 0o777, 0o600, name);
	assert.equal(fs.statSync(path.join(dataDir, 'state')).mode & 0o777, 0o700);
	const second = await startTestSandbox({dataDir});
	try {
		const read = await second.call('GET', `${flowService}/connectionSpecs/${spec.body.id}`);
		assert.equal(read.status, 200);
		assert.equal(read.body.items[0].createdAt, spec.body.createdAt);
		const ids = (await second.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0].sourceConnectionSpecIds;
		assert.deepEqual(ids, [...flowSpec.sourceConnectionSpecIds, spec.body.id]);
	} finally {
		await second.close();
	}
});

const legacyFormat = 'aep-source-sandbox/1';

test('old JSON state files are migrated once, then kept aside; left-over .tmp files are removed', async () => {
	const dataDir = tempDir();
	const state = path.join(dataDir, 'state');
	fs.mkdirSync(state, {recursive: true});
	const spec = {...getTemplate('demo'), id: '0f0e0d0c-0000-4000-8000-000000000001', createdAt: 1_700_000_000_000};
	fs.writeFileSync(path.join(state, 'connectionSpecs.json'), JSON.stringify({format: legacyFormat, items: [spec]}));
	fs.writeFileSync(path.join(state, 'flows.json.123.456.tmp'), '{"half":');
	const sandbox = await startTestSandbox({dataDir});
	try {
		const read = await sandbox.call('GET', `${flowService}/connectionSpecs/${spec.id}`);
		assert.equal(read.status, 200);
		assert.equal(read.body.items[0].createdAt, spec.createdAt);
	} finally {
		await sandbox.close();
	}
	assert.deepEqual(
		fs.readdirSync(state).filter(name => name.endsWith('.json') || name.endsWith('.tmp')),
		[],
	);
	assert.ok(fs.existsSync(path.join(state, 'json-before-lmdb', 'connectionSpecs.json')), 'the old file is kept aside');
	const again = await startTestSandbox({dataDir});
	try {
		assert.equal((await again.call('GET', `${flowService}/connectionSpecs/${spec.id}`)).status, 200);
	} finally {
		await again.close();
	}
});

test('an old JSON state file corrupted by hand makes startSandbox refuse, naming the file; nothing is reset', async () => {
	const dataDir = tempDir();
	const file = path.join(dataDir, 'state', 'connectionSpecs.json');
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, JSON.stringify({format: legacyFormat, items: [getTemplate('demo')]}).slice(0, 40));
	await assert.rejects(startSandbox({dataDir, demo: false}), (error: Error) => error.message.includes(file) && /not valid JSON/.test(error.message));
	assert.equal(fs.readFileSync(file, 'utf8').length, 40);
	assert.equal(fs.existsSync(path.join(dataDir, 'state', '.lock')), false, 'the lock is released after a refusal');
});

test('a port in use is a clear error', async () => {
	const first = await startTestSandbox();
	try {
		const port = Number(new URL(first.sandbox.url).port);
		await assert.rejects(startSandbox({dataDir: tempDir(), port, demo: false}), /already in use/);
	} finally {
		await first.close();
	}
});

test("one process at a time per data dir: a live owner is named, a dead owner's lock is taken over", async () => {
	const dataDir = tempDir();
	fs.mkdirSync(path.join(dataDir, 'state'), {recursive: true});
	const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {stdio: 'ignore'});
	try {
		fs.writeFileSync(path.join(dataDir, 'state', '.lock'), String(other.pid));
		await assert.rejects(startSandbox({dataDir, demo: false}), (error: Error) => {
			assert.ok(error instanceof SandboxBusyError);
			assert.match(error.message, new RegExp(`in use by another process \\(pid ${other.pid}\\)`));
			return true;
		});
	} finally {
		other.kill('SIGKILL');
		await once(other, 'exit');
	}
	const sandbox = await startSandbox({dataDir, demo: false});
	assert.equal(fs.readFileSync(path.join(dataDir, 'state', '.lock'), 'utf8'), String(process.pid));
	await sandbox.close();
	assert.equal(fs.existsSync(path.join(dataDir, 'state', '.lock')), false, 'released on close');
});
