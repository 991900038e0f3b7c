import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {acquirePidLock, LockHeldError, lockOwner} from '../shared/pid-lock.js';
import {writeFileAtomicAsync} from '../shared/atomic-write.js';

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

const fileFormat = 'aep-source-sandbox/1';

/** Thrown when a state file cannot be read; names the file and never resets it. */
export class SandboxDataError extends Error {}

/** One collection, served from memory; every change marks it dirty for the next (coalesced) flush. */
export class Collection {
	private readonly items = new Map<string, Entity>();

	constructor(
		readonly name: CollectionName,
		private readonly markDirty: (name: CollectionName) => void,
	) {}

	get(id: string): Entity | undefined {
		return this.items.get(id);
	}

	values(): Entity[] {
		return [...this.items.values()];
	}

	put(entity: Entity): Entity {
		this.items.set(entity.id, entity);
		this.markDirty(this.name);
		return entity;
	}

	delete(id: string): boolean {
		const removed = this.items.delete(id);
		if (removed) this.markDirty(this.name);
		return removed;
	}

	load(entities: Entity[]): void {
		for (const entity of entities) this.items.set(entity.id, entity);
	}
}

/**
 * All sandbox state as JSON files under `dataDir` (one file per collection). Reads are served from memory so
 * GETs never touch the disk; writes are coalesced into one flush per tick and written atomically (temp + rename).
 */
export class StateStore {
	readonly collections: Record<CollectionName, Collection>;
	private readonly dirty = new Set<CollectionName>();
	private flushing: Promise<void> = Promise.resolve();
	private scheduled = false;
	private lastError: Error | undefined;

	private constructor(readonly dataDir: string) {
		const entries = collectionNames.map(name => [name, new Collection(name, changed => this.schedule(changed))] as const);
		this.collections = Object.fromEntries(entries) as Record<CollectionName, Collection>;
	}

	static open(dataDir: string): StateStore {
		// Base connections hold the source's credentials (as the real service does server-side): owner-only files.
		fs.mkdirSync(dataDir, {recursive: true, mode: 0o700});
		fs.mkdirSync(path.join(dataDir, 'state'), {recursive: true, mode: 0o700});
		acquireLock(lockFile(dataDir));
		const store = new StateStore(dataDir);
		try {
			for (const name of collectionNames) store.collections[name].load(readCollectionFile(store.fileFor(name)));
		} catch (error) {
			store.release();
			throw error;
		}
		return store;
	}

	/** Gives the data dir back to other processes (called when the sandbox closes). */
	release(): void {
		if (lockOwner(lockFile(this.dataDir)) === process.pid) fs.rmSync(lockFile(this.dataDir), {force: true});
	}

	fileFor(name: CollectionName): string {
		return path.join(this.dataDir, 'state', `${name}.json`);
	}

	private schedule(name: CollectionName): void {
		this.dirty.add(name);
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			void this.flush();
		});
	}

	/** Writes every dirty collection; resolves once everything changed so far is on disk. */
	flush(): Promise<void> {
		const names = [...this.dirty];
		this.dirty.clear();
		const snapshots = names.map(name => [name, serialize(this.collections[name].values())] as const);
		this.flushing = this.flushing.then(async () => {
			for (const [name, text] of snapshots) {
				try {
					await writeFileAtomicAsync(this.fileFor(name), text, {createDirs: false, durable: false});
				} catch (error) {
					this.lastError = error as Error;
				}
			}
		});
		return this.flushing;
	}

	/** The last write failure, if any (the sandbox keeps serving from memory and reports it on close). */
	writeError(): Error | undefined {
		return this.lastError;
	}
}

export class SandboxBusyError extends Error {}

function lockFile(dataDir: string): string {
	return path.join(dataDir, 'state', '.lock');
}

/**
 * One process at a time per data dir: two sandboxes writing the same state files would lose each other's writes.
 * A lock left by a process that no longer runs (killed, crashed) is taken over. The same process may reopen it.
 */
function acquireLock(file: string): void {
	try {
		acquirePidLock(file);
	} catch (error) {
		if (!(error instanceof LockHeldError)) throw error;
		throw new SandboxBusyError(
			`The sandbox data in ${path.dirname(path.dirname(file))} is in use by another process (pid ${error.pid}), e.g. another aep-source or "aep-source sandbox". Close it first, or point this one elsewhere (--data DIR, or AEP_SOURCE_HOME).`,
		);
	}
}

function serialize(entities: Entity[]): string {
	return `${JSON.stringify({format: fileFormat, items: entities}, null, '\t')}\n`;
}

function readCollectionFile(file: string): Entity[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw new SandboxDataError(`Cannot read sandbox data file ${file}: ${(error as Error).message}`);
	}
	const fix = 'Fix the file or move it away (that resets only this collection); the sandbox never resets data silently.';
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new SandboxDataError(`Sandbox data file ${file} is not valid JSON (${(error as Error).message}). ${fix}`);
	}
	const items = (parsed as {items?: unknown})?.items;
	if ((parsed as {format?: unknown})?.format !== fileFormat || !Array.isArray(items)) {
		throw new SandboxDataError(`Sandbox data file ${file} is not a sandbox state file (expected {"format": "${fileFormat}", "items": [...]}). ${fix}`);
	}
	for (const [index, item] of items.entries()) {
		if (!item || typeof item !== 'object' || typeof (item as Entity).id !== 'string') {
			throw new SandboxDataError(`Sandbox data file ${file}: items[${index}] has no string "id". ${fix}`);
		}
	}
	return items as Entity[];
}
