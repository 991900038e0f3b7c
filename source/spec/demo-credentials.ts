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
