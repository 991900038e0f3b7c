// Drafts: one JSON file per draft under `<home>/drafts/`, each written atomically, never holding a secret.
import fs from 'node:fs';
import path from 'node:path';
import type {Draft} from '../connection-spec/draft-types.js';
import {secretPropertyNames} from '../connection-spec/index.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';
import {draftIdPattern, parseDraft} from './draft-schema.js';
import {aepHome} from './home.js';
import {storedSecrets} from './profiles.js';
import {writeFileAtomic} from '../shared/atomic-write.js';
import {readDataFile} from './data-file.js';
import {draftFileNames} from './peek.js';
import {acquirePidLock, LockHeldError, type PidLock} from '../shared/pid-lock.js';
import {AepError, UsageError} from '../shared/errors.js';

export type DraftSummary = {
	id: string;
	name: string;
	step: string;
	updatedAt: string;
	/** Set when the file cannot be read as a draft: what is wrong with it. It is listed, never deleted. */
	corrupt?: string;
};

export type DraftStore = {
	/** Newest first; corrupt files are listed with `corrupt` set instead of breaking the list. */
	list(): DraftSummary[];
	/** undefined when absent; throws (naming the file) when the file is corrupt. */
	load(id: string): Draft | undefined;
	/** Whether a file holds the id, readable or not: a corrupt draft's id is taken too (it is never written over). */
	has(id: string): boolean;
	/**
	 * `acme` when free, else `acme-2`, `acme-3` … (a trailing `-N` of `base` is replaced, not extended). `base` must be
	 * a draft id (draftIdPattern); throws UsageError otherwise.
	 */
	freeId(base: string): string;
	/** Strips secrets, sets updatedAt, writes atomically; returns what was written. */
	save(draft: Draft): Draft;
	remove(id: string): void;
	/** Writes the draft's JSON (no secrets) to `file`. */
	exportTo(id: string, file: string): void;
	/**
	 * Reads and validates a draft file; saves it under a new id when the id is taken. The copy starts with no remote
	 * state (registered spec ids, ledgers, runs, the profile, the run origin, export paths), so registering it creates
	 * its own spec instead of replacing the original's; `keepRemote` keeps the remote state (moving a draft between
	 * machines). `id` names the copy instead: UsageError when a draft already holds it (nothing is overwritten).
	 */
	importFrom(file: string, options?: {keepRemote?: boolean; id?: string}): Draft;
	/**
	 * One run (end-to-end check, clean-up) of a draft at a time: `<dir>/<id>.run.lock` holds the runner's pid.
	 * Throws DraftBusyError naming the pid when a live process holds it; a dead holder's lock is taken over
	 * (`tookOver` names its pid). Release it when the run ends.
	 */
	lockRun(id: string): PidLock;
	dir: string;
};

export type DraftStoreOptions = {
	/** Secret values that must never appear in a draft, besides the profile store's client secrets. */
	knownSecrets?: () => Iterable<string>;
};

export class DraftSecretError extends AepError {
	constructor(readonly path: string) {
		super(`The draft was not saved: a known secret value appears at ${path}. Move it to the auth step, where secrets stay in memory.`);
		this.name = 'DraftSecretError';
	}
}

/** A draft id asked for by name is taken; nothing was written. */
export class DraftExistsError extends UsageError {
	constructor(readonly id: string) {
		super(`A draft "${id}" already exists, so nothing was written.`, {
			hint: `Choose another id ("aep-source drafts" lists the saved ones), or remove ${id}.json from the drafts folder first.`,
		});
		this.name = 'DraftExistsError';
	}
}

/** Another process is running a check of this draft. */
export class DraftBusyError extends AepError {
	constructor(
		readonly id: string,
		readonly pid: number,
	) {
		super(`Draft "${id}" is being run by another aep-source (process ${pid}); one run at a time per draft. Wait for it to finish or stop it, then try again.`);
		this.name = 'DraftBusyError';
	}
}

export function openDraftStore(home: string = aepHome(), options: DraftStoreOptions = {}): DraftStore {
	const dir = path.join(home, 'drafts');
	const fileOf = (id: string) => {
		if (!draftIdPattern.test(id))
			throw new UsageError(`"${id.length > 80 ? `${id.slice(0, 80)}…` : id}" is not a draft id (letters, digits, ".", "-", "_").`, {
				hint: '"aep-source drafts" lists the saved drafts.',
			});
		return path.join(dir, `${id}.json`);
	};
	const readDraft = (file: string): Draft => {
		return parseDraft(readDataFile(file, 'draft'), file);
	};
	const write = (draft: Draft, file: string, mode: number) => {
		const clean = withoutSecrets(draft);
		const json = `${JSON.stringify(clean, null, '\t')}\n`;
		assertNoKnownSecret(clean, [...secretValuesOf(draft), ...storedSecrets(home), ...(options.knownSecrets?.() ?? [])]);
		writeFileAtomic(file, json, {mode});
		return clean;
	};
	const has = (id: string) => fs.existsSync(fileOf(id));
	const load = (id: string) => (has(id) ? readDraft(fileOf(id)) : undefined);
	const save = (draft: Draft) => write({...parseDraft(draft, `draft "${draft.id}"`), updatedAt: new Date().toISOString()}, fileOf(draft.id), 0o600);

	return {
		dir,
		list: () => listDrafts(dir, readDraft),
		load,
		has,
		freeId: base => freeId(base, has),
		save,
		remove: id => fs.rmSync(fileOf(id), {force: true}),
		exportTo(id, file) {
			const draft = load(id);
			if (!draft) throw new Error(`There is no draft "${id}"; see \`aep-source drafts\``);
			write(draft, path.resolve(file), 0o644);
		},
		lockRun(id) {
			const file = fileOf(id).replace(/\.json$/, '.run.lock');
			fs.mkdirSync(dir, {recursive: true, mode: 0o700});
			try {
				return acquirePidLock(file);
			} catch (error) {
				if (error instanceof LockHeldError) throw new DraftBusyError(id, error.pid);
				throw error;
			}
		},
		importFrom(file, importOptions = {}) {
			const read = readDraft(path.resolve(file));
			if (importOptions.id !== undefined && has(importOptions.id)) throw new DraftExistsError(importOptions.id);
			const id = importOptions.id ?? freeId(read.id, has);
			if (importOptions.keepRemote) return save({...read, id});
			const {remote: _remote, exports: _exports, madeBy: _madeBy, profile: _profile, ...own} = read;
			return save({...own, id, remote: {}});
		},
	};
}

function listDrafts(dir: string, readDraft: (file: string) => Draft): DraftSummary[] {
	const summaries = draftFileNames(dir).map(name => {
		const file = path.join(dir, name);
		const id = name.slice(0, -'.json'.length);
		const mtimeMs = fs.statSync(file).mtimeMs;
		try {
			const draft = readDraft(file);
			const summary: DraftSummary = {id, name: draft.artifacts.label || draft.artifacts.sourceName || id, step: draft.step, updatedAt: draft.updatedAt};
			return {summary, mtimeMs};
		} catch (error) {
			const summary: DraftSummary = {id, name, step: 'unknown', updatedAt: new Date(mtimeMs).toISOString(), corrupt: (error as Error).message};
			return {summary, mtimeMs};
		}
	});
	// Saves within one millisecond share updatedAt; the file time (sub-millisecond) breaks the tie.
	summaries.sort((a, b) => b.summary.updatedAt.localeCompare(a.summary.updatedAt) || b.mtimeMs - a.mtimeMs);
	return summaries.map(entry => entry.summary);
}

/** `acme` → `acme-2`, `acme-3` … until free; the one free-id rule for every way a draft is made. */
function freeId(id: string, taken: (id: string) => boolean): string {
	if (!taken(id)) return id;
	const stem = id.replace(/-\d+$/, '');
	for (let n = 2; ; n += 1) if (!taken(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Secret by name, or declared secret by the spec (`format: "password"` in any auth spec or user input, docs/connection-spec.md#authspec). */
function isSecretParam(key: string, declared: Set<string>): boolean {
	return isSecretKeyName(key) || declared.has(key);
}

function secretValuesOf(draft: Draft): string[] {
	const declared = secretPropertyNames(draft.spec);
	const params = {...draft.test.sourceParams, ...draft.test.authParams};
	return Object.entries(params)
		.filter(([key]) => isSecretParam(key, declared))
		.map(([, value]) => value);
}

/** Drops secret auth values (and secret-named source params, e.g. an API key sent as a query parameter). */
export function withoutSecrets(draft: Draft): Draft {
	const declared = secretPropertyNames(draft.spec);
	const keep = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).filter(([key]) => !isSecretParam(key, declared)));
	return {...draft, test: {...draft.test, authParams: keep(draft.test.authParams), sourceParams: keep(draft.test.sourceParams)}};
}

function assertNoKnownSecret(draft: Draft, secrets: string[]): void {
	const values = secrets.filter(secret => secret.length >= 4);
	if (values.length === 0) return;
	const walk = (node: unknown, at: string): void => {
		if (typeof node === 'string') {
			if (values.some(secret => node.includes(secret))) throw new DraftSecretError(at || '(draft)');
		} else if (node && typeof node === 'object') {
			for (const [key, child] of Object.entries(node)) walk(child, at ? `${at}.${key}` : key);
		}
	};
	walk(draft, '');
}
