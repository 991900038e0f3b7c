import path from 'node:path';
import type {CommandContext} from './context.js';
import {write} from './context.js';
import type {CommandBody} from './registry.js';
import {namedDraft, profileFor, sessionOptions, withCommandSession} from './args.js';
import {exportTemplate} from './export-template.js';
import {openDraftStore} from '../store/index.js';
import {specFromDraft} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {checkOutputPath, writeOutputFile} from '../shared/output-file.js';

const usage = 'aep-source export DRAFT [--spec] [--out FILE] | --artifacts DIR | --docs FILE | --packet DIR';

/** The submission packet reads the platform (spec, flow spec, checklist), so it opens the profile's session. */
async function exportPacket(context: CommandContext, draft: Draft, dir: string, profileName: string, debug: boolean | undefined, home: string): Promise<Draft> {
	return withCommandSession(profileName, sessionOptions(context, debug), async session => {
		const {exportSubmissionPacket} = await import('../workflow/index.js');
		const {dir: written, files, exports, warning} = await exportSubmissionPacket(draft, session.profile.name, dir, session.client, {env: context.env, home});
		write(context.stderr, `Wrote the submission packet of "${draft.id}" to ${written} (${files.length} files).`);
		if (warning) write(context.stderr, `Warning: ${warning}`);
		return {...draft, exports};
	});
}

/**
 * Exports a draft (re-importable, never with secrets), its connection spec only (--spec), its artifacts folder,
 * its documentation page, or the whole submission packet; or a template.
 */
const exportCommand: CommandBody<'export'> = async (context, {flags, args}) => {
	if (flags.template !== undefined) return exportTemplate(context, flags.template, flags.out, flags.force);
	const {home} = sessionOptions(context, false);
	const store = openDraftStore(home);
	const draft = namedDraft(store, args[0], usage);
	const id = draft.id;
	if (flags.artifacts !== undefined) {
		const {exportArtifacts} = await import('../workflow/index.js');
		const {dir, files} = await exportArtifacts(draft, flags.artifacts, {env: context.env, home});
		store.save({...draft, exports: {...draft.exports, artifactsDir: dir}});
		write(context.stderr, `Wrote ${files.length} artifact files to ${dir}.`);
		return 0;
	}
	if (flags.docs !== undefined) {
		checkOutputPath(flags.docs, {force: flags.force, flag: '--docs'});
		const {exportDocsPage} = await import('../workflow/index.js');
		const file = await exportDocsPage(draft, flags.docs, profileFor(draft, flags.profile, home), {env: context.env, home});
		store.save({...draft, exports: {...draft.exports, docsPage: file}});
		write(context.stderr, `Wrote the documentation page of "${id}" to ${flags.docs}.`);
		return 0;
	}
	if (flags.packet !== undefined) {
		store.save(await exportPacket(context, draft, flags.packet, profileFor(draft, flags.profile, home), flags.debug, home));
		return 0;
	}
	const json = `${JSON.stringify(flags.spec ? specFromDraft(draft) : draft, null, 2)}\n`;
	// Like every export: refused, with nothing written, if it would carry a secret this machine knows.
	const {assertNoSecret, exportContext} = await import('../workflow/export-guard.js');
	assertNoSecret(flags.out ? path.basename(flags.out) : 'the exported draft', json, exportContext({env: context.env, home}).secrets);
	if (flags.out) {
		writeOutputFile(flags.out, json, {force: flags.force, flag: '--out'});
		write(context.stderr, `Wrote ${flags.spec ? 'the connection spec' : 'the draft'} of "${id}" to ${flags.out}.`);
	} else {
		context.stdout.write(json);
	}
	return 0;
};

export default exportCommand;
