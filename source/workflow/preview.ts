// What the wizard's screens need from the engine, re-exported so screens import workflow/ and never engine/
// (house rule: screens -> workflow/api/spec/store). Each name comes from its own engine file, not engine/index.js,
// so a screen that only formats schedule windows does not load the HTTP client.
export {previewSourceSpec} from '../engine/preview.js';
export {previewWindow, scheduleWindowPreview, type RunWindow, type ScheduleWindow} from '../engine/schedule.js';
export {inferSchema} from '../engine/infer-schema.js';
export type {EngineOptions, EngineResult, PageDetail, PageTrace, StopCode} from '../engine/types.js';
export type {EngineError, EngineErrorCode} from '../engine/engine-error.js';
