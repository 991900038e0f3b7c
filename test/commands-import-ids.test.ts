// `aep-source import` never writes over a draft: an id asked for with --id that a draft (readable or corrupt) already
// holds is a usage error (exit 2) and the existing file is left byte for byte; without --id the first free id is
// taken, skipping corrupt files too. Exported drafts honour --id like every other input.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdirSync, existsSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';
import {openDraftStore} from '../source/store/index.js';

const specFile = (home: string, name: string) => {
	const file = path.join(home, `${name}.json`);
	writeFileSync(
		file,
		JSON.stringify({
			name,
			providerId: '521eee4d-8cd2-4e4a-8e9e-b3e4ed3b7a56',
			version: '1.0',
			authSpec: [],
			sourceSpec: {attributes: {}, spec: {properties: {}}},
			exploreSpec: {},
		}),
	);
	return file;
};

test('import --id of an existing draft exits 2 and leaves that draft as it was (spec JSON, exported draft, curl)', async () => {
	const home = tempHome();
	const file = specFile(home, 'acme');
	const first = await runCli(['import', file], {home});
	assert.equal(first.code, 0, first.stderr);
	assert.match(first.stdout, /as draft "acme"/);
	const draftFile = path.join(home, 'drafts', 'acme.json');
	const before = readFileSync(draftFile, 'utf8');

	const again = await runCli(['import', file, '--id', 'acme'], {home});
	assert.equal(again.code, 2);
	assert.match(again.stderr, /A draft "acme" already exists, so nothing was written/);
	assert.equal(readFileSync(draftFile, 'utf8'), before);

	const exported = path.join(home, 'acme.draft.json');
	const out = await runCli(['export', 'acme', '--out', exported], {home});
	assert.equal(out.code, 0, out.stderr);
	const exportedAgain = await runCli(['import', exported, '--id', 'acme'], {home});
	assert.equal(exportedAgain.code, 2);
	assert.match(exportedAgain.stderr, /already exists/);
	assert.equal(readFileSync(draftFile, 'utf8'), before);

	const curl = await runCli(['import', '--curl', 'curl https://api.example.com/v2/items', '--id', 'acme'], {home});
	assert.equal(curl.code, 2);
	assert.match(curl.stderr, /A draft "acme" already exists/);
	assert.equal(readFileSync(draftFile, 'utf8'), before);
});

test('import of an exported draft takes --id; without it the next free id, never a corrupt draft’s', async () => {
	const home = tempHome();
	const file = specFile(home, 'acme');
	assert.equal((await runCli(['import', file], {home})).code, 0);
	const exported = path.join(home, 'acme.draft.json');
	assert.equal((await runCli(['export', 'acme', '--out', exported], {home})).code, 0);

	const named = await runCli(['import', exported, '--id', 'acme-copy'], {home});
	assert.equal(named.code, 0, named.stderr);
	assert.match(named.stdout, /Imported draft "acme-copy"/);
	assert.equal((JSON.parse(readFileSync(path.join(home, 'drafts', 'acme-copy.json'), 'utf8')) as {id: string}).id, 'acme-copy');

	// A corrupt acme-2.json is someone's draft too: the next import skips it and leaves it alone.
	const corrupt = path.join(home, 'drafts', 'acme-2.json');
	writeFileSync(corrupt, '{"id": "acme-2", "trunc');
	const next = await runCli(['import', file], {home});
	assert.equal(next.code, 0, next.stderr);
	assert.match(next.stdout, /as draft "acme-3"/);
	assert.equal(readFileSync(corrupt, 'utf8'), '{"id": "acme-2", "trunc');
});

test('the draft store: has() counts corrupt files, freeId() skips taken ids and replaces a trailing -N', () => {
	const home = tempHome();
	const store = openDraftStore(home);
	mkdirSync(store.dir, {recursive: true});
	assert.equal(store.has('acme'), false);
	assert.equal(store.freeId('acme'), 'acme');
	writeFileSync(path.join(store.dir, 'acme.json'), 'not json');
	assert.equal(store.has('acme'), true);
	assert.equal(store.freeId('acme'), 'acme-2');
	writeFileSync(path.join(store.dir, 'acme-2.json'), '{}');
	assert.equal(store.freeId('acme-2'), 'acme-3');
	assert.throws(() => store.freeId('../etc'), /is not a draft id/);
	assert.equal(existsSync(path.join(store.dir, 'acme-3.json')), false);
});
