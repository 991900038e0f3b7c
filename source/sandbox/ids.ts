import {createHash, randomBytes, randomUUID} from 'node:crypto';

// Identifier shapes of docs/flow-service.md#identifier-formats / docs/flow-service.md#identifier-formats, so clients that check formats see real-looking
// values.

export function newUuid(): string {
	return randomUUID();
}

/** Flow Service etag: a UUID-like token wrapped in double quotes inside the JSON string (docs/authentication.md#request-headers). */
export function newEtag(): string {
	const hex = randomBytes(10).toString('hex');
	return `"${hex.slice(0, 8)}-0000-0200-0000-${hex.slice(8, 20)}"`;
}

/** Catalog dataset id: 24 hex characters. */
export function newDatasetId(): string {
	return randomBytes(12).toString('hex');
}

/** Data Prep mapping set id: 32 lower-case hex characters, no hyphens. */
export function newMappingSetId(): string {
	return randomBytes(16).toString('hex');
}

/** Schema Registry resource hash (the `{hex}` of `https://ns.adobe.com/{tenant}/schemas/{hex}`). */
export function newSchemaHash(): string {
	return randomBytes(24).toString('hex');
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Catalog batch id: 26-character upper-case ULID-like value (10 time characters + 16 random). */
export function newBatchId(now = Date.now()): string {
	let time = '';
	let rest = now;
	for (let i = 0; i < 10; i++) {
		time = crockford[rest % 32] + time;
		rest = Math.floor(rest / 32);
	}
	const random = [...randomBytes(16)].map(byte => crockford[byte % 32]).join('');
	return time + random;
}

/** A stable UUID for a sandbox name, so `sandboxId` stays the same across restarts. */
export function sandboxIdFor(orgId: string, sandboxName: string): string {
	const hex = createHash('sha256').update(`${orgId}/${sandboxName}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Compares etags after stripping an optional `W/` prefix and surrounding quotes (docs/authentication.md#request-headers Recommendation). */
export function sameEtag(a: string, b: string): boolean {
	const bare = (value: string) =>
		value
			.trim()
			.replace(/^W\//, '')
			.replace(/^"(.*)"$/, '$1');
	return bare(a) === bare(b);
}
