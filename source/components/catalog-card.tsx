// How the source will look in the Experience Platform sources catalog (docs/workflow.md#step-1-artifacts, docs/connection-spec.md#catalog-categories): icon,
// label,
// category and description in a card.
import {Box, Text} from 'ink';

export type CatalogCardProps = {label: string; category: string; description: string; hasIcon: boolean};

export function CatalogCard({label, category, description, hasIcon}: CatalogCardProps) {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} width={44}>
			<Box>
				<Box borderStyle="single" width={7} height={3} justifyContent="center">
					<Text dimColor={!hasIcon}>{hasIcon ? 'SVG' : '?'}</Text>
				</Box>
				<Box flexDirection="column" marginLeft={1} flexShrink={1}>
					<Text bold wrap="truncate">
						{label || '(label)'}
					</Text>
					<Text dimColor wrap="truncate">
						{category || '(category)'}
					</Text>
				</Box>
			</Box>
			<Text wrap="wrap">{truncate(description || '(description)', 120)}</Text>
			<Text color="cyan">[ Add data ]</Text>
		</Box>
	);
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
