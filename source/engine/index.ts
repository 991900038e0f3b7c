// The execution engine: runs a connection spec's sourceSpec against a REST API (docs/connection-spec-model.md).
export type {EngineOptions, EngineResult, PageDetail, PageTrace, StopCode} from './types.js';
export {EngineError, type EngineErrorCode} from './engine-error.js';
export {streamRecords} from './stream-records.js';
export {previewSourceSpec} from './preview.js';
export {inferSchema} from './infer-schema.js';
export {formatDate} from './date-format.js';
export {previewWindow, runWindow, scheduleWindowPreview, type RunWindow} from './schedule.js';
export {substitutePlaceholders} from './placeholders.js';
export {jsonPath} from '../connection-spec/json-path.js';
export {planRequests, type PlannedRequest} from './plan-requests.js';
