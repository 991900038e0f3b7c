// Authoring on the source-spec and explore screens with keys that arrive in one read: the pagination type cycled
// away from and back keeps its values (also after leaving and re-entering the field, and across the user-input
// editor), digits typed into the model's numeric pagination fields are saved as JSON numbers, and a multi-line
// exploreSpec paste with LF or CRLF line ends is used whole.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, savedDraft, savedSpec, seedDraft, testServices} from './helpers/ui-wizard.js';
import {renderInk} from './helpers/ink.js';
import {Form} from '../source/components/form.js';
import {numericPaginationFields, validateSpec} from '../source/connection-spec/index.js';

const ctrlU = '\u0015';
const pagination = (services: ReturnType<typeof testServices>) =>
	(savedSpec(services)['sourceSpec'] as {attributes: {paginationParams: Record<string, unknown>}}).attributes.paginationParams;

test('source: OFFSET → POINTER, leave the field and come back (and visit the user inputs), ← gives OFFSET its values back', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const before = pagination(services);
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await pressUntil(ink, keys.down, /❯ Pagination/);
		await ink.press(keys.right);
		assert.equal(pagination(services)['type'], 'POINTER');
		// Leave the field (Down Down in one read), type a pointer path plus Enter in one read, come back.
		await ink.press(`${keys.down}${keys.down}${keys.down}`);
		assert.match(ink.frame(), /❯ {3}pointerPath/);
		await ink.press('$.next\r');
		assert.equal(pagination(services)['pointerPath'], '$.next');
		await pressUntil(ink, keys.up, /❯ User inputs/);
		await ink.press(keys.enter);
		assert.match(ink.frame(), /User inputs — what users enter/);
		await ink.press(keys.escape);
		await pressUntil(ink, keys.down, /❯ Pagination/);
		await ink.press(keys.left);
		assert.deepEqual(pagination(services), before, 'OFFSET has its offSetName back; nothing of POINTER stays');
		await ink.press(keys.right);
		assert.equal(pagination(services)['pointerPath'], '$.next', 'and POINTER its pointer path');
	} finally {
		await ink.cleanup();
	}
});

test('source: digits typed into PAGE’s numeric fields are saved as numbers; headers.<name> stays text', async () => {
	const services = testServices();
	seedDraft(services, {step: 'source'});
	const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
	try {
		await pressUntil(ink, keys.down, /❯ Pagination/);
		await pressUntil(ink, keys.right, /❯ Pagination: ‹ PAGE ›/, 5);
		await pressUntil(ink, keys.down, /❯ {3}limitValue/);
		// "250" then three Backspaces in one read, then "25" plus Enter in one read.
		await ink.press(`${ctrlU}250`);
		await ink.press('\u007F\u007F\u007F');
		await ink.press('25\r');
		await pressUntil(ink, keys.down, /❯ {3}pageParamName/);
		await ink.press('page\r');
		await ink.press('1\r');
		await ink.press('headers.x-total-pages\r');
		await ink.press(' 40 \r');
		const saved = pagination(services);
		assert.deepEqual(saved, {
			type: 'PAGE',
			limitName: 'limit',
			limitValue: 25,
			pageParamName: 'page',
			initialPageIndex: 1,
			endPageIndex: 'headers.x-total-pages',
			maximumRequest: 40,
		});
		assert.match(JSON.stringify(savedDraft(services)?.spec), /"limitValue":25,.*"initialPageIndex":1,.*"maximumRequest":40/);
		for (const name of ['limitValue', 'initialPageIndex', 'maximumRequest']) assert.ok(numericPaginationFields.has(name), `${name} is numeric in the model`);
		const findings = validateSpec(savedSpec(services));
		assert.deepEqual(
			[...findings.errors, ...findings.warnings, ...findings.lenient].filter(item => item.path.includes('paginationParams')),
			[],
		);
	} finally {
		await ink.cleanup();
	}
});

test('form: Ctrl-U and text in one read, then three Backspaces in one read, edit the text just typed', async () => {
	const commits: string[] = [];
	const ink = await renderInk(
		<Form fields={[{name: 'size', label: 'Size'}]} values={{size: '50'}} onCommit={(_, value) => commits.push(value)} onDone={() => {}} />,
	);
	await ink.press('\u0015250');
	assert.match(ink.frame(), /❯ Size: 250/);
	await ink.press('\u007F\u007F\u007F');
	assert.doesNotMatch(ink.frame(), /250/);
	await ink.press('25\r');
	assert.deepEqual(commits, ['25']);
	await ink.unmount();
});

for (const [ending, eol] of [
	['LF', '\n'],
	['CRLF', '\r\n'],
] as const) {
	test(`explore: a multi-line exploreSpec paste with ${ending} line ends is used whole`, async () => {
		const services = testServices();
		seedDraft(services, {step: 'explore'});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		try {
			await ink.press(`${keys.down}${keys.down}${keys.enter}`);
			assert.match(ink.frame(), /Paste the exploreSpec JSON/);
			const json = [
				'{',
				'  "name": "Resource",',
				'  "type": "Resource",',
				'  "requestSpec": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},',
			];
			await ink.press(json.join(eol) + eol);
			assert.doesNotMatch(ink.frame(), /✖/);
			assert.match(ink.frame(), /> \{\n {2} {2}"name": "Resource",\n {2} {2}"type": "Resource",\n/, `no empty lines from the ${ending} pairs`);
			await ink.press(`  "responseSpec": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}${eol}}${eol}`);
			await ink.waitFor(frame => /Review —/.test(frame), 5_000);
			assert.deepEqual(savedDraft(services)?.spec['exploreSpec'], {
				name: 'Resource',
				type: 'Resource',
				requestSpec: {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object'},
				responseSpec: {$schema: 'http://json-schema.org/draft-07/schema#', type: 'object'},
			});
		} finally {
			await ink.cleanup();
		}
	});
}
