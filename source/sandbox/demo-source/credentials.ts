// Public demo credentials: they protect nothing and are printed on purpose.
export const demoCredentials = {
	accessToken: 'demo-access-token',
	username: 'demo',
	password: 'demo-password',
	apiKey: 'demo-api-key',
	apiKeyHeader: 'X-Api-Key',
} as const;

export const demoRefreshToken = 'demo-refresh-token';
