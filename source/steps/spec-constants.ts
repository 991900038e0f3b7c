// Constants of the spec model the screens need, re-exported in one place.
export {paginationFields, paginationTypes} from '../connection-spec/constants.js';
