// One model for the auth screen and `validate`: for the same auth spec, the screen shows under the field exactly the
// finding `validate` reports at that field's path, with the same words and the same severity (✖ error, ⚠ warning).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard, seedDraft, testServices} from './helpers/ui-wizard.js';
import {getTemplate, validateSpec, type Finding} from '../source/connection-spec/index.js';
import {setIn} from '../source/connection-spec/spec-paths.js';

const clear = '\u0015';
type Ink = Awaited<ReturnType<typeof renderWizard>>;

/** Opens the form of authSpec[index] of the demo template (0 OAuth2, 1 Basic, 2 KeyBased). */
async function openEntry(ink: Ink, index: number): Promise<void> {
	await ink.press(keys.enter);
	for (let i = 0; i < index; i++) {
		await pressUntil(ink, keys.down, /❯ \[ Continue \]/, 30);
		await ink.press(keys.enter);
	}
	assert.match(ink.frame(), new RegExp(`Auth spec ${index + 1} of 3`));
}

type Case = {
	name: string;
	/** The same change, made to the spec directly. */
	change: (spec: Record<string, unknown>) => Record<string, unknown>;
	path: string;
	severity: Finding['severity'];
	rule: string;
	/** A change saved in the draft before the screen opens (what cannot be typed: a template's own state). */
	seed?: boolean;
	typeIntoScreen: (ink: Ink) => Promise<void>;
};

const cases: Case[] = [
	{
		name: 'an auth spec without a name',
		change: spec => {
			// What the screen saves for a cleared name: an empty string.
			const copy = structuredClone(spec) as {authSpec: {name: string}[]};
			copy.authSpec[1]!.name = '';
			return copy;
		},
		path: 'authSpec[1].name',
		severity: 'error',
		rule: 'auth-spec-name',
		async typeIntoScreen(ink) {
			await openEntry(ink, 1);
			await ink.press(keys.enter); // the Name row
			assert.match(ink.frame(), /❯ Auth spec name:/);
			await ink.press(clear);
		},
	},
	{
		name: 'an auth property without a description',
		change: spec => setIn(spec, ['authSpec', 1, 'spec', 'properties', 'username', 'description'], undefined),
		path: 'authSpec[1].spec.properties.username.description',
		severity: 'warning',
		rule: 'auth-property-description',
		async typeIntoScreen(ink) {
			await openEntry(ink, 1);
			await pressUntil(ink, keys.down, /❯ username/);
			await ink.press(keys.enter);
			await pressUntil(ink, keys.down, /❯ Description/);
			await ink.press(clear);
		},
	},
	{
		name: 'a required name that is not declared',
		change: spec => setIn(spec, ['authSpec', 1, 'spec', 'required'], ['host', 'username', 'password', 'token']),
		path: 'authSpec[1].spec.required[3]',
		severity: 'warning',
		rule: 'auth-required-declared',
		seed: true,
		async typeIntoScreen(ink) {
			await openEntry(ink, 1);
			assert.match(ink.frame(), /token +in required, not declared/);
		},
	},
	{
		name: 'a password property that is not marked secret',
		change: spec => setIn(spec, ['authSpec', 1, 'spec', 'properties', 'password', 'format'], undefined),
		path: 'authSpec[1].spec.properties.password.format',
		severity: 'warning',
		rule: 'secret-format-password',
		async typeIntoScreen(ink) {
			await openEntry(ink, 1);
			await pressUntil(ink, keys.down, /❯ password/);
			await ink.press(keys.enter);
			await pressUntil(ink, keys.down, /❯ Secret \(format: password\): ‹ yes ›/);
			await ink.press(keys.left);
			assert.match(ink.frame(), /❯ Secret \(format: password\): ‹ no ›/);
		},
	},
	{
		name: 'a header name with a space',
		change: spec => setIn(spec, ['authSpec', 2, 'spec', 'properties', 'authKey1', 'restAttributes', 'headerParamName'], 'X Api'),
		path: 'authSpec[2].spec.properties.authKey1.restAttributes.headerParamName',
		severity: 'error',
		rule: 'header-name',
		async typeIntoScreen(ink) {
			await openEntry(ink, 2);
			await pressUntil(ink, keys.down, /❯ authKey1/);
			await ink.press(keys.enter);
			await pressUntil(ink, keys.down, /❯ Sent in header/);
			await ink.press(clear);
			await ink.type('X Api');
		},
	},
];

for (const item of cases) {
	test(`auth screen ⇔ validate: ${item.name}`, async () => {
		const result = validateSpec(item.change(getTemplate('demo') as Record<string, unknown>));
		const found = [...result.errors, ...result.warnings].filter(each => each.path === item.path);
		assert.equal(found.length, 1, `validate reports one finding at ${item.path}: ${JSON.stringify(found)}`);
		const expected = found[0]!;
		assert.equal(expected.rule, item.rule);
		assert.equal(expected.severity, item.severity);

		const services = testServices();
		seedDraft(services, {step: 'auth', ...(item.seed ? {change: draft => ({...draft, spec: item.change(draft.spec)})} : {})});
		const ink = await renderWizard({command: 'resume', argv: ['demo-contacts'], services});
		try {
			await item.typeIntoScreen(ink);
			const unwrapped = ink.frame().replace(/\n\s*/g, ' '); // long messages wrap at the terminal width
			const mark = item.severity === 'error' ? '✖' : '⚠';
			assert.ok(unwrapped.includes(`${mark} ${expected.message}`), `the screen shows "${mark} ${expected.message}"; frame:\n${ink.frame()}`);
			// The same severity: a warning is never shown as a blocking error.
			if (item.severity === 'warning') assert.doesNotMatch(unwrapped, /✖/);
		} finally {
			await ink.cleanup();
		}
	});
}

test('auth-property-description: a hidden property (uiAttributes.hidden) needs no description; a blank one is missing', () => {
	const base = getTemplate('demo') as Record<string, unknown>;
	const hidden = setIn(base, ['authSpec', 0, 'spec', 'properties', 'expirationDate'], {type: 'string', format: 'date', uiAttributes: {hidden: true}});
	assert.deepEqual(
		validateSpec(hidden).warnings.filter(each => each.rule === 'auth-property-description'),
		[],
	);
	const blank = setIn(base, ['authSpec', 0, 'spec', 'properties', 'clientId', 'description'], '   ');
	assert.deepEqual(
		validateSpec(blank)
			.warnings.filter(each => each.rule === 'auth-property-description')
			.map(each => each.path),
		['authSpec[0].spec.properties.clientId.description'],
	);
});
