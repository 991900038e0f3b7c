// Start-up budgets (issue "Speed and footprint"), each the median of `runs` cold starts, as a ratio to bare node
// started the same way in the same run:
// - the wizard's first interactive frame (home screen) in a real pseudo-terminal ≤ 2.0× `node -e "console.log(…)"`;
// - `aep-source --version` ≤ 2.0× and `aep-source validate <largest template>` ≤ 3.0× `node -e 0`.
// Bare and measured runs alternate, so a burst of load on a shared machine hits both sides of a ratio.
import os from 'node:os';
import path from 'node:path';
import {mkdtempSync, rmSync} from 'node:fs';
import {cleanEnv, median, timeCommand, timeToScreenText} from './measure.js';
import type {Row} from './run.js';

const cli = path.resolve('dist/cli.js');

function ms(value: number): string {
	return `${value.toFixed(0)} ms`;
}

/** Medians of `runs` alternating timings of a baseline and a measured task. */
async function paired(runs: number, baseline: () => Promise<number>, measured: () => Promise<number>): Promise<{base: number; value: number}> {
	const base: number[] = [];
	const value: number[] = [];
	for (let i = 0; i < runs; i++) {
		base.push(await baseline());
		value.push(await measured());
	}
	return {base: median(base), value: median(value)};
}

function ratioRow(name: string, figures: {base: number; value: number}, budget: number): Row {
	const ratio = figures.value / figures.base;
	return {name, value: `${ms(figures.value)} vs ${ms(figures.base)}`, ratio: `${ratio.toFixed(2)}×`, budget: `≤ ${budget.toFixed(1)}×`, pass: ratio <= budget};
}

/** Time to the home screen ("New source") of `aep-source` in a PTY vs bare node printing one line. */
export async function benchFirstFrame(runs: number, env: NodeJS.ProcessEnv): Promise<Row> {
	const figures = await paired(
		runs,
		() => timeToScreenText(`node -e "console.log('x-ready')"`, 'x-ready', env),
		() => timeToScreenText(`node ${cli}`, 'New source', env),
	);
	return ratioRow('First interactive frame (PTY) vs bare node', figures, 2);
}

export async function benchStartup(runs: number): Promise<Row[]> {
	const home = mkdtempSync(path.join(os.tmpdir(), 'aep-bench-'));
	const env = cleanEnv({AEP_SOURCE_HOME: home});
	try {
		const rows = [await benchFirstFrame(runs, env)];
		const zero = () => timeCommand('node', ['-e', '0'], env);
		rows.push(ratioRow('`aep-source --version` vs `node -e 0`', await paired(runs, zero, () => timeCommand('node', [cli, '--version'], env)), 2));
		const specFile = path.join(home, 'largest-template.json');
		await timeCommand('node', [cli, 'export', '--template', 'mailchimp-members', '--out', specFile], env);
		rows.push(
			ratioRow(
				'`aep-source validate <largest template>` vs `node -e 0`',
				await paired(runs, zero, () => timeCommand('node', [cli, 'validate', specFile], env)),
				3,
			),
		);
		return rows;
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}
