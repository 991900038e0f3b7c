// The catalog icon must be SVG (reference 1.2, 7.1); size and viewBox are house rules (8.3), reported as warnings.
import {readFile} from 'node:fs/promises';
import {cannotRead} from '../spec/file-errors.js';

const maxBytes = 100 * 1024;

export type IconCheck = {ok: true; warnings: string[]} | {ok: false; reason: string};

/** Drops the XML declaration, comments, processing instructions and a DOCTYPE before the root element. */
function prologueStripped(text: string): string {
	return text
		.replace(/^\uFEFF/, '')
		.replace(/<\?[\s\S]*?\?>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, '')
		.trim();
}

export async function checkSvgIcon(path: string): Promise<IconCheck> {
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (error) {
		return {ok: false, reason: cannotRead(path, error)};
	}
	if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
		return {ok: false, reason: `${path} is a PNG image; the catalog icon must be an SVG file (reference 1.2).`};
	}
	if (bytes.includes(0)) return {ok: false, reason: `${path} is a binary file, not SVG text.`};
	const body = prologueStripped(bytes.toString('utf8'));
	const root = /^<svg(?=[\s>/])([^>]*)>/i.exec(body);
	if (!root) return {ok: false, reason: `${path} does not start with an <svg> root element${body ? ` (it starts with "${body.slice(0, 20)}")` : ' (it is empty)'}.`};
	const attributes = root[1] ?? '';
	if (!/\bxmlns\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg["']/.test(attributes)) {
		return {ok: false, reason: `${path}: the <svg> element lacks xmlns="http://www.w3.org/2000/svg", so it will not render as an image.`};
	}
	if (!/\/>\s*$/.test(root[0]) && !/<\/svg\s*>\s*$/i.test(body)) return {ok: false, reason: `${path}: the <svg> element is never closed.`};
	const warnings: string[] = [];
	if (!/\bviewBox\s*=/.test(attributes)) warnings.push('The <svg> element has no viewBox, so it may not scale in the catalog tile.');
	if (bytes.length > maxBytes) warnings.push(`The icon is ${Math.round(bytes.length / 1024)} KB; keep it under 100 KB.`);
	return {ok: true, warnings};
}
