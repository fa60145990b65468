// Every suite the project ships loads as `--dry-run` would (a dataset folder missing on this
// machine is a warning, not an error), with no deprecated keys, and expands within its limits.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { loadSuite } from './index.js';

const dir = path.join(PROJECT_ROOT, 'suites');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

test('the project ships suites', () => {
  expect(files).toContain('smoke.json');
});

test.each(files)('suites/%s loads, uses no deprecated key, and names itself after its file', (file) => {
  const loaded = loadSuite(path.join(dir, file), { allowMissingData: true });
  expect(loaded.warnings.filter((w) => !w.missingData)).toEqual([]);
  expect(loaded.runs.length).toBeGreaterThan(0);
  expect(`${loaded.suite.name}.json`).toBe(file);
});
