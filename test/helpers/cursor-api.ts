// A third-party test API (not the demo source): a helpdesk-style search export with cursor pagination — records
// under `results`, the cursor at `meta.after_cursor` — as test/fixtures/spec/never-ending-cursor.json expects.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type CursorApiMode =
	/** Two pages of records, then every request past the last record answers an empty page with a new cursor. */
	| 'never-ending-cursor'
	/** Every page has records and a new cursor, each answered after `delayMs`: a source that never runs out. */
	| 'endless-records'
	/** Two pages of records, then an empty page without a cursor: a well-behaved API. */
	| 'finite';

export type CursorApi = {
	url: string;
	/** Requests received on the export path, in order (query string included). */
	requests: string[];
	close(): Promise<void>;
};

export const cursorApiCredentials = {username: 'helpdesk-user', password: 'helpdesk-secret-42'};

export async function startCursorApi(mode: CursorApiMode, options: {delayMs?: number} = {}): Promise<CursorApi> {
	const requests: string[] = [];
	let cursorCount = 0;
	const expected = `Basic ${Buffer.from(`${cursorApiCredentials.username}:${cursorApiCredentials.password}`).toString('base64')}`;
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname !== '/api/v2/search/export') return void res.writeHead(404, {'content-type': 'application/json'}).end('{"error":"not found"}');
		if (req.headers.authorization !== expected) return void res.writeHead(401, {'content-type': 'application/json'}).end('{"error":"unauthorized"}');
		requests.push(`${url.pathname}${url.search}`);
		const after = url.searchParams.get('page[after]');
		const page = after === null ? 0 : Number(after.split('-')[1]) + 1;
		const size = Number(url.searchParams.get('page[size]') ?? 3);
		const records =
			mode === 'endless-records' || page < 2
				? Array.from({length: size}, (_, index) => ({id: `u-${page}-${index}`, email: `user${page}.${index}@example.com`}))
				: [];
		const cursor = mode === 'finite' && records.length === 0 ? {} : {after_cursor: `cursor-${page}-${++cursorCount}`};
		const body = JSON.stringify({results: records, meta: {has_more: records.length > 0, ...cursor}});
		const answer = () => res.writeHead(200, {'content-type': 'application/json'}).end(body);
		if (options.delayMs) setTimeout(answer, options.delayMs);
		else answer();
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () =>
			new Promise(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
