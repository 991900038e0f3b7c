// Property test: 10,000 seeded random mutations of valid specs. validateSpec must never throw, never fall back to
// its internal-error finding, and always answer valid === (errors.length === 0). Repeatable: fixed seed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {getTemplate, templateNames, validateSpec} from '../source/connection-spec/index.js';
import {seededRandom as prng} from '../source/shared/seeded-random.js';

type Node = Record<string, unknown> | unknown[];
type Slot = {parent: Node; key: string | number};

const enums = [
	'OFFSET',
	'offset',
	'POINTER',
	'CONTINUATION_TOKEN',
	'PAGE',
	'NONE',
	'ADVANCE',
	'advance',
	'GET',
	'POST',
	'get',
	'OAuth2RefreshCode',
	'BasicAuthentication',
	'KeyBased',
	'keybased',
	'QUERYPARAM',
	'HEADERPARAM',
	'object',
	'password',
	'Resource',
	'',
	'${host}',
	'${nope}',
	'{{HOST}}',
	'{x}',
	'$.a',
	'0',
	'-1',
	'http: //json-schema.org/draft-07/schema#',
];
const keys = [
	'type',
	'path',
	'host',
	'hostname',
	'offsetName',
	'offSetName',
	'limitValue',
	'required',
	'properties',
	'spec',
	'key',
	'text',
	'enum',
	'__proto__',
	'constructor',
	'pointerPath',
	'bodyParams',
	'scheduleParams',
	'restAttributes',
	'$schema',
];

function junk(random: () => number, depth = 0): unknown {
	const pick = Math.floor(random() * (depth > 2 ? 7 : 10));
	switch (pick) {
		case 0:
			return null;
		case 1:
			return Math.floor(random() * 2000) - 1000;
		case 2:
			return random() < 0.5;
		case 3:
			return enums[Math.floor(random() * enums.length)];
		case 4:
			return random();
		case 5:
			return '';
		case 6:
			return Number.NaN;
		case 7:
			return [junk(random, depth + 1), junk(random, depth + 1)];
		case 8:
			return {[keys[Math.floor(random() * keys.length)] ?? 'k']: junk(random, depth + 1)};
		default:
			return {};
	}
}

/** A random slot (parent + key): walk down from the root, stopping at each level with a small probability. */
function pickSlot(root: Node, random: () => number): Slot | undefined {
	let node: Node = root;
	let slot: Slot | undefined;
	while (true) {
		const keys: (string | number)[] = Array.isArray(node) ? node.map((_value, index) => index) : Object.keys(node);
		if (keys.length === 0) return slot;
		const key = keys[Math.floor(random() * keys.length)] ?? 0;
		slot = {parent: node, key};
		const child = (node as Record<string | number, unknown>)[key];
		if (typeof child !== 'object' || child === null || random() < 0.15) return slot;
		node = child as Node;
	}
}

function mutate(spec: Record<string, unknown>, random: () => number): unknown {
	const slot = pickSlot(spec, random);
	if (!slot) return junk(random);
	const parent = slot.parent as Record<string | number, unknown>;
	const current = parent[slot.key];
	switch (Math.floor(random() * 7)) {
		case 0:
			if (Array.isArray(parent)) parent.splice(slot.key as number, 1);
			else delete parent[slot.key];
			break;
		case 1:
			parent[slot.key] = junk(random);
			break;
		case 2:
			parent[slot.key] = enums[Math.floor(random() * enums.length)];
			break;
		case 3: // change the JSON type while keeping the content
			parent[slot.key] =
				typeof current === 'string' ? Number(current) || [current] : typeof current === 'number' ? String(current) : JSON.stringify(current ?? null);
			break;
		case 4:
			if (typeof current === 'object' && current !== null && !Array.isArray(current))
				(current as Record<string, unknown>)[keys[Math.floor(random() * keys.length)] ?? 'k'] = junk(random);
			else parent[slot.key] = {value: current};
			break;
		case 5:
			if (Array.isArray(current)) current.push(junk(random), current[0]);
			else parent[slot.key] = [current];
			break;
		default:
			if (random() < 0.02) return junk(random);
			parent[slot.key] = typeof current === 'string' ? `${current}\${${keys[Math.floor(random() * keys.length)]}}` : current;
	}
	return spec;
}

const bases: Record<string, unknown>[] = [
	...templateNames().map(name => getTemplate(name) as Record<string, unknown>),
	JSON.parse(readFileSync(new URL('./fixtures/spec/reference-3.8.json', import.meta.url), 'utf8')),
	JSON.parse(readFileSync(new URL('./fixtures/spec/reference-3.7-schema-form.json', import.meta.url), 'utf8')),
];

test('10,000 random mutations: never throws, valid === (errors.length === 0)', () => {
	const random = prng(20240531);
	const texts = bases.map(base => JSON.stringify(base));
	let invalid = 0;
	for (let round = 0; round < 10_000; round++) {
		let spec: unknown = JSON.parse(texts[round % texts.length] ?? '{}');
		const steps = 1 + Math.floor(random() * 3);
		for (let step = 0; step < steps && typeof spec === 'object' && spec !== null && !Array.isArray(spec); step++) {
			spec = mutate(spec as Record<string, unknown>, random);
		}
		const result = validateSpec(spec);
		assert.equal(result.valid, result.errors.length === 0, `round ${round}`);
		assert.equal(result.spec === undefined, !result.valid, `round ${round}: spec only when valid`);
		const findings = [...result.errors, ...result.warnings, ...result.lenient];
		const internal = findings.find(item => item.rule === 'internal');
		if (internal) assert.fail(`round ${round}: ${internal.message} in ${JSON.stringify(spec).slice(0, 300)}`);
		for (const item of findings) assert.equal(typeof item.path, 'string');
		if (!result.valid) invalid++;
	}
	assert.ok(invalid > 3000, `mutations break specs often enough to exercise the error paths (${invalid})`);
});

test('garbage inputs give a result, not an exception', () => {
	const cyclic: Record<string, unknown> = {name: 'x'};
	cyclic['self'] = cyclic;
	const bodyCycle = structuredClone(bases[0]) as Record<string, any>;
	const body: Record<string, unknown> = {};
	body['again'] = body;
	bodyCycle['sourceSpec'].attributes.bodyParams = body;
	for (const input of [
		null,
		undefined,
		0,
		'spec',
		true,
		[],
		[{}],
		{},
		{authSpec: {}},
		{sourceSpec: []},
		{authSpec: [null, 1, 'x']},
		cyclic,
		bodyCycle,
		Object.create(null),
	]) {
		const result = validateSpec(input);
		assert.equal(result.valid, result.errors.length === 0);
	}
	assert.equal(validateSpec(null).errors[0]?.path, '');
});
