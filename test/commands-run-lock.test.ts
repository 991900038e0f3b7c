// One run at a time per draft: a lock file naming the holder's pid; a dead holder's lock is taken over.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';

test("run refuses a draft another live process is running, and takes over a dead holder's lock", async () => {
	const home = tempHome();
	// A live process that is not us: its pid in the lock stands for another aep-source mid-run.
	const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {stdio: 'ignore'});
	try {
		mkdirSync(path.join(home, 'drafts'), {recursive: true});
		const lock = path.join(home, 'drafts', 'demo.run.lock');
		writeFileSync(lock, String(holder.pid));

		const refused = await runCli(['run', '--template', 'demo'], {home});
		assert.equal(refused.code, 1, refused.stderr);
		assert.match(refused.stderr, new RegExp(`Draft "demo" is being run by another aep-source \\(process ${holder.pid}\\)`));
		assert.doesNotMatch(refused.stdout, /create-spec/, 'nothing was sent');
		assert.equal(existsSync(path.join(home, 'drafts', 'demo.json')), false, 'the draft was not written');
		assert.equal(readFileSync(lock, 'utf8'), String(holder.pid), 'the holder keeps its lock');

		const deadPid = holder.pid!;
		holder.kill('SIGKILL');
		await new Promise(resolve => holder.once('exit', resolve));
		const ran = await runCli(['run', '--template', 'demo'], {home});
		assert.equal(ran.code, 0, ran.stderr);
		assert.match(ran.stderr, new RegExp(`Took over the run lock of draft "demo" from process ${deadPid}, which no longer runs`));
		assert.equal(existsSync(lock), false, 'released at the end');
	} finally {
		holder.kill('SIGKILL');
		rmSync(home, {recursive: true, force: true});
	}
});
