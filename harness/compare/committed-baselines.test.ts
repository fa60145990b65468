// Every committed baseline must still match its suite's configurations (however many repeats
// either has): nightly CI compares by configuration, so a suite or RunSpec change that leaves
// results/baselines/ behind would make compare exit 2 there.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { loadSuite } from '../suite/index.js';
import { parseBaseline } from './baseline-file.js';
import { matchConfigurations } from './match.js';
import { reduceRuns } from '../measure/index.js';

const dir = path.join(PROJECT_ROOT, 'results', 'baselines');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

test.each(files)('results/baselines/%s matches the runs its suite expands to now', (name) => {
  const file = path.join(dir, name);
  const text = fs.readFileSync(file, 'utf8');
  const baseline = parseBaseline(text, file);
  const from = (JSON.parse(text) as { from?: unknown }).from;
  expect(
    typeof from === 'string' && !path.isAbsolute(from),
    `${name}: "from" must not be an absolute local path; got ${String(from)}`,
  ).toBe(true);
  const suiteFile = path.join(PROJECT_ROOT, 'suites', `${baseline.suite}.json`);
  expect(fs.existsSync(suiteFile), `${name} is the baseline of suite "${baseline.suite}", but ${suiteFile} does not exist`).toBe(true);
  const runs = reduceRuns(loadSuite(suiteFile).runs.map((spec) => ({ spec, events: [] })));
  const { onlyBaseline, onlyCurrent } = matchConfigurations(baseline.runs, runs);
  const refresh = `refresh it: npm run bench -- suites/${baseline.suite}.json --out results/${baseline.suite}-baseline && npm run baseline -- results/${baseline.suite}-baseline`;
  expect(
    onlyBaseline.flat().map((r) => r.spec.id),
    `runs of ${name} that suites/${baseline.suite}.json no longer makes; ${refresh}`,
  ).toEqual([]);
  expect(
    onlyCurrent.flat().map((r) => r.spec.id),
    `runs of suites/${baseline.suite}.json missing from ${name}; ${refresh}`,
  ).toEqual([]);
});
