import {writeFileSync} from 'node:fs';
import type {Command} from './context.js';
import {UsageError, write} from './context.js';
import {parseFlags, withUsage} from './args.js';
import {exportTemplate} from './export-template.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {specFromDraft} from '../spec/index.js';

const usage = 'aep-source export DRAFT [--spec] [--out FILE]  |  aep-source export --template NAME [--out FILE]';

/** Exports a draft (re-importable, never with secrets), its connection spec only (--spec), or a template. */
const exportCommand: Command = context =>
	withUsage(context.stderr, async () => {
		const {values, positionals} = parseFlags(context.argv, {template: {type: 'string'}, out: {type: 'string'}, spec: {type: 'boolean'}}, usage);
		if (values.template !== undefined) return exportTemplate(context, values.template, values.out);
		const [id] = positionals;
		if (!id) throw new UsageError(`Name a draft or a template.\nUsage: ${usage}`);
		const store = openDraftStore(aepHome(context.env));
		const draft = store.load(id);
		if (!draft) throw new UsageError(`There is no draft "${id}". "aep-source drafts" lists them.`);
		const json = `${JSON.stringify(values.spec ? specFromDraft(draft) : draft, null, 2)}\n`;
		if (values.out) {
			writeFileSync(values.out, json);
			write(context.stderr, `Wrote ${values.spec ? 'the connection spec' : 'the draft'} of "${id}" to ${values.out}.`);
		} else {
			context.stdout.write(json);
		}
		return 0;
	});

export default exportCommand;
