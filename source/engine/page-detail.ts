// What the live preview's inspector shows of one page (docs/preview.md): the query and headers sent and the
// headers and body received, every secret masked through the run's Masker, the body kept to a bounded size.
import type {IncomingHttpHeaders} from 'node:http';
import type {Masker} from './masking.js';
import type {PageDetail} from './types.js';

/**
 * The masked detail of one page. `raw` is the body as received; at most `bodyChars` characters of it are kept
 * (at most twice that is read and masked, so a 50 MB body costs what 512 KB cost).
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
	// Masked before it is cut, with room past the cut: a secret that crosses the cut is still whole when the masker
	// sees it (cut first, its first part would have shown). Twice the kept size bounds the work on a huge body.
	const read = Math.max(2 * bodyChars, bodyChars + 4096);
	const text = (page.raw.length > read ? page.raw.subarray(0, read) : page.raw).toString('utf8');
	const masked = masker.body(text);
	const cut = page.raw.length > read || masked.length > bodyChars;
	return {query, requestHeaders, responseHeaders, body: cut ? masked.slice(0, bodyChars) : masked, cut};
}
