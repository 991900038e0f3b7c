// Public credentials of the demo REST source (sandbox/demo-source): they protect nothing and are printed on purpose.
// Pure constants here so the wizard's screens can fill them in without importing the sandbox.
export const demoCredentials = {
	accessToken: 'demo-access-token',
	username: 'demo',
	password: 'demo-password',
	apiKey: 'demo-api-key',
	apiKeyHeader: 'X-Api-Key',
} as const;

export const demoRefreshToken = 'demo-refresh-token';

const demoValues: Record<string, string> = {
	accessToken: demoCredentials.accessToken,
	username: demoCredentials.username,
	password: demoCredentials.password,
	authKey1: demoCredentials.apiKey,
};

type AuthEntry = {name?: unknown; type?: unknown; spec?: {properties?: Record<string, unknown>; required?: unknown[]}};
type SpecShape = {authSpec?: AuthEntry[]; sourceSpec?: {spec?: {properties?: Record<string, unknown>; required?: unknown[]}}};

/**
 * Test inputs for trying any spec on the local profile, where every source request goes to the demo source:
 * `host` is the demo source's URL, known credential names get the demo's public values, and every other required
 * input gets the placeholder "demo" (the demo source ignores what it does not use). Values already given win.
 */
export function demoTestDefaults(spec: unknown, authSpecName: string | undefined, demoUrl: string): {authParams: Record<string, string>; sourceParams: Record<string, string>} {
	const shape = (spec ?? {}) as SpecShape;
	const entries = Array.isArray(shape.authSpec) ? shape.authSpec : [];
	const entry = entries.find(each => each.name === authSpecName) ?? entries[0];
	const authParams: Record<string, string> = {};
	for (const name of Object.keys(entry?.spec?.properties ?? {})) {
		if (name === 'host') authParams[name] = demoUrl;
		else if (demoValues[name]) authParams[name] = demoValues[name];
	}
	for (const name of entry?.spec?.required ?? []) if (typeof name === 'string' && authParams[name] === undefined) authParams[name] = 'demo';
	const sourceParams: Record<string, string> = {};
	const inputs = shape.sourceSpec?.spec;
	for (const name of inputs?.required ?? []) if (typeof name === 'string' && name in (inputs?.properties ?? {})) sourceParams[name] = 'demo';
	return {authParams, sourceParams};
}
