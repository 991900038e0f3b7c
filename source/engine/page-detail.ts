// What the live preview's inspector shows of one page (docs/preview.md): the query and headers sent and the
// headers and body received, every secret masked through the run's Masker, the body kept to a bounded size.
import type {IncomingHttpHeaders} from 'node:http';
import type {Masker} from './masking.js';
import type {PageDetail} from './types.js';

/**
 * The masked detail of one page. `raw` is the body as received; at most `bodyChars` characters of it are kept
 * (cut first, then masked, so a 50 MB body costs what 256 KB cost).
 */
export function pageDetail(
	page: {url: string; sentHeaders: Record<string, string>; headers: IncomingHttpHeaders; raw: Buffer},
	masker: Masker,
	bodyChars: number,
): PageDetail {
	const query = [...new URL(page.url).searchParams].map(([name, value]): [string, string] => [name, masker.param(name, value)]);
	const requestHeaders = Object.entries(page.sentHeaders).map(([name, value]): [string, string] => [name, masker.param(name, value)]);
	const responseHeaders = Object.entries(page.headers).flatMap(([name, value]): [string, string][] =>
		value === undefined ? [] : [[name, masker.param(name, Array.isArray(value) ? value.join(', ') : value)]],
	);
	const cut = page.raw.length > bodyChars;
	const text = (cut ? page.raw.subarray(0, bodyChars) : page.raw).toString('utf8');
	const masked = masker.body(text);
	return {query, requestHeaders, responseHeaders, body: masked.length > bodyChars ? masked.slice(0, bodyChars) : masked, cut: cut || masked.length > bodyChars};
}
