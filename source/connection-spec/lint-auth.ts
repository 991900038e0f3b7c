// Cross-field checks of authSpec (docs/connection-spec.md#validation-rules rows 7, 10–15, 43) and of `$schema` strings (row 42).
import {draft07, secretAuthProperty} from './constants.js';
import {describeValue, finding, type Finding, type PathSegment} from './findings.js';
import {arrayAt, isObject, objectAt} from './json.js';
import {getAt} from './json-path.js';
import {headerNameProblem} from './placeholders.js';

/** Credentials each auth type must declare and require (docs/connection-spec.md#authspec-rules). */
const neededByType = new Map<unknown, {names: string[]; rule: string}>([
	['OAuth2RefreshCode', {names: ['accessToken'], rule: 'oauth2-access-token'}],
	['BasicAuthentication', {names: ['username', 'password'], rule: 'basic-username-password'}],
	['KeyBased', {names: ['authKey1'], rule: 'key-based-auth-key'}],
]);

export function lintAuthSpecs(spec: unknown, out: Finding[]): void {
	const list = arrayAt(spec, 'authSpec') ?? [];
	const firstByName = new Map<string, number>();
	list.forEach((entry, index) => {
		if (!isObject(entry)) return;
		const base: PathSegment[] = ['authSpec', index];
		const name = entry['name'];
		if (typeof name === 'string' && name.trim() !== '') {
			const first = firstByName.get(name.trim());
			if (first === undefined) firstByName.set(name.trim(), index);
			else
				out.push(
					finding(
						'warning',
						[...base, 'name'],
						'auth-spec-name',
						`The auth spec name "${name}" is already used ` +
							`by authSpec[${first}]. Base connections select an auth spec by name, so this one could never be chosen.`,
						'Give every auth spec a unique name.',
					),
				);
		}
		const schema = entry['spec'];
		checkSchemaUrl(objectAt(schema)?.['$schema'], [...base, 'spec', '$schema'], out);
		const properties = objectAt(schema, 'properties');
		if (!properties) return;
		const required = arrayAt(schema, 'required');
		// A required credential the type needs is already an error (docs/connection-spec.md#authspec-rules); do not warn about it twice.
		const needed = neededByType.get(entry['type'])?.names ?? [];
		lintRequired(properties, required, [...base, 'spec'], 'auth-required-declared', 'an auth spec', out, needed);
		lintNeeded(entry['type'], properties, required, base, out);
		lintSecrets(properties, base, out);
		lintDescriptions(properties, base, out);
		lintOverrideMethods(properties, base, out);
		lintHeaderNames(properties, base, out);
	});
}

/** Names in `required` should exist in `properties` (W: the official template requires an undeclared `host`). */
export function lintRequired(
	properties: Record<string, unknown>,
	required: unknown[] | undefined,
	base: PathSegment[],
	rule: string,
	what: string,
	out: Finding[],
	skip: string[] = [],
): void {
	required?.forEach((name, index) => {
		if (typeof name !== 'string' || Object.hasOwn(properties, name) || skip.includes(name)) return;
		out.push(
			finding(
				'warning',
				[...base, 'required', index],
				rule,
				`"${name}" is listed in required but is not declared in the properties of ${what}, so nobody is asked for it.`,
				`Add "${name}": {"type": "string", "description": "…"} to properties, or remove "${name}" from required.`,
			),
		);
	});
}

function lintNeeded(type: unknown, properties: Record<string, unknown>, required: unknown[] | undefined, base: PathSegment[], out: Finding[]): void {
	const needed = neededByType.get(type);
	if (!needed) return;
	for (const name of needed.names) {
		const secret = secretAuthProperty.test(name);
		if (!Object.hasOwn(properties, name)) {
			out.push(
				finding(
					'error',
					[...base, 'spec', 'properties', name],
					needed.rule,
					`${type} auth specs must declare the property "${name}" (needed: ${needed.names.join(', ')}).`,
					`Add "${name}": {"type": "string",${secret ? ' "format": "password",' : ''} "description": "…"} to properties and list "${name}" in required.`,
				),
			);
		} else if (required && !required.includes(name)) {
			out.push(
				finding(
					'error',
					[...base, 'spec', 'required'],
					needed.rule,
					`${type} auth specs must list "${name}" in required.`,
					`Add "${name}" to the required array.`,
				),
			);
		}
	}
}

function lintSecrets(properties: Record<string, unknown>, base: PathSegment[], out: Finding[]): void {
	for (const [name, property] of Object.entries(properties)) {
		if (!secretAuthProperty.test(name) || !isObject(property) || property['format'] === 'password') continue;
		out.push(
			finding(
				'warning',
				[...base, 'spec', 'properties', name, 'format'],
				'secret-format-password',
				`"${name}" holds a secret but is not marked "format": "password", so it may be shown unmasked.`,
				`Add "format": "password" to the "${name}" property.`,
			),
		);
	}
}

/**
 * Each credential a user types needs a description: the platform's connect form shows it to the user (row 43). A hidden
 * property (`uiAttributes.hidden`, e.g. `expirationDate`) is never shown, so it needs none.
 */
function lintDescriptions(properties: Record<string, unknown>, base: PathSegment[], out: Finding[]): void {
	for (const [name, property] of Object.entries(properties)) {
		if (!isObject(property) || getAt(property, ['uiAttributes', 'hidden']) === true) continue;
		const description = property['description'];
		if (typeof description === 'string' && description.trim() !== '') continue;
		// A description of another type is a structure error already.
		if (description !== undefined && typeof description !== 'string') continue;
		out.push(
			finding(
				'warning',
				[...base, 'spec', 'properties', name, 'description'],
				'auth-property-description',
				`"${name}" has no description, so users connecting the source see only its bare name.`,
				`Add "description": "…" to the "${name}" property: a few words saying what to enter (e.g. "API root URL").`,
			),
		);
	}
}

function lintHeaderNames(properties: Record<string, unknown>, base: PathSegment[], out: Finding[]): void {
	for (const [name, property] of Object.entries(properties)) {
		const header = getAt(property, ['restAttributes', 'headerParamName']);
		const problem = typeof header === 'string' && header.trim() !== '' ? headerNameProblem(header) : undefined;
		if (problem)
			out.push(
				finding(
					'error',
					[...base, 'spec', 'properties', name, 'restAttributes', 'headerParamName'],
					'header-name',
					`${problem}, so the key could not be sent.`,
					'Write the header the API expects, e.g. "X-Api-Key".',
				),
			);
	}
}

function lintOverrideMethods(properties: Record<string, unknown>, base: PathSegment[], out: Finding[]): void {
	const path: PathSegment[] = ['requestParameterOverride', 'properties', 'authenticationMethod', 'enum'];
	arrayAt(properties, ...path)?.forEach((method, index) => {
		if (method === 'GET' || method === 'POST') return;
		out.push(
			finding(
				'error',
				[...base, 'spec', 'properties', ...path, index],
				'auth-request-method',
				`authenticationMethod may only be GET or POST, but the enum lists ${describeValue(method)}.`,
				'Keep ["GET", "POST"] or one of them.',
			),
		);
	});
}

/** `$schema` must be draft-07; the documented "http: //" variant (with a space) is accepted (docs/connection-spec.md#placeholder-and-explorespec-rules). */
export function checkSchemaUrl(value: unknown, path: PathSegment[], out: Finding[]): void {
	// Non-strings are reported by the zod model where the type is fixed.
	if (typeof value !== 'string' || value === draft07) return;
	if (/^http:\s+\/\/json-schema\.org\/draft-07\/schema#?$/.test(value)) {
		out.push(
			finding(
				'lenient',
				path,
				'json-schema-url',
				`"$schema" is written "${value}" (with a space), as in every documented batch example; it is accepted.`,
				`You may write "${draft07}".`,
			),
		);
		return;
	}
	out.push(finding('warning', path, 'json-schema-url', `"$schema" should be the draft-07 URL, but it is "${value}".`, `Write "$schema": "${draft07}".`));
}
