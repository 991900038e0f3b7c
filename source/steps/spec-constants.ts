// Constants of the spec model the screens need, re-exported in one place.
export {paginationFields, paginationTypes} from '../spec/constants.js';
