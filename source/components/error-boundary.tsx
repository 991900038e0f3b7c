// Around the whole wizard: a failure while drawing a screen (a corrupt draft or profiles.json, a bug) shows the
// error panel instead of a stack, and Enter or Esc goes back to Home; Ctrl-C quits.
import {Component, type ReactNode} from 'react';
import {Box} from 'ink';
import {ErrorPanel} from './error-panel.js';
import {useKeys} from './use-keys.js';

type Props = {children: ReactNode; onHome: () => void; onQuit: () => void};

export class WizardErrorBoundary extends Component<Props, {error?: unknown; caught: boolean}> {
	override state: {error?: unknown; caught: boolean} = {caught: false};

	static getDerivedStateFromError(error: unknown) {
		return {error, caught: true};
	}

	override render() {
		if (!this.state.caught) return this.props.children;
		return <CrashScreen error={this.state.error} onHome={this.props.onHome} onQuit={this.props.onQuit} />;
	}
}

function CrashScreen({error, onHome, onQuit}: {error: unknown; onHome: () => void; onQuit: () => void}) {
	const footer = useKeys([
		{keys: ['return', 'escape'], label: 'back to Home', action: onHome},
		{keys: 'ctrl+c', label: 'quit', action: onQuit},
	]);
	return (
		<Box flexDirection="column">
			<ErrorPanel error={error} title="This screen could not be shown." />
			{footer}
		</Box>
	);
}
