// Which names carry credentials in a pasted request (curl headers, query and body fields), and a same-length mask
// of them for display: the curl field shows what was pasted with every credential replaced by "•", so a token never
// reaches the screen (stdout). Light on purpose (no parser): the wizard's curl field imports it. docs/bootstrap.md.
import {isCredentialParamName} from '../connection-spec/secrets.js';

/**
 * Whether a header, query parameter or body field of this name carries a credential (its value is never saved or
 * shown): the model's one list, isCredentialParamName, which the preview's masking uses too.
 */
export function looksLikeCredentialName(name: string): boolean {
	return isCredentialParamName(name);
}

const dot = '•';
/** `value` as dots, one per UTF-16 unit (so a cursor offset into the text stays valid); `$VARIABLE` references are kept. */
const hide = (value: string) => (value.startsWith('$') ? value : dot.repeat(value.length));
/** A header's value word by word: an auth scheme name (Bearer …) and `$VARIABLE` references stay readable. */
const hideWords = (value: string) => value.replace(/[^\s]+/g, word => (/^(Bearer|Basic|Token|Digest)$/i.test(word) ? word : hide(word)));

/**
 * The curl line as typed, every credential replaced by "•" one for one (same length, so ink-text-input's cursor
 * offsets still apply): words after Bearer/Basic/Token, the values of credential-named headers (-H), the password of
 * -u/--user, and credential-named query, form and JSON fields. For display only: parsing uses shell-quote
 * (bootstrap/curl.ts) on the real text.
 */
export function maskCurlForDisplay(line: string): string {
	return line
		.replace(
			/(-H|--header)(\s*=?\s*)(['"]?)([A-Za-z0-9_-]+)(\s*:\s*)([^'"\n]*)/g,
			(whole, flag: string, space: string, quote: string, name: string, colon: string, value: string) =>
				looksLikeCredentialName(name) ? `${flag}${space}${quote}${name}${colon}${hideWords(value)}` : whole,
		)
		.replace(/\b(Bearer|Basic|Token|Digest)(\s+)([^\s'"\\]+)/gi, (_whole, scheme: string, space: string, value: string) => `${scheme}${space}${hide(value)}`)
		.replace(
			/(-u|--user)(\s*=?\s*)(['"]?)([^\s'":]*):([^\s'"]+)/g,
			(_whole, flag: string, space: string, quote: string, user: string, password: string) => `${flag}${space}${quote}${user}:${hide(password)}`,
		)
		.replace(/([?&\s'"{,])([A-Za-z0-9_.-]+)=([^&\s'"#]+)/g, (whole, before: string, name: string, value: string) =>
			looksLikeCredentialName(name) ? `${before}${name}=${hide(value)}` : whole,
		)
		.replace(
			/("|\\")([A-Za-z0-9_.-]+)("|\\")(\s*:\s*)("|\\")((?:(?!\\?").)*)/g,
			(whole, q1: string, name: string, q2: string, colon: string, q3: string, value: string) =>
				looksLikeCredentialName(name) ? `${q1}${name}${q2}${colon}${q3}${hide(value)}` : whole,
		);
}
