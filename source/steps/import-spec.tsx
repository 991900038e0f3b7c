// Import a connection spec JSON file (e.g. copied from Adobe's docs): bad JSON is reported by line:column, and the
// imported spec becomes a new draft opened on the review screen.
import {readUserFile} from '../shared/read-input.js';
import {UsageError} from '../shared/errors.js';
import path from 'node:path';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {draftFromSpec, parseSpecText, slugify} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {Form} from '../components/form.js';
import {formKeys, useKeys} from '../components/use-keys.js';
import {useServices} from '../wizard/services.js';

export function ImportScreen({onImported, onBack}: {onImported: (draft: Draft) => void; onBack: () => void}) {
	const services = useServices();
	const [file, setFile] = useState('');
	const [error, setError] = useState<string>();
	const footer = useKeys(formKeys());

	const load = (values: Record<string, string>) => {
		const result = importSpecFile(values['file'] ?? '', base => services.drafts.freeId(base));
		if ('error' in result) return setError(result.error);
		services.drafts.save(result.draft);
		onImported(result.draft);
	};

	return (
		<Box flexDirection="column">
			<Text bold>Import a connection spec JSON</Text>
			<Form
				fields={[
					{
						name: 'file',
						label: 'File path',
						help: 'A connection spec (instance form) saved as JSON; ~ is not expanded.',
						validate: value => (value.trim() ? undefined : 'Enter the path of a JSON file.'),
					},
				]}
				values={{file}}
				onCommit={(_name, value) => {
					setFile(value);
					setError(undefined);
				}}
				onDone={load}
				onBack={onBack}
				doneLabel="Import"
			/>
			{error && <Text color="red">{`✖ ${error}`}</Text>}
			{footer}
		</Box>
	);
}

/** `freeId` turns the id the file suggests into a free one (the draft store's freeId). */
export function importSpecFile(file: string, freeId: (base: string) => string): {draft: Draft} | {error: string} {
	let text: string;
	try {
		text = readUserFile(path.resolve(file.trim()));
	} catch (cause) {
		if (!(cause instanceof UsageError)) throw cause;
		return {error: `${cause.message} Check the path.`};
	}
	const parsed = parseSpecText(text);
	if (!parsed.ok) return {error: `${path.basename(file)} is not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`};
	if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
		return {error: 'The file holds JSON but not an object; a connection spec is an object with authSpec, sourceSpec and exploreSpec.'};
	const base = slugify(String((parsed.value as {name?: unknown}).name ?? path.basename(file, path.extname(file)))) || 'imported-source';
	const id = freeId(base);
	const draft = draftFromSpec(parsed.value as Record<string, unknown>, {id});
	return {draft: {...draft, step: 'review'}};
}
