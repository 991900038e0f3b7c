// Explore preview (docs/flow-service.md#explore: the first page of records after contentPath/explodeEntityPath).
import {EngineError} from './engine-error.js';
import {streamRecords} from './stream-records.js';
import type {EngineOptions, EngineResult} from './types.js';

/** Default one page (override with maxPages/maxRecords). Never throws: a failure comes back as `error`. */
export async function previewSourceSpec(
	options: EngineOptions,
): Promise<{records: Record<string, unknown>[]; result: EngineResult | undefined; error?: EngineError}> {
	const records: Record<string, unknown>[] = [];
	try {
		const stream = streamRecords({...options, maxPages: options.maxPages ?? 1});
		for (;;) {
			const next = await stream.next();
			if (next.done) return {records, result: next.value};
			records.push(next.value);
		}
	} catch (error) {
		const engineError =
			error instanceof EngineError
				? error
				: new EngineError('config', 'Unexpected engine failure.', {
						hint: 'This is likely an engine bug: report it with the connection spec (secrets removed).',
					});
		return {records, result: undefined, error: engineError};
	}
}
