import type {IncomingHttpHeaders} from 'node:http';
import type {SandboxContext} from './context.js';

export type Service = 'flowservice' | 'schemaregistry' | 'catalog' | 'conversion';

/** Who is calling, established by the gateway checks (gateway.ts). */
export type Caller = {clientId: string; orgId: string; sandboxName: string; sandboxId: string; userId: string};

export type SandboxRequest = {
	method: string;
	/** Path below the service prefix, e.g. `/flowSpecs/6499120c-…`. */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
	caller: Caller;
	signal: AbortSignal;
};

/** `text`, when set, is the body already serialised (hot GETs cache it). */
export type SandboxResponse = {status: number; body?: unknown; text?: string; headers?: Record<string, string>};

export type Handler = (request: SandboxRequest, context: SandboxContext) => Promise<SandboxResponse> | SandboxResponse;

export type Route = {method: string; pattern: string; handler: Handler; needsBody?: boolean};

type CompiledRoute = Route & {segments: string[]};

export type RouteMatch = {route: Route; params: Record<string, string>} | {methodNotAllowed: true} | undefined;

/** A small router: patterns are `/a/:param/b`; segments are URL-decoded (schema `$id`s arrive encoded). */
export class Router {
	private readonly table = new Map<Service, CompiledRoute[]>();

	add(service: Service, routes: Route[]): void {
		const list = this.table.get(service) ?? [];
		for (const route of routes) list.push({...route, segments: splitPath(route.pattern)});
		this.table.set(service, list);
	}

	match(service: Service, method: string, segments: string[]): RouteMatch {
		let pathMatched = false;
		for (const route of this.table.get(service) ?? []) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.method === method) return {route, params};
			pathMatched = true;
		}
		return pathMatched ? {methodNotAllowed: true} : undefined;
	}
}

export function splitPath(pathname: string): string[] {
	return pathname.split('/').filter(segment => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (const [index, part] of pattern.entries()) {
		const value = actual[index]!;
		if (part.startsWith(':')) params[part.slice(1)] = value;
		else if (part !== value) return undefined;
	}
	return params;
}

export const servicePrefixes: [Service, string[]][] = [
	['flowservice', ['data', 'foundation', 'flowservice']],
	['schemaregistry', ['data', 'foundation', 'schemaregistry']],
	['catalog', ['data', 'foundation', 'catalog']],
	['conversion', ['data', 'foundation', 'conversion']],
];

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
	return {status, body, headers};
}
