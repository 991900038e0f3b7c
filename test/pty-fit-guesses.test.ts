// A real terminal of 80×24 (util-linux `script`, test/helpers/pty.ts): Home → "New source from an OpenAPI document or a
// curl command" → curl, pasted; the guesses screen fits (the header stays the first line, nothing scrolls off) and
// ↓ walks the focus through every guess with the focused row on screen at each step.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {frameWhere, ptyKeys as k, spawnCli} from './helpers/pty.js';
import {tempHome} from './helpers/ui-wizard.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const rows = 24;

const focusedLine = (frame: string[]) => frame.find(line => line.startsWith('❯ '));

test('real terminal 80×24: the curl guesses screen fits and ↓ keeps the focused guess on screen', {
	timeout: 120_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built (npm test builds it in pretest)',
}, async () => {
	const home = tempHome();
	const pty = spawnCli([], {home, cols: 80, rows});
	try {
		await pty.waitFor(/New source from an OpenAPI document or a curl command/);
		await pty.send(k.down);
		await pty.send(k.enter);
		await pty.waitFor(/From a curl command/);
		await pty.send(k.down);
		await pty.send(k.enter);
		await pty.waitFor(/Paste the curl command:/);
		await pty.send("curl -H 'Authorization: Bearer tok_pty_1' 'https://api.example.test/v2/contacts?status=active'", 200);
		await pty.send(k.enter);
		let frame = await frameWhere(pty, current => focusedLine(current) !== undefined && current.some(line => /^Guesses/.test(line)), 'the guesses');
		const seen: string[] = [];
		for (let step = 0; step < 12; step++) {
			const focused = focusedLine(frame)!;
			assert.ok(frame.length < rows, `frame of ${frame.length} lines at step ${step}:\n${frame.join('\n')}`);
			assert.match(frame[0]!, /^aep-source — Self-Serve Sources wizard/, `the header is the first line: nothing scrolled off\n${frame.join('\n')}`);
			seen.push(focused);
			if (/^❯ - contentPath/.test(focused)) break;
			await pty.send(k.down, 40);
			frame = await frameWhere(
				pty,
				current => focusedLine(current) !== undefined && focusedLine(current) !== focused,
				`the focus to move on from "${focused}"`,
			);
		}
		assert.match(seen[0]!, /^❯ host: https:\/\/api\.example\.test/);
		assert.ok(
			seen.some(line => /^❯ paginationParams: NONE/.test(line)),
			seen.join(' | '),
		);
		assert.match(seen.at(-1)!, /^❯ - contentPath/, seen.join(' | '));
		assert.ok(
			frame.some(line => /more above/.test(line)),
			frame.join('\n'),
		);
	} finally {
		pty.kill();
	}
});
