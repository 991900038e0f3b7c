// The artifacts folder Adobe's private repository expects (docs/artifacts.md):
// Sources/{sourceName}/Artifacts/{sourceName}-label.txt, -description.txt, -category.txt, -icon.svg, -connectionSpec.json
// Every file is checked before anything is written: the icon must be an SVG of the user's own (svg-icon.ts) and no
// file may contain a secret (export-guard.ts).
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {specFromDraft} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {assertNoSecret, exportContext, ExportRefusedError, type ExportOptions} from './export-guard.js';
import {checkSvgIcon} from './svg-icon.js';
import {writeFileAtomic} from '../shared/atomic-write.js';

export function artifactsDirOf(outDir: string, sourceName: string): string {
	return path.join(outDir, 'Sources', sourceName, 'Artifacts');
}

/**
 * Writes the artifacts folder under `outDir` and returns it with the files written.
 * Throws (before writing anything) when the source name is not kebab-case, when the icon fails the SVG check, or
 * with ExportRefusedError when a file would contain a known secret.
 */
export async function exportArtifacts(draft: Draft, outDir: string, options: ExportOptions = {}): Promise<{dir: string; files: string[]}> {
	const name = draft.artifacts.sourceName;
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
		throw new Error(`The source name "${name.slice(0, 80)}" is not kebab-case (e.g. acme-members); set it in the artifacts step first.`);
	}
	const {home, secrets} = exportContext(options);
	const dir = artifactsDirOf(outDir, name);
	const text = (content: string) => (content.endsWith('\n') ? content : `${content}\n`);
	const contents: [string, string | Buffer][] = [
		['label.txt', text(draft.artifacts.label)],
		['description.txt', text(draft.artifacts.description)],
		['category.txt', text(draft.artifacts.category)],
	];
	if (draft.artifacts.iconPath) {
		const icon = await checkSvgIcon(draft.artifacts.iconPath, {home});
		if (!icon.ok) throw new ExportRefusedError(`${name}-icon.svg`, `Nothing was exported: the icon cannot be used. ${icon.reason}`);
		contents.push(['icon.svg', icon.bytes]);
	}
	contents.push(['connectionSpec.json', text(JSON.stringify(specFromDraft(draft), null, 2))]);
	for (const [suffix, content] of contents) assertNoSecret(`${name}-${suffix}`, content, secrets);
	await mkdir(dir, {recursive: true});
	const files: string[] = [];
	for (const [suffix, content] of contents) {
		const file = path.join(dir, `${name}-${suffix}`);
		writeFileAtomic(file, content, {mode: 0o644});
		files.push(file);
	}
	return {dir, files};
}
