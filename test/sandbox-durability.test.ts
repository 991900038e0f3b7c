import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {getTemplate} from '../source/connection-spec/index.js';
import {cliPath} from './helpers/cli.js';
import {flowService, restStorageToAep, tempDir} from './helpers/sandbox-client.js';
import {startSandboxProcess} from './helpers/sandbox-process.js';

// Durability of acknowledged writes (docs/sandbox-state.md): a 200/201 is sent only once the change is on disk.

const specBody = (index: number) => ({...getTemplate('demo'), name: `durable-${index}`});

test('kill -9 right after acknowledged writes loses none of them (5 rounds, a real child process)', async () => {
	const dataDir = tempDir();
	const acknowledged = new Set<string>();
	let flowSpecIds: string[] | undefined;
	for (let round = 0; round < 5; round++) {
		const sandbox = await startSandboxProcess(dataDir);
		const flowSpec = (await sandbox.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0];
		let acks = 0;
		const killAfter = 8;
		const posts = Array.from({length: 20}, (_, index) =>
			sandbox.call('POST', `${flowService}/connectionSpecs`, {body: specBody(round * 100 + index)}).then(
				answer => {
					if (answer.status !== 201) return;
					acknowledged.add(answer.body.id);
					// The append to RestStorageToAEP rides along with the first acknowledged create of the round.
					if (++acks === 1) {
						const ids = [...flowSpec.sourceConnectionSpecIds, answer.body.id];
						void sandbox.call('PUT', `${flowService}/flowSpecs/${restStorageToAep}`, {body: {...flowSpec, sourceConnectionSpecIds: ids}}).then(
							put => {
								if (put.status === 200) flowSpecIds = ids;
							},
							() => undefined,
						);
					}
					if (acks === killAfter) sandbox.child.kill('SIGKILL');
				},
				() => undefined,
			),
		);
		await Promise.all(posts);
		assert.equal(await sandbox.exited, 'SIGKILL');
		assert.ok(acks >= killAfter, `round ${round}: ${acks} acknowledged before the kill`);
	}
	const after = await startSandboxProcess(dataDir);
	try {
		const missing: string[] = [];
		for (const id of acknowledged) if ((await after.call('GET', `${flowService}/connectionSpecs/${id}`)).status !== 200) missing.push(id);
		assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.size} acknowledged creates were lost`);
		if (flowSpecIds)
			assert.deepEqual(
				(await after.call('GET', `${flowService}/flowSpecs/${restStorageToAep}`)).body.items[0].sourceConnectionSpecIds.slice(0, flowSpecIds.length),
				flowSpecIds,
			);
		assert.deepEqual(
			fs.readdirSync(path.join(dataDir, 'state')).filter(name => name.endsWith('.tmp')),
			[],
		);
	} finally {
		after.child.kill('SIGTERM');
		assert.equal(await after.exited, 0);
	}
});

test('a read-only state folder: the sandbox refuses to start, names the folder, exits 1', async () => {
	const dataDir = tempDir();
	fs.chmodSync(dataDir, 0o555);
	// root ignores file modes: run the sandbox as an unprivileged user then.
	const spawnOptions = process.getuid?.() === 0 ? {uid: 65534, gid: 65534} : {};
	const child = spawn(process.execPath, [cliPath, 'sandbox', '--port', '0', '--data', dataDir], {stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions});
	let stderr = '';
	let stdout = '';
	child.stderr.on('data', chunk => (stderr += chunk));
	child.stdout.on('data', chunk => (stdout += chunk));
	const [code] = await once(child, 'exit');
	assert.equal(code, 1);
	assert.doesNotMatch(stdout, /Sandbox running/);
	assert.match(stderr, new RegExp(`cannot write its state folder ${path.join(dataDir, 'state').replaceAll('/', '\\/')} \\(permission denied\\)`));
});

test('a write that fails at run time answers 500 with a Flow Service body, is reported on stderr, and the sandbox exits 1', async () => {
	// A file size limit makes the store's commits fail (EFBIG/EIO) once the data file outgrows it: a real I/O fault.
	const sandbox = await startSandboxProcess(tempDir(), {shell: 'ulimit -f 400; exec "$@"'});
	let failure: {status: number; body: any} | undefined;
	const saved: string[] = [];
	for (let index = 0; index < 60 && !failure; index++) {
		const answer = await sandbox.call('POST', `${flowService}/connectionSpecs`, {body: {...specBody(index), description: `${'x'.repeat(30_000)}${index}`}});
		if (answer.status === 201) saved.push(answer.body.id);
		else failure = answer;
	}
	assert.ok(failure, 'the file size limit was reached');
	assert.equal(failure.status, 500);
	assert.equal(failure.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1102-500');
	assert.match(failure.body.report['detailed-message'], /could not save this change/);
	// Still serving what was saved.
	assert.equal((await sandbox.call('GET', `${flowService}/connectionSpecs/${saved[0]}`)).status, 200);
	sandbox.child.kill('SIGTERM');
	assert.equal(await sandbox.exited, 1);
	assert.match(sandbox.stderr(), /could not save connectionSpecs\/[0-9a-f-]+ in /);
	assert.match(sandbox.stderr(), /change\(s\) could not be saved during this session/);
});

/** Anonymous resident memory (heap, buffers) of a process in MB; file-backed pages of the mapped store are not counted. */
function anonymousRssMb(pid: number): number {
	const match = /RssAnon:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match?.[1] ?? 0) / 1024;
}

test('20 writers for 6 s: memory stays bounded and every acknowledged create is on disk', {skip: process.platform !== 'linux' && 'reads /proc'}, async t => {
	// The load was 20 writers × 20 s; 6 s keeps the suite fast and already showed the old store's growth
	// (its memory rose with every write, the disk falling thousands of objects behind).
	const dataDir = tempDir();
	const sandbox = await startSandboxProcess(dataDir);
	const pid = sandbox.child.pid!;
	const samples: number[] = [];
	const created: string[] = [];
	const description = 'y'.repeat(2000);
	let stop = false;
	const writer = async (writerIndex: number) => {
		for (let index = 0; !stop; index++) {
			const answer = await sandbox.call('POST', `${flowService}/connectionSpecs`, {body: {...specBody(writerIndex * 100_000 + index), description}});
			assert.equal(answer.status, 201);
			created.push(answer.body.id);
		}
	};
	const sampler = setInterval(() => samples.push(anonymousRssMb(pid)), 250);
	const writers = Array.from({length: 20}, (_, index) => writer(index));
	await new Promise(resolve => setTimeout(resolve, 6000));
	stop = true;
	await Promise.all(writers);
	clearInterval(sampler);
	const warm = Math.max(...samples.slice(0, 4));
	const peak = Math.max(...samples);
	sandbox.child.kill('SIGKILL');
	await sandbox.exited;
	t.diagnostic(`${created.length} acknowledged creates in 6 s; anonymous RSS ${warm.toFixed(0)} MB warm, ${peak.toFixed(0)} MB peak`);
	assert.ok(created.length >= 100, `${created.length} creates acknowledged`);
	// Bounded: the peak stays within a fixed margin of the warmed-up size, whatever the number of writes.
	assert.ok(peak - warm < 80, `anonymous RSS went from ${warm.toFixed(0)} MB to ${peak.toFixed(0)} MB over ${created.length} writes`);
	const after = await startSandboxProcess(dataDir);
	try {
		const count = (await after.call('GET', `${flowService}/connectionSpecs?count=true`)).body.count;
		assert.ok(count >= created.length, `${count} on disk after kill -9, ${created.length} acknowledged`);
	} finally {
		after.child.kill('SIGKILL');
		await after.exited;
	}
});
