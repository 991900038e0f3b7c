// The wizard's start comes from the command table (commands/registry.ts → commands/interactive.tsx → WizardStart),
// never from a second argv parser: the built CLI, in a real terminal, opens the screen each command line asks for.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {ptyKeys as k, spawnCli} from './helpers/pty.js';
import {seedDraft, tempHome, testServices, wizardStartFor} from './helpers/ui-wizard.js';
import {wizardStart} from '../source/commands/interactive.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');

test('wizardStart: each interactive command of the table maps its parsed flags and arguments to one typed start', async () => {
	assert.deepEqual(wizardStart('new', {flags: {template: 'demo'}, args: []}), {command: 'new', template: 'demo'});
	assert.deepEqual(wizardStart('new', {flags: {}, args: []}), {command: 'new'});
	assert.deepEqual(wizardStart('resume', {flags: {}, args: ['my-source']}), {command: 'resume', draftId: 'my-source'});
	assert.deepEqual(wizardStart('checklist', {flags: {debug: true}, args: []}), {command: 'checklist'});
	assert.deepEqual(wizardStart('profiles', {flags: {}, args: []}), {command: 'profiles'});
	assert.deepEqual(wizardStart('home', {flags: {}, args: []}), {command: 'home'});
	// Through the table's parser: both flag spellings, and its usage errors (never a silent default).
	assert.deepEqual(await wizardStartFor('new', ['--template=mailchimp-members']), {command: 'new', template: 'mailchimp-members'});
	assert.deepEqual(await wizardStartFor('new', ['--template', 'demo', '--debug']), {command: 'new', template: 'demo'});
	await assert.rejects(wizardStartFor('resume', ['--template', 'demo']), /"aep-source resume" has no option --template\./);
	await assert.rejects(wizardStartFor('resume', ['a', 'b']), /"aep-source resume" does not take the argument "b" \(it takes at most 1\)\./);
	await assert.rejects(wizardStartFor('new', ['--template']), /--template needs a value\./);
});

test('real terminal: `aep-source` (npm start), `new --template=X`, `resume ID`, `checklist ID` open the screen they name', {
	timeout: 120_000,
	skip: !fs.existsSync(cli) && 'dist/cli.js is not built (npm test builds it in pretest)',
}, async () => {
	const home = tempHome();
	const services = testServices(home);
	seedDraft(services, {id: 'alpha', step: 'auth'});
	seedDraft(services, {id: 'beta', step: 'review'});
	const cases: {args: string[]; screen: RegExp}[] = [
		{args: [], screen: /❯ New source \(from a template or blank\)/},
		{args: ['new', '--template=mailchimp-members'], screen: /New source from the mailchimp-members template/},
		// Two drafts: without the id the list would ask; with it, the named draft opens on its step.
		{args: ['resume', 'beta'], screen: /› Review[\s\S]*Review — \d+ error\(s\)/},
		{args: ['resume', 'alpha'], screen: /› Auth spec[\s\S]*Auth spec — how users sign in/},
		{args: ['resume'], screen: /Resume a draft[\s\S]*alpha[\s\S]*beta|Resume a draft[\s\S]*beta[\s\S]*alpha/},
		{args: ['checklist', 'alpha'], screen: /Submission checklist on “local”/},
	];
	for (const item of cases) {
		const pty = spawnCli(item.args, {home});
		try {
			await pty.waitFor(item.screen);
			await pty.send(k.ctrlC);
			assert.equal(await pty.exited, 130, `aep-source ${item.args.join(' ')} ends with 130 after Ctrl-C`);
		} finally {
			pty.kill();
		}
	}
	// A flag the command does not declare is answered by the table, in a terminal too: exit 2, no wizard.
	const wrong = spawnCli(['resume', '--template', 'demo'], {home});
	try {
		await wrong.waitFor(/"aep-source resume" has no option --template\./);
		assert.equal(await wrong.exited, 2);
		assert.doesNotMatch(wrong.output(), /Review —|Auth spec —/);
	} finally {
		wrong.kill();
	}
});
