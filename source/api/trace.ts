// The --debug HTTP trace and the masking every traced or thrown text goes through.
import type {Masker} from '../connection-spec/masker.js';

const bodyLimit = 600;

export function truncate(value: string, limit = bodyLimit): string {
	return value.length <= limit ? value : `${value.slice(0, limit)}… (${value.length} chars)`;
}

/** Trace sink for the CLI: on with `--debug` (the CLI sets AEP_SOURCE_DEBUG=1) or AEP_SOURCE_DEBUG=1. */
export function debugSink(env: NodeJS.ProcessEnv, stream: NodeJS.WritableStream): ((line: string) => void) | undefined {
	const flag = (env['AEP_SOURCE_DEBUG'] ?? '').trim().toLowerCase();
	if (!['1', 'true', 'yes', 'on'].includes(flag)) return undefined;
	return line => {
		stream.write(`[debug] ${line}\n`);
	};
}

export type TraceRequest = {method: string; url: string; headers: Record<string, string>; body?: string};

export function requestLine(masker: Masker, r: TraceRequest): string {
	const headers = Object.entries(r.headers)
		.map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? value.replace(/\s.*$/, ' ***') : value}`)
		.join('; ');
	const body = r.body === undefined ? '' : ` body=${truncate(masker.body(r.body))}`;
	return masker.text(`→ ${r.method} ${r.url} [${headers}]${body}`);
}

export function responseLine(
	masker: Masker,
	r: {method: string; url: string; status?: number; ms: number; requestId?: string; body?: string; error?: string},
): string {
	const outcome = r.status === undefined ? `✗ ${r.error ?? 'no response'}` : String(r.status);
	const request = r.requestId ? ` request-id=${r.requestId}` : '';
	const body = r.body ? ` body=${truncate(masker.body(r.body))}` : '';
	return masker.text(`← ${outcome} ${r.method} ${r.url} ${r.ms}ms${request}${body}`);
}
