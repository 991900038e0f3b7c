// Bootstrapping from a large OpenAPI document: `aep-source import big.{json,yaml} --operation …`, whole command
// (start-up, read, parse, $ref resolution, detection, draft write). The document is generated here: many paths,
// each with parameters and a list response whose items are $refs into a large components section.
import os from 'node:os';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dump} from 'js-yaml';
import {cleanEnv, median, repeat, timeCommand} from './measure.js';
import type {Row} from './run.js';

const cli = path.resolve('dist/cli.js');

/** An OpenAPI 3.0 document of about `targetBytes` as JSON. */
export function bigOpenApi(targetBytes = 5 * 1024 * 1024): Record<string, unknown> {
	const paths: Record<string, unknown> = {};
	const schemas: Record<string, unknown> = {};
	const doc = {
		openapi: '3.0.3',
		info: {title: 'Big API', version: '1'},
		servers: [{url: 'https://api.big.example/v1'}],
		security: [{key: []}],
		paths,
		components: {securitySchemes: {key: {type: 'apiKey', in: 'header', name: 'X-Key'}}, schemas},
	};
	let size = 0;
	for (let i = 0; size < targetBytes; i++) {
		const properties: Record<string, unknown> = {};
		for (let p = 0; p < 24; p++)
			properties[`field_${p}_of_resource_${i}`] = {
				type: p % 3 === 0 ? 'integer' : 'string',
				description: `Field ${p} of resource ${i}, described at some length as real documents do.`,
			};
		properties['related'] = {$ref: `#/components/schemas/Resource${Math.max(0, i - 1)}`};
		schemas[`Resource${i}`] = {type: 'object', properties};
		paths[`/resources${i}`] = {
			get: {
				operationId: `listResources${i}`,
				summary: `List resources of kind ${i}`,
				parameters: [
					{name: 'limit', in: 'query', schema: {type: 'integer', default: 100}},
					{name: 'offset', in: 'query', schema: {type: 'integer'}},
				],
				responses: {
					200: {
						description: 'A page',
						content: {
							'application/json': {
								schema: {type: 'object', properties: {items: {type: 'array', items: {$ref: `#/components/schemas/Resource${i}`}}, has_more: {type: 'boolean'}}},
							},
						},
					},
				},
			},
		};
		size = i % 25 === 0 ? JSON.stringify(doc).length : size + 3400;
	}
	return doc;
}

export async function benchBootstrap(runs: number): Promise<Row[]> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'aep-bench-bootstrap-'));
	try {
		const doc = bigOpenApi();
		const json = path.join(dir, 'big.json');
		const yaml = path.join(dir, 'big.yaml');
		writeFileSync(json, JSON.stringify(doc));
		writeFileSync(yaml, dump(doc, {noRefs: true, lineWidth: -1}));
		const rows: Row[] = [];
		for (const [file, kind] of [
			[json, 'JSON'],
			[yaml, 'YAML'],
		] as const) {
			const home = mkdtempSync(path.join(dir, 'home-'));
			const env = cleanEnv({AEP_SOURCE_HOME: home});
			// A new draft id each time: import never writes over a draft (a taken id is a usage error).
			let serial = 0;
			const times = await repeat(Math.min(runs, 5), () =>
				timeCommand('node', [cli, 'import', file, '--operation', 'listResources7', '--id', `bench-${++serial}`], env),
			);
			const value = median(times);
			const mb = (statSync(file).size / 2 ** 20).toFixed(1);
			rows.push({
				name: `Bootstrap a draft from a ${mb} MB OpenAPI ${kind} document (\`import --operation\`)`,
				value: `${value.toFixed(0)} ms`,
				budget: '≤ 2 s',
				pass: value <= 2000,
			});
		}
		return rows;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
