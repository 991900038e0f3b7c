// A form field wired to the one connection-spec model (docs/connection-spec-model.md): the field shows the findings
// of `validateSpec` whose JSON path is the field's path (or lies inside it), with the model's severity — an error
// under the field blocks Continue, a warning is a note that does not. The screen itself checks only raw typed text
// the model never sees (`raw`: JSON syntax, a name typed twice). Pure functions: screens wire them to the form.
import {validateSpec, type Finding} from '../connection-spec/index.js';
import type {FormField} from '../components/form.js';

/** Where a field's value lives in the spec, and how a typed value changes the spec. */
export type ModelCheck = {
	/** The field's JSON path as findings write it (`authSpec[0].spec.properties.host.description`). */
	where: string;
	/** Also findings inside the path (`where.x`, `where[0]`): JSON fields, lists. */
	inside?: boolean;
	/** The whole spec with the typed value applied. */
	apply: (value: string) => unknown;
	/** A check of the raw text the model never sees; its message wins over the model's. */
	raw?: (value: string) => string | undefined;
};

/** True when `path` is `where` or, with `inside`, a path under it. */
export function pathWithin(path: string, where: string, inside = false): boolean {
	return path === where || (inside && (path.startsWith(`${where}.`) || path.startsWith(`${where}[`)));
}

/** Errors, warnings, then unfinished text of the model at `where` (and inside it, with `inside`) for a spec. Lenient findings are not shown. */
export function findingsAt(spec: unknown, where: string, inside = false): Finding[] {
	const result = validateSpec(spec);
	return [...result.errors, ...result.warnings, ...result.unfinished].filter(item => pathWithin(item.path, where, inside));
}

/** The field with `validate` = the raw check, else the model's first error; `note` = the model's first warning (⚠). */
export function checkedByModel<F extends FormField>(field: F, check: ModelCheck): F {
	let last: {value: string; findings: Finding[]} | undefined;
	const findings = (value: string): Finding[] => {
		// The form asks every field on every render: keep the answer for an unchanged value.
		if (last?.value !== value) last = {value, findings: findingsAt(check.apply(value), check.where, check.inside)};
		return last.findings;
	};
	return {
		...field,
		validate: (value: string) => check.raw?.(value) ?? findings(value).find(item => item.severity === 'error')?.message,
		note: (value: string) => {
			if (check.raw?.(value) !== undefined) return undefined;
			const warning = findings(value).find(item => item.severity === 'warning');
			return warning ? `⚠ ${warning.message}` : undefined;
		},
		// Unfinished text (docs/connection-spec.md#unfinished-text) shows under the field instead of ✔, as on every form.
		unfinished: (value: string) => (check.raw?.(value) === undefined ? findings(value).find(item => item.severity === 'unfinished')?.message : undefined),
	};
}
