import assert from 'node:assert/strict';
import {test} from 'node:test';
import {applyMapping, type MappingEntry} from '../source/sandbox/mapping.js';
import type {ResolvedSchema} from '../source/sandbox/xdm.js';

// Data Prep's row rules (docs/sandbox-fidelity.md "Data Prep", help/data-prep/home.md): a transformation error sets
// that attribute to null and keeps the row; only a row invalid against the schema (a required field missing or null)
// fails, INGEST-1212-400.

const schema: ResolvedSchema = {
	required: ['_id'],
	properties: {
		_id: {type: 'string'},
		score: {type: 'integer'},
		active: {type: 'boolean'},
		seen: {type: 'string', format: 'date-time'},
		label: {type: 'string'},
	},
};
const attribute = (source: string, destination: string): MappingEntry => ({sourceType: 'ATTRIBUTE', source, destination});

test('a value that cannot be converted, a missing attribute and an unsupported expression each null their field; the row is kept', () => {
	const entries = [
		attribute('id', '_id'),
		attribute('score', 'score'),
		attribute('nowhere.deep', 'active'),
		{sourceType: 'EXPRESSION', source: 'upper(name)', destination: 'label'},
		attribute('seen', 'seen'),
	];
	const mapped = applyMapping(entries, {id: 'r-1', score: 'twelve', seen: '2024-05-01T10:00:00Z', name: 'x'}, schema);
	assert.equal(mapped.ok, true);
	assert.deepEqual(mapped.ok && mapped.value, {_id: 'r-1', seen: '2024-05-01T10:00:00Z'});
	assert.deepEqual(mapped.warnings, [
		{code: 'MAPPER-3700-400', destination: 'score', message: 'Mapper transform error at score: "twelve" is not a number; the field was set to null.'},
		{
			code: 'MAPPER-3700-400',
			destination: 'active',
			message: 'Mapper transform error at active: source attribute "nowhere.deep" is missing in the record; the field was set to null.',
		},
		{
			code: 'MAPPER-3700-400',
			destination: 'label',
			message: 'Mapper transform error at label: expression "upper(name)" uses functions the sandbox does not evaluate; the field was set to null.',
		},
	]);
});

test('a required field nulled by a transformation error fails the row with INGEST-1212-400, saying why', () => {
	const mapped = applyMapping([attribute('id', '_id'), attribute('score', 'score')], {id: {nested: true}, score: 3}, schema);
	assert.equal(mapped.ok, false);
	assert.equal(!mapped.ok && mapped.code, 'INGEST-1212-400');
	assert.equal(
		!mapped.ok && mapped.message,
		'Required field(s) missing or null: _id. Mapper transform error at _id: an object cannot be written to a string field; the field was set to null.',
	);
	assert.equal(mapped.warnings.length, 1);
});

test('a required field that is null in the source fails the row; without a transformation error there is no warning', () => {
	const mapped = applyMapping([attribute('id', '_id'), attribute('score', 'score')], {id: null, score: '7'}, schema);
	assert.deepEqual(mapped, {ok: false, code: 'INGEST-1212-400', message: 'Required field(s) missing or null: _id.', warnings: []});
	const fine = applyMapping([attribute('id', '_id'), attribute('score', 'score')], {id: 'r-2', score: '7'}, schema);
	assert.deepEqual(fine, {ok: true, value: {_id: 'r-2', score: 7}, warnings: []});
});
