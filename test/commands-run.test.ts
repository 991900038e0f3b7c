import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {envProfileOf, runCli, tempHome} from './helpers/cli.js';
import {getToken} from './helpers/sandbox-client.js';
import {startSandbox} from '../source/sandbox/index.js';
import {getTemplate} from '../source/connection-spec/index.js';
import {demoCredentials} from '../source/sandbox/demo-source/index.js';
import {createUserTarget, startFixture} from './helpers/workflow-fixture.js';

test('run --template demo on the local profile succeeds with every demo record, and a rerun updates instead of duplicating', async () => {
	const home = tempHome();
	try {
		const first = await runCli(['run', '--template', 'demo', '--json'], {home});
		assert.equal(first.code, 0, first.stderr);
		const result = JSON.parse(first.stdout) as {
			ok: boolean;
			connectionSpecId: string;
			flowSpecChanged: boolean;
			run: {recordsWritten: number; recordsRead: number; status: string; cleanedUp: boolean};
		};
		assert.equal(result.ok, true);
		assert.equal(result.run.status, 'success');
		assert.equal(result.run.recordsWritten, 250, 'the demo source serves 250 records on the local profile');
		assert.equal(result.run.recordsRead, 250);
		assert.equal(result.flowSpecChanged, true);
		assert.equal(result.run.cleanedUp, true);

		const second = await runCli(['run', '--template', 'demo', '--json'], {home});
		assert.equal(second.code, 0, second.stderr);
		const again = JSON.parse(second.stdout) as typeof result;
		assert.equal(again.connectionSpecId, result.connectionSpecId, 'the second run updates the same spec (PUT), not a new one');
		assert.equal(again.flowSpecChanged, false, 'already in RestStorageToAEP: no write');

		const drafts = await runCli(['drafts', '--json'], {home});
		const list = JSON.parse(drafts.stdout) as {id: string; step: string}[];
		assert.deepEqual(
			list.map(d => d.id),
			['demo'],
		);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

for (const template of ['blank', 'mailchimp-members']) {
	test(`run --template ${template} on the local profile lands every demo record (the demo source stands in for the real API)`, async () => {
		const home = tempHome();
		try {
			const result = await runCli(['run', '--template', template, '--json'], {home});
			assert.equal(result.code, 0, result.stderr);
			const summary = JSON.parse(result.stdout) as {ok: boolean; run: {recordsWritten: number; status: string}};
			assert.equal(summary.run.status, 'success');
			assert.equal(summary.run.recordsWritten, 250);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});
}

test('run prints one plain progress line per stage when stdout is not a terminal', async () => {
	const home = tempHome();
	try {
		const result = await runCli(['run', '--template', 'demo', '--auth', 'API Key Authentication'], {home});
		assert.equal(result.code, 0, result.stderr);
		const stages = [
			'create-spec',
			'append-flow-spec',
			'base-connection',
			'explore',
			'source-connection',
			'target',
			'mapping',
			'target-connection',
			'dataflow',
			'run',
			'cleanup',
		];
		for (const stage of stages) assert.match(result.stdout, new RegExp(`^${stage} +ok`, 'm'), `a line for ${stage}`);
		assert.doesNotMatch(result.stdout, /\u001B\[/, 'no escape codes');
		assert.match(result.stdout, /Success: 250 records written/);
		assert.doesNotMatch(result.stdout + result.stderr, /demo-api-key/, 'the key never reaches the output');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('a broken spec exits 1 before any request reaches the platform', async () => {
	const home = tempHome();
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx'), demo: false});
	try {
		const spec = structuredClone(getTemplate('demo')) as unknown as {
			sourceSpec: {attributes: {paginationParams: Record<string, unknown>; urlParams: {path: string}}};
		};
		spec.sourceSpec.attributes.paginationParams = {type: 'SIDEWAYS'};
		spec.sourceSpec.attributes.urlParams.path = '/v1/${nowhere}/contacts';
		const file = path.join(home, 'broken.json');
		writeFileSync(file, JSON.stringify(spec));
		const env = envProfileOf(sandbox);
		const before = sandbox.requestLog().length;
		const result = await runCli(['run', file, '--profile', 'env'], {home, env});
		assert.equal(result.code, 1);
		assert.match(result.stderr, /sourceSpec\.attributes\.paginationParams\.type/);
		assert.match(result.stderr, /sourceSpec\.attributes\.urlParams\.path/);
		assert.match(result.stderr, /nothing was sent/);
		assert.equal(sandbox.requestLog().length, before, 'no request reached the sandbox');
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('run refuses secrets on the command line and names the environment variable to use', async () => {
	const home = tempHome();
	try {
		const result = await runCli(['run', '--template', 'demo', '--param', 'accessToken=abc123456'], {home});
		assert.equal(result.code, 2);
		assert.match(result.stderr, /AEP_SOURCE_SECRET_ACCESS_TOKEN/);
		assert.doesNotMatch(result.stderr + result.stdout, /abc123456/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run with an unknown draft or template exits 2 and lists what exists', async () => {
	const home = tempHome();
	try {
		const result = await runCli(['run', '--template', 'nope'], {home});
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Templates: .*demo/);
		const missing = await runCli(['run', 'no-such-draft'], {home});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /neither a file nor a saved draft/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('drafts, export and import round-trip a draft without secrets', async () => {
	const home = tempHome();
	try {
		const empty = await runCli(['drafts'], {home});
		assert.equal(empty.code, 0);
		assert.match(empty.stdout, /No drafts yet/);

		const spec = path.join(home, 'spec.json');
		const exported = await runCli(['export', '--template', 'mailchimp-members', '--out', spec], {home});
		assert.equal(exported.code, 0, exported.stderr);
		const imported = await runCli(['import', spec], {home});
		assert.equal(imported.code, 0, imported.stderr);
		const id = /as draft "([^"]+)"/.exec(imported.stdout)?.[1];
		assert.ok(id, imported.stdout);

		const draftFile = path.join(home, 'draft.json');
		assert.equal((await runCli(['export', id, '--out', draftFile], {home})).code, 0);
		const draft = JSON.parse(readFileSync(draftFile, 'utf8')) as {formatVersion: number; id: string};
		assert.equal(draft.formatVersion, 1);

		const specOnly = await runCli(['export', id, '--spec'], {home});
		assert.deepEqual(JSON.parse(specOnly.stdout), JSON.parse(readFileSync(spec, 'utf8')), 'spec -> draft -> spec is lossless');

		const reimported = await runCli(['import', draftFile], {home});
		assert.equal(reimported.code, 0, reimported.stderr);
		const list = JSON.parse((await runCli(['drafts', '--json'], {home})).stdout) as {id: string}[];
		assert.equal(list.length, 2, 'the re-import got a new id instead of overwriting');

		writeFileSync(path.join(home, 'drafts', 'broken.json'), '{"formatVersion": 1, "id": "broken",');
		const withCorrupt = await runCli(['drafts'], {home});
		assert.equal(withCorrupt.code, 0);
		assert.match(withCorrupt.stdout, /^broken /m, 'a corrupt draft is still listed');
		assert.match(withCorrupt.stderr, /Draft "broken" cannot be read: .*broken\.json/);

		const bad = path.join(home, 'bad.json');
		writeFileSync(bad, '{\n  "name": "x",\n  oops\n}');
		const badImport = await runCli(['import', bad], {home});
		assert.equal(badImport.code, 2);
		assert.match(badImport.stderr, /bad\.json:3:\d+/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('checklist --json and export --packet/--docs/--artifacts work without a terminal, and write no secret', async () => {
	const home = tempHome();
	try {
		assert.equal((await runCli(['run', '--template', 'demo'], {home})).code, 0);
		const before = await runCli(['checklist', 'demo', '--json'], {home});
		assert.equal(before.code, 0, before.stderr);
		const first = JSON.parse(before.stdout) as {items: {title: string; status: string}[]};
		const status = (items: typeof first.items, pattern: RegExp) => items.find(item => pattern.test(item.title))?.status;
		assert.equal(status(first.items, /RestStorageToAEP/), 'done');
		assert.equal(status(first.items, /registered/), 'done');
		assert.equal(status(first.items, /Documentation page/), 'missing');

		const packet = path.join(home, 'packet');
		const exported = await runCli(['export', 'demo', '--packet', packet], {home});
		assert.equal(exported.code, 0, exported.stderr);
		const docs = path.join(home, 'demo.md');
		assert.equal((await runCli(['export', 'demo', '--docs', docs], {home})).code, 0);
		assert.match(readFileSync(docs, 'utf8'), /^# /m);
		const artifacts = await runCli(['export', 'demo', '--artifacts', path.join(home, 'repo')], {home});
		assert.equal(artifacts.code, 0, artifacts.stderr);
		assert.ok(existsSync(path.join(home, 'repo', 'Sources', 'demo', 'Artifacts', 'demo-connectionSpec.json')));

		const after = JSON.parse((await runCli(['checklist', 'demo', '--json'], {home})).stdout) as typeof first;
		assert.equal(status(after.items, /Documentation page/), 'done');
		assert.equal(status(after.items, /Verification environment/), 'done');

		const written = [docs, ...readdirSync(packet, {recursive: true}).map(name => path.join(packet, String(name)))].filter(file => statSync(file).isFile());
		for (const file of written) assert.doesNotMatch(readFileSync(file, 'utf8'), /sandbox-client-secret/, `${file} holds the platform client secret`);

		const noTty = await runCli(['checklist', 'demo'], {home});
		assert.equal(noTty.code, 2, 'without --json the checklist is the interactive screen');
		assert.match(noTty.stderr, /aep-source checklist DRAFT --json/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('Ctrl-C during run aborts, deletes what it created, and exits 130', async () => {
	const home = tempHome();
	// Realistic timing delays the first run by seconds: the check is still polling when the signal arrives.
	const sandbox = await startSandbox({dataDir: path.join(home, 'sbx'), runTiming: 'realistic'});
	try {
		const env = {...envProfileOf(sandbox), AEP_SOURCE_SECRET_ACCESS_TOKEN: 'demo-access-token'};
		const result = await runCli(['run', '--template', 'demo', '--profile', 'env', '--param', `host=${sandbox.demo!.url}`], {
			home,
			env,
			interruptWhen: /^dataflow +ok/m,
		});
		assert.equal(result.code, 130, result.stderr);
		// Answered at once, before the clean-up: how many objects go, and how to keep them instead.
		assert.match(result.stderr, /Stopping: deleting 7 test object\(s\)… \(Ctrl-C again to quit now and keep them\)/);
		assert.match(result.stderr, /Interrupted\. The test objects created so far were deleted\./);
		const {clientId, orgId, sandboxName} = sandbox.credentials;
		const headers = {authorization: `Bearer ${await getToken(sandbox)}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandboxName};
		for (const collection of ['flows', 'connections', 'sourceConnections', 'targetConnections']) {
			const list = (await (await fetch(`${sandbox.platformUrl}/data/foundation/flowservice/${collection}`, {headers})).json()) as {items: unknown[]};
			assert.deepEqual(list.items, [], `${collection} left behind`);
		}
	} finally {
		await sandbox.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('diff shows, by JSON path, how the draft differs from the registered spec', async () => {
	const home = tempHome();
	try {
		assert.equal((await runCli(['run', '--template', 'demo'], {home})).code, 0);
		const same = await runCli(['diff', 'demo'], {home});
		assert.equal(same.code, 0, same.stderr);
		assert.match(same.stdout, /equals draft "demo"/);

		const file = path.join(home, 'drafts', 'demo.json');
		const draft = JSON.parse(readFileSync(file, 'utf8')) as {
			spec: {sourceSpec: {attributes: {paginationParams: Record<string, unknown>; headerParams?: Record<string, string>}}};
		};
		draft.spec.sourceSpec.attributes.paginationParams['limitValue'] = '25';
		draft.spec.sourceSpec.attributes.headerParams = {Accept: 'application/json'};
		writeFileSync(file, JSON.stringify(draft));

		const changed = await runCli(['diff', 'demo', '--json'], {home});
		assert.equal(changed.code, 1, changed.stderr);
		const {changes} = JSON.parse(changed.stdout) as {changes: {path: string; kind: string; deployed?: unknown; local?: unknown}[]};
		assert.deepEqual(changes, [
			{path: 'sourceSpec.attributes.paginationParams.limitValue', kind: 'changed', deployed: '50', local: '25'},
			{path: 'sourceSpec.attributes.headerParams', kind: 'added', local: {Accept: 'application/json'}},
		]);
		const checklist = JSON.parse((await runCli(['checklist', 'demo', '--json'], {home})).stdout) as {items: {id: string; status: string; evidence?: string}[]};
		const upToDate = checklist.items.find(item => item.id === 'spec-up-to-date');
		assert.equal(upToDate?.status, 'failed');
		assert.match(upToDate?.evidence ?? '', /2 place\(s\): sourceSpec\.attributes\.paginationParams\.limitValue \(changed\)/);

		const none = await runCli(['diff', 'demo', '--profile', 'env'], {home});
		assert.equal(none.code, 2);
		assert.match(none.stderr, /no connection spec on profile "env"/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run on an existing target whose mapping cannot convert a field: success, with "N rows had mapping warnings" naming the field', async () => {
	const home = tempHome();
	const fixture = await startFixture({records: 15});
	try {
		const {schemaId, datasetId, mappingId} = await createUserTarget(fixture.client, 'CLI warnings', 'integer');
		const tenant = await fixture.client.schemaRegistry.tenantId();
		const env = {...envProfileOf(fixture.sandbox), AEP_SOURCE_SECRET_AUTH_KEY1: demoCredentials.apiKey};
		const args = [
			'run',
			'--template',
			'demo',
			'--profile',
			'env',
			'--auth',
			'API Key Authentication',
			'--param',
			`host=${fixture.sandbox.demo!.url}`,
			'--target',
			`${schemaId},${datasetId},${mappingId}`,
		];
		const result = await runCli(args, {home, env});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /Success: 15 records written \(15 read, 0 failed\)/);
		const warning = /Warning: (.*)/.exec(result.stdout)?.[1];
		assert.ok(warning, result.stdout);
		const summary = '15 rows had mapping warnings (ingested with fields set to null): MAPPER-3700-400 15 row(s) were ingested with fields set to null.';
		assert.ok(warning.startsWith(`${summary} Mapper transform error at _${tenant}.email: "`), warning);
		assert.match(warning, /" is not a number; the field was set to null\.$/);
		assert.doesNotMatch(result.stdout + result.stderr, new RegExp(demoCredentials.apiKey));
		const json = await runCli([...args, '--json'], {home, env});
		assert.equal(json.code, 0, json.stderr);
		const run = JSON.parse(json.stdout).run;
		assert.deepEqual(
			[run.status, run.recordsWritten, run.warnings.length, run.warnings[0].code, run.warnings[0].recordCount],
			['success', 15, 1, 'MAPPER-3700-400', 15],
		);
	} finally {
		await fixture.close();
		rmSync(home, {recursive: true, force: true});
	}
});
