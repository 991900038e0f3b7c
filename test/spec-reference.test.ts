// Every complete example of the reference must validate with no errors (docs/connection-spec.md#authspec, docs/connection-spec.md#pagination,
// docs/schedule.md#scheduleparams, docs/connection-spec.md#a-complete-example),
// and the schema-form template of docs/connection-spec.md#the-authoring-template must load and explain itself without crashing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {validateSpec, type ValidationResult} from '../source/connection-spec/index.js';
import {advanceUrlParams, authExamples, paginationExamples, scheduleExamples} from './fixtures/spec/reference-examples.js';

const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(`./fixtures/spec/${name}`, import.meta.url), 'utf8'));

function assertNoErrors(result: ValidationResult, label: string): void {
	assert.deepEqual(
		result.errors.map(item => `${item.path}: ${item.message}`),
		[],
		`${label} has no errors`,
	);
	assert.equal(result.valid, true);
	assert.ok(result.spec, `${label} returns the normalised spec`);
}

/** The docs/connection-spec.md#a-complete-example example with its host coming from an auth property, so any documented auth example fits. */
function minimalSpec(): Record<string, any> {
	const spec = fixture('reference-3.8.json');
	spec['sourceSpec'].attributes.urlParams = {path: '/3.0/lists/${listId}/members', method: 'GET'};
	return spec;
}

test('the complete instance example of 3.8 validates with no errors', () => {
	const result = validateSpec(fixture('reference-3.8.json'));
	assertNoErrors(result, '3.8');
	// What the docs do that a strict reading forbids is accepted and said so (docs/connection-spec.md#pagination-rules, #42).
	assert.deepEqual(result.lenient.map(item => item.path).sort(), ['exploreSpec.responseSpec.$schema', 'sourceSpec.attributes.paginationParams.limitValue']);
	assert.deepEqual(result.warnings, []);
});

test('the schema-form template of 3.7 loads, fails with findings and points at the instance form', () => {
	const result = validateSpec(fixture('reference-3.7-schema-form.json'));
	assert.equal(result.valid, false);
	const paths = result.errors.map(item => item.path);
	for (const section of ['urlParams', 'contentPath', 'paginationParams', 'scheduleParams']) {
		assert.ok(paths.includes(`sourceSpec.attributes.${section}`), `reports missing ${section}`);
	}
	assert.ok(
		result.warnings.some(item => item.path === 'sourceSpec.spec' && item.rule === 'instance-form'),
		'explains the schema form',
	);
	// The template requires "host" without declaring it (docs/connection-spec.md#oauth2refreshcode): a warning, not an error
	// (docs/connection-spec.md#authspec-rules).
	assert.ok(result.warnings.some(item => item.path === 'authSpec[0].spec.required[0]' && item.rule === 'auth-required-declared'));
});

for (const example of authExamples) {
	test(`the full ${String(example['type'])} auth example of 3.4 validates inside a minimal spec`, () => {
		const spec = minimalSpec();
		spec['authSpec'] = [example];
		const result = validateSpec(spec);
		assertNoErrors(result, String(example['type']));
		assert.deepEqual(
			result.warnings.filter(item => item.path.startsWith('authSpec')),
			[],
			'no auth warnings',
		);
	});
}

test('the three auth examples together validate, each selectable by its name', () => {
	const spec = minimalSpec();
	spec['authSpec'] = authExamples;
	assertNoErrors(validateSpec(spec), 'all auth examples');
});

for (const pagination of paginationExamples) {
	test(`the ${String(pagination['type'])} pagination example of 3.5.8 validates`, () => {
		const spec = fixture('reference-3.8.json');
		spec['sourceSpec'].attributes.paginationParams = pagination;
		const result = validateSpec(spec);
		assertNoErrors(result, String(pagination['type']));
		assert.deepEqual(
			result.warnings.filter(item => item.path.includes('paginationParams')),
			[],
		);
	});
}

test('paginationExamples cover every documented type', () => {
	assert.deepEqual(
		paginationExamples.map(item => item['type']),
		['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE'],
	);
});

for (const schedule of scheduleExamples) {
	const variant = schedule['type'] === 'ADVANCE' ? 'ADVANCE' : 'standard';
	test(`the ${variant} schedule example of 3.5.9 validates`, () => {
		const spec = fixture('reference-3.8.json');
		spec['sourceSpec'].attributes.scheduleParams = schedule;
		if (variant === 'ADVANCE') {
			spec['sourceSpec'].attributes.urlParams = {...advanceUrlParams, host: 'https://${domain}.api.example.com'};
			spec['sourceSpec'].spec.properties = {};
		}
		const result = validateSpec(spec);
		assertNoErrors(result, variant);
		assert.deepEqual(
			result.warnings.filter(item => item.path.includes('scheduleParams')),
			[],
			'no schedule warnings',
		);
	});
}
