// The workflow core: create/update, safe append, end-to-end check, checklist, artifact and docs export.
// Plain async functions that emit progress events; no React, no printing (callers print).
export {draftOwner, WorkflowError, type Progress, type ProgressEvent, type StageName, type WorkflowContext} from './progress.js';
export {createOrUpdateConnectionSpec, specHash} from './connection-spec.js';
export {appendToRestStorageToAEP, verifyInFlowSpec, type AppendResult} from './flow-spec-append.js';
export {runEndToEndCheck, type EndToEndOptions} from './end-to-end.js';
export {mappingWarningText} from './run-monitor.js';
export {cleanUp, pendingEntries, type CleanUpResult} from './ledger.js';
export {checklist, type ChecklistItem} from './checklist.js';
export {exportArtifacts} from './artifacts-export.js';
export {ExportRefusedError, type ExportOptions} from './export-guard.js';
export {renderDocsPage} from './docs-page.js';
export {exportDocsPage, exportSubmissionPacket, verificationEnvironment} from './submission-packet.js';
export {checkSvgIcon, type IconCheck} from './svg-icon.js';
export {diffDeployedSpec, diffJson, type SpecChange} from './spec-diff.js';
