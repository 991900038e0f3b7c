// The demo REST API the sandbox and the tests run specs against.
export {demoCredentials, demoRefreshToken} from './credentials.js';
export {demoRecord, demoRecordJson, demoUpdatedAt} from './demo-records.js';
export type {DemoFaults} from './faults.js';
export {startDemoSource, type DemoSource, type DemoSourceOptions, type DemoRequest} from './server.js';
export {main, describeDemoSource} from './run-from-argv.js';
export {demoConnectionSpec, demoAuthSpec, demoAuthParams, type DemoPagination} from './demo-spec.js';
