// Public types of the execution engine (the contract other areas code against).
import type {SourcePlan} from '../connection-spec/plan.js';

export type EngineOptions = {
	/** Connection spec, instance form: compiled by the spec model unless `plan` is given; a spec with errors is refused. */
	spec: Record<string, unknown>;
	/** The spec's compiled plan (compileSpec), when the caller already has it. */
	plan?: SourcePlan;
	/** Which authSpec entry: match `name`, then case-insensitive `type`; default the first. */
	authSpecName?: string;
	/** Base connection `auth.params`. */
	authParams: Record<string, unknown>;
	/** Source connection params (values of `sourceSpec.spec.properties`). */
	sourceParams: Record<string, unknown>;
	/** Schedule window; when absent, standard schedule params are not sent. */
	window?: {start: Date; end: Date};
	/** For ADVANCE schedules (default incremental; backfill uses only END_TIME). */
	scheduleMode?: 'incremental' | 'backfill';
	/** Caps used by previews; reaching one is a stop reason, not an error. */
	maxPages?: number;
	maxRecords?: number;
	signal?: AbortSignal;
	/** Live progress, called after each page. */
	onPage?: (page: PageTrace) => void;
	/** Per request, default 30 s. */
	timeoutMs?: number;
	/** Retries of 429 / 5xx / dropped connections (default 3; 0 disables). docs/README.md#choices-where-adobes-docs-are-silent "Rate limits". */
	retries?: number;
	/**
	 * Sends every request to this origin instead of the spec's host (path kept). The local profile uses it so that a
	 * spec written for a real API (e.g. https://${domain}.api.mailchimp.com) runs against the demo source.
	 */
	originOverride?: string;
	/**
	 * The live preview's inspector: each page trace gets its `detail` (query, request and response headers, the body as
	 * text, secrets masked), the body kept to at most `bodyChars` characters. Runs leave it unset.
	 */
	inspect?: {bodyChars: number};
	/** First back-off ceiling when no Retry-After is given (default 250 ms, doubled per attempt, full jitter; docs/retries.md). */
	retryBaseDelayMs?: number;
};

export type PageTrace = {
	index: number;
	method: string;
	/** Secrets masked. */
	url: string;
	status: number;
	records: number;
	bytes: number;
	durationMs: number;
	/** Pause taken before this request because of `delayRequestMillis` (CONTINUATION_TOKEN). */
	delayMs?: number;
	/** Attempts repeated because of 429 / 5xx / dropped connections. */
	retries?: number;
	/** True when the access token was refreshed for this page (OAuth2RefreshCode). */
	refreshed?: boolean;
	/** Only with `EngineOptions.inspect`. */
	detail?: PageDetail;
};

/** What one request carried and what came back, as the preview's inspector shows it. Every secret is masked. */
export type PageDetail = {
	/** Query parameters in the order sent (from the URL actually requested). */
	query: [string, string][];
	/** Headers sent, auth headers included (credential values masked). */
	requestHeaders: [string, string][];
	responseHeaders: [string, string][];
	/** The response body as text, masked; its first `inspect.bodyChars` characters when `cut` (the page's `bytes` is the whole size). */
	body: string;
	cut: boolean;
};

export type StopCode =
	| 'end-condition'
	| 'empty-page'
	| 'short-page'
	| 'no-pointer'
	| 'repeated-pointer'
	| 'no-token'
	| 'repeated-token'
	| 'end-page-index'
	| 'maximum-request'
	| 'single-request'
	| 'max-pages'
	| 'max-records'
	| 'aborted';

export type EngineResult = {
	/** Page traces; the first 10,000 are kept (see `pageCount` for the true number). */
	pages: PageTrace[];
	records: number;
	stop: {code: StopCode; message: string};
	/** Number of pages requested (equals pages.length up to 10,000). */
	pageCount?: number;
	/** Things the engine left out or chose (pipeline expressions, empty explode arrays, ...). */
	warnings?: string[];
};
