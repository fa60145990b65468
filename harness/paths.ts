// Where the project's own files are, from both the TypeScript source and the built dist/.
import path from 'node:path';
import { SCHEMAS_DIR } from '../schemas/index.js';

/** The sambench project root (holds package.json, schemas/, suites/): the folder above schemas/. */
export const PROJECT_ROOT = path.dirname(SCHEMAS_DIR);
