// The draft: everything the wizard collects for one source, saved after every step.
// It never holds secrets: auth values whose property has `format: "password"` (or a secret-like name) are kept
// only in memory or in the 0600 profile store, never here (see store/).

/** Wizard steps in order; `step` in a draft is where the user left. */
export const stepNames = ['setup', 'artifacts', 'auth', 'source', 'explore', 'review', 'create', 'check', 'checklist'] as const;
export type StepName = (typeof stepNames)[number];

export type Artifacts = {
	/** kebab-case folder name, `Sources/{sourceName}/Artifacts/` (docs/workflow.md#step-1-artifacts, docs/artifacts.md#the-artifacts-folder). */
	sourceName: string;
	label: string;
	description: string;
	/** camel-case category key (docs/connection-spec.md#catalog-categories). */
	category: string;
	/** Path of the SVG icon on disk. */
	iconPath?: string;
	documentationLink?: string;
	providerName?: string;
	providerContact?: string;
};

/** Inputs of the end-to-end check; secrets excluded. */
export type TestInputs = {
	authSpecName?: string;
	/** Non-secret auth values (e.g. host); secret ones are asked for or read from the environment. */
	authParams: Record<string, string>;
	/** Values for `sourceSpec.spec.properties`. */
	sourceParams: Record<string, string>;
	target: {mode: 'create'} | {mode: 'existing'; schemaId: string; datasetId: string; mappingId?: string};
	keep?: boolean;
	/**
	 * Local profile only: where source requests go — the demo API, or the host the spec resolves to. Unset: decided
	 * from the template and the host (docs/local-routing.md).
	 */
	sourceApi?: 'demo' | 'spec';
};

/** One remote object the wizard created, recorded as soon as it exists (the crash-safe ledger). */
export type LedgerEntry = {
	kind: 'connectionSpec' | 'connection' | 'sourceConnection' | 'targetConnection' | 'fieldGroup' | 'schema' | 'dataset' | 'mappingSet' | 'flow';
	id: string;
	createdAt: string;
	/** Set once the object has been deleted by clean-up. */
	deletedAt?: string;
	/** What a resumed check needs to reuse the object (attempt id, schema altId, mapping version…); never secrets. */
	detail?: Record<string, string>;
};

export type RunSummary = {
	status: 'success' | 'failed';
	flowId?: string;
	runId?: string;
	recordsRead: number;
	recordsWritten: number;
	recordsFailed: number;
	durationMs: number;
	batchIds: string[];
	errors: {code: string; message: string}[];
	/**
	 * Rows ingested with fields set to null by a Data Prep transformation error (docs/sandbox-fidelity.md "Data
	 * Prep"): per code, the number of rows affected and a message naming a field and the problem. Not a failure.
	 */
	warnings?: {code: string; message: string; recordCount: number}[];
	authSpecName?: string;
	finishedAt: string;
	/** Stage that failed, when status is failed. */
	failedStage?: string;
	cleanedUp: boolean;
};

/** What the draft knows about one profile's platform (local sandbox, an Adobe org). */
export type RemoteState = {
	connectionSpecId?: string;
	/** JSON of the spec as last sent, to tell whether the stored spec is up to date. */
	lastSentSpecHash?: string;
	appendedToFlowSpec?: boolean;
	ledger: LedgerEntry[];
	lastRun?: RunSummary;
	/** The latest run per auth spec: the checklist wants a passing run for each one offered (docs/workflow.md#submission-checklist). */
	runsByAuthSpec?: Record<string, RunSummary>;
};

export type Draft = {
	formatVersion: 1;
	/** Stable slug; file name of the draft. */
	id: string;
	step: StepName;
	createdAt: string;
	updatedAt: string;
	template?: string;
	artifacts: Artifacts;
	/** The connection spec being authored (instance form); may be incomplete or invalid while editing. */
	spec: Record<string, unknown>;
	test: TestInputs;
	/** Keyed by profile name. */
	remote: Record<string, RemoteState>;
	/**
	 * Set on drafts that `aep-source run --template NAME` or `run SPEC_FILE` made: a later run of the same template or
	 * file reuses this draft; any other draft (the wizard's, an import) is never replaced by a run.
	 */
	madeBy?: {command: 'run'; template?: string; specFile?: string};
	/** The profile the spec was last registered and checked on: the default profile of the next run or wizard session. */
	profile?: string;
	/** Path of the last submission packet / docs page written, if any. */
	exports?: {artifactsDir?: string; docsPage?: string; packetDir?: string};
};
