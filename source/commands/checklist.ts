// `aep-source checklist [DRAFT]` is the wizard's checklist screen; with --json it is the same check without a
// terminal (for CI): every submission item (reference 7.3) with its status, evidence and next step.
import type {Command} from './context.js';
import {UsageError, write} from './context.js';
import {openCommandSession, parseFlags, withUsage} from './args.js';
import interactive from './interactive.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';
import {checklist as runChecklist} from '../workflow/index.js';

const usage = 'aep-source checklist [DRAFT]  |  aep-source checklist DRAFT --json [--profile NAME]';

const checklist: Command = context => {
	if (!context.argv.includes('--json')) return interactive(context);
	return withUsage(context.stderr, async () => {
		const {values, positionals} = parseFlags(context.argv, {json: {type: 'boolean'}, profile: {type: 'string'}}, usage);
		const [id] = positionals;
		if (!id) throw new UsageError(`Name the draft.\nUsage: ${usage}`);
		const home = aepHome(context.env);
		const draft = openDraftStore(home).load(id);
		if (!draft) throw new UsageError(`There is no draft "${id}". "aep-source drafts" lists them.`);
		const profileName = values.profile ?? 'local';
		const session = await openCommandSession(profileName, {env: context.env, home});
		try {
			const items = await runChecklist(draft, session.profile.name, session.client);
			write(context.stdout, JSON.stringify({draft: draft.id, profile: session.profile.name, items}, null, 2));
			return items.some(item => item.status === 'failed') ? 1 : 0;
		} finally {
			await session.close();
		}
	});
};

export default checklist;
