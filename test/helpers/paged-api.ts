// Small APIs of a given shape on 127.0.0.1 (not the demo source), each logging its requests.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type Page = {status?: number; headers?: Record<string, string>; body: unknown};
export type Shape = (url: URL, base: string, method: string) => Page;
export type PagedApi = {base: string; log: {method: string; url: string; authorization?: string}[]; close: () => Promise<unknown>};

/** One route, one credential check, one response shape; every request is logged (a 404 or 401 otherwise). */
export async function pagedApi(route: string, credential: (request: http.IncomingMessage, url: URL) => boolean, shape: Shape): Promise<PagedApi> {
	const log: PagedApi['log'] = [];
	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		log.push({
			method: request.method ?? '',
			url: `${url.pathname}${url.search}`,
			...(request.headers.authorization ? {authorization: request.headers.authorization} : {}),
		});
		request.resume();
		if (url.pathname !== route) return void response.writeHead(404, {'content-type': 'application/json'}).end('{"error":"no route"}');
		if (!credential(request, url)) return void response.writeHead(401, {'content-type': 'application/json'}).end('{"error":"bad credentials"}');
		const page = shape(url, base, request.method ?? 'GET');
		response.writeHead(page.status ?? 200, {'content-type': 'application/json', ...page.headers}).end(JSON.stringify(page.body));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {base, log, close: () => new Promise(resolve => server.close(resolve))};
}

export const int = (url: URL, name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
export const basic = (user: string, password: string) => (request: http.IncomingMessage) =>
	request.headers.authorization === `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const bearer = (token: string) => (request: http.IncomingMessage) => request.headers.authorization === `Bearer ${token}`;
export const header = (name: string, value: string) => (request: http.IncomingMessage) => request.headers[name.toLowerCase()] === value;
