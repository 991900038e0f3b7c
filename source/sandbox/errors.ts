import {randomUUID} from 'node:crypto';
import {AepError} from '../shared/errors.js';

/** An HTTP error answer; thrown by handlers and turned into a response by the server. */
export class ApiError extends AepError {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'object' && body && 'message' in body ? String((body as {message: unknown}).message) : `HTTP ${status}`);
	}
}

/** Gateway errors for required headers (docs/flow-service.md#gateway-errors): `{error_code, message}` with a string code. */
export function gatewayError(status: number, errorCode: string, message: string, headers?: Record<string, string>): ApiError {
	return new ApiError(status, {error_code: errorCode, message}, headers);
}

/** Missing or wrong Content-Type on a body request (docs/flow-service.md#content-type-errors), literally as documented. */
export function contentTypeError(): ApiError {
	return new ApiError(400, {type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified'});
}

// Titles from the Flow Service error catalog (docs/flow-service.md#error-codes).
const flowTitles: Record<string, string> = {
	'1101-404': 'Resource not found',
	'1102-500': 'Internal Error',
	'1102-502': 'Bad Gateway',
	'1103-503': 'Service Unavailable',
	'1104-504': 'Gateway Timeout',
	'1403-400': 'Header is missing',
	'1404-412': 'Version not matching',
	'2100-404': 'Sandbox not found',
	'2105-400': 'Header is missing',
};

export type FlowErrorReport = {id?: string; type?: string};

/**
 * Flow Service error envelope (docs/flow-service.md#error-envelope): `type` = .../FLOW-{code}-{status}, catalog title, a fresh
 * `request-id`, and the resource id/collection in `report` when the error is about one resource.
 */
export function flowError(code: string, message: string, report: FlowErrorReport = {}, headers?: Record<string, string>): ApiError {
	const status = Number(code.split('-')[1]);
	const body = {
		type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
		title: flowTitles[code] ?? 'Invalid request',
		status,
		report: {
			'detailed-message': message,
			...(report.id === undefined ? {} : {id: report.id}),
			'request-id': randomUUID(),
			...(report.type === undefined ? {} : {type: report.type}),
		},
		errorMessage: message,
		errorDetails: message,
	};
	return new ApiError(status, body, headers);
}

export function notFound(collection: string, id: string): ApiError {
	return flowError('1101-404', `The requested ${collection} resource ${id} was not found.`, {id, type: collection});
}

/** 400 Flow Service envelope listing every offending field as `path: message` (docs/flow-service.md#error-envelope Recommendation). */
export function invalidBody(problems: string[], code = '1452-400'): ApiError {
	return flowError(code, problems.join('; '));
}

function registryTimestamp(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	const day = `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}-${date.getUTCFullYear()}`;
	return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

const registryTitles: Record<number, string> = {400: 'Bad Request', 404: 'Resource not found', 406: 'Not Acceptable'};

/** Schema Registry error (docs/target-and-runs.md#error-bodies-of-the-other-services): note the `http://` type URI and MM-DD-YYYY timestamp. */
export function registryError(code: string, message: string): ApiError {
	const status = Number(code.split('-')[2] ?? code.split('-')[1]);
	return new ApiError(status, {
		type: `http://ns.adobe.com/aep/errors/${code}`,
		title: registryTitles[status] ?? 'Bad Request',
		status,
		report: {registryRequestId: randomUUID(), timestamp: registryTimestamp(new Date()), 'detailed-message': message, 'sub-errors': []},
		detail: message,
	});
}

/**
 * Catalog and Data Prep document no error bodies (docs/target-and-runs.md#error-bodies-of-the-other-services); the emulator reuses the
 * problem-details shape `{type, title, status, detail}` as the reference suggests — an emulator choice.
 */
export function problemError(status: number, title: string, detail: string): ApiError {
	return new ApiError(status, {type: '/placeholder/type/uri', status, title, detail});
}
