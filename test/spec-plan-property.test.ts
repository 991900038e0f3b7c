// Property test of the one model: over generated specs, `validate` finds no error ⇔ the engine plans every request
// without a spec error. Specs are valid templates and demo specs with seeded random changes to the parts the engine
// reads (auth specs, urlParams, header/body params, contentPath, explodeEntityPath, paginationParams, scheduleParams,
// user inputs): field-aware values (JSONPaths the engine can and cannot read, counts, page indexes, placeholders)
// and type-changing junk. Repeatable: fixed seed; a failure prints the round and the spec.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {validateHeaderName} from 'node:http';
import {EngineError, planRequests} from '../source/engine/index.js';
import {demoConnectionSpec} from '../source/sandbox/demo-source/index.js';
import {compileSpec, getTemplate, templateNames, validateSpec} from '../source/connection-spec/index.js';
import {seededRandom} from '../source/shared/seeded-random.js';

type Json = Record<string, unknown>;

const bases: Json[] = [
	...templateNames().map(name => getTemplate(name) as Json),
	...(['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE'] as const).map(pagination => demoConnectionSpec({pagination})),
];

const jsonPaths = [
	'$.items',
	'$.contacts[[',
	'$.a[',
	'$.a]',
	'$..items',
	'$.a[?(@.b)]',
	'$.a[*]',
	'$.a[0:2]',
	'$.a[::0]',
	'$.a[-1]',
	"$['odd key']",
	'$["x"].y',
	'paging.next',
	'$',
	'',
	' ',
	'$.',
	'$.a.',
	'$.a[1,2]',
	'$[*].b',
	"$['unclosed",
	'$.*',
];
const counts = [0, 1, 50, -1, 1.5, '0', '10', ' 7 ', 'x', '', '-3', null];
const pageIndexes = [0, 2, -1, '3', 'headers.x-pagecount', 'headers.', '$.total', 'last', ''];
const strings = [
	'limit',
	'offset',
	'',
	' ',
	'page[after]',
	'X-Api-Key',
	'Bad Header',
	'GET',
	'POST',
	'get',
	'QUERYPARAM',
	'HEADERPARAM',
	'query',
	'ADVANCE',
	'advance',
	'yyyy-MM-dd',
	'https://api.example.com',
	'api.example.com',
	'${host}',
	'${nope}',
	'{{host}}',
	'/v1/${listId}',
	'{SCHEDULE_QUERY}',
	'https://${domain}.api.example.com',
	'${domain}.example.com',
];

/** Values that are meaningful for a key; anything else gets generic junk. */
function valueFor(key: string | number, random: () => number): unknown {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	if (random() < 0.2) return pick([null, 0, true, [], {}, 'x', Number.NaN, [1]]);
	if (typeof key === 'string') {
		if (/Path$|^path$|endConditionName/.test(key)) return pick([...jsonPaths, ...strings]);
		if (/limitValue|maximumRequest|initialPageIndex|delayRequestMillis/.test(key)) return pick(counts);
		if (key === 'endPageIndex') return pick(pageIndexes);
		if (key === 'type')
			return pick([
				'OFFSET',
				'POINTER',
				'CONTINUATION_TOKEN',
				'PAGE',
				'NONE',
				'offset',
				'CURSOR',
				'ADVANCE',
				'object',
				'KeyBased',
				'OAuth2RefreshCode',
				'BasicAuthentication',
				undefined,
			]);
	}
	return pick(strings);
}

/** The subtrees the engine reads: only these change, so validate's verdict is about what the engine runs. */
const roots: (string | number)[][] = [
	['authSpec'],
	['sourceSpec', 'attributes', 'urlParams'],
	['sourceSpec', 'attributes', 'headerParams'],
	['sourceSpec', 'attributes', 'bodyParams'],
	['sourceSpec', 'attributes', 'contentPath'],
	['sourceSpec', 'attributes', 'explodeEntityPath'],
	['sourceSpec', 'attributes', 'paginationParams'],
	['sourceSpec', 'attributes', 'scheduleParams'],
	['sourceSpec', 'spec'],
];
const fieldsToAdd = [
	'path',
	'x key',
	'X-Trace',
	'host',
	'limitName',
	'limitValue',
	'offSetName',
	'pointerPath',
	'continuationTokenPath',
	'parameterType',
	'parameterName',
	'pageParamName',
	'endPageIndex',
	'initialPageIndex',
	'maximumRequest',
	'endConditionName',
	'endConditionValue',
	'scheduleStartParamFormat',
	'paramFormat',
	'incremental',
	'backfill',
	'skipAttributes',
	'overrideWrapperAttribute',
	'queryParams',
	'Accept',
];

function mutate(spec: Json, random: () => number): void {
	const root = roots[Math.floor(random() * roots.length)]!;
	let parent: Json | unknown[] = spec;
	for (const key of root.slice(0, -1)) parent = (parent as Json)[key as string] as Json;
	let key: string | number = root.at(-1)!;
	// Walk down a few levels from the root.
	while (random() < 0.7) {
		const node = (parent as Json)[key as string];
		if (typeof node !== 'object' || node === null) break;
		const keys: (string | number)[] = Array.isArray(node) ? node.map((_value, index) => index) : Object.keys(node);
		if (keys.length === 0) break;
		parent = node as Json;
		key = keys[Math.floor(random() * keys.length)]!;
	}
	const target = parent as Record<string | number, unknown>;
	const current = target[key];
	switch (Math.floor(random() * 5)) {
		case 0:
			if (Array.isArray(target)) target.splice(key as number, 1);
			else delete target[key];
			return;
		case 1:
			if (current && typeof current === 'object' && !Array.isArray(current)) {
				const name = fieldsToAdd[Math.floor(random() * fieldsToAdd.length)]!;
				(current as Json)[name] = valueFor(name, random);
				return;
			}
			target[key] = valueFor(key, random);
			return;
		case 2:
			target[key] = typeof current === 'string' ? `${current}\${${random() < 0.5 ? 'host' : 'listId'}}` : valueFor(key, random);
			return;
		default:
			target[key] = valueFor(key, random);
	}
}

/** A value for every credential of the first auth spec and every user input; URL-shaped so host placeholders work. */
function params(spec: Json): {authParams: Json; sourceParams: Json; authSpecName?: string} {
	const value = 'https://h.example';
	const names = (schema: unknown): string[] => Object.keys(((schema as Json | undefined)?.['properties'] as Json | undefined) ?? {});
	const plan = compileSpec(spec).plan;
	const auth = plan?.auth[0];
	return {
		authParams: Object.fromEntries((auth ? Object.keys(auth.properties) : []).map(name => [name, value])),
		sourceParams: Object.fromEntries(names((spec['sourceSpec'] as Json | undefined)?.['spec']).map(name => [name, value])),
	};
}

function enginePlans(spec: Json): {ok: true} | {ok: false; message: string} {
	const {authParams, sourceParams} = params(spec);
	const response = {
		body: {items: [{id: 1, a: [{b: 1}]}], contacts: [{id: 1}], a: [{b: 1}], paging: {next: '/n?p=2'}, meta: {after_cursor: 'c2'}, hasMore: true},
		headers: {'x-pagecount': '5'},
	};
	try {
		const all = (['incremental', 'backfill'] as const).map(scheduleMode =>
			planRequests({spec, authParams, sourceParams, window: {start: new Date(0), end: new Date(3_600_000)}, scheduleMode}, 3, response),
		);
		all.push(planRequests({spec, authParams, sourceParams}, 3, response));
		for (const each of all) {
			for (const request of each.requests) {
				new URL(request.url); // every request is sendable: its URL parses and Node's client takes its header names
				for (const name of Object.keys(request.headers)) validateHeaderName(name);
			}
		}
		return {ok: true};
	} catch (error) {
		if (error instanceof EngineError && error.code === 'config') return {ok: false, message: error.message};
		if (error instanceof TypeError && /Invalid URL|Header name/.test(error.message)) return {ok: false, message: `an unsendable request: ${error.message}`};
		throw error;
	}
}

test('validate finds no error ⇔ the engine plans every request without a spec error (3,000 generated specs)', () => {
	const random = seededRandom(20261130);
	const texts = bases.map(base => JSON.stringify(base));
	let valid = 0;
	let invalid = 0;
	for (let round = 0; round < 3000; round++) {
		const spec = JSON.parse(texts[round % texts.length]!) as Json;
		const changes = 1 + Math.floor(random() * 3);
		for (let change = 0; change < changes; change++) mutate(spec, random);
		const verdict = validateSpec(spec);
		const engine = enginePlans(spec);
		const shown = JSON.stringify(spec.sourceSpec).slice(0, 1500);
		if (verdict.valid) {
			assert.ok(engine.ok, `round ${round}: validate found no error, but the engine says: ${engine.ok ? '' : engine.message}\n${shown}`);
			valid++;
		} else {
			assert.ok(
				!engine.ok,
				`round ${round}: validate found ${JSON.stringify(verdict.errors.map(each => `${each.path}: ${each.message}`))}, ` +
					`but the engine planned every request\n${shown}`,
			);
			invalid++;
		}
	}
	assert.ok(valid > 500 && invalid > 500, `both sides are exercised (${valid} valid, ${invalid} invalid)`);
});
