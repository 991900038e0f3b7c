// What an export may write. Exports (artifacts folder, docs page, submission packet) are meant to leave the machine,
// so every file's content is checked against every secret this machine knows before it is written: the client
// secrets and cached tokens under the aep-source home, AEP_CLIENT_SECRET and AEP_SOURCE_SECRET_* values, and any
// test value held in memory. A hit refuses the whole export, naming the file, never the value.
import {aepHome} from '../store/home.js';
import {environmentSecrets, storedSecrets} from '../store/profiles.js';
import {AepError} from '../shared/errors.js';

export type ExportOptions = {
	/** Where $AEP_SOURCE_HOME and AEP_SOURCE_SECRET_* come from (default process.env). */
	env?: NodeJS.ProcessEnv;
	/** The aep-source home (default: from `env`). */
	home?: string;
	/** Secret values held in memory only (e.g. the wizard's test credentials). */
	secrets?: Iterable<string>;
};

export class ExportRefusedError extends AepError {
	constructor(
		readonly file: string,
		message: string,
	) {
		super(message);
		this.name = 'ExportRefusedError';
	}
}

/** The home and every secret value the export must never contain (values shorter than 4 characters are ignored). */
export function exportContext(options: ExportOptions = {}): {home: string; secrets: string[]} {
	const env = options.env ?? process.env;
	const home = options.home ?? aepHome(env);
	const secrets = [...storedSecrets(home), ...environmentSecrets(env), ...(options.secrets ?? [])].filter(value => value.length >= 4);
	return {home, secrets};
}

/** The forms a secret takes when written into a file: as is, URL-encoded, base64 and JSON-escaped. */
function formsOf(secret: string): string[] {
	return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), JSON.stringify(secret).slice(1, -1)];
}

/**
 * Throws ExportRefusedError when `content` contains any of `secrets` in any written form. `file` is the export's
 * file name for the message; the secret itself is never named.
 */
export function assertNoSecret(file: string, content: string | Buffer, secrets: readonly string[]): void {
	const text = typeof content === 'string' ? content : content.toString('utf8');
	if (secrets.some(secret => formsOf(secret).some(form => text.includes(form)))) {
		const kinds = 'a client secret, token or credential known to aep-source';
		throw new ExportRefusedError(file, `Nothing was exported: ${file} would contain a secret (${kinds}). Check what the draft puts into that file.`);
	}
}
