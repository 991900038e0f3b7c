// What bootstrapping produces besides the spec: each guess with the evidence it rests on, and what could not be
// mapped. Pure types (no I/O, no React); see docs/bootstrap.md.

/** One value the bootstrapper chose, with the text that justifies it ("`limit` and `offset` query parameters → OFFSET"). */
export type Guess<T = unknown> = {
	/** What was guessed, in the field's terms: "contentPath", "paginationParams", "authSpec", "host"… */
	field: string;
	value: T;
	evidence: string;
	/**
	 * Set when the guess is a default because no sample response was given: the CLI and the wizard each add how to
	 * give one on their surface (--response FILE; "s" sends the curl request once).
	 */
	needsResponse?: true;
};

/** A JSON object as the bootstrapper reads it (parsed JSON or YAML). */
export type Json = Record<string, unknown>;

/** HTTP response headers as Node gives them (names in any case). */
export type Headers = Record<string, string | string[] | undefined>;

export type AuthGuessType = 'OAuth2RefreshCode' | 'BasicAuthentication' | 'KeyBased';

/** How the API authenticates: the auth spec type and, for API keys, where the key goes. */
export type AuthShape = {
	type: AuthGuessType;
	/** API key sent in this header (`restAttributes.headerParamName`). */
	headerName?: string;
	/** API key sent as this query parameter, valued `${authKey1}`. */
	queryName?: string;
	/** OAuth 2 endpoints from the security scheme, when declared. */
	tokenUrl?: string;
	evidence: string;
};

/** A placeholder the request needs: a server variable (credential-side) or a path/query parameter (user input). */
export type InputShape = {name: string; description: string; default?: string; enum?: string[]; required: boolean};

/**
 * The request an author already has (from an OpenAPI operation or a curl line), before it becomes a spec.
 * `host` carries `${name}` placeholders for `hostVariables`; path, query and headers for `inputs` (user inputs).
 */
export type RequestShape = {
	name: string;
	description?: string;
	documentationLink?: string;
	host?: string;
	hostEvidence?: string;
	/** No fixed host: the API root is the auth param `host`, a test value; why (shown as the host's guess). */
	hostParamEvidence?: string;
	hostVariables: InputShape[];
	path: string;
	inputs: InputShape[];
	method: 'GET' | 'POST';
	/** Query parameters the request sends (required ones, with a value or a `${input}`). */
	queryParams: Record<string, string>;
	/** Every query parameter the input knows of, name → example value ('' when none): what detection reads. */
	knownQuery: Record<string, string>;
	headerParams: Record<string, string>;
	bodyParams?: Record<string, unknown>;
	auth?: AuthShape;
	/** A response body (sample, or one built from the response schema) and its headers, for detection. */
	response?: {body: unknown; headers: Headers; source: 'sample' | 'schema'};
	/** JSON Schema of one record, for the custom schema. */
	itemSchema?: Json;
	/** Things seen in the input that have no place in a connection spec. */
	unmapped: string[];
};

/** Non-secret test values for the draft, and secret ones that stay in memory (never written, never printed). */
export type TestValues = {authParams: Record<string, string>; secrets: Record<string, string>; sourceParams: Record<string, string>};

export type BootstrapResult = {
	spec: Json;
	guesses: Guess[];
	/** What the input did not say and the spec needs ("auth: …"); non-empty means the spec cannot validate yet. */
	missing: string[];
	unmapped: string[];
	testValues: TestValues;
};
