// Create and register (docs/workflow.md#step-3-register, docs/workflow.md#step-5-update-the-connection-spec): POST the spec (PUT when this profile already has
// its id), then the
// safe append of the id to the RestStorageToAEP flow spec. A spinner per call; ids when done; errors with hints.
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {ProgressList} from '../components/progress-list.js';
import {quitKey, useKeys} from '../components/use-keys.js';
import {useServices} from '../wizard/services.js';
import {useWizard, type StepProps} from '../wizard/wizard-context.js';
import {useWorkflowJob} from './use-workflow.js';

export function CreateScreen({draft, update, go, back}: StepProps) {
	const services = useServices();
	const wizard = useWizard();
	const remote = draft.remote[wizard.profileName];
	const existingId = remote?.connectionSpecId;
	const stages = useMemo(
		() => [
			{key: 'validate', label: 'Validate the spec'},
			{key: 'create-spec', label: existingId ? `PUT /connectionSpecs/${existingId}` : 'POST /connectionSpecs'},
			{key: 'append-flow-spec', label: 'Add the id to RestStorageToAEP (safe append)'},
		],
		[existingId],
	);
	const job = useWorkflowJob(draft, update, stages);
	const [result, setResult] = useState<{id: string; created: boolean; changed: boolean; count: number}>();

	const run = () =>
		job.start(async ctx => {
			const spec = await services.workflow.createOrUpdateConnectionSpec(ctx);
			const append = await services.workflow.appendToRestStorageToAEP(ctx, spec.id);
			return {id: spec.id, created: spec.created, changed: append.changed, count: append.after.length};
		}, setResult);

	const idle = !job.running;
	const footer = useKeys([
		{keys: 'return', label: 'continue to the end-to-end check', action: () => go('check'), when: idle && result !== undefined},
		{keys: 'return', label: existingId ? 'update & register' : 'create & register', action: run, when: idle && result === undefined},
		{keys: 'r', label: result ? 'run again' : 'retry', action: run, when: idle && (result !== undefined || job.error !== undefined)},
		{keys: 'escape', label: 'back', action: back, when: idle},
		{...quitKey(), when: job.running},
	]);

	return (
		<Box flexDirection="column">
			<Text bold>{`Create & register on profile “${wizard.profileName}”`}</Text>
			{!result && !job.running && (
				<Text dimColor>
					{existingId
						? `This profile already has spec ${existingId}: it will be updated in place (PUT).`
						: 'The spec will be created (POST) and its id added to the RestStorageToAEP flow spec without dropping any other id.'}
				</Text>
			)}
			<Box marginTop={1}>
				<ProgressList items={job.items} now={services.clock} />
			</Box>
			{result && (
				<Box flexDirection="column" marginTop={1}>
					<Text color="green">{`✔ Connection spec ${result.created ? 'created' : 'updated'}: ${result.id}`}</Text>
					<Text color="green">
						{`✔ ${result.changed ? 'Added to' : 'Already in'} RestStorageToAEP (` + `${result.count} source specs registered, none dropped)`}
					</Text>
				</Box>
			)}
			{job.error && (
				<Box flexDirection="column" marginTop={1}>
					<Text color="red" wrap="wrap">{`✖ ${job.error.message}`}</Text>
					{job.error.hint && <Text color="yellow" wrap="wrap">{`→ ${job.error.hint}`}</Text>}
				</Box>
			)}
			{footer}
		</Box>
	);
}
