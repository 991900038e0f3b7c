// A real terminal of 80×24 (util-linux `script`, test/helpers/pty.ts): the auth spec's property list of an OAuth 2
// entry with eight properties, each with the model's warning under it (no description), scrolls so every frame fits
// and shows the highlighted row.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {ptyKeys as k, spawnCli, type Pty} from './helpers/pty.js';
import {seedDraft, tempHome, testServices} from './helpers/ui-wizard.js';
import {newAuthEntry} from '../source/connection-spec/auth-types.js';
import {setIn} from '../source/connection-spec/spec-paths.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const rows = 24;

/** The last frame Ink drew (each frame is wrapped in synchronized-output markers on a TTY), without escape codes. */
function lastFrame(pty: Pty): string[] {
	const last = pty.raw().split('\u001B[?2026h').at(-1)!.split('\u001B[?2026l')[0]!;
	return stripVTControlCharacters(last).replace(/\r/g, '').replace(/\n$/, '').split('\n');
}

const highlighted = (frame: string[]) => frame.find(line => line.startsWith('❯ '));

async function frameWhere(pty: Pty, accept: (frame: string[]) => boolean, what: string): Promise<string[]> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		const frame = lastFrame(pty);
		if (accept(frame)) return frame;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	throw new Error(`Timed out waiting for ${what}; the last frame was:\n${lastFrame(pty).join('\n')}`);
}

test('real terminal 80×24: the auth property list scrolls around the highlighted row, every frame fits', {
	timeout: 120_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built (npm test builds it in pretest)',
}, async () => {
	const home = tempHome();
	seedDraft(testServices(home), {
		id: 'oauth',
		step: 'auth',
		change: draft => {
			let entry = newAuthEntry('OAuth2RefreshCode');
			for (const name of Object.keys((entry['spec'] as {properties: object}).properties))
				entry = setIn(entry, ['spec', 'properties', name, 'description'], undefined);
			return {...draft, spec: setIn(draft.spec, ['authSpec'], [entry])};
		},
	});
	const pty = spawnCli(['resume', 'oauth'], {home, cols: 80, rows});
	try {
		await pty.waitFor(/Auth spec — how users sign in/);
		await pty.send(k.enter);
		let frame = await frameWhere(pty, current => current.some(line => /Auth spec 1 of 1: OAuth 2/.test(line)), 'the property list');
		assert.ok(
			frame.some(line => /more rows: ↑\/↓ scroll/.test(line)),
			frame.join('\n'),
		);
		assert.ok(
			frame.some(line => /⚠ "host" has no description/.test(line)),
			frame.join('\n'),
		);
		const seen: string[] = [];
		for (let step = 0; step < 14; step++) {
			const row = highlighted(frame);
			assert.ok(row, `a highlighted row at step ${step}:\n${frame.join('\n')}`);
			assert.ok(frame.length <= rows, `frame of ${frame.length} lines at step ${step}:\n${frame.join('\n')}`);
			assert.match(frame[0]!, /^aep-source {2}.* › Auth spec/, 'the header is the first line: nothing scrolled off');
			seen.push(row.split(/\s{2,}/)[0]!);
			if (/\[ Continue \]/.test(row)) break;
			await pty.send(k.down, 40);
			frame = await frameWhere(pty, current => highlighted(current) !== undefined && highlighted(current) !== row, `the highlight to move on from "${row}"`);
		}
		assert.deepEqual(seen, [
			'❯ Name: OAuth2 Refresh Code',
			'❯ host',
			'❯ authorizationTestUrl',
			'❯ clientId',
			'❯ clientSecret',
			'❯ accessToken',
			'❯ refreshToken',
			'❯ expirationDate',
			'❯ accessTokenUrl',
			'❯ + Add a property',
			'❯ [ Continue ]',
		]);
	} finally {
		pty.kill();
	}
});
