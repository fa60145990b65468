// runPythonTwin's skips, on the real twin script (bench_step_torch.py) with a stand-in `torch`
// package first on PYTHONPATH: one that is missing, one whose import fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runPythonTwin, type PythonTwinRun } from './bench-args.js';

const savedPythonPath = process.env.PYTHONPATH;
const folders: string[] = [];
afterEach(() => {
  if (savedPythonPath === undefined) delete process.env.PYTHONPATH;
  else process.env.PYTHONPATH = savedPythonPath;
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// The skip's reason, or what the twin printed when it ran (so a failed match shows it).
const reason = (run: PythonTwinRun): string => ('skipped' in run ? run.skipped : `ran and printed: ${run.stdout}`);

// A folder with a `torch` package whose import runs `body`, put on PYTHONPATH.
function standInTorch(body: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-torch-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'torch'));
  fs.writeFileSync(path.join(dir, 'torch', '__init__.py'), `${body}\n`);
  process.env.PYTHONPATH = dir;
}

test('a twin without PyTorch is skipped with its message', async () => {
  standInTorch(`raise ImportError("No module named 'torch'", name="torch")`);
  const run = await runPythonTwin('bench_step_torch.py', ['--steps', '1']);
  expect(reason(run)).toMatch(/^PyTorch not installed: bench_step_torch: PyTorch not installed \(No module named 'torch'\)$/);
});

test('a twin that fails is skipped with the script, the error and the tail of its stderr', async () => {
  standInTorch('raise RuntimeError("broken install")');
  const run = await runPythonTwin('bench_step_torch.py', ['--steps', '1']);
  expect(reason(run)).toMatch(/^bench_step_torch\.py failed \(.+\); stderr tail:\n[^]*RuntimeError: broken install$/);
});

test('a twin script that does not exist is skipped', async () => {
  expect(await runPythonTwin('no_such_twin.py', [])).toEqual({ skipped: 'scripts/no_such_twin.py not found' });
});
