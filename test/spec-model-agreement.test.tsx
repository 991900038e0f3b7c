// One model, three readers: the source screen, `validate` and the engine must give the same answer for the same
// value. Each case is a value that once passed one of them and failed another (issue "One connection-spec model").
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, tempHome, testServices} from './helpers/ui-wizard.js';
import {runCli} from './helpers/cli.js';
import {previewSourceSpec} from '../source/engine/index.js';
import {demoAuthParams, demoConnectionSpec, startDemoSource, type DemoSource} from '../source/sandbox/demo-source/index.js';
import {compileSpec, validateSpec} from '../source/connection-spec/index.js';
import {setIn} from '../source/connection-spec/spec-paths.js';
import {joinedPattern} from './helpers/regex.js';

const clear = '\u0015';
const sa = ['sourceSpec', 'attributes'];

let demo: DemoSource;
before(async () => {
	demo = await startDemoSource({records: 20});
});
after(() => demo.close());

type Case = {
	name: string;
	/** The spec change under test, applied to the demo spec (OFFSET pagination). */
	change: (spec: Record<string, unknown>) => Record<string, unknown>;
	/** Where the finding must be, and what it must say (the screen, validate and the engine all show it). */
	path: string;
	message: RegExp;
	/** What the screen says when it differs only by what it saves (the form saves digits in numeric fields as numbers). */
	screenMessage?: RegExp;
	/** Keys that bring the source screen to the field and type the value. */
	typeIntoScreen: (ink: Awaited<ReturnType<typeof renderWizard>>) => Promise<void>;
};

const cases: Case[] = [
	{
		name: 'limitValue "0"',
		change: spec => setIn(spec, [...sa, 'paginationParams', 'limitValue'], '0'),
		path: 'sourceSpec.attributes.paginationParams.limitValue',
		message: /sourceSpec\.attributes\.paginationParams\.limitValue must be a whole number greater than 0 \(100, or "100"\), but it is the string "0"/,
		screenMessage: /sourceSpec\.attributes\.paginationParams\.limitValue must be a whole number greater than 0 \(100, or "100"\), but it is the number 0/,
		async typeIntoScreen(ink) {
			await pressUntil(ink, keys.down, /❯ {3}limitValue/);
			await ink.press(clear);
			await ink.type('0');
		},
	},
	{
		name: 'endPageIndex "$.total"',
		change: spec =>
			setIn(spec, [...sa, 'paginationParams'], {type: 'PAGE', limitName: 'pageSize', limitValue: 10, pageParamName: 'pageNumber', endPageIndex: '$.total'}),
		path: 'sourceSpec.attributes.paginationParams.endPageIndex',
		message:
			/sourceSpec\.attributes\.paginationParams\.endPageIndex must be the last page number \(5 or "5"\) or "headers\.<name>".*but it is the string "\$\.total"/,
		async typeIntoScreen(ink) {
			await pressUntil(ink, keys.down, /❯ Pagination/);
			for (let i = 0; i < 3; i++) await ink.press(keys.right);
			assert.match(ink.frame(), /‹ PAGE ›/);
			await pressUntil(ink, keys.down, /❯ {3}endPageIndex/);
			await ink.type('$.total');
		},
	},
	{
		name: 'contentPath "$.contacts[["',
		change: spec => setIn(spec, [...sa, 'contentPath', 'path'], '$.contacts[['),
		path: 'sourceSpec.attributes.contentPath.path',
		message: joinedPattern(
			/sourceSpec\.attributes\.contentPath\.path is not a JSONPath the engine can read: /,
			/unexpected "\[" inside brackets .* at character 12 of "\$\.contacts\[\["/,
		),
		async typeIntoScreen(ink) {
			await pressUntil(ink, keys.down, /❯ Records path/);
			await ink.press(clear);
			await ink.type('$.contacts[[');
		},
	},
];

for (const item of cases) {
	test(`${item.name}: the source screen shows the model's error at the field`, async () => {
		const services = testServices();
		seedDraft(services, {step: 'source'});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		try {
			await item.typeIntoScreen(ink);
			const unwrapped = ink.frame().replace(/\n\s*/g, ' '); // long messages wrap at the terminal width
			assert.match(unwrapped, new RegExp(`✖ ${(item.screenMessage ?? item.message).source}`));
		} finally {
			await ink.cleanup();
		}
	});

	test(`${item.name}: validate reports the same error at the same path, and the engine refuses with it`, async () => {
		const spec = item.change(demoConnectionSpec({pagination: 'OFFSET', limit: 10}));
		const result = validateSpec(spec);
		assert.equal(result.valid, false);
		const found = result.errors.find(each => each.path === item.path);
		assert.ok(found, `an error at ${item.path}; got ${JSON.stringify(result.errors)}`);
		assert.match(found.message, item.message);
		assert.deepEqual(
			compileSpec(spec).planErrors.map(each => each.path),
			[item.path],
		);

		const requestsBefore = demo.recentRequests().length;
		const {error, records} = await previewSourceSpec({spec, authParams: demoAuthParams(demo.url), sourceParams: {}});
		assert.equal(error?.code, 'config');
		assert.match(error.message, item.message);
		assert.deepEqual(records, []);
		assert.equal(demo.recentRequests().length, requestsBefore, 'a refused spec sends nothing to the source');
	});
}

test('the valid counterparts pass all three: limitValue "10", endPageIndex "headers.x-pagecount", contentPath "$.contacts[*]"', async () => {
	const spec = setIn(demoConnectionSpec({pagination: 'OFFSET', limit: 10}), [...sa, 'contentPath', 'path'], '$.contacts[*]');
	assert.equal(validateSpec(spec).valid, true, JSON.stringify(validateSpec(spec).errors));
	const {error, records} = await previewSourceSpec({spec, authParams: demoAuthParams(demo.url), sourceParams: {}, maxPages: 5});
	assert.equal(error, undefined, error?.message);
	assert.equal(records.length, 20, 'a wildcard contentPath yields every element');
	const paged = demoConnectionSpec({pagination: 'PAGE', limit: 10});
	assert.equal(validateSpec(paged).valid, true);
	const pages = await previewSourceSpec({spec: paged, authParams: demoAuthParams(demo.url), sourceParams: {}, maxPages: 5});
	assert.equal(pages.result?.stop.code, 'end-page-index');
});

test('validate --json and run refuse contentPath "$.contacts[[" before anything is registered', async () => {
	const home = tempHome();
	try {
		const spec = setIn(demoConnectionSpec({pagination: 'OFFSET', limit: 10}), [...sa, 'contentPath', 'path'], '$.contacts[[');
		const file = path.join(home, 'spec.json');
		writeFileSync(file, JSON.stringify(spec));
		const checked = await runCli(['validate', file, '--json'], {home});
		assert.equal(checked.code, 1, checked.stderr);
		const report = JSON.parse(checked.stdout) as {valid: boolean; errors: {path: string; message: string}[]};
		assert.equal(report.valid, false);
		assert.ok(
			report.errors.some(each => each.path === 'sourceSpec.attributes.contentPath.path' && /at character 12/.test(each.message)),
			checked.stdout,
		);

		const services = testServices(home);
		seedDraft(services, {id: 'broken', step: 'review', change: draft => ({...draft, spec: setIn(draft.spec, [...sa, 'contentPath', 'path'], '$.contacts[[')})});
		const ran = await runCli(['run', 'broken', '--json'], {home});
		assert.equal(ran.code, 1, ran.stderr);
		const summary = JSON.parse(ran.stdout) as {ok: boolean; stage: string; errors: {path: string}[]};
		assert.deepEqual([summary.ok, summary.stage], [false, 'validate']);
		assert.ok(summary.errors.some(each => each.path === 'sourceSpec.attributes.contentPath.path'));
		assert.match(ran.stderr, /nothing was sent/);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});
