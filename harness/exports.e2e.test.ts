// pandas, in the project's .venv, reads every CSV export of two results folders (see
// report/fixtures/export-folders.ts) with the numeric columns as numbers. exports.test.ts checks the rest.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writeExportFolders } from './report/fixtures/export-folders.js';
import { PROJECT_ROOT } from './paths.js';
import { EXPORT_TABLES } from './report/export-columns.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-exports-e2e-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const { golden, other } = writeExportFolders(scratch);

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
function pandasProblem(): string | null {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is missing`;
  try {
    execFileSync(PYTHON, ['-c', 'import pandas'], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').at(-1) ?? String(error);
  }
}
const noPandas = pandasProblem();
if (noPandas) console.warn(`exports: skipping the pandas check: pandas is not importable from .venv (${noPandas})`);

describe.skipIf(noPandas !== null)(`pandas reads every CSV${noPandas ? ' (skipped: pandas is not installed in .venv)' : ''}`, () => {
  test('headers, numeric dtypes and the empty evals.csv', () => {
    const numeric = Object.fromEntries(
      EXPORT_TABLES.map((t) => [t.file, t.columns.filter((c) => c.type === 'number' || c.type === 'integer').map((c) => c.name)]),
    );
    const script = `
import json, sys, pandas as pd
numeric = json.loads(sys.argv[1])
for folder in sys.argv[2:]:
    for file, columns in numeric.items():
        frame = pd.read_csv(f"{folder}/{file}")
        bad = [c for c in columns if len(frame) and not pd.api.types.is_numeric_dtype(frame[c])]
        assert not bad, (folder, file, bad)
print("ok")
`;
    expect(execFileSync(PYTHON, ['-c', script, JSON.stringify(numeric), golden, other], { encoding: 'utf8' }).trim()).toBe('ok');
  });
});
