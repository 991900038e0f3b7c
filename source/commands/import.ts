import {readFileSync} from 'node:fs';
import {UsageError, write} from './context.js';
import type {CommandBody} from './registry.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {draftFromSpec, normaliseSpec, parseSpecText, slugify, validateSpec} from '../spec/index.js';
import {cannotRead} from '../spec/file-errors.js';

const usage = 'aep-source import FILE [--id DRAFT]';

/** Imports an exported draft, or a connection spec JSON (pasted from the docs is fine) as a new draft. */
const importCommand: CommandBody<'import'> = async (context, {flags: values, args}) => {
		const [file] = args;
		if (!file) throw new UsageError('Name the file to import.', {hint: `Usage: ${usage}`});
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			throw new UsageError(cannotRead(file, error));
		}
		const parsed = parseSpecText(text);
		if (!parsed.ok) throw new UsageError(`${file}:${parsed.line}:${parsed.column}: ${parsed.message}`);
		const store = openDraftStore(aepHome(context.env));
		if (parsed.value && typeof parsed.value === 'object' && 'formatVersion' in parsed.value) {
			const draft = store.importFrom(file);
			write(context.stdout, `Imported draft "${draft.id}". Resume it with: aep-source resume ${draft.id}`);
			return 0;
		}
		const {spec, findings} = normaliseSpec(parsed.value);
		const name = typeof (spec as {name?: unknown}).name === 'string' ? (spec as {name: string}).name : 'imported-source';
		let id = values.id ?? slugify(name);
		for (let n = 2; !values.id && store.load(id); n++) id = `${slugify(name)}-${n}`;
		const draft = draftFromSpec(spec, {id});
		store.save(draft);
		for (const finding of findings) write(context.stderr, `warning ${finding.path}: ${finding.message}`);
		const result = validateSpec(spec);
		write(context.stdout, `Imported "${name}" as draft "${id}" (${result.errors.length} errors, ${result.warnings.length} warnings). Resume it with: aep-source resume ${id}`);
		return 0;
};

export default importCommand;
