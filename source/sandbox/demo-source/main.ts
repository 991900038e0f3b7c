// `node --import tsx source/sandbox/demo-source/main.ts [--port N] [--records N]`: runs the demo API on its own.
// Only ever an entry point: import `main` from index.ts (run-from-argv.ts) instead, which starts nothing by itself.
import {main} from './run-from-argv.js';

try {
	const source = await main(process.argv.slice(2));
	const stop = (): void => void source.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
} catch (error) {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exitCode = 2;
}
