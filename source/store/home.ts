import os from 'node:os';
import path from 'node:path';

/** Every file the tool stores (profiles, drafts, sandbox data) lives under this directory. */
export function aepHome(env: NodeJS.ProcessEnv = process.env): string {
	const override = env['AEP_SOURCE_HOME'];
	return override && override.trim() !== '' ? path.resolve(override) : path.join(os.homedir(), '.aep-source');
}
