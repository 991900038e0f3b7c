#!/usr/bin/env node
// argv -> a command of the table (commands/registry.ts). `--version` is answered before anything else loads.
import {version} from './version.js';

async function main(argv: string[]): Promise<number> {
	if (argv[0] === '--version' || argv[0] === '-v') {
		process.stdout.write(`${version}\n`);
		return 0;
	}
	const {dispatch} = await import('./commands/dispatch.js');
	return dispatch(argv, {stdout: process.stdout, stderr: process.stderr, env: process.env, interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY)});
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
		// The work is done and its result printed: a late Ctrl-C or SIGTERM ends the process with that result.
		for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(code));
	},
	(error: unknown) => {
		process.stderr.write(`aep-source: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
