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

/** The demo API's public value for an auth property it knows (accessToken, username, password, authKey1). */
export function demoValueFor(property: string): string | undefined {
	return Object.hasOwn(demoValues, property) ? demoValues[property] : undefined;
}
