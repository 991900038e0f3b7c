// `aep-source templates`: the spec templates a new source can start from, one line each.
import {describeTemplate, templateNames} from '../spec/index.js';
import {write, type Command} from './context.js';

const templates: Command = async ctx => {
	if (ctx.argv.includes('--help') || ctx.argv.includes('-h')) {
		write(ctx.stdout, 'Usage: aep-source templates\n\nLists the templates for "aep-source new --template NAME" and "aep-source export --template NAME".');
		return 0;
	}
	if (ctx.argv.length > 0) {
		write(ctx.stderr, `aep-source templates: unexpected argument "${ctx.argv[0]}".\nUsage: aep-source templates`);
		return 2;
	}
	const names = templateNames();
	const width = Math.max(...names.map(name => name.length)) + 2;
	write(ctx.stdout, names.map(name => `${name.padEnd(width)}${describeTemplate(name)}`).join('\n'));
	return 0;
};

export default templates;
