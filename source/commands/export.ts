import {writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Command, CommandContext} from './context.js';
import {write} from './context.js';
import {namedDraft, parseFlags, withCommandSession, withUsage} from './args.js';
import {exportTemplate} from './export-template.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {specFromDraft} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';

const usage =
	'aep-source export DRAFT [--spec] [--out FILE]  |  aep-source export DRAFT --artifacts DIR | --docs FILE | --packet DIR [--profile NAME]  |  aep-source export --template NAME [--out FILE]';

const flags = {
	template: {type: 'string'},
	out: {type: 'string'},
	spec: {type: 'boolean'},
	artifacts: {type: 'string'},
	docs: {type: 'string'},
	packet: {type: 'string'},
	profile: {type: 'string'},
} as const;

/** The submission packet reads the platform (spec, flow spec, checklist), so it opens the profile's session. */
async function exportPacket(context: CommandContext, draft: Draft, dir: string, profileName: string, home: string): Promise<Draft> {
	return withCommandSession(profileName, {env: context.env, home}, async session => {
		const {exportSubmissionPacket} = await import('../workflow/index.js');
		const {dir: written, files} = await exportSubmissionPacket(draft, session.profile.name, dir, session.client, {env: context.env, home});
		write(context.stderr, `Wrote the submission packet of "${draft.id}" to ${written} (${files.length} files).`);
		return draft;
	});
}

/**
 * Exports a draft (re-importable, never with secrets), its connection spec only (--spec), its artifacts folder,
 * its documentation page, or the whole submission packet; or a template.
 */
const exportCommand: Command = context =>
	withUsage(context.stderr, async () => {
		const {values, positionals} = parseFlags(context.argv, flags, usage);
		if (values.template !== undefined) return exportTemplate(context, values.template, values.out);
		const home = aepHome(context.env);
		const store = openDraftStore(home);
		const draft = namedDraft(store, positionals[0], usage);
		const id = draft.id;
		if (values.artifacts !== undefined) {
			const {exportArtifacts} = await import('../workflow/index.js');
			const {dir, files} = await exportArtifacts(draft, values.artifacts, {env: context.env, home});
			store.save({...draft, exports: {...draft.exports, artifactsDir: dir}});
			write(context.stderr, `Wrote ${files.length} artifact files to ${dir}.`);
			return 0;
		}
		if (values.docs !== undefined) {
			const {exportDocsPage} = await import('../workflow/index.js');
			const file = await exportDocsPage(draft, values.docs, values.profile, {env: context.env, home});
			store.save({...draft, exports: {...draft.exports, docsPage: file}});
			write(context.stderr, `Wrote the documentation page of "${id}" to ${values.docs}.`);
			return 0;
		}
		if (values.packet !== undefined) {
			store.save(await exportPacket(context, draft, values.packet, values.profile ?? 'local', home));
			return 0;
		}
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
