// The GPU check's run specs are committed (scripts/gpu-check.sh runs them on a box without Node):
// they must be what `--export` would write for suites/gpu-check-r50.json today.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';
import { loadSuite } from '../harness/suite/index.js';

const SPECS = path.join(PROJECT_ROOT, 'suites', 'gpu-check-r50');
const REGENERATE = 'regenerate them as the header of scripts/gpu-check.sh says';

test(`suites/gpu-check-r50/ holds the suite's exported specs (else ${REGENERATE})`, () => {
  const loaded = loadSuite(path.join(PROJECT_ROOT, 'suites', 'gpu-check-r50.json'));
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(SPECS, file), 'utf8'));
  expect(read('suite.resolved.json')).toEqual(loaded.suite);
  const committed = fs.readdirSync(path.join(SPECS, 'runs')).sort();
  expect(committed).toEqual(loaded.runs.map((spec) => `${spec.id}.spec.json`).sort());
  for (const spec of loaded.runs) expect(read(path.join('runs', `${spec.id}.spec.json`))).toEqual(spec);
});
