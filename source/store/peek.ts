// What the wizard's first frame shows from the store (how many drafts, which profile is the default), read with
// plain fs: no zod, no conf. The home screen is drawn before those load (startup budget, bench/startup.ts).
import fs from 'node:fs';
import path from 'node:path';
import {isTempFile} from '../shared/atomic-write.js';

/** Draft file names under `<dir>` (one per draft, corrupt ones included; temp and hidden files skipped). */
export function draftFileNames(dir: string): string[] {
	const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
	return names.filter(name => name.endsWith('.json') && !isTempFile(name) && !name.startsWith('.'));
}

/** The number of drafts `DraftStore.list()` would return, without parsing them. */
export function countDrafts(home: string): number {
	return draftFileNames(path.join(home, 'drafts')).length;
}

/** `ProfileStore.defaultProfile()` without opening the store: 'local' unless profiles.json names a saved profile. */
export function peekDefaultProfile(home: string): string {
	try {
		const file = JSON.parse(fs.readFileSync(path.join(home, 'profiles.json'), 'utf8')) as {defaultProfile?: unknown; profiles?: Record<string, unknown>};
		const name = file.defaultProfile;
		return typeof name === 'string' && (name === 'local' || Object.hasOwn(file.profiles ?? {}, name)) ? name : 'local';
	} catch {
		return 'local';
	}
}

/** Whether `name` is a profile the wizard can open without flags: `local` or one saved in profiles.json. */
export function peekProfileExists(home: string, name: string): boolean {
	if (name === 'local') return true;
	try {
		const file = JSON.parse(fs.readFileSync(path.join(home, 'profiles.json'), 'utf8')) as {profiles?: Record<string, unknown>};
		return Boolean(file.profiles && typeof file.profiles === 'object' && Object.hasOwn(file.profiles, name));
	} catch {
		return false;
	}
}
