// A real terminal of 80×24 (util-linux `script`, test/helpers/pty.ts): walking the source-spec screen field by field,
// every frame fits the terminal (nothing scrolls off the top) and shows the focused field's line, and its error.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {frameWhere, lastFrame, ptyKeys as k, spawnCli} from './helpers/pty.js';
import {seedDraft, tempHome, testServices} from './helpers/ui-wizard.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const rows = 24;

const focusedLine = (frame: string[]) => frame.find(line => line.startsWith('❯ '));

test('real terminal 80×24: the source-spec screen keeps the focused field (and its error) on screen at every step', {
	timeout: 180_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built (npm test builds it in pretest)',
}, async () => {
	const home = tempHome();
	seedDraft(testServices(home), {id: 'demo', step: 'source'});
	const pty = spawnCli(['resume', 'demo'], {home, cols: 80, rows});
	try {
		await pty.waitFor(/Source spec — how records are fetched/);
		await pty.waitFor(/records found|✖/, 30_000);
		const seen: string[] = [];
		let frame = await frameWhere(pty, current => focusedLine(current) !== undefined, 'a focused field');
		for (let step = 0; step < 40; step++) {
			const focused = focusedLine(frame)!;
			assert.ok(frame.length <= rows, `frame of ${frame.length} lines at step ${step}:\n${frame.join('\n')}`);
			assert.match(frame[0]!, /^aep-source {2}Demo Contacts › Source spec/, 'the header is the first line: nothing scrolled off');
			seen.push(focused);
			if (/\[ Continue to the explore spec \]/.test(focused)) break;
			await pty.send(k.down, 40);
			frame = await frameWhere(
				pty,
				current => focusedLine(current) !== undefined && focusedLine(current) !== focused,
				`the focus to move on from "${focused}"`,
			);
		}
		assert.ok(seen.length >= 15, `walked ${seen.length} fields: ${seen.join(' | ')}`);
		assert.match(seen.at(-1)!, /\[ Continue to the explore spec \]/);
		assert.ok(seen.some(line => /❯ Pagination/.test(line)) && seen.some(line => /❯ Path/.test(line)), seen.join(' | '));

		// Back up to the path field and type an undeclared placeholder: the field and its error are both on screen.
		for (let step = 0; step < 40 && !/^❯ Path/.test(focusedLine(lastFrame(pty)) ?? ''); step++) {
			const before = focusedLine(lastFrame(pty));
			await pty.send(k.up, 40);
			await frameWhere(pty, current => focusedLine(current) !== before, 'the focus to move up');
		}
		await pty.send('/${nope}', 100);
		frame = await frameWhere(pty, current => current.some(line => /✖ .*nope/.test(line)), 'the placeholder error');
		assert.ok(frame.length <= rows, frame.join('\n'));
		assert.match(focusedLine(frame)!, /^❯ Path: .*\$\{nope\}/);
		assert.match(frame[0]!, /^aep-source/);
	} finally {
		pty.kill();
	}
});

test('real terminal with NO_COLOR: no colour codes and no inverse video, but the text cursor is still drawn (a "|")', {
	timeout: 60_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built',
}, async () => {
	const home = tempHome();
	const pty = spawnCli(['new', '--template', 'demo'], {home, cols: 80, rows, env: {FORCE_COLOR: undefined, NO_COLOR: '1'}});
	try {
		await pty.waitFor(/New source from the demo template/);
		assert.doesNotMatch(pty.raw(), /\u001B\[(3\d|9\d)m/, 'no colour codes');
		await pty.waitFor(/Source name: \S+\|/);
		assert.doesNotMatch(pty.raw(), /\u001B\[7m/, 'no inverse video: nothing is styled');
	} finally {
		pty.kill();
	}
});
