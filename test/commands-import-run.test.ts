// The whole path an author takes: bootstrap a draft (OpenAPI operation or curl line), then `aep-source run` it on
// the default local profile, where the platform is emulated and source requests go to the spec's host — here a
// small API of the draft's shape on 127.0.0.1, never the demo source (asserted on that API's request log).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runCli, tempHome} from './helpers/cli.js';
import {basic, bearer, header, int, pagedApi} from './helpers/paged-api.js';
import {startThirdPartyApi} from './helpers/third-party-api.js';

const fixture = (name: string) => new URL(`./fixtures/bootstrap/${name}`, import.meta.url).pathname;
const total = 120;
const records = Array.from({length: total}, (_, index) => ({id: `r${String(index).padStart(3, '0')}`, n: index}));
const afterId = (id: string | null) => (id === null ? 0 : records.findIndex(record => record.id === id) + 1);

type RunJson = {ok: boolean; run?: {status: string; recordsWritten: number}};

async function importThenRun(
	home: string,
	importArgs: string[],
	runArgs: string[],
	env: Record<string, string>,
): Promise<{id: string; summary: RunJson; output: string}> {
	const imported = await runCli(['import', ...importArgs], {home});
	assert.equal(imported.code, 0, imported.stderr + imported.stdout);
	const id = /as draft "([^"]+)"/.exec(imported.stdout)?.[1] ?? '';
	const run = await runCli(['run', id, ...runArgs, '--json'], {home, env, timeoutMs: 120_000});
	assert.equal(run.code, 0, run.stderr + run.stdout);
	return {id, summary: JSON.parse(run.stdout) as RunJson, output: imported.stdout + imported.stderr + run.stdout + run.stderr};
}

/** A copy of an OpenAPI fixture whose server is the test API. */
function pointedAt(home: string, file: string, edit: (text: string) => string): string {
	const copy = path.join(home, path.basename(file));
	writeFileSync(copy, edit(readFileSync(fixture(file), 'utf8')));
	return copy;
}

test('OpenAPI 3.0 listContacts (OFFSET + hasMore, basic auth, a server variable) runs end to end against its API', async () => {
	const home = tempHome();
	const api = await pagedApi('/v2/contacts', basic('ada', 'pw-e2e-1'), url => {
		const offset = int(url, 'offset', 0);
		const limit = int(url, 'limit', 10);
		return {body: {contacts: records.slice(offset, offset + limit), total, hasMore: offset + limit < total}};
	});
	try {
		const port = new URL(api.base).port;
		const doc = pointedAt(home, 'openapi-3.0.yaml', text =>
			text
				.replace('https://{region}.api.acme.example/v2', 'http://127.0.0.1:{port}/v2')
				.replace(
					/region:\n\s+default: eu\n\s+enum: \[eu, us\]\n\s+description: Data region of the account/,
					`port:\n        default: "${port}"\n        description: Port of the API`,
				),
		);
		const {summary, output} = await importThenRun(home, [doc, '--operation', 'listContacts'], ['--param', 'username=ada'], {
			AEP_SOURCE_SECRET_PASSWORD: 'pw-e2e-1',
		});
		assert.equal(summary.ok, true);
		assert.equal(summary.run?.recordsWritten, total);
		assert.ok(api.log.length >= 3 && api.log.every(entry => entry.authorization === `Basic ${Buffer.from('ada:pw-e2e-1').toString('base64')}`));
		assert.ok(
			api.log.some(entry => /offset=100/.test(entry.url)),
			JSON.stringify(api.log),
		);
		assert.doesNotMatch(output, /pw-e2e-1/);
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('OpenAPI 3.1 ListCustomers (has_more + starting_after, API key header) runs end to end against its API', async () => {
	const home = tempHome();
	const api = await pagedApi('/v1/customers', header('Paylane-Key', 'key-e2e-2'), url => {
		const from = afterId(url.searchParams.get('starting_after'));
		return {body: {object: 'list', data: records.slice(from, from + 50), has_more: from + 50 < total}};
	});
	try {
		const doc = pointedAt(home, 'openapi-3.1.json', text => text.replace('https://api.paylane.example/v1', `${api.base}/v1`));
		const {summary} = await importThenRun(home, [doc, '--operation', 'ListCustomers'], [], {AEP_SOURCE_SECRET_AUTH_KEY1: 'key-e2e-2'});
		assert.equal(summary.run?.recordsWritten, total);
		assert.ok(
			api.log.some(entry => entry.url.includes('starting_after=r099')),
			JSON.stringify(api.log),
		);
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('Swagger 2.0 listItems (PAGE, basic auth, host/basePath) runs end to end against its API', async () => {
	const home = tempHome();
	const api = await pagedApi('/api/items', basic('inv', 'pw-e2e-3'), url => {
		const size = int(url, 'pageSize', 10);
		const page = int(url, 'pageNumber', 1);
		return {body: {items: records.slice((page - 1) * size, page * size), total_pages: Math.ceil(total / size)}};
	});
	try {
		const doc = pointedAt(home, 'swagger-2.0.yaml', text =>
			text.replace('host: inventory.legacy.example', `host: ${new URL(api.base).host}`).replace('schemes: [http, https]', 'schemes: [http]'),
		);
		const {summary} = await importThenRun(home, [doc, '--operation', 'listItems'], ['--param', 'username=inv'], {AEP_SOURCE_SECRET_PASSWORD: 'pw-e2e-3'});
		assert.equal(summary.run?.recordsWritten, total);
		assert.ok(
			api.log.some(entry => entry.url.includes('pageNumber=2')),
			JSON.stringify(api.log),
		);
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('a curl line with a bearer token and a sample response (cursor + has_more) runs end to end against its API', async () => {
	const home = tempHome();
	const shape = (url: URL) => {
		const from = Number(url.searchParams.get('page[after]') ?? 0);
		const next = Math.min(from + 50, total);
		return {
			body: {
				results: records.slice(from, next),
				meta: {has_more: next < total, after_cursor: next < total ? String(next) : null},
				links: {next: next < total ? `/v2/tickets?page%5Bafter%5D=${next}` : null},
			},
		};
	};
	const api = await pagedApi('/v2/tickets', bearer('tok-e2e-4'), shape);
	try {
		const sample = path.join(home, 'page1.json');
		writeFileSync(sample, JSON.stringify(shape(new URL('http://x/v2/tickets')).body));
		const {summary, output} = await importThenRun(
			home,
			['--curl', `curl -H 'Authorization: Bearer tok-e2e-4' ${api.base}/v2/tickets`, '--response', sample],
			[],
			{AEP_SOURCE_SECRET_ACCESS_TOKEN: 'tok-e2e-4'},
		);
		assert.equal(summary.run?.recordsWritten, total);
		assert.ok(
			api.log.some(entry => entry.url.includes('page%5Bafter%5D=100') || entry.url.includes('page[after]=100')),
			JSON.stringify(api.log),
		);
		assert.doesNotMatch(output, /tok-e2e-4/);
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('a curl line whose host is a placeholder ({{host}}) imports with host as an auth param, and run DRAFT --param host=… runs against that API', async () => {
	const home = tempHome();
	const api = await startThirdPartyApi();
	try {
		const sample = path.join(home, 'tickets.json');
		const first = await fetch(`${api.url}/api/v2/tickets?per_page=10`, {headers: {authorization: `Bearer ${api.token}`}});
		writeFileSync(sample, await first.text());
		const before = api.requestsTo('/api/v2/tickets').length;
		const curl = `curl -H 'Authorization: Bearer ${api.token}' 'https://{{host}}/api/v2/tickets?per_page=10'`;
		const {summary, output} = await importThenRun(home, ['--curl', curl, '--response', sample], ['--param', `host=${api.url}`], {
			AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token,
		});
		assert.match(output, /host: the auth param host/);
		assert.equal(summary.run?.recordsWritten, api.tickets, 'every ticket of the API landed');
		const requests = api.requestsTo('/api/v2/tickets').slice(before);
		assert.ok(requests.length >= 3, `explore, the connection check and the run reached the API (${requests.length} requests)`);
		assert.ok(requests.every(entry => entry.authorization === `Bearer ${api.token}`));
		assert.doesNotMatch(output, new RegExp(api.token));
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});

test('a curl line with a placeholder inside its host (${subdomain}) declares it as an auth property the run takes as --param', async () => {
	const home = tempHome();
	const api = await startThirdPartyApi();
	try {
		const sample = path.join(home, 'tickets.json');
		const first = await fetch(`${api.url}/api/v2/tickets?per_page=10`, {headers: {authorization: `Bearer ${api.token}`}});
		writeFileSync(sample, await first.text());
		const port = new URL(api.url).port;
		const before = api.requestsTo('/api/v2/tickets').length;
		const curl = `curl -H 'Authorization: Bearer ${api.token}' 'http://\${loopback}:${port}/api/v2/tickets?per_page=10'`;
		const {summary, output} = await importThenRun(home, ['--curl', curl, '--response', sample], ['--param', 'loopback=127.0.0.1'], {
			AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token,
		});
		assert.match(output, /host: http:\/\/\$\{loopback\}:\d+/);
		assert.equal(summary.run?.recordsWritten, api.tickets);
		assert.ok(api.requestsTo('/api/v2/tickets').length - before >= 3);
	} finally {
		await api.close();
		rmSync(home, {recursive: true, force: true});
	}
});
