// scripts/gpu-check.sh on this CPU: a tiny PyTorch suite exported, run by the script (as on a GPU
// box without Node), then taken in by `--out DIR --resume` as finished runs with their CSVs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';
import { pythonCommand } from '../harness/launch/worker-command.js';
import { TINY_SUITE } from '../harness/fixtures/tiny-suite.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'gpu-check.sh');
const python = pythonCommand();
const hasTorch = execa(python, ['-c', 'import torch'], { reject: false }).then((r) => r.exitCode === 0);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-gpu-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const bench = (...args: string[]) =>
  execa('node', [CLI, ...args], { cwd: dir, reject: false, all: true, env: { SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl') } });

describe.skipIf(!(await hasTorch))(`gpu-check.sh (skipped: ${python} has no torch)`, () => {
  test('runs exported specs without Node; --resume turns the logs into CSVs', async () => {
    const suite = path.join(dir, 'tiny-gpu-check.json');
    const tiny = { ...TINY_SUITE, name: 'tiny-gpu-check', framework: 'torch', torch: { device: 'cpu' }, steps: { warmup: 1, measured: 4 } };
    fs.writeFileSync(suite, JSON.stringify(tiny));
    const specs = path.join(dir, 'specs');
    const exported = await bench(suite, '--export', specs);
    expect(exported.exitCode, exported.all).toBe(0);

    const out = path.join(dir, 'out');
    const env = { SAMBENCH_GPU_CHECK_SPECS: specs, SAMBENCH_PYTHON: python };
    const run = await execa('bash', [SCRIPT, out], { reject: false, all: true, env });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toContain(`--out ${out} --resume`);
    const again = await execa('bash', [SCRIPT, out], { reject: false, all: true, env });
    expect(again.stdout).toContain('base-bs16-lr0.05-s0: finished earlier, kept');

    const ingested = await bench(suite, '--out', out, '--resume');
    expect(ingested.exitCode, ingested.all).toBe(0);
    expect(ingested.stderr).toContain('sam-k2-rho0.05-bs16-lr0.05-s0: finished earlier, kept');
    const summary = parse<Record<string, string>>(fs.readFileSync(path.join(out, 'summary.csv'), 'utf8'), { columns: true });
    expect(summary.map((r) => [r.run_id, r.status])).toEqual([
      ['base-bs16-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.05-bs16-lr0.05-s0', 'ok'],
    ]);
  });

  test('bad usage and a Python without torch exit 2 and say why', async () => {
    const usage = await execa('bash', [SCRIPT], { reject: false });
    expect([usage.exitCode, usage.stderr]).toEqual([2, expect.stringContaining('usage: bash scripts/gpu-check.sh OUT_DIR')]);
    const noTorch = await execa('bash', [SCRIPT, path.join(dir, 'x')], { reject: false, env: { SAMBENCH_PYTHON: 'false' } });
    expect([noTorch.exitCode, noTorch.stderr]).toEqual([2, expect.stringContaining('cannot import torch')]);
  });
});
