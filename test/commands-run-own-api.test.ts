// `aep-source run` on the default (local) profile against a third-party API that is not the demo source: the
// sandbox emulates the platform, the source requests go to the spec's host. Every test asserts on that API's
// request log, so none can pass by reaching the demo source.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {runCli, tempHome} from './helpers/cli.js';
import {startThirdPartyApi, ticketsSpec, type ThirdPartyApi} from './helpers/third-party-api.js';

let api: ThirdPartyApi;
before(async () => {
	api = await startThirdPartyApi();
});
after(() => api.close());

type RunJson = {
	ok: boolean;
	sourceApi: {api: string; target?: string};
	run?: {status: string; recordsRead: number; recordsWritten: number; errors: {code: string; message: string}[]};
	error?: {message: string; hint?: string};
};

function specFile(home: string, spec: unknown, name = 'spec.json'): string {
	const file = path.join(home, name);
	writeFileSync(file, JSON.stringify(spec));
	return file;
}

function caseSpec(name: string): Record<string, any> {
	return JSON.parse(readFileSync(new URL(`./fixtures/cases/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
}

test('run SPEC_FILE --param host=… on the default profile runs the whole check against that API and lands its records', async () => {
	const home = tempHome();
	try {
		const before = api.requestsTo('/api/v2/tickets').length;
		const file = specFile(home, ticketsSpec('links'));
		const result = await runCli(['run', file, '--param', `host=${api.url}`, '--json'], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(result.code, 0, result.stderr + result.stdout);
		const summary = JSON.parse(result.stdout) as RunJson;
		assert.equal(summary.ok, true);
		assert.deepEqual({api: summary.sourceApi.api, target: summary.sourceApi.target}, {api: 'spec', target: api.url});
		assert.equal(summary.run?.recordsWritten, api.tickets, 'every ticket of the third-party API landed');
		const requests = api.requestsTo('/api/v2/tickets').slice(before);
		// explore reads one page; the run follows links.next through 3 pages of 10.
		assert.ok(requests.length >= 4, `the API saw the explore and the run (${requests.length} requests)`);
		assert.ok(
			requests.every(entry => entry.authorization === `Bearer ${api.token}`),
			'every request carried the bearer token',
		);
		assert.ok(
			requests.some(entry => entry.query['page[after]'] === '20'),
			'the run followed links.next to the last page',
		);
		assert.doesNotMatch(result.stdout + result.stderr, new RegExp(api.token), 'the token never reaches the output');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run prints where source requests go, and --source-api demo sends them to the demo API instead', async () => {
	const home = tempHome();
	try {
		const file = specFile(home, ticketsSpec('links'));
		const before = api.log().length;
		const result = await runCli(['run', file, '--param', `host=${api.url}`, '--source-api', 'demo'], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(result.code, 1, 'the demo API has no /api/v2/tickets');
		assert.match(result.stdout, /^source-api +\.\. +Source requests → demo API http:\/\/127\.0\.0\.1:\d+ \(you picked the demo API\)/m);
		assert.equal(api.log().length, before, 'nothing reached the third-party API');
		assert.match(result.stderr, /404/);
		assert.match(result.stderr, /urlParams\.path/);
		assert.doesNotMatch(result.stderr, /try again later/);

		const bad = await runCli(['run', file, '--param', `host=${api.url}`, '--source-api', 'sideways'], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /--source-api takes one of demo, spec \(got "sideways"\)/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run without the secret names the environment variable; without a host it uses the demo API and says so', async () => {
	const home = tempHome();
	try {
		const file = specFile(home, ticketsSpec('links'));
		const missing = await runCli(['run', file, '--param', `host=${api.url}`], {home});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /accessToken \(environment variable AEP_SOURCE_SECRET_ACCESS_TOKEN\)/);
		const onCommandLine = await runCli(['run', file, '--param', `host=${api.url}`, '--param', 'accessToken=x'], {home});
		assert.equal(onCommandLine.code, 2);
		assert.match(onCommandLine.stderr, /is a secret: pass it in the environment variable AEP_SOURCE_SECRET_ACCESS_TOKEN/);
		const spec = await runCli(['run', file, '--source-api', 'spec'], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(spec.code, 2);
		assert.match(spec.stderr, /host \(--param host=\.\.\.\)/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('case json-lines-source: explore fails in one request with the JSON Lines diagnosis, no "try again later"', async () => {
	const home = tempHome();
	try {
		const before = api.requestsTo('/api/2.0/export').length;
		const file = specFile(home, caseSpec('json-lines-source.json'));
		const result = await runCli(
			['run', file, '--param', `host=${api.url}`, '--param', 'username=analyst', '--param', 'projectId=p-1', '--param', 'timezone=UTC'],
			{
				home,
				env: {AEP_SOURCE_SECRET_PASSWORD: 'tp-basic-password'},
			},
		);
		assert.equal(result.code, 1);
		assert.equal(api.requestsTo('/api/2.0/export').length - before, 1, 'one request: a body that is not JSON is not retried');
		assert.match(result.stderr, /explore/);
		assert.match(result.stderr, /did not return valid JSON \(content-type application\/x-ndjson\)/);
		assert.match(result.stderr, /JSON Lines/);
		assert.match(result.stderr, /Body starts: \{"id":9000/);
		assert.doesNotMatch(result.stderr, /try again later|server error/);
		assert.doesNotMatch(result.stdout + result.stderr, /tp-basic-password/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('case never-ending-cursor: the run stops on the empty page, and nothing calls the source after the check', async () => {
	const home = tempHome();
	try {
		const before = api.requestsTo('/api/v2/search/export').length;
		const file = specFile(home, caseSpec('never-ending-cursor.json'));
		const result = await runCli(['run', file, '--param', `host=${api.url}`, '--param', 'username=analyst', '--json'], {
			home,
			env: {AEP_SOURCE_SECRET_PASSWORD: 'tp-basic-password'},
		});
		assert.equal(result.code, 0, result.stderr + result.stdout);
		const summary = JSON.parse(result.stdout) as RunJson;
		assert.equal(summary.run?.recordsWritten, api.tickets);
		const made = api.requestsTo('/api/v2/search/export').length - before;
		// explore and the credential check of the source connection: 1 page each; the run: 8 pages of 3 (the last
		// with 2) + the empty page that ends it.
		assert.equal(made, 2 + Math.ceil(api.tickets / 3) + 1, `requests made: ${made}`);
		await delay(300);
		assert.equal(api.requestsTo('/api/v2/search/export').length - before, made, 'no request after the check ended');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('an API with records on every page: the run stops at maximumRequest and says so in its errors', async () => {
	const home = tempHome();
	try {
		const spec = caseSpec('never-ending-cursor.json');
		// PAGE on the endless export (the page number is ignored, every page has records): only maximumRequest stops it.
		spec.sourceSpec.attributes.urlParams.queryParams = {variant: 'endless', 'filter[type]': 'user'};
		spec.sourceSpec.attributes.paginationParams = {type: 'PAGE', limitName: 'page[size]', limitValue: '3', pageParamName: 'page', maximumRequest: 12};
		const before = api.requestsTo('/api/v2/search/export').length;
		const file = specFile(home, spec);
		const result = await runCli(['run', file, '--param', `host=${api.url}`, '--param', 'username=analyst', '--json'], {
			home,
			env: {AEP_SOURCE_SECRET_PASSWORD: 'tp-basic-password'},
		});
		assert.equal(result.code, 0, result.stderr + result.stdout);
		const summary = JSON.parse(result.stdout) as RunJson;
		assert.equal(summary.run?.recordsRead, 12 * 3);
		assert.equal(api.requestsTo('/api/v2/search/export').length - before, 2 + 12, 'explore and the credential check (1 each) + the run up to its cap (12)');
		const cap = summary.run?.errors.find(error => /request cap|maximumRequest/.test(error.message));
		assert.ok(cap, `the cap is reported in the run's errors: ${JSON.stringify(summary.run?.errors)}`);
		assert.match(cap.message, /Stopped after 12 requests/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run SPEC_FILE with a usage error (a missing secret, an unknown param) announces and creates no draft; the first usable run does', async () => {
	const home = tempHome();
	try {
		const file = specFile(home, ticketsSpec('links'));
		const draftsDir = path.join(home, 'drafts');
		const saved = () => (existsSync(draftsDir) ? readdirSync(draftsDir).filter(name => name.endsWith('.json')) : []);
		const missing = await runCli(['run', file, '--param', `host=${api.url}`], {home});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /AEP_SOURCE_SECRET_ACCESS_TOKEN/);
		assert.doesNotMatch(missing.stdout + missing.stderr, /Created draft|Using draft/);
		const unknown = await runCli(['run', file, '--param', `host=${api.url}`, '--param', 'colour=blue'], {
			home,
			env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token},
		});
		assert.equal(unknown.code, 2);
		assert.match(unknown.stderr, /Unknown --param "colour"/);
		assert.doesNotMatch(unknown.stdout + unknown.stderr, /Created draft|Using draft/);
		assert.deepEqual(saved(), [], 'no draft was written');
		const ok = await runCli(['run', file, '--param', `host=${api.url}`], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(ok.code, 0, ok.stderr + ok.stdout);
		assert.match(ok.stderr, /Created draft "example-helpdesk-tickets" from the spec file/);
		assert.deepEqual(saved(), ['example-helpdesk-tickets.json']);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('run --param host=… on a spec whose host is fixed says so and how to change it (not "unknown param"); nothing is sent', async () => {
	const home = tempHome();
	try {
		const spec = ticketsSpec('links') as Record<string, any>;
		spec.sourceSpec.attributes.urlParams.host = 'https://acme.helpdesk.example.com';
		spec.authSpec[0].spec.properties = {accessToken: {type: 'string', format: 'password'}};
		spec.authSpec[0].spec.required = ['accessToken'];
		const file = specFile(home, spec);
		const before = api.log().length;
		const result = await runCli(['run', file, '--param', `host=${api.url}`], {home, env: {AEP_SOURCE_SECRET_ACCESS_TOKEN: api.token}});
		assert.equal(result.code, 2);
		assert.match(
			result.stderr,
			/--param host: this spec's host is fixed \(urlParams\.host is https:\/\/acme\.helpdesk\.example\.com\), so it takes no host value/,
		);
		assert.ok(result.stderr.includes(`change urlParams.host in ${file}, or write it as \${host} and declare host`), result.stderr);
		assert.doesNotMatch(result.stderr, /Unknown --param/);
		assert.equal(api.log().length, before);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});
