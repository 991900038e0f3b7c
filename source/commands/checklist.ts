// `aep-source checklist [DRAFT]` is the wizard's checklist screen; with --json it is the same check without a
// terminal (for CI): every submission item with its status, evidence and next step.
import {write} from './context.js';
import type {CommandBody} from './registry.js';
import {namedDraft, profileFor, sessionOptions, withCommandSession} from './args.js';
import interactive from './interactive.js';
import {openDraftStore} from '../store/index.js';

const usage = 'aep-source checklist DRAFT --json [--profile NAME]';

const checklist: CommandBody<'checklist'> = async (context, {flags, args}) => {
	if (!flags.json) return interactive(context, {flags: {debug: flags.debug}, args});
	const options = sessionOptions(context, flags.debug);
	const draft = namedDraft(openDraftStore(options.home), args[0], usage);
	return withCommandSession(profileFor(draft, flags.profile, options.home), options, async session => {
		// Loaded here: the interactive path above must not pay for the workflow and the platform client.
		const {checklist: runChecklist} = await import('../workflow/index.js');
		const items = await runChecklist(draft, session.profile.name, session.client);
		write(context.stdout, JSON.stringify({draft: draft.id, profile: session.profile.name, items}, null, 2));
		return items.some(item => item.status === 'failed') ? 1 : 0;
	});
};

export default checklist;
