// Reads the many error body shapes of the platform into one {code, message, requestId}.
// Shapes (docs/flow-service.md#gateway-errors, docs/flow-service.md#etag-mismatch, docs/target-and-runs.md#error-bodies-of-the-other-services):
//   gateway        {error_code: "401013", message}
//   Flow Service   {type: ".../FLOW-1439-404", title, status, report: {"detailed-message", "request-id"}, errorMessage}
//   Schema Reg.    {type: "http://ns.adobe.com/aep/errors/XDM-1521-400", title, report: {registryRequestId, ...}, detail}
//   IMS (OAuth)    {error: "invalid_client", error_description}
//   etag (docs/flow-service.md#etag-mismatch)     {errorMessage: "Supplied version=[…] does not match …"}
//   problem (docs/flow-service.md#content-type-errors)  {type: "/placeholder/type/uri", status, title, detail}

export type ErrorBodyFacts = {code?: string; message?: string; requestId?: string};

type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** `FLOW-1418-400` → `1418-400` (the catalog key of docs/flow-service.md#error-codes); other services keep their prefix (`XDM-1521-400`). */
export function codeFromTypeUri(type: string): string | undefined {
	const match = /\/([A-Z]+)-(\d+-\d{3})$/.exec(type);
	if (!match) return undefined;
	return match[1] === 'FLOW' ? match[2] : `${match[1]}-${match[2]}`;
}

function reportFacts(report: unknown): {message?: string; requestId?: string} {
	if (!report || typeof report !== 'object') return {};
	const r = report as Loose;
	return {message: text(r['detailed-message']), requestId: text(r['request-id']) ?? text(r['registryRequestId'])};
}

export function parseErrorBody(body: unknown, status?: number): ErrorBodyFacts {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return typeof body === 'string' && body.trim() !== '' ? {message: body.trim().slice(0, 300)} : {};
	}
	const b = body as Loose;
	if (text(b['error_code'])) return {code: text(b['error_code']), message: text(b['message'])};
	if (typeof b['error_code'] === 'number') return {code: String(b['error_code']), message: text(b['message'])};
	if (text(b['error'])) return {code: text(b['error']), message: text(b['error_description']) ?? text(b['message'])};
	const report = reportFacts(b['report']);
	const type = text(b['type']);
	const code = (type && codeFromTypeUri(type)) ?? (status === 412 && text(b['errorMessage']) ? '1404-412' : undefined);
	const message = text(b['errorMessage']) ?? report.message ?? text(b['detail']) ?? text(b['message']) ?? text(b['title']);
	return {code, message, requestId: report.requestId ?? text(b['requestId'])};
}
