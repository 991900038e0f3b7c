// The catalog icon must be an SVG file (docs/artifacts.md); size and viewBox are house rules, reported as warnings.
// The icon is the one file of the user's that an export copies, so the check also refuses anything that is not a
// plain file of the user's own: a file inside the aep-source home (profiles, cached tokens, drafts), a FIFO or
// device (reading one never ends), or a file too large to be an icon.
import {constants} from 'node:fs';
import {type FileHandle, open, realpath} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {cannotRead} from '../shared/file-errors.js';
import {aepHome} from '../store/home.js';

const warnBytes = 100 * 1024;
/** Larger than any catalog icon; refused without reading it whole. */
export const maxIconBytes = 1024 * 1024;

export type IconCheck = {ok: true; warnings: string[]; bytes: Buffer} | {ok: false; reason: string};

export type IconCheckOptions = {
	/** The aep-source home (default: $AEP_SOURCE_HOME or ~/.aep-source); nothing under it is ever an icon. */
	home?: string;
};

/** Drops the XML declaration, comments, processing instructions and a DOCTYPE before the root element. */
function prologueStripped(text: string): string {
	return text
		.replace(/^\uFEFF/, '')
		.replace(/<\?[\s\S]*?\?>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, '')
		.trim();
}

/** `~/x` → the user's home directory; other paths unchanged (the wizard's field gets no shell expansion). */
export function expandHome(file: string): string {
	return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

async function realOrSelf(file: string): Promise<string> {
	try {
		return await realpath(file);
	} catch {
		return path.resolve(file);
	}
}

function isInside(file: string, folder: string): boolean {
	const relative = path.relative(folder, file);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Checks the content of an icon file. Messages name the file and what is wrong, never quote its content (a wrong
 * file may hold secrets).
 */
export function checkSvgBytes(file: string, bytes: Buffer): {ok: true; warnings: string[]} | {ok: false; reason: string} {
	if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
		return {ok: false, reason: `${file} is a PNG image; the catalog icon must be an SVG file.`};
	}
	if (bytes.includes(0)) return {ok: false, reason: `${file} is a binary file, not SVG text.`};
	const body = prologueStripped(bytes.toString('utf8'));
	const root = /^<svg(?=[\s>/])([^>]*)>/i.exec(body);
	if (!root) return {ok: false, reason: `${file} is not an SVG image: ${body ? 'it does not start with an <svg> root element' : 'it is empty'}.`};
	const attributes = root[1] ?? '';
	if (!/\bxmlns\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg["']/.test(attributes)) {
		return {ok: false, reason: `${file}: the <svg> element lacks xmlns="http://www.w3.org/2000/svg", so it will not render as an image.`};
	}
	if (!/\/>\s*$/.test(root[0]) && !/<\/svg\s*>\s*$/i.test(body)) return {ok: false, reason: `${file}: the <svg> element is never closed.`};
	const warnings: string[] = [];
	if (!/\bviewBox\s*=/.test(attributes)) warnings.push('The <svg> element has no viewBox, so it may not scale in the catalog tile.');
	if (bytes.length > warnBytes) warnings.push(`The icon is ${Math.round(bytes.length / 1024)} KB; keep it under 100 KB.`);
	return {ok: true, warnings};
}

/**
 * Reads and checks the catalog icon at `iconPath` (`~/` expanded). On success returns the exact bytes that were
 * checked, so an export writes what was validated (no second read). Never throws: every problem is a reason.
 */
export async function checkSvgIcon(iconPath: string, options: IconCheckOptions = {}): Promise<IconCheck> {
	const file = expandHome(iconPath.trim());
	const real = await realOrSelf(file);
	const home = await realOrSelf(options.home ?? aepHome());
	if (isInside(real, home)) {
		return {
			ok: false,
			reason: `${iconPath} is inside the aep-source home (${home}), which holds profiles, tokens and drafts; the icon must be your own SVG file elsewhere.`,
		};
	}
	let handle: FileHandle;
	try {
		// O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		return {ok: false, reason: cannotRead(iconPath, error)};
	}
	try {
		const stat = await handle.stat();
		if (stat.isDirectory()) return {ok: false, reason: `${iconPath} is a folder; give the path of an .svg file.`};
		if (!stat.isFile()) return {ok: false, reason: `${iconPath} is not a regular file (a pipe or a device); give the path of an .svg file.`};
		if (stat.size > maxIconBytes)
			return {ok: false, reason: `${iconPath} is ${Math.round(stat.size / 1024)} KB, far larger than a catalog icon (keep it under 100 KB).`};
		const bytes = await handle.readFile();
		const check = checkSvgBytes(iconPath, bytes);
		return check.ok ? {...check, bytes} : check;
	} catch (error) {
		return {ok: false, reason: cannotRead(iconPath, error)};
	} finally {
		await handle.close();
	}
}
