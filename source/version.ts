import {readFileSync} from 'node:fs';

// The bundle inlines the version (see .ci/bundle.mjs); under tsx we read package.json.
declare const __AEP_SOURCE_VERSION__: string | undefined;

export const version: string =
	typeof __AEP_SOURCE_VERSION__ === 'string'
		? __AEP_SOURCE_VERSION__
		: (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;
