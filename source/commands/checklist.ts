// `aep-source checklist [DRAFT]` is the wizard's checklist screen; with --json it is the same check without a
// terminal (for CI): every submission item (reference 7.3) with its status, evidence and next step.
import type {Command} from './context.js';
import {write} from './context.js';
import {namedDraft, parseFlags, withCommandSession, withUsage} from './args.js';
import interactive from './interactive.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';

const usage = 'aep-source checklist [DRAFT]  |  aep-source checklist DRAFT --json [--profile NAME]';

const checklist: Command = context => {
	if (!context.argv.includes('--json')) return interactive(context);
	return withUsage(context.stderr, async () => {
		const {values, positionals} = parseFlags(context.argv, {json: {type: 'boolean'}, profile: {type: 'string'}}, usage);
		const home = aepHome(context.env);
		const draft = namedDraft(openDraftStore(home), positionals[0], usage);
		return withCommandSession(values.profile ?? 'local', {env: context.env, home}, async session => {
			// Loaded here: the interactive path above must not pay for the workflow and the platform client.
			const {checklist: runChecklist} = await import('../workflow/index.js');
			const items = await runChecklist(draft, session.profile.name, session.client);
			write(context.stdout, JSON.stringify({draft: draft.id, profile: session.profile.name, items}, null, 2));
			return items.some(item => item.status === 'failed') ? 1 : 0;
		});
	});
};

export default checklist;
