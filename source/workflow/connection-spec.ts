// Step 3 and 5 of the workflow (docs/workflow.md#step-3-register, docs/workflow.md#step-5-update-the-connection-spec): register the connection spec (POST) or
// replace it (PUT).
// A spec with validation errors is never sent: validation runs first and throws before any request.
import {createHash} from 'node:crypto';
import {serverOwnedFields, specFromDraft, validateSpec, withoutFields} from '../connection-spec/index.js';
import {recordCreated} from './ledger.js';
import {emit, remoteOf, toWorkflowError, updateRemote, WorkflowError, type WorkflowContext} from './progress.js';

/** JSON with sorted keys, so equal specs hash (and compare) equal whatever the key order. */
export function canonicalJson(value: unknown): string {
	const sort = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(sort);
		if (node && typeof node === 'object') {
			return Object.fromEntries(
				Object.keys(node)
					.sort()
					.map(key => [key, sort((node as Record<string, unknown>)[key])]),
			);
		}
		return node;
	};
	return JSON.stringify(sort(value));
}

export function specHash(spec: unknown): string {
	return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

/** Fields the Flow Service adds to a stored connection spec (docs/flow-service.md#conventions); ignored when comparing. */
export const serverFields = ['id', ...serverOwnedFields] as const;

export function withoutServerFields(item: Record<string, unknown>): Record<string, unknown> {
	return withoutFields(item, serverFields);
}

/** The spec to send, validated; throws a WorkflowError carrying the findings when it has errors. */
export function validatedSpec(ctx: WorkflowContext): Record<string, unknown> {
	emit(ctx, {stage: 'validate', status: 'start', message: 'Validating the connection spec'});
	const result = validateSpec(specFromDraft(ctx.draft));
	if (!result.valid || !result.spec) {
		const count = result.errors.length;
		emit(ctx, {stage: 'validate', status: 'failed', message: `The connection spec has ${count} error(s); nothing was sent.`});
		const first = result.errors[0];
		throw new WorkflowError(
			'validate',
			`The connection spec has ${count} error(s)${first ? `, first at ${first.path || '(root)'}: ${first.message}` : ''}. Nothing was sent.`,
			{
				hint: first?.hint ?? 'Fix the errors listed by `validate` and try again.',
				findings: result.errors,
			},
		);
	}
	emit(ctx, {stage: 'validate', status: 'done', message: `Valid (${result.warnings.length} warning(s))`});
	return result.spec as Record<string, unknown>;
}

function isNotFound(error: unknown): boolean {
	return Boolean(error && typeof error === 'object' && (error as {status?: unknown}).status === 404);
}

/**
 * POST when this profile has no spec id yet, else PUT (full replacement, no If-Match: docs/README.md#choices-where-adobes-docs-are-silent).
 * A PUT answered 404 (the spec was removed, or the sandbox was reset) falls back to a POST.
 */
export async function createOrUpdateConnectionSpec(ctx: WorkflowContext): Promise<{id: string; created: boolean}> {
	const spec = validatedSpec(ctx);
	const remote = remoteOf(ctx.draft, ctx.profileName);
	const started = Date.now();
	emit(ctx, {
		stage: 'create-spec',
		status: 'start',
		message: remote.connectionSpecId ? `Updating connection spec ${remote.connectionSpecId}` : 'Registering the connection spec',
	});
	try {
		if (remote.connectionSpecId) {
			try {
				await ctx.client.connectionSpecs.update(remote.connectionSpecId, spec);
				return finish(ctx, remote.connectionSpecId, spec, false, started);
			} catch (error) {
				if (!isNotFound(error)) throw error;
				emit(ctx, {stage: 'create-spec', status: 'info', id: remote.connectionSpecId, message: 'The stored spec is gone (404); registering it again'});
			}
		}
		const stored = (await ctx.client.connectionSpecs.create(spec)) as {id?: unknown};
		const id = stored.id;
		if (typeof id !== 'string') throw new Error('POST /connectionSpecs answered without an id.');
		updateRemote(ctx, current => ({...current, connectionSpecId: id, appendedToFlowSpec: false}));
		recordCreated(ctx, 'connectionSpec', id);
		return finish(ctx, id, spec, true, started);
	} catch (error) {
		const wrapped = toWorkflowError('create-spec', error, 'Check the profile (sandbox access) and the spec, then try again.');
		emit(ctx, {stage: 'create-spec', status: 'failed', message: wrapped.message});
		throw wrapped;
	}
}

function finish(ctx: WorkflowContext, id: string, spec: unknown, created: boolean, started: number): {id: string; created: boolean} {
	updateRemote(ctx, remote => ({...remote, connectionSpecId: id, lastSentSpecHash: specHash(spec)}));
	emit(ctx, {
		stage: 'create-spec',
		status: 'done',
		id,
		elapsedMs: Date.now() - started,
		message: created ? `Registered connection spec ${id}` : `Updated connection spec ${id}`,
	});
	return {id, created};
}
