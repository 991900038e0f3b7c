import {readUserFile} from '../shared/read-input.js';
import {cutForEcho} from '../shared/errors.js';
import {UsageError, write} from './context.js';
import type {CommandBody} from './registry.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {draftIdPattern} from '../store/draft-schema.js';
import {draftFromSpec, normaliseSpec, parseSpecText, slugify, validateSpec} from '../spec/index.js';

const usage = 'aep-source import FILE [--id DRAFT]';

/** Imports an exported draft, or a connection spec JSON (pasted from the docs is fine) as a new draft. */
const importCommand: CommandBody<'import'> = async (context, {flags: values, args}) => {
		const [file] = args;
		if (!file) throw new UsageError('Name the file to import.', {hint: `Usage: ${usage}`});
		if (values.id !== undefined && !draftIdPattern.test(values.id)) {
			throw new UsageError(`--id "${cutForEcho(values.id, 60)}" is not a draft id.`, {hint: 'Use up to 100 letters, digits, ".", "-" and "_", starting with a letter or digit.'});
		}
		const text = readUserFile(file);
		const parsed = parseSpecText(text);
		if (!parsed.ok) throw new UsageError(`${cutForEcho(file, 120)}:${parsed.line}:${parsed.column}: ${parsed.message}`);
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
		// The name comes from the file: cut, so a 50 MB name is never echoed.
		write(context.stdout, `Imported "${cutForEcho(name, 80)}" as draft "${id}" (${result.errors.length} errors, ${result.warnings.length} warnings). Resume it with: aep-source resume ${id}`);
		return 0;
};

export default importCommand;
