// Where the project's own files are, from both the TypeScript source and the built dist/.
import path from 'node:path';
import { SCHEMAS_DIR } from '../schemas/index.js';

/** The sambench project root (holds package.json, schemas/, suites/): the folder above schemas/. */
export const PROJECT_ROOT = path.dirname(SCHEMAS_DIR);

// Results belong to whoever runs the bench: `npm run bench` runs in the project root (as today),
// `npx sambench bench` in a project that installed sambench writes there, not into node_modules.
/** Where benches, calibrations, the history and baselines go by default: `results/` under the current folder. */
export function resultsRoot(): string {
  return path.resolve('results');
}
