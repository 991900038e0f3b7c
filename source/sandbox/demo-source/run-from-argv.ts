// Starting the demo source from command-line arguments (used by main.ts and by the CLI's sandbox command).
import {parseArgs} from 'node:util';
import {demoCredentials, demoRefreshToken} from './credentials.js';
import {startDemoSource, type DemoSource} from './server.js';

export function describeDemoSource(source: DemoSource): string {
	const {url} = source;
	return [
		`Demo source listening on ${url} (${source.records} contacts)`,
		'',
		'Routes (JSON):',
		`  GET  ${url}/v1/offset/contacts?limit=50&offset=0     OFFSET  -> contacts, total, hasMore`,
		`  GET  ${url}/v1/pointer/contacts?limit=50             POINTER -> contacts, paging.next`,
		`  GET  ${url}/v1/token/contacts?limit=50               CONTINUATION_TOKEN (page[after] or X-Continuation) -> results, meta.after_cursor`,
		`  GET  ${url}/v1/page/contacts?pageSize=50&pageNumber=1 PAGE (1-based, header x-pagecount) -> items`,
		`  GET  ${url}/v1/all/contacts                          NONE -> contacts`,
		`  POST ${url}/v1/search/contacts?limit=50&offset=0     body {"filter":{"tag":"vip"}} -> as OFFSET`,
		'  Filters: updated_since / updated_before (ISO), q="updated > {START_TIME} updated < {END_TIME}"',
		'',
		'Demo credentials (public, for this demo only):',
		`  OAuth2RefreshCode    accessToken=${demoCredentials.accessToken} refreshToken=${demoRefreshToken} accessTokenUrl=${url}/oauth/token`,
		`  BasicAuthentication  username=${demoCredentials.username} password=${demoCredentials.password}`,
		`  KeyBased             authKey1=${demoCredentials.apiKey} sent as header ${demoCredentials.apiKeyHeader}`,
		`  host=${url}`,
	].join('\n');
}

/** Starts the demo source from command-line arguments and prints where it is; resolves to the running source. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<DemoSource> {
	const {values} = parseArgs({args: argv, options: {port: {type: 'string'}, records: {type: 'string'}}, allowPositionals: false});
	const port = values.port === undefined ? 0 : Number(values.port);
	const records = values.records === undefined ? 250 : Number(values.records);
	if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
	if (!Number.isInteger(records) || records < 0) throw new Error(`--records must be a whole number, got ${values.records}`);
	const source = await startDemoSource({port, records});
	out.write(`${describeDemoSource(source)}\n`);
	return source;
}
