// The `--template` half of `aep-source export`: print a template's spec JSON, or write it to a file.
import {getTemplate, templateNames} from '../connection-spec/index.js';
import {UsageError, write, type CommandContext} from './context.js';
import {writeOutputFile} from '../shared/output-file.js';
import {cutForEcho} from '../shared/errors.js';

/** Prints template `name`, or writes it to `outFile` (an existing file only with `force`). UsageError otherwise. */
export async function exportTemplate(ctx: CommandContext, name: string, outFile?: string, force?: boolean): Promise<number> {
	const spec = getTemplate(name);
	if (!spec) throw new UsageError(`There is no template "${cutForEcho(name, 60)}".`, {hint: `Templates: ${templateNames().join(', ')}.`});
	const json = `${JSON.stringify(spec, null, 2)}\n`;
	if (outFile === undefined) {
		ctx.stdout.write(json);
		return 0;
	}
	writeOutputFile(outFile, json, {force, flag: '--out'});
	write(ctx.stdout, `Wrote template "${name}" to ${outFile}.`);
	return 0;
}
