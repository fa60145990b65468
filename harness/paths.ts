// Where the project's own files are, from both the TypeScript source and the built dist/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'schemas', 'suite.schema.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('sambench: cannot find the project root (schemas/suite.schema.json) above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** The sambench project root (holds package.json, schemas/, suites/). */
export const PROJECT_ROOT = findRoot();

/** Absolute path of a file in schemas/. */
export function schemaPath(name: string): string {
  return path.join(PROJECT_ROOT, 'schemas', name);
}

/** Reads and parses a JSON Schema from schemas/. */
export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}
