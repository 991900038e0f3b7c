// "Suggest from this response" in the preview's inspector: the first page's body and headers (as kept, masked) and
// the query it was requested with go through the bootstrapper's detection (suggestFromResponse, docs/bootstrap.md); the proposal is
// shown with its evidence and applied to the draft only on confirm (applySuggestion). Declining changes nothing.
import {useEffect, useRef, useState} from 'react';
import type {Draft} from '../connection-spec/draft-types.js';
import type * as bootstrapModule from '../bootstrap/index.js';
import type {ResponseSuggestion} from '../bootstrap/index.js';
import {describeGuessValue} from '../bootstrap/describe.js';
import type {PageTrace} from '../workflow/preview.js';
import {useServices} from '../wizard/services.js';
import {closeCutJson} from '../components/json-lines.js';

type SuggestionState = {phase: 'idle' | 'proposal'; lines: string[]; suggestion?: ResponseSuggestion; body?: unknown};

/** The body of the first page as JSON, or why there is none. A body cut at the kept size is closed where it was cut. */
function bodyOf(page: PageTrace | undefined): {body: unknown} | {why: string} {
	const detail = page?.detail;
	if (!detail) return {why: 'No response to suggest from yet: run the preview (r) first.'};
	try {
		return {body: JSON.parse(detail.body) as unknown};
	} catch {
		const closed = detail.cut ? closeCutJson(detail.body) : undefined;
		if (closed !== undefined) return {body: closed};
		return {why: 'The first response is not JSON: there is nothing to suggest from.'};
	}
}

function current(spec: Draft['spec']): string {
	const attributes = (spec['sourceSpec'] as {attributes?: Record<string, unknown>} | undefined)?.attributes ?? {};
	const content = (attributes['contentPath'] as {path?: unknown} | undefined)?.path;
	const pagination = describeGuessValue(attributes['paginationParams'] ?? '(none)');
	return `Now: contentPath ${content === undefined ? '(none)' : String(content)} · paginationParams ${pagination}`;
}

type Bootstrap = typeof bootstrapModule;

/**
 * `suggest()` proposes, `apply()` writes the proposal into the draft through `update`, `decline()` drops it. The
 * bootstrapper loads when the inspector opens, so a key pressed right after `s` meets the proposal.
 */
export function useSuggestion({draft, update, page}: {draft: Draft; update: (change: (draft: Draft) => Draft) => void; page: PageTrace | undefined}) {
	const services = useServices();
	const [state, setState] = useState<SuggestionState>({phase: 'idle', lines: []});
	const loaded = useRef<Bootstrap | undefined>(undefined);
	// biome-ignore lint/correctness/useExhaustiveDependencies: loaded once, when the inspector opens
	useEffect(() => {
		void services.track(
			import('../bootstrap/index.js').then(module => {
				loaded.current = module;
			}),
		);
	}, []);
	const withBootstrap = (work: (bootstrap: Bootstrap) => void) => {
		if (loaded.current) return work(loaded.current);
		void services.track(import('../bootstrap/index.js').then(work));
	};
	const suggest = () => {
		const found = bodyOf(page);
		if ('why' in found) return setState({phase: 'idle', lines: [found.why]});
		const headers = Object.fromEntries(page?.detail?.responseHeaders ?? []);
		withBootstrap(({suggestFromResponse, queryOfSpec, suggestionForSpec}) => {
			// The query the first request really carried (pagination's own parameters included) over the spec's.
			const specQuery = queryOfSpec(draft.spec);
			const query = {...specQuery, ...Object.fromEntries(page?.detail?.query ?? [])};
			const suggestion = suggestFromResponse({body: found.body, headers, query});
			// What is shown is what Enter applies: the suggestion as it changes this spec (its working values kept).
			const {pagination, droppedQuery} = suggestionForSpec(draft.spec, suggestion, found.body);
			const kept = JSON.stringify(pagination) !== JSON.stringify(suggestion.pagination.value);
			setState({
				phase: 'proposal',
				suggestion,
				body: found.body,
				lines: [
					'Suggested from this response:',
					suggestion.contentPath
						? `  contentPath ${suggestion.contentPath.value} — ${suggestion.contentPath.evidence}`
						: '  contentPath: no array of objects in the body (left as it is)',
					`  paginationParams ${describeGuessValue(pagination)} — ${suggestion.pagination.evidence}`,
					...(kept ? ['  (your spec’s own values of that pagination type are kept where the response does not contradict them)'] : []),
					...(droppedQuery.length > 0 ? [`  urlParams.queryParams loses ${droppedQuery.join(', ')} (the pagination sends it)`] : []),
					`  ${current(draft.spec)}`,
				],
			});
		});
	};
	const apply = () => {
		const suggestion = state.suggestion;
		if (!suggestion) return;
		withBootstrap(({suggestionForSpec}) => {
			const {pagination} = suggestionForSpec(draft.spec, suggestion, state.body);
			update(current => ({...current, spec: suggestionForSpec(current.spec, suggestion, state.body).spec}));
			const applied = [
				suggestion.contentPath ? `contentPath ${suggestion.contentPath.value}` : undefined,
				`paginationParams ${describeGuessValue(pagination)}`,
			];
			setState({phase: 'idle', lines: [`✔ Applied to the draft: ${applied.filter(Boolean).join(', ')}. The preview runs again.`]});
		});
	};
	const decline = () => setState({phase: 'idle', lines: ['Nothing applied: the draft is as it was.']});
	return {phase: state.phase, lines: state.lines, suggest, apply, decline};
}
