// pandas, polars and duckdb (from .venv, harness/requirements.txt) read the exports of two results
// folders of different suites (fixtures/export-folders.ts: two seeds with evaluations, one seed
// without), laid out as a bench lays them out (results/<suite>/<timestamp>/): every CSV and every
// Parquet file, each column's exact dtype, the two folders concatenated, and the recipes of
// docs/running.md run as written. The checks are harness/report/test_typed_exports.py.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { goldenInputs, otherSuiteInputs, writeResultsFolder } from './fixtures/export-folders.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-typed-exports-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('pandas, polars and duckdb read every file of two suites with the dtypes of the column registry (pytest)', async () => {
  writeResultsFolder(path.join(root, 'results', 'golden', '2026-01-01T00-00-00'), goldenInputs());
  writeResultsFolder(path.join(root, 'results', 'other', '2026-01-02T00-00-00'), otherSuiteInputs());
  const run = await execa(
    PYTHON,
    ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', path.join('harness', 'report', 'test_typed_exports.py')],
    { cwd: PROJECT_ROOT, env: { SAMBENCH_EXPORTS_ROOT: root }, reject: false, all: true },
  );
  expect(run.exitCode, run.all).toBe(0);
  expect(run.all).toMatch(/\d+ passed/);
  expect(run.all).not.toMatch(/skipped|xfail/);
});
