// The secrets of one run, masked through the one Masker (source/connection-spec/masker.ts): every auth param value, and every
// source param that is secret-named or `format: "password"`. Values that only locate the API stay readable so
// traces remain useful (docs/connection-spec-model.md#auth).
import {createMasker, type Masker} from '../connection-spec/masker.js';
import {isSecretKeyName} from '../connection-spec/secrets.js';
import type {PropertyPlan} from '../connection-spec/plan.js';

export type {Masker} from '../connection-spec/masker.js';

/** Auth params that locate the API rather than prove identity. */
const locatorKeys = new Set(['host', 'domain', 'authorizationTestUrl', 'accessTokenUrl', 'refreshTokenUrl', 'expirationDate']);

function passwordNames(properties: Record<string, PropertyPlan> | undefined): Set<string> {
	return new Set(
		Object.entries(properties ?? {})
			.filter(([, property]) => property.password)
			.map(([name]) => name),
	);
}

/** The Masker of a run, knowing its secret params (`authProperties`/`sourceProperties` from the compiled plan). */
export function runMasker(input: {
	authParams: Record<string, unknown>;
	sourceParams: Record<string, unknown>;
	authProperties?: Record<string, PropertyPlan> | undefined;
	sourceProperties?: Record<string, PropertyPlan> | undefined;
}): Masker {
	const secrets: string[] = [];
	const authPasswords = passwordNames(input.authProperties);
	for (const [key, value] of Object.entries(input.authParams)) {
		if (typeof value === 'string' && (!locatorKeys.has(key) || authPasswords.has(key))) secrets.push(value);
	}
	const {username, password} = input.authParams;
	if (typeof username === 'string' && typeof password === 'string') secrets.push(`${username}:${password}`);
	const sourcePasswords = passwordNames(input.sourceProperties);
	for (const [key, value] of Object.entries(input.sourceParams)) {
		if (typeof value === 'string' && (isSecretKeyName(key) || sourcePasswords.has(key))) secrets.push(value);
	}
	return createMasker(secrets);
}
