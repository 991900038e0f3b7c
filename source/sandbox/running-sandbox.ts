import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {isAlive} from '../shared/pid-lock.js';
import type {SandboxCredentials} from './options.js';

// One sandbox per home, shared (docs/sandbox-state.md "One sandbox per data dir, shared"): the process that serves
// a data dir writes where it listens to state/server.json (0600, removed on close); another aep-source process on
// the same home reads it and talks to that sandbox instead of starting its own.

/** What another process needs to use a running sandbox. The credentials are the emulator's own (local only). */
export type SandboxAddress = {
	pid: number;
	url: string;
	credentials: SandboxCredentials;
	demo?: {url: string; records: number};
};

function addressFile(dataDir: string): string {
	return path.join(dataDir, 'state', 'server.json');
}

export function publishAddress(dataDir: string, address: SandboxAddress): void {
	fs.writeFileSync(addressFile(dataDir), `${JSON.stringify(address)}\n`, {mode: 0o600});
}

export function withdrawAddress(dataDir: string): void {
	const current = readAddress(dataDir);
	if (current?.pid === process.pid) fs.rmSync(addressFile(dataDir), {force: true});
}

function readAddress(dataDir: string): SandboxAddress | undefined {
	try {
		const parsed = JSON.parse(fs.readFileSync(addressFile(dataDir), 'utf8')) as Partial<SandboxAddress>;
		if (typeof parsed.pid !== 'number' || typeof parsed.url !== 'string' || !parsed.credentials) return undefined;
		return parsed as SandboxAddress;
	} catch {
		return undefined;
	}
}

/**
 * The address of the sandbox that process `ownerPid` serves from `dataDir`, waiting up to `waitMs` for it to
 * finish starting; undefined when that process exits first (its lock can then be taken over) or never publishes.
 */
export async function findRunningSandbox(dataDir: string, ownerPid: number, waitMs = 5000): Promise<SandboxAddress | undefined> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const address = readAddress(dataDir);
		if (address && address.pid === ownerPid) return address;
		if (!isAlive(ownerPid) || Date.now() > deadline) return undefined;
		await delay(50);
	}
}
