// `aep-source templates`: the spec templates a new source can start from, one line each.
import {describeTemplate, templateNames} from '../connection-spec/index.js';
import {write} from './context.js';
import type {CommandBody} from './registry.js';

const templates: CommandBody<'templates'> = async ctx => {
	const names = templateNames();
	const width = Math.max(...names.map(name => name.length)) + 2;
	write(ctx.stdout, names.map(name => `${name.padEnd(width)}${describeTemplate(name)}`).join('\n'));
	return 0;
};

export default templates;
