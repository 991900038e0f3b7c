// Review (docs/connection-spec.md#validation-rules): the whole spec JSON, scrollable, beside every validation finding with its path.
// Enter on a finding jumps to the screen that fixes it; `s` writes the spec JSON to a file.
import {writeOutputFile} from '../shared/output-file.js';
import path from 'node:path';
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {specFromDraft, validateSpec, type Finding} from '../connection-spec/index.js';
import type {StepName} from '../connection-spec/draft-types.js';
import {JsonView} from '../components/json-view.js';
import {FindingsList} from '../components/findings-list.js';
import {menuKeys, useKeys} from '../components/use-keys.js';
import {PathPrompt, pathPromptKeys} from '../components/path-prompt.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {useServices} from '../wizard/services.js';
import {useWizard, type StepProps} from '../wizard/wizard-context.js';

/** The step whose screen edits the part of the spec a finding points at. */
export function stepForPath(findingPath: string): StepName {
	if (findingPath.startsWith('authSpec')) return 'auth';
	if (findingPath.startsWith('sourceSpec.attributes.uiAttributes')) return 'artifacts';
	if (findingPath.startsWith('sourceSpec')) return 'source';
	if (findingPath.startsWith('exploreSpec')) return 'explore';
	return 'review';
}

export function ReviewScreen({draft, go, back}: StepProps) {
	const services = useServices();
	const wizard = useWizard();
	const spec = useMemo(() => specFromDraft(draft), [draft]);
	const result = useMemo(() => validateSpec(spec), [spec]);
	const findings: Finding[] = useMemo(() => [...result.errors, ...result.warnings, ...result.unfinished, ...result.lenient], [result]);
	const [focus, setFocus] = useState<'json' | 'findings'>('json');
	const [message, setMessage] = useState<string>();

	// From 80×24 up: the JSON view and the findings list share the rows left (a finding takes ~3 rows at 80 columns).
	const {rows} = useTerminalSize();
	const room = rows === undefined ? undefined : Math.max(8, rows - 9 - (message ? 1 : 0));
	const findingRows = room === undefined ? undefined : Math.min(findings.length * 3, Math.floor(room / 2));
	const jsonHeight = room === undefined || findingRows === undefined ? 14 : Math.max(3, room - 3 - findingRows);
	const findingLimit = findingRows === undefined ? 8 : Math.max(1, Math.floor(findingRows / 3));

	// `s` asks where to write first (default: <source>-connectionSpec.json in the folder the wizard was started in).
	const [asking, setAsking] = useState(false);
	const saveSpec = (target: string) => {
		setAsking(false);
		const file = path.resolve(services.exportDir, target);
		try {
			// The same checks as --out: a folder, a missing folder or a device is a sentence, never an errno.
			writeOutputFile(file, `${JSON.stringify(spec, null, 2)}\n`, {force: true, flag: 'the spec file'});
			setMessage(`✔ Saved ${file}`);
		} catch (error) {
			setMessage(`✖ Nothing was saved: ${error instanceof Error ? error.message : String(error)}`);
		}
	};
	const footer = useKeys(
		asking
			? pathPromptKeys
			: [
					{keys: ['up', 'down', 'pageup', 'pagedown'], label: 'scroll', by: 'list', when: focus === 'json'},
					{keys: ['home', 'end'], by: 'list', when: focus === 'json'},
					...menuKeys('go to the fix', focus === 'findings' && findings.length > 0),
					{keys: 'tab', label: 'JSON ⇄ findings', action: () => setFocus(current => (current === 'json' ? 'findings' : 'json'))},
					{keys: 's', label: 'save spec file', action: () => setAsking(true)},
					{
						keys: 'c',
						label: 'continue to create',
						action: () => {
							if (result.errors.length > 0)
								setMessage(`✖ Fix the ${result.errors.length} error(s) first: Tab to the findings, Enter jumps to the screen that fixes one.`);
							else go('create');
						},
					},
					{keys: 'escape', label: 'back', action: back},
				],
	);

	return (
		<Box flexDirection="column">
			<Text bold>
				{'Review — '}
				<Text color={result.errors.length ? 'red' : 'green'}>{`${result.errors.length} error(s)`}</Text>
				{`, ${result.warnings.length} warning(s), ${result.unfinished.length} unfinished, ${result.lenient.length} accepted leniently`}
			</Text>
			<JsonView value={spec} height={jsonHeight} focus={focus === 'json' && !asking} />
			<Text bold color={focus === 'findings' ? 'cyan' : undefined}>
				Findings {focus === 'findings' ? '(Enter jumps to the fix)' : '(Tab to select)'}
			</Text>
			<FindingsList
				findings={findings}
				focus={focus === 'findings' && !asking}
				limit={findingLimit}
				onSelect={item => {
					wizard.setFocusPath(item.path);
					go(stepForPath(item.path));
				}}
			/>
			{asking && (
				<PathPrompt
					label="Save the spec JSON to"
					initial={path.join(services.exportDir, `${draft.artifacts.sourceName || draft.id}-connectionSpec.json`)}
					onSubmit={saveSpec}
					onCancel={() => setAsking(false)}
				/>
			)}
			{message && <Text>{message}</Text>}
			{footer}
		</Box>
	);
}
