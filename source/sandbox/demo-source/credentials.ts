// Public demo credentials: they protect nothing and are printed on purpose. Defined in spec/ (pure constants, so
// screens can use them without importing the sandbox); re-exported here for the demo source and its importers.
export {demoCredentials, demoRefreshToken} from '../../shared/demo-credentials.js';
