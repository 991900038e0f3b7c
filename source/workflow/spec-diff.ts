// The local draft against the spec deployed on the platform (peers.md: no tool shows this): every difference by
// JSON path, so "stored spec equals local" says what differs, and `aep-source diff` shows it before a PUT.
import {formatPath, specFromDraft, validateSpec} from '../connection-spec/index.js';
import type {Draft} from '../connection-spec/draft-types.js';
import {withoutServerFields} from './connection-spec.js';
import type {WorkflowContext} from './progress.js';

export type SpecChange = {path: string; kind: 'added' | 'removed' | 'changed'; deployed?: unknown; local?: unknown};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Differences from `before` to `after`, depth first, objects by key and arrays by index. */
export function diffJson(before: unknown, after: unknown, path: (string | number)[] = []): SpecChange[] {
	if (isObject(before) && isObject(after)) {
		const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
		return keys.flatMap(key => {
			if (!(key in after)) return [{path: formatPath([...path, key]), kind: 'removed' as const, deployed: before[key]}];
			if (!(key in before)) return [{path: formatPath([...path, key]), kind: 'added' as const, local: after[key]}];
			return diffJson(before[key], after[key], [...path, key]);
		});
	}
	if (Array.isArray(before) && Array.isArray(after)) {
		const length = Math.max(before.length, after.length);
		return Array.from({length}, (_, index) => {
			if (index >= after.length) return [{path: formatPath([...path, index]), kind: 'removed' as const, deployed: before[index]}];
			if (index >= before.length) return [{path: formatPath([...path, index]), kind: 'added' as const, local: after[index]}];
			return diffJson(before[index], after[index], [...path, index]);
		}).flat();
	}
	return Object.is(before, after) ? [] : [{path: formatPath(path), kind: 'changed', deployed: before, local: after}];
}

/** What the draft would send (the normalised spec when valid) against what GET /connectionSpecs/{id} answers. */
export async function diffDeployedSpec(ctx: Pick<WorkflowContext, 'client'>, draft: Draft, specId: string): Promise<SpecChange[]> {
	const answer = (await ctx.client.connectionSpecs.get(specId)) as Record<string, unknown>;
	const stored = (Array.isArray(answer['items']) ? answer['items'][0] : answer) as Record<string, unknown>;
	const local = (validateSpec(specFromDraft(draft)).spec ?? specFromDraft(draft)) as Record<string, unknown>;
	return diffJson(withoutServerFields(stored), withoutServerFields(local));
}
