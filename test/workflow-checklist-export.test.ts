import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	appendToRestStorageToAEP,
	checklist,
	checkSvgIcon,
	createOrUpdateConnectionSpec,
	exportArtifacts,
	exportSubmissionPacket,
	renderDocsPage,
	runEndToEndCheck,
	type ChecklistItem,
} from '../source/workflow/index.js';
import {demoAuthParams, demoDraft, recordingContext, startFixture, sweep, type Fixture} from './helpers/workflow-fixture.js';

let fixture: Fixture;
let dir: string;
let icon: string;
before(async () => {
	fixture = await startFixture({records: 10});
	dir = mkdtempSync(path.join(os.tmpdir(), 'aep-workflow-export-'));
	icon = path.join(dir, 'icon.svg');
	writeFileSync(
		icon,
		'<?xml version="1.0"?>\n<!-- demo -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n',
	);
});
after(async () => {
	await fixture?.close();
	if (dir) rmSync(dir, {recursive: true, force: true});
});

function byId(items: ChecklistItem[]): Record<string, ChecklistItem> {
	return Object.fromEntries(items.map(i => [i.id, i]));
}

function walk(root: string): string[] {
	return readdirSync(root).flatMap(name => {
		const full = path.join(root, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}

test('checkSvgIcon accepts a real SVG and rejects PNG, text and namespace-less SVG with a reason', async () => {
	const accepted = await checkSvgIcon(icon);
	assert.equal(accepted.ok, true);
	assert.deepEqual((accepted as {warnings: string[]}).warnings, []);
	assert.deepEqual((accepted as {bytes: Buffer}).bytes, readFileSync(icon), 'the checked bytes are returned for the export to write');
	const png = path.join(dir, 'icon.png');
	writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
	const text = path.join(dir, 'icon.txt');
	writeFileSync(text, 'just some text');
	const noNs = path.join(dir, 'nons.svg');
	writeFileSync(noNs, '<svg viewBox="0 0 1 1"></svg>');
	const noViewBox = path.join(dir, 'novb.svg');
	writeFileSync(noViewBox, '<svg xmlns="http://www.w3.org/2000/svg"/>');
	for (const [file, pattern] of [
		[png, /PNG/],
		[text, /<svg> root/],
		[noNs, /xmlns/],
		[path.join(dir, 'missing.svg'), /Cannot read .*missing\.svg: there is no such file\./],
	] as const) {
		const result = await checkSvgIcon(file);
		assert.equal(result.ok, false, file);
		assert.match((result as {reason: string}).reason, pattern);
	}
	const warned = await checkSvgIcon(noViewBox);
	assert.equal(warned.ok, true);
	assert.match((warned as {warnings: string[]}).warnings.join(' '), /viewBox/);
});

test('exportArtifacts writes the Sources/{name}/Artifacts layout', async () => {
	const draft = demoDraft('artifacts');
	draft.artifacts.iconPath = icon;
	const out = path.join(dir, 'repo');
	const result = await exportArtifacts(draft, out);
	const name = draft.artifacts.sourceName;
	assert.equal(result.dir, path.join(out, 'Sources', name, 'Artifacts'));
	assert.deepEqual(
		readdirSync(result.dir).sort(),
		['category', 'connectionSpec.json', 'description', 'icon.svg', 'label'].map(s => `${name}-${s}${s.includes('.') ? '' : '.txt'}`).sort(),
	);
	assert.equal(readFileSync(path.join(result.dir, `${name}-label.txt`), 'utf8').trim(), draft.artifacts.label);
	assert.equal(readFileSync(path.join(result.dir, `${name}-category.txt`), 'utf8').trim(), draft.artifacts.category);
	const spec = JSON.parse(readFileSync(path.join(result.dir, `${name}-connectionSpec.json`), 'utf8')) as {name?: string};
	assert.equal(typeof spec.name, 'string');
	assert.equal((await checkSvgIcon(path.join(result.dir, `${name}-icon.svg`))).ok, true);
});

test('checklist of a fresh draft without a client: remote items ask to connect a profile, the rest is missing', async () => {
	const draft = demoDraft('fresh');
	const items = byId(await checklist(draft, 'local'));
	assert.equal(items['sandbox-access']!.status, 'missing');
	assert.match(items['sandbox-access']!.next!, /[Cc]onnect a profile/);
	for (const id of ['flow-spec', 'spec-up-to-date']) assert.match(items[id]!.next!, /[Cc]onnect a profile/);
	for (const id of ['spec-registered', 'e2e-run', 'test-cleanup', 'verification-env', 'docs-page', 'adobe-contact'])
		assert.equal(items[id]!.status, 'missing', id);
	// The demo template's own words are still in the spec: valid, but not done (docs/connection-spec.md#unfinished-text).
	assert.equal(items['spec-valid']!.status, 'missing');
	assert.match(items['spec-valid']!.evidence!, /^No errors, but 2 unfinished text\(s\); first at name: The name is still the "demo" template's text/);
	assert.ok(items['adobe-contact']!.next);
	assert.ok(Object.values(items).every(i => i.title.length > 0));
});

test('after registration, three runs and the submission packet, every locally possible item is done; nothing secret is written', async () => {
	const start = demoDraft('packet');
	const host = fixture.sandbox.demo!.url;
	start.artifacts.iconPath = icon;
	start.artifacts.providerName = 'Demo Partner';
	start.artifacts.providerContact = 'support@example.test';
	// The author's own words in place of the demo template's (docs/connection-spec.md#unfinished-text).
	start.artifacts.label = 'Acme Contacts';
	start.artifacts.description = 'Contacts of the Acme CRM, with their tags and orders.';
	start.spec = {...start.spec, name: 'Acme Contacts', description: 'Acme CRM contacts through the Acme REST API'};
	start.test.authParams = {host};
	const {ctx, saves, events} = recordingContext(fixture.client, start);
	const {id} = await createOrUpdateConnectionSpec(ctx);
	await appendToRestStorageToAEP(ctx, id);
	for (const authSpecName of ['OAuth2 Refresh Code', 'Basic Authentication', 'API Key Authentication']) {
		const summary = await runEndToEndCheck(ctx, {
			authSpecName,
			authParams: demoAuthParams(authSpecName, host),
			sourceParams: {},
			pollIntervalMs: 50,
			timeoutMs: 20_000,
		});
		assert.equal(summary.status, 'success', JSON.stringify(summary.errors));
	}
	// The owner's draft after the workflow (the one it was given is unchanged), with a choice the user made since.
	const draft = ctx.updateDraft(current => ({...current, test: {...current.test, authSpecName: 'Basic Authentication'}}));

	const docs = renderDocsPage(draft, {profileName: 'local'});
	for (const heading of [
		'## Overview',
		'## Prerequisites',
		'### Gather required credentials',
		'### Create a base connection',
		'### Explore your source',
		'### Create a source connection',
		'### Create a target XDM schema',
		'### Create a target dataset',
		'### Create a target connection',
		'### Create a mapping',
		'### Create a flow',
		'## Appendix',
		'### Monitor your dataflow',
		'### Update your dataflow',
		'### Update your account',
		'### Delete your dataflow',
		'### Delete your account',
	]) {
		assert.ok(docs.includes(heading), heading);
	}
	assert.ok(docs.includes(id), 'real connection spec id');
	assert.ok(docs.includes('support@example.test'), 'partner contact');
	assert.ok(
		docs.includes('"accessToken": "{ACCESS_TOKEN}"') && docs.includes('"password": "{PASSWORD}"') && docs.includes('"authKey1": "{AUTH_KEY1}"'),
		'secrets as placeholders',
	);

	const packetDir = path.join(dir, 'packet');
	const packet = await exportSubmissionPacket(draft, 'local', packetDir, fixture.client);
	// Only the icon key is left (Adobe issues it after the artifacts PR): the packet is written, with a warning naming it.
	assert.match(packet.warning ?? '', /^The spec still holds 1 unfinished text\(s\) \(sourceSpec\.attributes\.uiAttributes\.icon\.key\)/);
	// The check ran against the demo API on 127.0.0.1: the environment file says so, and the export warns about it.
	assert.match(packet.warning ?? '', /verification-environment\.json gives host = http:\/\/127\.0\.0\.1:\d+: a loopback or private address/);
	assert.equal(packet.exports.packetDir, path.resolve(packetDir));
	assert.equal(draft.exports?.packetDir, undefined, 'the draft passed in is not changed: the caller stores the exports');
	draft.exports = packet.exports; // as the owner (the export command, the wizard) does
	const names = packet.files.map(f => path.relative(packetDir, f));
	for (const expected of ['checklist.json', 'checklist.md', 'last-run.json', 'verification-environment.json', `${draft.artifacts.sourceName}.md`])
		assert.ok(names.includes(expected), expected);
	assert.ok(names.some(n => n.startsWith(path.join('Sources', draft.artifacts.sourceName, 'Artifacts'))));
	const env = JSON.parse(readFileSync(path.join(packetDir, 'verification-environment.json'), 'utf8')) as Record<string, string>;
	assert.equal(env['connectionSpecId'], id);
	assert.equal(env['password'], '{PASSWORD}');
	assert.equal(env['flowSpecificationId'], '6499120c-0b15-42dc-936e-847ea3c24d72');

	const items = byId(await checklist(draft, 'local', fixture.client));
	for (const itemId of [
		'sandbox-access',
		'artifacts',
		'spec-valid',
		'spec-registered',
		'flow-spec',
		'spec-up-to-date',
		'e2e-run',
		'verification-env',
		'docs-page',
	]) {
		assert.equal(items[itemId]!.status, 'done', `${itemId}: ${items[itemId]!.evidence ?? ''} ${items[itemId]!.next ?? ''}`);
	}
	assert.match(items['e2e-run']!.evidence!, /OAuth2 Refresh Code: success.*Basic Authentication: success.*API Key Authentication: success/);
	assert.equal(items['artifact-keys']!.status, 'missing');
	assert.match(items['artifact-keys']!.evidence!, /must be replaced before promotion/);
	assert.equal(items['adobe-contact']!.status, 'missing');
	assert.equal(items['test-cleanup']!.status, 'done', items['test-cleanup']!.evidence);

	// Changing the local spec makes "stored equals local" fail until the next PUT.
	(draft.spec as {description?: string}).description = 'Edited after registration';
	assert.equal(byId(await checklist(draft, 'local', fixture.client))['spec-up-to-date']!.status, 'failed');

	const written = walk(packetDir).map(f => readFileSync(f, 'utf8'));
	assert.deepEqual(sweep([...written, docs, ...saves, JSON.stringify(events)]), []);
});
