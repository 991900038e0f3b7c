import {write} from './context.js';
import type {CommandBody} from './registry.js';
import {openDraftStore} from '../store/index.js';
import {aepHome} from '../store/home.js';

const drafts: CommandBody<'drafts'> = async (context, {flags}) => {
	const store = openDraftStore(aepHome(context.env));
	const list = store.list();
	if (flags.json) {
		write(context.stdout, JSON.stringify(list, null, 2));
		return 0;
	}
	if (list.length === 0) {
		write(context.stdout, `No drafts yet in ${store.dir}. Start one with "aep-source new" or "aep-source run --template demo".`);
		return 0;
	}
	const idWidth = Math.max(5, ...list.map(d => d.id.length));
	const nameWidth = Math.max(4, ...list.map(d => d.name.length));
	write(context.stdout, `${'DRAFT'.padEnd(idWidth)}  ${'NAME'.padEnd(nameWidth)}  ${'STEP'.padEnd(9)}  LAST SAVED`);
	for (const d of list) write(context.stdout, `${d.id.padEnd(idWidth)}  ${d.name.padEnd(nameWidth)}  ${d.step.padEnd(9)}  ${d.updatedAt}`);
	for (const d of list.filter(each => each.corrupt)) write(context.stderr, `Draft "${d.id}" cannot be read: ${d.corrupt}`);
	return 0;
};

export default drafts;
