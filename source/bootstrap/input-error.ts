import {UsageError} from '../shared/errors.js';

/** Input the bootstrapper cannot use; the message is one sentence for the author (the CLI exits 2 with it). */
export class BootstrapInputError extends UsageError {}
