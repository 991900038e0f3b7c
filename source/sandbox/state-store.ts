import {AsyncLocalStorage} from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {open, type Database, type RootDatabase} from 'lmdb';
import {acquirePidLock, LockHeldError, lockOwner} from '../shared/pid-lock.js';
import {AepError} from '../shared/errors.js';

// All sandbox state lives in one LMDB environment (state/sandbox.mdb), one named database per collection. LMDB
// was chosen over hand-written JSON files for durability (a commit is flushed before its promise resolves) and
// bounded memory (nothing is held in memory but writes still in flight); see docs/sandbox-state.md.

export type Entity = Record<string, unknown> & {id: string};

export const collectionNames = [
	'connectionSpecs',
	'flowSpecs',
	'connections',
	'sourceConnections',
	'targetConnections',
	'flows',
	'runs',
	'schemas',
	'fieldgroups',
	'classes',
	'dataSets',
	'batches',
	'mappingSets',
] as const;

export type CollectionName = (typeof collectionNames)[number];

const legacyFormat = 'aep-source-sandbox/1';

/** Thrown when the state cannot be opened or read; names the file and never resets it. */
export class SandboxDataError extends AepError {}

/** Thrown when a change could not be saved; the server answers 500 and reports it on stderr. */
export class StateWriteError extends AepError {}

const cacheSize = 500;

/** What is stored per key: the entity and its insertion sequence (lists keep creation order, as before). */
type Stored = {s: number; e: Entity};

/** Writes made while handling one request, awaited before the answer is sent. */
type WriteLog = Promise<unknown>[];

/**
 * One collection. Reads are synchronous (LMDB maps the file); writes are queued and committed in batches on
 * LMDB's writer thread. Until a write is committed, `get`/`values` see it through a small overlay of writes in
 * flight, so a handler reads its own writes; the overlay holds only uncommitted writes (bounded by load).
 */
export class Collection {
	private readonly pending = new Map<string, Stored | null>();
	/** Decoded committed values of recently read ids (hot GETs skip decoding); at most `cacheSize` entries. */
	private readonly cache = new Map<string, Stored>();

	constructor(
		readonly name: CollectionName,
		private readonly db: Database<Stored, string>,
		private readonly store: StateStore,
	) {}

	get(id: string): Entity | undefined {
		const stored = this.read(id);
		return stored?.e;
	}

	private read(id: string): Stored | undefined {
		const pending = this.pending.get(id);
		if (pending !== undefined) return pending ?? undefined;
		const cached = this.cache.get(id);
		if (cached) return cached;
		const stored = this.db.get(id);
		if (stored) this.remember(id, stored);
		return stored;
	}

	private remember(id: string, stored: Stored): void {
		if (this.cache.size >= cacheSize) this.cache.delete(this.cache.keys().next().value!);
		this.cache.set(id, stored);
	}

	/** Every entity, in creation order. Scans the database (O(n)); used by lists and the scheduler. */
	values(): Entity[] {
		const rows: Stored[] = [];
		for (const {key, value} of this.db.getRange()) {
			if (!this.pending.has(key)) rows.push(value);
		}
		for (const stored of this.pending.values()) if (stored) rows.push(stored);
		return rows.sort((a, b) => a.s - b.s).map(row => row.e);
	}

	/** Stores the entity (visible at once; durable when the request's writes are awaited). */
	put(entity: Entity): Entity {
		const stored: Stored = {s: this.read(entity.id)?.s ?? this.store.nextSequence(), e: entity};
		this.track(entity.id, stored, this.db.put(entity.id, stored));
		return entity;
	}

	delete(id: string): boolean {
		if (!this.read(id)) return false;
		this.track(id, null, this.db.remove(id));
		return true;
	}

	private track(id: string, stored: Stored | null, write: Promise<unknown>): void {
		this.pending.set(id, stored);
		this.cache.delete(id);
		const settle = () => {
			if (this.pending.get(id) === stored) this.pending.delete(id);
		};
		write.then(
			() => {
				settle();
				this.cache.delete(id);
			},
			(error: unknown) => {
				settle();
				this.cache.delete(id);
				this.store.reportWriteFailure(this.name, id, error);
			},
		);
		this.store.recordWrite(write);
	}

	/** Imports entities from the old JSON files (one transaction, awaited by the caller). */
	importAll(entities: Entity[]): Promise<unknown>[] {
		return entities.map(entity => this.db.put(entity.id, {s: this.store.nextSequence(), e: entity}));
	}
}

export type StateStoreOptions = {
	/** Called once per failed write with a one-line description (default: stderr). */
	onWriteError?: (message: string) => void;
};

/**
 * All sandbox state under `dataDir/state`. A request handler's writes are collected with `collectWrites` and
 * awaited before the answer goes out, so an acknowledged change survives kill -9 (LMDB commits are flushed).
 */
export class StateStore {
	readonly collections: Record<CollectionName, Collection>;
	private readonly writes = new AsyncLocalStorage<WriteLog>();
	private sequence = Date.now() * 1000;
	private closed = false;
	/** Writes that failed since open (reported one by one through onWriteError). */
	failedWrites = 0;

	private constructor(
		readonly dataDir: string,
		private readonly root: RootDatabase,
		private readonly options: StateStoreOptions,
	) {
		holdCommitFailureGuard();
		const entries = collectionNames.map(name => [name, new Collection(name, root.openDB<Stored, string>({name, cache: false}), this)] as const);
		this.collections = Object.fromEntries(entries) as Record<CollectionName, Collection>;
	}

	/**
	 * Opens (creating if needed) the state under `dataDir`. Throws SandboxDataError when the folder cannot be
	 * written or the files cannot be read, and SandboxBusyError (from acquireLock) when another process owns it.
	 * Old JSON state files are migrated once, then moved to `state/json-before-lmdb/`.
	 */
	static async open(dataDir: string, options: StateStoreOptions = {}): Promise<StateStore> {
		const stateDir = path.join(dataDir, 'state');
		try {
			// Base connections hold the source's credentials (as the real service does server-side): owner-only files.
			fs.mkdirSync(stateDir, {recursive: true, mode: 0o700});
			fs.accessSync(stateDir, fs.constants.W_OK);
		} catch (error) {
			throw new SandboxDataError(
				`The sandbox cannot write its state folder ${stateDir} ` +
					`(${describeFsError(error)}). Make it writable, or point the sandbox elsewhere (--data DIR, or AEP_SOURCE_HOME).`,
			);
		}
		acquireLock(lockFile(dataDir));
		let root: RootDatabase | undefined;
		let store: StateStore | undefined;
		try {
			removeLeftoverTemporaries(stateDir);
			const file = path.join(stateDir, 'sandbox.mdb');
			root = open({path: file, maxDbs: 32, compression: false});
			for (const created of [file, `${file}-lock`]) if (fs.existsSync(created)) fs.chmodSync(created, 0o600);
			store = new StateStore(dataDir, root, options);
			await store.migrateJsonFiles(stateDir);
			return store;
		} catch (error) {
			if (store) await store.close().catch(() => undefined);
			else await root?.close().catch(() => undefined);
			releaseLock(dataDir);
			if (error instanceof SandboxDataError) throw error;
			throw new SandboxDataError(`The sandbox cannot open its state in ${stateDir}: ${describeFsError(error)}`);
		}
	}

	nextSequence(): number {
		this.sequence = Math.max(this.sequence + 1, Date.now() * 1000);
		return this.sequence;
	}

	recordWrite(write: Promise<unknown>): void {
		this.writes.getStore()?.push(write);
	}

	reportWriteFailure(name: CollectionName, id: string, error: unknown): void {
		this.failedWrites++;
		const report = (cause: unknown) => {
			const message = `aep-source sandbox: could not save ${name}/${id} in ${this.dataDir}: ${describeFsError(cause)}`;
			(this.options.onWriteError ?? (line => process.stderr.write(`${line}\n`)))(message);
		};
		// lmdb rejects a failed commit with a generic error whose `commitError` promise holds the cause (EIO, ENOSPC…).
		const cause = (error as {commitError?: Promise<unknown>})?.commitError;
		if (cause && typeof cause.then === 'function') cause.then(() => report(error), report);
		else report(error);
	}

	/**
	 * Runs `work` and waits until every write it made is durable. Rejects with StateWriteError when one failed
	 * (the failure is also reported through onWriteError).
	 */
	async collectWrites<T>(work: () => Promise<T> | T): Promise<T> {
		const log: WriteLog = [];
		const result = await this.writes.run(log, work);
		// Writes started later by background work begun here (a run) are not this request's; stop collecting.
		const mine = log.splice(0);
		const outcomes = await Promise.allSettled(mine);
		const failed = outcomes.find(outcome => outcome.status === 'rejected');
		if (failed) throw new StateWriteError(String((failed.reason as Error)?.message ?? failed.reason));
		return result;
	}

	/** Runs `work` outside any request's write collection (background runs). */
	detached<T>(work: () => T): T {
		return this.writes.exit(work);
	}

	/** Resolves once every write so far is committed and flushed. */
	async flushed(): Promise<void> {
		await this.root.flushed;
	}

	/** Flushes, closes the database and gives the data dir back to other processes. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		// close() finishes queued writes. After a failed commit lmdb 3.5's close (and `flushed`) never settles; what
		// could be saved was, so give it a second and go on (an awaited promise that never settles would let Node
		// exit 0 mid-shutdown).
		const closing = this.root.close();
		if (this.failedWrites === 0) await closing;
		else await Promise.race([closing, delay(1000)]);
		releaseCommitFailureGuard();
		releaseLock(this.dataDir);
	}

	private async migrateJsonFiles(stateDir: string): Promise<void> {
		const files = collectionNames.map(name => [name, path.join(stateDir, `${name}.json`)] as const).filter(([, file]) => fs.existsSync(file));
		if (files.length === 0) return;
		const parsed = files.map(([name, file]) => [name, file, readLegacyFile(file)] as const);
		const writes = parsed.flatMap(([name, , entities]) => this.collections[name].importAll(entities));
		await Promise.all(writes);
		await this.root.flushed;
		const backup = path.join(stateDir, 'json-before-lmdb');
		fs.mkdirSync(backup, {recursive: true, mode: 0o700});
		for (const [, file] of parsed) fs.renameSync(file, path.join(backup, path.basename(file)));
	}
}

/**
 * lmdb docs/connection-spec.md#sourcespec also rejects an internal batch promise nobody can hold when a commit fails (EIO, ENOSPC), which would
 * crash the process with an unhandled rejection after the failure was already answered 500 and reported. While a
 * store is open, exactly those rejections (errors carrying lmdb's `commitError`) are absorbed; any other
 * unhandled rejection is rethrown, so it still ends the process as by default.
 */
let openStores = 0;
function absorbCommitFailures(reason: unknown): void {
	if (reason instanceof Error && 'commitError' in reason) return;
	throw reason;
}

function holdCommitFailureGuard(): void {
	if (openStores++ === 0) process.on('unhandledRejection', absorbCommitFailures);
}

function releaseCommitFailureGuard(): void {
	if (--openStores === 0) process.off('unhandledRejection', absorbCommitFailures);
}

function describeFsError(error: unknown): string {
	const code: unknown = (error as {code?: unknown})?.code;
	if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
	if (code === 'ENOSPC' || code === 28) return 'no space left on the device';
	if (code === 'EFBIG' || code === 27) return 'file too large for this process (file size limit)';
	return (error as Error)?.message ?? String(error);
}

/** The old JSON store wrote `*.tmp` files and renamed them; a kill left them behind. */
function removeLeftoverTemporaries(stateDir: string): void {
	for (const name of fs.readdirSync(stateDir)) if (name.endsWith('.tmp')) fs.rmSync(path.join(stateDir, name), {force: true});
}

export class SandboxBusyError extends AepError {
	constructor(
		message: string,
		readonly ownerPid: number,
	) {
		super(message);
	}
}

export function lockFile(dataDir: string): string {
	return path.join(dataDir, 'state', '.lock');
}

function releaseLock(dataDir: string): void {
	if (lockOwner(lockFile(dataDir)) === process.pid) fs.rmSync(lockFile(dataDir), {force: true});
}

/**
 * One sandbox server at a time per data dir: two schedulers would run the same flows twice. A lock left by a
 * process that no longer runs (killed, crashed) is taken over. The same process may reopen it.
 */
function acquireLock(file: string): void {
	try {
		acquirePidLock(file);
	} catch (error) {
		if (!(error instanceof LockHeldError)) throw error;
		const elsewhere = 'Close it first, or point this one elsewhere (--data DIR, or AEP_SOURCE_HOME).';
		throw new SandboxBusyError(
			`The sandbox data in ${path.dirname(path.dirname(file))} is in use by another process (pid ${error.pid}), ` +
				`e.g. another aep-source or "aep-source sandbox". ${elsewhere}`,
			error.pid,
		);
	}
}

function readLegacyFile(file: string): Entity[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new SandboxDataError(`Cannot read old sandbox data file ${file} to migrate it: ${describeFsError(error)}`);
	}
	const fix =
		'The sandbox now keeps its state in state/sandbox.mdb and migrates these JSON files once. ' +
		'Fix the file or move it away (that drops only this collection); the sandbox never resets data silently.';
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new SandboxDataError(`Sandbox data file ${file} is not valid JSON (${(error as Error).message}). ${fix}`);
	}
	const items = (parsed as {items?: unknown})?.items;
	if ((parsed as {format?: unknown})?.format !== legacyFormat || !Array.isArray(items)) {
		throw new SandboxDataError(`Sandbox data file ${file} is not a sandbox state file (expected {"format": "${legacyFormat}", "items": [...]}). ${fix}`);
	}
	for (const [index, item] of items.entries()) {
		if (!item || typeof item !== 'object' || typeof (item as Entity).id !== 'string') {
			throw new SandboxDataError(`Sandbox data file ${file}: items[${index}] has no string "id". ${fix}`);
		}
	}
	return items as Entity[];
}
