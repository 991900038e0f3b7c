// Drafts belong to their author: run never replaces a draft it did not make, an imported copy starts unregistered,
// the auth spec of the check always exists, and a draft remembers its profile.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {envProfileOf, runCli, tempHome} from './helpers/cli.js';
import {startSandbox} from '../source/sandbox/index.js';
import type {Draft} from '../source/connection-spec/draft-types.js';

const readDraft = (home: string, id: string) => JSON.parse(readFileSync(path.join(home, 'drafts', `${id}.json`), 'utf8')) as Draft;
const draftIds = async (home: string) => (JSON.parse((await runCli(['drafts', '--json'], {home})).stdout) as {id: string}[]).map(each => each.id).sort();

test("run --template never replaces the wizard's draft of that name; a rerun reuses the draft the run made", async () => {
	const home = tempHome();
	try {
		// The wizard's draft "demo" (made from the demo template, label edited by hand).
		const spec = path.join(home, 'demo-spec.json');
		assert.equal((await runCli(['export', '--template', 'demo', '--out', spec], {home})).code, 0);
		assert.equal((await runCli(['import', spec, '--id', 'demo'], {home})).code, 0);
		const mine = readDraft(home, 'demo');
		writeFileSync(
			path.join(home, 'drafts', 'demo.json'),
			JSON.stringify({...mine, template: 'demo', artifacts: {...mine.artifacts, label: 'My hand-edited label'}}),
		);
		const before = readFileSync(path.join(home, 'drafts', 'demo.json'), 'utf8');

		const first = await runCli(['run', '--template', 'demo', '--json'], {home});
		assert.equal(first.code, 0, first.stderr);
		assert.match(first.stderr, /Created draft "demo-2" from template demo \(draft "demo" is not one a run made from template demo, so it is left as it is\)/);
		assert.equal((JSON.parse(first.stdout) as {draft: string}).draft, 'demo-2');
		assert.equal(readFileSync(path.join(home, 'drafts', 'demo.json'), 'utf8'), before, "the wizard's draft is untouched");

		const second = await runCli(['run', '--template', 'demo', '--json'], {home});
		assert.equal(second.code, 0, second.stderr);
		assert.match(second.stderr, /Using draft "demo-2", made from template demo by an earlier run/);
		const [one, two] = [first, second].map(result => JSON.parse(result.stdout) as {connectionSpecId: string});
		assert.equal(two!.connectionSpecId, one!.connectionSpecId, 'the rerun updates its own spec');
		assert.deepEqual(await draftIds(home), ['demo', 'demo-2']);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run SPEC_FILE leaves the draft of the same name alone (icon, provider, contact) and reuses only its own draft', async () => {
	const home = tempHome();
	try {
		const spec = path.join(home, 'my-source-connectionSpec.json');
		assert.equal((await runCli(['export', '--template', 'demo', '--out', spec], {home})).code, 0);
		const name = (JSON.parse(readFileSync(spec, 'utf8')) as {name: string}).name;
		const imported = await runCli(['import', spec], {home});
		const id = /as draft "([^"]+)"/.exec(imported.stdout)![1]!;
		const original = readDraft(home, id);
		const authored = {
			...original,
			artifacts: {...original.artifacts, iconPath: path.join(home, 'icon.svg'), providerName: 'Acme', providerContact: 'dev@acme.test'},
		};
		writeFileSync(path.join(home, 'drafts', `${id}.json`), JSON.stringify(authored));
		const before = readFileSync(path.join(home, 'drafts', `${id}.json`), 'utf8');

		const first = await runCli(['run', spec, '--json'], {home});
		assert.equal(first.code, 0, first.stderr);
		const made = (JSON.parse(first.stdout) as {draft: string}).draft;
		assert.notEqual(made, id);
		assert.match(first.stderr, new RegExp(`Created draft "${made}" from the spec file`));
		assert.equal(readFileSync(path.join(home, 'drafts', `${id}.json`), 'utf8'), before, `draft "${id}" (${name}) keeps its icon, provider and contact`);
		const again = await runCli(['run', spec, '--json'], {home});
		assert.equal(again.code, 0, again.stderr);
		assert.equal((JSON.parse(again.stdout) as {draft: string}).draft, made);
		assert.match(again.stderr, new RegExp(`Using draft "${made}", made from the spec file`));
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('an exported and re-imported draft starts unregistered (so it cannot PUT over the original) unless --keep-remote', async () => {
	const home = tempHome();
	try {
		const run = await runCli(['run', '--template', 'demo', '--json'], {home});
		assert.equal(run.code, 0, run.stderr);
		const specId = (JSON.parse(run.stdout) as {connectionSpecId: string}).connectionSpecId;
		const file = path.join(home, 'exported.json');
		assert.equal((await runCli(['export', 'demo', '--out', file], {home})).code, 0);
		assert.equal((JSON.parse(readFileSync(file, 'utf8')) as Draft).remote['local']?.connectionSpecId, specId, 'the export carries the remote state');

		const copy = await runCli(['import', file], {home});
		assert.equal(copy.code, 0, copy.stderr);
		assert.match(copy.stdout, /Imported draft "demo-2"\. It starts unregistered/);
		const fresh = readDraft(home, 'demo-2');
		assert.deepEqual(fresh.remote, {});
		assert.equal(fresh.profile, undefined);
		assert.equal(fresh.madeBy, undefined, 'a run of the template will not take the copy over');

		const kept = await runCli(['import', file, '--keep-remote'], {home});
		assert.equal(kept.code, 0, kept.stderr);
		assert.match(kept.stdout, /Imported draft "demo-3"\. It keeps the original's registered spec ids/);
		assert.equal(readDraft(home, 'demo-3').remote['local']?.connectionSpecId, specId);

		// Registering the fresh copy creates its own spec.
		const copyRun = await runCli(['run', 'demo-2', '--json'], {home});
		assert.equal(copyRun.code, 0, copyRun.stderr);
		assert.notEqual((JSON.parse(copyRun.stdout) as {connectionSpecId: string}).connectionSpecId, specId);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('a removed auth spec does not stay chosen: run falls back to the first, and the packet names the one that passed', async () => {
	const home = tempHome();
	try {
		const spec = path.join(home, 'spec.json');
		assert.equal((await runCli(['export', '--template', 'demo', '--out', spec], {home})).code, 0);
		const full = JSON.parse(readFileSync(spec, 'utf8')) as {authSpec: {name: string}[]};
		// Built with "Basic Authentication" unticked: the spec offers the others only, the draft still names it.
		full.authSpec = full.authSpec.filter(auth => auth.name !== 'Basic Authentication');
		writeFileSync(spec, JSON.stringify(full));
		const id = /as draft "([^"]+)"/.exec((await runCli(['import', spec], {home})).stdout)![1]!;
		const draft = readDraft(home, id);
		writeFileSync(path.join(home, 'drafts', `${id}.json`), JSON.stringify({...draft, test: {...draft.test, authSpecName: 'Basic Authentication'}}));

		const result = await runCli(['run', id, '--json'], {home});
		assert.equal(result.code, 0, result.stderr);
		const summary = JSON.parse(result.stdout) as {run: {status: string; authSpecName: string}};
		assert.deepEqual([summary.run.status, summary.run.authSpecName], ['success', full.authSpec[0]!.name]);

		const packet = path.join(home, 'packet');
		assert.equal((await runCli(['export', id, '--packet', packet], {home})).code, 0);
		const env = JSON.parse(readFileSync(path.join(packet, 'verification-environment.json'), 'utf8')) as {authSpecName: string};
		assert.equal(env.authSpecName, full.authSpec[0]!.name, 'the packet names the auth spec that passed the check');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('a draft remembers the profile it was built and checked on; later commands default to it', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx')});
	try {
		const env = {...envProfileOf(sandbox), AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token'};
		const run = await runCli(['run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`], {home, env});
		assert.equal(run.code, 0, run.stderr);
		assert.equal(readDraft(home, 'demo').profile, 'env');
		const checklist = await runCli(['checklist', 'demo', '--json'], {home, env});
		assert.equal((JSON.parse(checklist.stdout) as {profile: string}).profile, 'env', checklist.stderr);
		const diff = await runCli(['diff', 'demo'], {home, env});
		assert.match(diff.stdout, /registered on "env"/);
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});
