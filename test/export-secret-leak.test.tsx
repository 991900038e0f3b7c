// An export is meant to leave the machine: it must never carry a file from the aep-source home or a secret value,
// whatever the draft names as its icon (issue: a secret leaked into the submission packet through the icon path).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {openDraftStore} from '../source/store/index.js';
import {newDraft} from '../source/connection-spec/index.js';
import {checkSvgIcon, exportArtifacts, exportSubmissionPacket} from '../source/workflow/index.js';
import {runCli, tempHome} from './helpers/cli.js';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, seedDraft, testServices} from './helpers/ui-wizard.js';

const clientSecret = 'p8e-Client-Secret-0123456789abcdef';
const cachedToken = 'eyJhbGciOiJSUzI1NiJ9.cached-access-token-value';
const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';

/** A home holding an Adobe profile's client secret and a cached token, as the wizard writes them (0600). */
function homeWithSecrets(): string {
	const home = tempHome('aep-leak-');
	const profiles = {
		defaultProfile: 'local',
		profiles: {acme: {name: 'acme', kind: 'adobe', orgId: 'C6420AAF5CD2749D0A495C60@AdobeOrg', clientId: 'client-id', scopes: 'openid', sandboxName: 'prod'}},
		secrets: {acme: clientSecret},
		tokens: {acme: {key: {token: cachedToken, expiresAt: Date.now() + 3_600_000}}},
	};
	fs.writeFileSync(path.join(home, 'profiles.json'), JSON.stringify(profiles), {mode: 0o600});
	return home;
}

function filesUnder(root: string): string[] {
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name));
}

function assertNoSecretIn(texts: string[], where: string) {
	for (const text of texts) {
		for (const secret of [clientSecret, cachedToken]) assert.ok(!text.includes(secret), `${where} contains a secret`);
	}
}

function draftWithIcon(iconPath: string) {
	const draft = newDraft({id: 'leaky', template: 'demo'});
	return {...draft, artifacts: {...draft.artifacts, sourceName: 'leaky-source', iconPath}};
}

test('exportArtifacts and the packet refuse an icon inside the aep-source home, and write nothing', async () => {
	const home = homeWithSecrets();
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-out-'));
	const draft = draftWithIcon(path.join(home, 'profiles.json'));
	await assert.rejects(exportArtifacts(draft, out, {home, env: {}}), /inside the aep-source home/);
	await assert.rejects(exportSubmissionPacket(draft, 'local', path.join(out, 'packet'), undefined, {home, env: {}}), /inside the aep-source home/);
	assert.deepEqual(filesUnder(out), [], 'nothing was written');
});

test('a symlink to the profile file, a FIFO and a file too large are refused as icons', async () => {
	const home = homeWithSecrets();
	const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-icons-'));
	const link = path.join(elsewhere, 'icon.svg');
	fs.symlinkSync(path.join(home, 'profiles.json'), link);
	const viaLink = await checkSvgIcon(link, {home});
	assert.equal(viaLink.ok, false);
	assert.match((viaLink as {reason: string}).reason, /inside the aep-source home/);

	const fifo = path.join(elsewhere, 'fifo.svg');
	execFileSync('mkfifo', [fifo]);
	const viaFifo = await checkSvgIcon(fifo, {home});
	assert.equal(viaFifo.ok, false);
	assert.match((viaFifo as {reason: string}).reason, /not a regular file/);

	const large = path.join(elsewhere, 'large.svg');
	fs.writeFileSync(large, svg.replace('</svg>', `${' '.repeat(2 * 1024 * 1024)}</svg>`));
	const tooLarge = await checkSvgIcon(large, {home});
	assert.equal(tooLarge.ok, false);
	assert.match((tooLarge as {reason: string}).reason, /larger than a catalog icon/);
});

test('a message about a wrong icon never quotes the file', async () => {
	const home = homeWithSecrets();
	const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-icons-'));
	const copy = path.join(elsewhere, 'copied-profiles.svg');
	fs.copyFileSync(path.join(home, 'profiles.json'), copy);
	const result = await checkSvgIcon(copy, {home});
	assert.equal(result.ok, false);
	assert.match((result as {reason: string}).reason, /is not an SVG image/);
	assertNoSecretIn([(result as {reason: string}).reason, JSON.stringify(result)], 'the reason');
	assert.ok(!(result as {reason: string}).reason.includes('"defaultProfile'), 'no fragment of the file');
});

test('an SVG that carries a known secret is refused by the export, wherever it lives', async () => {
	const home = homeWithSecrets();
	const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-icons-'));
	const icon = path.join(elsewhere, 'icon.svg');
	fs.writeFileSync(icon, svg.replace('<rect', `<desc>${Buffer.from(clientSecret).toString('base64')}</desc><rect`));
	const out = path.join(elsewhere, 'out');
	await assert.rejects(exportArtifacts(draftWithIcon(icon), out, {home, env: {}}), /would contain a secret/);
	const secretFromEnv = 'env-secret-value-42';
	fs.writeFileSync(icon, svg.replace('<rect', `<desc>${secretFromEnv}</desc><rect`));
	await assert.rejects(exportArtifacts(draftWithIcon(icon), out, {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: secretFromEnv}}), /would contain a secret/);
	assert.deepEqual(filesUnder(out), []);
	fs.writeFileSync(icon, svg);
	const written = await exportArtifacts(draftWithIcon(icon), out, {home, env: {}});
	assert.equal(fs.readFileSync(path.join(written.dir, 'leaky-source-icon.svg'), 'utf8'), svg, 'a clean icon is copied byte for byte');
});

test('aep-source export --artifacts of an imported draft naming profiles.json as its icon: refused, no secret anywhere', async () => {
	const home = homeWithSecrets();
	openDraftStore(home).save(draftWithIcon('~/.aep-source/profiles.json'.replace('~/.aep-source', home)));
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-cli-')), 'artifacts');
	const result = await runCli(['export', 'leaky', '--artifacts', out], {home});
	assert.notEqual(result.code, 0);
	assert.match(result.stderr, /inside the aep-source home/);
	assertNoSecretIn([result.stdout, result.stderr], 'the output');
	assertNoSecretIn(
		filesUnder(out).map(file => fs.readFileSync(file, 'utf8')),
		'the exported files',
	);
	assert.deepEqual(filesUnder(out), []);
});

test('wizard: a rejected icon path is never saved, and Ctrl-E of a draft that names one exports nothing', async () => {
	const services = testServices(homeWithSecrets());
	const icons = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-ui-'));
	const good = path.join(icons, 'icon.svg');
	fs.writeFileSync(good, svg);
	seedDraft(services, {step: 'artifacts', change: draft => ({...draft, artifacts: {...draft.artifacts, iconPath: good}})});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	await ink.idle();
	await pressUntil(ink, keys.down, /❯ Icon file/);
	await ink.press('\u0015');
	await ink.press(`${path.join(services.home, 'profiles.json')}\r`);
	await ink.idle();
	assert.match(ink.frame(), /inside the aep-source home/);
	assert.equal(savedDraft(services)?.artifacts.iconPath, good, 'the rejected path did not replace the saved icon');
	await ink.cleanup();

	// An imported draft that already names the profile file: the export refuses it.
	const leaky = seedDraft(services, {
		id: 'imported',
		step: 'artifacts',
		change: draft => ({...draft, artifacts: {...draft.artifacts, iconPath: path.join(services.home, 'profiles.json')}}),
	});
	const again = await renderWizard({command: 'resume', argv: [leaky.id], services});
	await again.idle();
	await again.press('\u0005');
	await again.press('\r'); // the default folder
	await again.idle();
	assert.match(again.frame(), /✖ Nothing was exported: the icon cannot be used/);
	const exported = filesUnder(path.join(services.home, 'Sources'));
	assert.deepEqual(exported, []);
	await again.cleanup();
});

test('aep-source export DRAFT (and --out) refuses a draft that carries a secret given through the environment', async () => {
	const home = homeWithSecrets();
	const secret = 'env-given-secret-0042';
	const draft = newDraft({id: 'carrier', template: 'demo'});
	openDraftStore(home).save({...draft, artifacts: {...draft.artifacts, description: `pasted by mistake: ${secret}`}});
	const env = {AEP_SOURCE_SECRET_ACCESS_TOKEN: secret};
	const printed = await runCli(['export', 'carrier'], {home, env});
	assert.equal(printed.code, 1, printed.stderr);
	assert.match(printed.stderr, /Nothing was exported: the exported draft would contain a secret/);
	assert.ok(!printed.stdout.includes(secret) && !printed.stderr.includes(secret));
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-leak-export-')), 'draft.json');
	const written = await runCli(['export', 'carrier', '--out', out], {home, env});
	assert.equal(written.code, 1);
	assert.equal(fs.existsSync(out), false, 'nothing was written');
	const clean = await runCli(['export', 'carrier'], {home});
	assert.equal(clean.code, 0, 'without that secret known, the draft exports as before');
});
