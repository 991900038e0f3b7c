import {maskKnownPatterns} from '../connection-spec/secrets.js';
import {UsageError} from '../shared/errors.js';

/**
 * A URL's credentials as they may be echoed: the user-info and every query value are replaced with `***`
 * (`https://ada:pw@api.example.com/x?api_key=k&limit=5` → `https://***@api.example.com/x?api_key=***&limit=***`).
 */
export function redactUrls(text: string): string {
	return text.replace(
		/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/"'@]*@)?([^\s"'?#]*)(\?[^\s"'#]*)?/gi,
		(_whole, scheme: string, userInfo: string | undefined, rest: string, query: string | undefined) => {
			const hidden = query
				? `?${query
						.slice(1)
						.split('&')
						.map(pair => `${pair.split('=')[0]}=***`)
						.join('&')}`
				: '';
			return `${scheme}${userInfo ? '***@' : ''}${rest}${hidden}`;
		},
	);
}

/**
 * Input the bootstrapper cannot use; the message is one sentence for the author (the CLI exits 2 with it). Whatever
 * the message echoes of the input is redacted here, once for every such error: URLs lose their user-info and query
 * values, `Bearer …`/`Basic …` values and secret-named fields are masked.
 */
export class BootstrapInputError extends UsageError {
	constructor(message: string, options?: ConstructorParameters<typeof UsageError>[1]) {
		super(maskKnownPatterns(redactUrls(message)), options);
	}
}
