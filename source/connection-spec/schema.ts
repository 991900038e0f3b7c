// zod model of a connection spec in instance form, as POSTed to /connectionSpecs (docs/connection-spec.md#top-level-fields,
// docs/connection-spec.md#explorespec,
// Appendix B).
// It encodes only the E-level structure of docs/connection-spec.md#validation-rules; W and L rules and cross-field checks live in lint.ts. Objects are
// loose: unknown keys are kept, because the OpenAPI types these sections as open maps (docs/connection-spec.md#top-level-attributes) and the platform
// stores whatever it receives. The schemas are built once at module load; validateSpec reuses them.
import {z} from 'zod';
import {authTypes, httpMethods, parameterTypes} from './constants.js';

/** Accepts any value: the row is W-level in docs/connection-spec.md#validation-rules, so lint reports it and zod must not turn it into an error. */
const lenient = <T>() => z.custom<T>(() => true);
const nonBlank = z.string().regex(/\S/);

/**
 * Whole number > 0, or a numeric string (every documented OFFSET example uses "100"; docs/connection-spec.md#pagination-rules,
 * docs/connection-spec.md#pagination).
 */
const countLike = z.custom<number | string>(
	value => (typeof value === 'number' && Number.isInteger(value) && value > 0) || (typeof value === 'string' && /^\s*[1-9]\d*\s*$/.test(value)),
);
/** Whole number ≥ 0, or a numeric string (`delayRequestMillis: "850"`, docs/connection-spec.md#pagination). */
const millisLike = z.custom<number | string>(
	value => (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && /^\s*\d+\s*$/.test(value)),
);

const propertySchema = z.looseObject({
	type: z.string().optional(),
	description: z.string().optional(),
	title: z.string().optional(),
	format: z.string().optional(),
	enum: z.array(z.unknown()).optional(),
	uiAttributes: z.looseObject({hidden: z.boolean().optional()}).optional(),
	restAttributes: z.looseObject({headerParamName: nonBlank.optional()}).optional(),
	get properties() {
		return z.record(z.string(), propertySchema).optional();
	},
});

/** A draft-07 JSON Schema of an object (auth credentials, user inputs). */
const objectSchema = z.looseObject({
	$schema: z.string().optional(),
	type: z.literal('object'),
	description: z.string().optional(),
	properties: z.record(z.string(), propertySchema),
	required: z.array(z.string()).optional(),
});

export const authSpecSchema = z.looseObject({
	name: nonBlank,
	type: z.enum(authTypes),
	// `required` is present in every example and rules 11–13 need it (docs/connection-spec.md#authspec-rules).
	spec: objectSchema.extend({required: z.array(z.string())}),
});

/** `{key}` issued by Adobe, or `{text}` while testing — exactly one of them (docs/connection-spec.md#sourcespec-rules). */
const keyOrText = z
	.looseObject({key: nonBlank.optional(), text: nonBlank.optional()})
	.refine(value => (value.key === undefined) !== (value.text === undefined), {
		message: 'must have exactly one of "key" (issued by Adobe) or "text" (while testing)',
	});

const uiAttributesSchema = z.looseObject({
	isSource: z.boolean(),
	isPreview: z.boolean().optional(),
	isBeta: z.boolean().optional(),
	// W-level (docs/connection-spec.md#sourcespec-rules): shape and key are checked in lint.
	category: lenient<{key: string} | undefined>().optional(),
	icon: keyOrText,
	label: keyOrText,
	description: keyOrText,
	documentationLink: z.string().optional(),
});

const stringMap = z.record(z.string(), z.string());

const urlParamsSchema = z.looseObject({
	host: z.string().optional(),
	path: nonBlank,
	method: z.enum(httpMethods),
	queryParams: stringMap.optional(),
});

export const flattenPathSchema = z.looseObject({
	path: nonBlank,
	skipAttributes: z.array(z.string()).optional(),
	keepAttributes: z.array(z.string()).optional(),
	overrideWrapperAttribute: z.string().optional(),
});

export const paginationSchema = z.discriminatedUnion('type', [
	z.looseObject({
		type: z.literal('OFFSET'),
		limitName: nonBlank,
		limitValue: countLike,
		offSetName: nonBlank,
		endConditionName: z.string().optional(),
		endConditionValue: z.string().optional(),
	}),
	z.looseObject({type: z.literal('POINTER'), limitName: nonBlank, limitValue: countLike, pointerPath: nonBlank}),
	z.looseObject({
		type: z.literal('CONTINUATION_TOKEN'),
		continuationTokenPath: nonBlank,
		parameterType: z.enum(parameterTypes),
		parameterName: nonBlank,
		delayRequestMillis: millisLike.optional(),
	}),
	z.looseObject({
		type: z.literal('PAGE'),
		limitName: nonBlank,
		// Documented as an integer for PAGE; numeric strings are accepted like OFFSET's (reported as lenient in lint).
		limitValue: countLike,
		pageParamName: nonBlank,
		// Whole numbers; numeric strings are read like limitValue's (docs/connection-spec-model.md#pagination).
		initialPageIndex: millisLike.optional(),
		// A page number, or `headers.<name>`: the two documented forms (docs/connection-spec-model.md#pagination).
		endPageIndex: z.union([z.number().int().min(0), z.string().regex(/^\s*(\d+|headers\.[^\s.]+)\s*$/)]).optional(),
		maximumRequest: countLike.optional(),
	}),
	z.looseObject({type: z.literal('NONE')}),
]);

export const scheduleSchema = z.discriminatedUnion('type', [
	z.looseObject({
		type: z.undefined().optional(),
		scheduleStartParamName: nonBlank,
		scheduleEndParamName: nonBlank,
		scheduleStartParamFormat: z.string().optional(),
		scheduleEndParamFormat: z.string().optional(),
	}),
	z.looseObject({type: z.literal('ADVANCE'), paramFormat: nonBlank, incremental: nonBlank, backfill: nonBlank}),
]);

export const sourceSpecSchema = z.looseObject({
	attributes: z.looseObject({
		uiAttributes: uiAttributesSchema,
		urlParams: urlParamsSchema,
		headerParams: stringMap.optional(),
		// Shape undocumented (docs/connection-spec.md#bodyparams): any JSON object.
		bodyParams: z.record(z.string(), z.unknown()).optional(),
		contentPath: flattenPathSchema,
		explodeEntityPath: flattenPathSchema.optional(),
		paginationParams: paginationSchema,
		scheduleParams: scheduleSchema,
	}),
	spec: objectSchema,
	// Optional custom schema of the records (docs/connection-spec.md#custom-schema).
	schema: z.record(z.string(), z.unknown()).optional(),
});

export const exploreSpecSchema = z.looseObject({
	// "Resource" is recommended (W, docs/connection-spec.md#placeholder-and-explorespec-rules), checked in lint.
	name: lenient<string | undefined>().optional(),
	type: lenient<string | undefined>().optional(),
	requestSpec: z.record(z.string(), z.unknown()),
	responseSpec: z.record(z.string(), z.unknown()),
});

export const connectionSpecSchema = z.looseObject({
	name: nonBlank,
	description: z.string().optional(),
	type: lenient<string | undefined>().optional(),
	providerId: nonBlank,
	version: lenient<string | undefined>().optional(),
	attributes: z.record(z.string(), z.unknown()).optional(),
	authSpec: z.array(authSpecSchema).min(1),
	sourceSpec: sourceSpecSchema,
	exploreSpec: exploreSpecSchema,
});

export type ConnectionSpec = z.infer<typeof connectionSpecSchema>;
export type AuthSpec = z.infer<typeof authSpecSchema>;
export type AuthType = (typeof authTypes)[number];
export type Pagination = z.infer<typeof paginationSchema>;
export type PaginationType = Pagination['type'];
export type Schedule = z.infer<typeof scheduleSchema>;
export type FlattenPath = z.infer<typeof flattenPathSchema>;
export type PropertySchema = z.infer<typeof propertySchema>;
export type UiKey = {key: string; text?: undefined} | {text: string; key?: undefined};
