// validateSpec: normalise the known variants, check the structure with zod, then the cross-field rules.
import {finding, type Finding} from './findings.js';
import {lintSpec} from './lint.js';
import {normaliseSpec} from './normalise.js';
import type {ConnectionSpec} from './schema.js';
import {structuralFindings} from './structure.js';

export type ValidationResult = {
	valid: boolean;
	errors: Finding[];
	warnings: Finding[];
	lenient: Finding[];
	/** Text left to replace (docs/connection-spec.md#unfinished-text): not an error (the spec works), but it blocks submission. */
	unfinished: Finding[];
	/** The normalised spec, when there are no errors. */
	spec: ConnectionSpec | undefined;
};

/** Pure and total: any input (even null, numbers or cyclic junk) yields a result, never an exception. */
export function validateSpec(input: unknown): ValidationResult {
	return checkSpec(input).result;
}

/** validateSpec, plus the normalised spec even when it has errors (compileSpec plans from its error-free parts). */
export function checkSpec(input: unknown): {result: ValidationResult; normalised: unknown} {
	let all: Finding[];
	let spec: unknown;
	try {
		const normalised = normaliseSpec(input);
		spec = normalised.spec;
		all = [...normalised.findings, ...structuralFindings(spec), ...lintSpec(spec)];
	} catch (error) {
		// Only reachable for values JSON cannot produce (cycles inside schemas, throwing getters).
		all = [
			finding(
				'error',
				'',
				'internal',
				`The spec could not be checked: ${error instanceof Error ? error.message : String(error)}.`,
				'Make sure the input is plain JSON.',
			),
		];
	}
	const errors = all.filter(item => item.severity === 'error');
	const result: ValidationResult = {
		valid: errors.length === 0,
		errors,
		warnings: all.filter(item => item.severity === 'warning'),
		lenient: all.filter(item => item.severity === 'lenient'),
		unfinished: all.filter(item => item.severity === 'unfinished'),
		spec: errors.length === 0 ? (spec as ConnectionSpec) : undefined,
	};
	return {result, normalised: spec};
}
