#!/usr/bin/env node
import {version} from './version.js';
import {commands, findCommand} from './commands/registry.js';
import type {CommandContext} from './commands/context.js';

function helpText(): string {
	const width = Math.max(...commands.map(command => command.name.length)) + 2;
	const lines = [
		`aep-source ${version} — build, register, test and submit an Adobe Experience Platform source (Self-Serve Sources, Batch SDK)`,
		'',
		'Usage: aep-source [command] [options]     (no command: the interactive wizard)',
		'',
		'Commands:',
		...commands.map(command => `  ${command.name.padEnd(width)}${command.summary}  (e.g. ${command.example})`),
		'',
		'Options:',
		'  --help, -h     Show this help',
		'  --version, -v  Show the version',
		'  --debug        Print an HTTP trace with secrets masked (or AEP_SOURCE_DEBUG=1)',
		'',
		'Files are stored under $AEP_SOURCE_HOME (default ~/.aep-source).',
	];
	return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [first, ...rest] = argv;
	if (first === '--version' || first === '-v') {
		process.stdout.write(`${version}\n`);
		return 0;
	}
	if (first === '--help' || first === '-h' || first === 'help') {
		process.stdout.write(`${helpText()}\n`);
		return 0;
	}
	const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
	const isCommand = first !== undefined && !first.startsWith('-');
	const entry = isCommand ? findCommand(first) : findCommand('new');
	if (!entry) {
		process.stderr.write(`Unknown command "${first}". Run "aep-source --help" to see the commands.\n`);
		return 2;
	}
	const context: CommandContext = {
		command: isCommand ? first : 'home',
		argv: isCommand ? rest : argv,
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
		interactive,
	};
	const module = await entry.load();
	return module.default(context);
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`aep-source: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
