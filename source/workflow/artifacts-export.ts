// The artifacts folder Adobe's private repository expects (reference 1.2, 7.1):
// Sources/{sourceName}/Artifacts/{sourceName}-label.txt, -description.txt, -category.txt, -icon.svg, -connectionSpec.json
import {copyFile, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {specFromDraft} from '../spec/index.js';
import type {Draft} from '../spec/draft-types.js';

export function artifactsDirOf(outDir: string, sourceName: string): string {
	return path.join(outDir, 'Sources', sourceName, 'Artifacts');
}

export async function exportArtifacts(draft: Draft, outDir: string): Promise<{dir: string; files: string[]}> {
	const name = draft.artifacts.sourceName;
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
		throw new Error(`The source name "${name}" is not kebab-case (e.g. acme-members); set it in the artifacts step first.`);
	}
	const dir = artifactsDirOf(outDir, name);
	await mkdir(dir, {recursive: true});
	const files: string[] = [];
	const write = async (suffix: string, content: string) => {
		const file = path.join(dir, `${name}-${suffix}`);
		await writeFile(file, content.endsWith('\n') ? content : `${content}\n`);
		files.push(file);
	};
	await write('label.txt', draft.artifacts.label);
	await write('description.txt', draft.artifacts.description);
	await write('category.txt', draft.artifacts.category);
	if (draft.artifacts.iconPath) {
		const icon = path.join(dir, `${name}-icon.svg`);
		await copyFile(draft.artifacts.iconPath, icon);
		files.push(icon);
	}
	await write('connectionSpec.json', JSON.stringify(specFromDraft(draft), null, 2));
	return {dir, files};
}
