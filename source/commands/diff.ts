// `aep-source diff DRAFT [--profile NAME] [--json]`: the draft's spec against the one registered on the profile's
// platform, by JSON path — what a PUT (run, or the create step) would change. Exit 0 equal, 1 different.
import {UsageError, write} from './context.js';
import type {CommandBody} from './registry.js';
import {namedDraft, profileFor, sessionOptions, withCommandSession} from './args.js';
import {openDraftStore} from '../store/index.js';

const usage = 'aep-source diff DRAFT [--profile NAME] [--json]';

function show(value: unknown): string {
	const text = JSON.stringify(value);
	return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const diff: CommandBody<'diff'> = async (context, {flags: values, args}) => {
	const options = sessionOptions(context, values.debug);
	const draft = namedDraft(openDraftStore(options.home), args[0], usage);
	const id = draft.id;
	const profileName = profileFor(draft, values.profile, options.home);
	const specId = draft.remote[profileName]?.connectionSpecId;
	if (!specId)
		throw new UsageError(`Draft "${id}" has no connection spec on profile "${profileName}" yet: nothing to compare.`, {
			hint: `Register it with "aep-source run ${id}".`,
		});
	return withCommandSession(profileName, options, async session => {
		const {diffDeployedSpec} = await import('../workflow/index.js');
		const changes = await diffDeployedSpec(session, draft, specId);
		if (values.json) {
			write(context.stdout, JSON.stringify({draft: id, profile: profileName, connectionSpecId: specId, changes}, null, 2));
		} else if (changes.length === 0) {
			write(context.stdout, `The spec registered on "${profileName}" (${specId}) equals draft "${id}".`);
		} else {
			write(context.stdout, `Draft "${id}" differs from the spec registered on "${profileName}" (${specId}) in ${changes.length} place(s):`);
			for (const change of changes) {
				const detail =
					change.kind === 'changed' ? `${show(change.deployed)} → ${show(change.local)}` : change.kind === 'added' ? show(change.local) : show(change.deployed);
				write(context.stdout, `  ${change.kind === 'added' ? '+' : change.kind === 'removed' ? '-' : '~'} ${change.path}: ${detail}`);
			}
			write(context.stdout, `"aep-source run ${id}${profileName === 'local' ? '' : ` --profile ${profileName}`}" sends the draft (PUT).`);
		}
		return changes.length === 0 ? 0 : 1;
	});
};

export default diff;
