// In-process validation cost of the largest template, in µs per call.
import {getTemplate, templateNames, validateSpec} from '../source/connection-spec/index.js';
import type {Row} from './run.js';

export async function benchValidation(): Promise<Row[]> {
	const largest = templateNames()
		.map(name => ({name, spec: getTemplate(name)!}))
		.sort((a, b) => JSON.stringify(b.spec).length - JSON.stringify(a.spec).length)[0]!;
	for (let i = 0; i < 200; i++) validateSpec(largest.spec); // warm-up
	const samples: number[] = [];
	for (let round = 0; round < 7; round++) {
		const calls = 1000;
		const start = process.hrtime.bigint();
		for (let i = 0; i < calls; i++) validateSpec(largest.spec);
		samples.push(Number(process.hrtime.bigint() - start) / 1e3 / calls);
	}
	samples.sort((a, b) => a - b);
	const micros = samples[3]!;
	return [
		{name: `Validation of the largest template (${largest.name}), in-process`, value: `${micros.toFixed(0)} µs/call`, budget: '≤ 5 ms', pass: micros <= 5000},
	];
}
