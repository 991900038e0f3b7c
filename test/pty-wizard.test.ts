import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ptyKeys as k, spawnCli, type Pty} from './helpers/pty.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');

async function presses(pty: Pty, key: string, count: number): Promise<void> {
	for (let i = 0; i < count; i++) await pty.send(key);
}

test('real terminal: new --template demo, killed with SIGKILL on the auth step, resumed there, completed to the checklist', {
	timeout: 240_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built (npm test builds it in pretest)',
}, async () => {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-pty-'));
	// The icon lives outside the aep-source home: nothing under it is accepted as an icon.
	const icon = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-icon-')), 'demo.svg');
	fs.writeFileSync(icon, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>');
	const running: Pty[] = [];
	try {
		const first = spawnCli(['new', '--template', 'demo'], {home});
		running.push(first);
		await first.waitFor(/New source from the demo template/);
		await first.send(k.enter); // keeps the suggested name "demo"
		await first.send(k.enter); // [ Create draft ]
		await first.waitFor(/Where should this source be built and tested\?/);
		await first.send(k.enter); // local
		await first.waitFor(/Artifacts — what the Experience Platform catalog shows/);
		await presses(first, k.down, 4);
		await first.send(icon, 150);
		await first.send(k.enter);
		await first.waitFor(/The icon is a readable SVG/);
		await presses(first, k.down, 3);
		first.mark();
		await first.send(k.enter);
		await first.waitFor(/Auth spec — how users sign in/);
		await first.send(' ', 300); // toggles OAuth off: committed and saved at once
		await first.waitFor(/\[ \] OAuth 2 refresh code/);
		first.kill();
		assert.equal(await first.exited, 'SIGKILL');

		const second = spawnCli(['resume'], {home});
		running.push(second);
		await second.waitFor(/› Auth spec[\s\S]*\[ \] OAuth 2 refresh code[\s\S]*\[x\] Basic authentication/);
		await second.send(k.enter);
		for (let i = 1; i <= 2; i++) {
			await second.waitFor(new RegExp(`Auth spec ${i} of 2`));
			second.mark();
			await second.send(k.up); // from the first field, Up wraps to [ Continue ]
			await second.send(k.enter);
		}
		await second.waitFor(/Source spec — how records are fetched/);
		await second.waitFor(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/offset\/contacts[\s\S]*✔ \d+ records found/, 30_000);
		await second.send(k.up);
		second.mark();
		await second.send(k.enter);
		await second.waitFor(/Explore spec — what the platform shows/);
		second.mark();
		await second.send(k.enter);
		await second.waitFor(/Review — 0 error\(s\)/);
		second.mark();
		await second.send('c');
		await second.waitFor(/Create & register on profile “local”/);
		await second.send(k.enter);
		await second.waitFor(/Added to RestStorageToAEP/, 30_000);
		second.mark();
		await second.send(k.enter);
		await second.waitFor(/End-to-end check — base connection/);
		await second.waitFor(/Source requests → demo API http:\/\/127\.0\.0\.1/);
		await second.send(k.up);
		second.mark();
		await second.send(k.enter);
		await second.waitFor(/Success: \d+ records read/, 60_000);
		second.mark();
		await second.send(k.enter);
		await second.waitFor(/Submission checklist on “local” — \d+ of \d+ done/, 30_000);
		await second.waitFor(/✔ done {4}Spec id listed in RestStorageToAEP/);
		await second.send(k.ctrlC);
		assert.equal(await second.exited, 130);
		const draft = JSON.parse(fs.readFileSync(path.join(home, 'drafts', 'demo.json'), 'utf8')) as {step: string};
		assert.equal(draft.step, 'checklist');
	} finally {
		for (const pty of running) pty.kill();
	}
});

test('real terminal: colours follow the terminal, and NO_COLOR turns them off', {
	timeout: 60_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built',
}, async () => {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-pty-'));
	const colourCode = /\u001B\[(3\d|9\d)m/;
	for (const [env, coloured] of [
		[{FORCE_COLOR: undefined}, true],
		[{FORCE_COLOR: undefined, NO_COLOR: '1'}, false],
	] as const) {
		const pty = spawnCli([], {home, env});
		try {
			await pty.waitFor(/❯ New source/);
			assert.equal(colourCode.test(pty.raw()), coloured, `colour codes ${coloured ? 'expected' : 'not expected'} with ${JSON.stringify(env)}`);
			await pty.send(k.ctrlC);
			assert.equal(await pty.exited, 130);
		} finally {
			pty.kill();
		}
	}
});
