// The one error type the engine throws. Messages and URLs are masked before they get here.
import {AepError} from '../shared/errors.js';

export type EngineErrorCode = 'source-auth' | 'source-http' | 'source-json' | 'config' | 'network' | 'timeout' | 'aborted';

export class EngineError extends AepError {
	readonly code: EngineErrorCode;
	readonly status?: number;
	/** Masked. */
	readonly url?: string;
	/** What the user can do about it. */
	declare readonly hint: string;

	constructor(code: EngineErrorCode, message: string, details: {hint: string; status?: number; url?: string}) {
		super(message);
		this.name = 'EngineError';
		this.code = code;
		this.hint = details.hint;
		if (details.status !== undefined) this.status = details.status;
		if (details.url !== undefined) this.url = details.url;
	}
}

export function configError(message: string, hint: string): EngineError {
	return new EngineError('config', message, {hint});
}
