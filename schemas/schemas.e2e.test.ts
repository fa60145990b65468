// The generated TypeScript types (schemas/*.generated.ts) are current with the JSON Schemas:
// scripts/generate-types.mjs --check, as `npm run typecheck` runs it.
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';

test('the generated TypeScript types are up to date with the schemas', async () => {
  const result = await execa('node', ['scripts/generate-types.mjs', '--check'], { cwd: PROJECT_ROOT, reject: false });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
});
