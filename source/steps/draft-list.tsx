// Resume: the saved drafts, newest first, with the step each was left on.
import {Box, Text} from 'ink';
import type {Draft} from '../connection-spec/draft-types.js';
import {Menu} from '../components/menu.js';
import {menuKeys, useKeys} from '../components/use-keys.js';
import {ErrorPanel} from '../components/error-panel.js';
import {useServices} from '../wizard/services.js';
import {useState} from 'react';

export function DraftListScreen({purpose, onOpen, onBack}: {purpose: 'resume' | 'checklist'; onOpen: (draft: Draft) => void; onBack: () => void}) {
	const services = useServices();
	const [error, setError] = useState<unknown>();
	const drafts = [...services.drafts.list()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	const footer = useKeys([...menuKeys('open', drafts.length > 0), {keys: 'escape', label: 'back', action: onBack}]);
	if (drafts.length === 0) {
		return (
			<Box flexDirection="column">
				<Text>No drafts saved yet. Go back and choose “New source”.</Text>
				{footer}
			</Box>
		);
	}
	const items = drafts.map(item => ({
		label: item.name && item.name !== item.id ? `${item.name} (${item.id})` : item.id,
		value: item.id,
		hint: `${item.step} · saved ${when(item.updatedAt)}`,
	}));
	return (
		<Box flexDirection="column">
			<Text bold>{purpose === 'resume' ? 'Resume a draft' : 'Checklist of which draft?'}</Text>
			<Menu
				items={items}
				onSelect={item => {
					let draft: Draft | undefined;
					try {
						draft = services.drafts.load(item.value);
					} catch (failure) {
						// A corrupt or wrongly shaped draft file: named, with what to do; the list stays usable.
						setError(failure);
						return;
					}
					if (draft) onOpen(draft);
					else setError(new Error(`The draft "${item.value}" could not be read.`));
				}}
			/>
			{error !== undefined && <ErrorPanel error={error} />}
			{footer}
		</Box>
	);
}

function when(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16);
}
