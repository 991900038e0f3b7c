// The `--template` half of `aep-source export`: print a template's spec JSON, or write it to a file.
import {writeFile} from 'node:fs/promises';
import {getTemplate, templateNames} from '../spec/index.js';
import {write, type CommandContext} from './context.js';

export async function exportTemplate(ctx: CommandContext, name: string, outFile?: string): Promise<number> {
	const spec = getTemplate(name);
	if (!spec) {
		write(ctx.stderr, `Unknown template "${name}". Templates: ${templateNames().join(', ')}.`);
		return 2;
	}
	const json = `${JSON.stringify(spec, null, 2)}\n`;
	if (outFile === undefined) {
		ctx.stdout.write(json);
		return 0;
	}
	try {
		await writeFile(outFile, json);
	} catch (error) {
		write(ctx.stderr, `Cannot write ${outFile}: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	write(ctx.stdout, `Wrote template "${name}" to ${outFile}.`);
	return 0;
}
