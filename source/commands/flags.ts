// Flag declarations for the command table, pastel-style: each flag is a zod schema with its help text, so parsing,
// validation, `--help` and the error messages all come from one declaration. Adding a flag to a command is one line
// in registry.ts, e.g. `seed: flag.integer('Seed of the fault injection', {min: 0})`.
// The schemas are built on first use: zod stays off the start-up path of `--help` and of the wizard's first frame
// (bench/startup.ts); it loads only when a command is given a flag to check.
import {parseArgs} from 'node:util';
import type {z} from 'zod';
import {cutForEcho} from '../shared/errors.js';
import {wrapHanging} from '../shared/wrap-text.js';
import {UsageError} from './context.js';

type Kind = 'boolean' | 'string' | 'list' | 'integer' | 'choice';

/** What `--help` shows for a flag, and what an error says it expects. */
export type FlagMeta = {kind: Kind; description: string; value?: string; expects?: string; short?: string};

type Zod = typeof z;

/** One flag: its help text, and its zod schema (built from zod when first needed). `T` is the parsed value's type. */
export type Flag<T> = {meta: FlagMeta; schema: (zod: Zod) => z.ZodType<T | undefined>};

type Extra = {short?: string};

export const flag = {
	/** `--json`: present or not. */
	boolean: (description: string, extra: Extra = {}): Flag<boolean> => ({
		meta: {kind: 'boolean', description, ...extra},
		schema: zod => zod.boolean().optional(),
	}),
	/** `--profile NAME`. */
	string: (description: string, value = 'VALUE', extra: Extra = {}): Flag<string> => ({
		meta: {kind: 'string', description, value, expects: `needs a ${value}`, ...extra},
		schema: zod => zod.string().min(1).optional(),
	}),
	/** `--param key=value`, repeatable. */
	list: (description: string, value = 'VALUE'): Flag<string[]> => ({
		meta: {kind: 'list', description, value, expects: `needs a ${value}`},
		schema: zod => zod.array(zod.string()).optional(),
	}),
	/** `--port N`: a whole number in a range. */
	integer: (description: string, range: {min: number; max?: number}, value = 'N'): Flag<number> => ({
		meta: {
			kind: 'integer',
			description,
			value,
			expects: range.max === undefined ? `takes a whole number ≥ ${range.min}` : `takes a whole number from ${range.min} to ${range.max}`,
		},
		schema: zod => {
			const number = zod.coerce.number().int().min(range.min);
			return (range.max === undefined ? number : number.max(range.max)).optional();
		},
	}),
	/** `--format csv|json`: one of a fixed list. */
	choice: <const T extends readonly [string, ...string[]]>(description: string, choices: T): Flag<T[number]> => ({
		meta: {kind: 'choice', description, value: choices.join('|'), expects: `takes one of ${choices.join(', ')}`},
		schema: zod => zod.enum(choices as unknown as [T[number], ...T[number][]]).optional() as unknown as z.ZodType<T[number] | undefined>,
	}),
};

export type FlagShape = Record<string, Flag<unknown>>;
export type FlagValues<F extends FlagShape> = {[K in keyof F]: F[K] extends Flag<infer T> ? T | undefined : never};

export function flagMeta(declaration: Flag<unknown>): FlagMeta {
	return declaration.meta;
}

/** The closest flag name to a mistyped one (edit distance ≤ 2), for "did you mean". */
function closest(name: string, names: string[]): string | undefined {
	const distance = (a: string, b: string): number => {
		const row = Array.from({length: b.length + 1}, (_, i) => i);
		for (let i = 1; i <= a.length; i++) {
			let previous = row[0]!;
			row[0] = i;
			for (let j = 1; j <= b.length; j++) {
				const current = row[j]!;
				row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
				previous = current;
			}
		}
		return row[b.length]!;
	};
	const scored = names.map(candidate => ({candidate, score: distance(name, candidate)})).sort((a, b) => a.score - b.score);
	return scored[0] && scored[0].score <= 2 ? scored[0].candidate : undefined;
}

export type Parsed<F extends FlagShape> = {flags: FlagValues<F>; args: string[]; help: boolean};

/**
 * Parses `argv` against a command's declared flags (plus `--help`/`-h`). Throws UsageError, in the product's
 * words, for an unknown flag, a missing or malformed value, or more positional arguments than `maxArgs`.
 */
export async function parseCommandLine<F extends FlagShape>(invocation: string, argv: string[], flags: F, maxArgs: number): Promise<Parsed<F>> {
	const options: Record<string, {type: 'boolean' | 'string'; multiple?: boolean; short?: string}> = {help: {type: 'boolean', short: 'h'}};
	for (const [name, schema] of Object.entries(flags)) {
		const meta = flagMeta(schema);
		options[name] = {
			type: meta.kind === 'boolean' ? 'boolean' : 'string',
			...(meta.kind === 'list' ? {multiple: true} : {}),
			...(meta.short ? {short: meta.short} : {}),
		};
	}
	const helpFor = `Run "${invocation} --help" to see its options.`;
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(describeParseError(invocation, error, Object.keys(flags)), {hint: helpFor});
	}
	const values = parsed.values as Record<string, unknown>;
	if (values['help']) return {flags: {} as FlagValues<F>, args: [], help: true};
	const out: Record<string, unknown> = {};
	const given = Object.keys(flags).filter(name => values[name] !== undefined);
	const zod = given.length > 0 ? (await import('zod')).z : undefined;
	for (const name of given) {
		const schema = flags[name]!;
		const result = schema.schema(zod!).safeParse(values[name]);
		if (!result.success) {
			const meta = flagMeta(schema);
			const given = values[name];
			const shown = Array.isArray(given) ? given.at(-1) : given;
			throw new UsageError(`--${name} ${meta.expects ?? 'has a bad value'}${shown === undefined ? '' : ` (got "${cutForEcho(String(shown), 60)}")`}.`, {
				hint: helpFor,
			});
		}
		out[name] = result.data;
	}
	if (parsed.positionals.length > maxArgs) {
		const extra = parsed.positionals[maxArgs] ?? '';
		throw new UsageError(`"${invocation}" does not take the argument "${cutForEcho(extra, 60)}"${maxArgs === 0 ? '' : ` (it takes at most ${maxArgs})`}.`, {
			hint: helpFor,
		});
	}
	return {flags: out as FlagValues<F>, args: parsed.positionals, help: false};
}

function describeParseError(invocation: string, error: unknown, names: string[]): string {
	const code = (error as {code?: string}).code;
	const message = error instanceof Error ? error.message : String(error);
	const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
	const name = option.replace(/^-+/, '').split('=')[0] ?? '';
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		const guess = closest(name, names);
		return `"${invocation}" has no option ${cutForEcho(option, 60)}.${guess ? ` Did you mean --${guess}?` : ''}`;
	}
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		if (/does not take an argument/.test(message)) return `${option.split('=')[0]} is a switch and takes no value.`;
		return `${option} needs a value.`;
	}
	return `Could not read the options of "${invocation}".`;
}

/**
 * The "Options:" lines of a command's help at `columns`: descriptions in one column, wrapped under themselves. The
 * column starts after the widest option up to 30 characters; a longer option gets its description on the next line.
 */
export function optionLines(flags: FlagShape, extra: Array<[string, string]>, columns: number): string[] {
	const rows: Array<[string, string]> = Object.entries(flags).map(([name, schema]) => {
		const meta = flagMeta(schema);
		const left = `--${name}${meta.kind === 'boolean' ? '' : ` ${meta.value}`}${meta.short ? `, -${meta.short}` : ''}`;
		return [left, `${meta.description}${meta.kind === 'list' ? ' (repeatable)' : ''}`];
	});
	rows.push(...extra);
	const width = Math.min(30, Math.max(...rows.map(([left]) => left.length)) + 2);
	return rows.flatMap(([left, right]) =>
		left.length + 2 <= width ? wrapHanging(`  ${left.padEnd(width)}`, right, columns) : [`  ${left}`, ...wrapHanging(' '.repeat(width + 2), right, columns)],
	);
}
