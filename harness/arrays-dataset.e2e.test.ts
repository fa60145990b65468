// An `arrays` dataset written by numpy itself (np.savez_compressed, in .venv's Python), through the
// real CLI in both frameworks: a tiny mlp trains with base and SAM steps and is evaluated, and
// --dry-run shows the shape and classes read from the file. Skipped without .venv's Python.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliIn, readCsv } from './fixtures/cli-process.js';
import { PROJECT_ROOT } from './paths.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-arrays-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WRITE = String.raw`
import sys, numpy as np
rng = np.random.default_rng(1)
x = rng.integers(0, 256, size=(80, 8, 8, 1), dtype=np.uint8)
y = rng.integers(0, 10, size=80).astype(np.int64)
np.savez_compressed(sys.argv[1], x_train=x[:64], y_train=y[:64], x_test=x[64:], y_test=y[64:])
`;

beforeAll(async () => {
  if (fs.existsSync(PYTHON)) await execa(PYTHON, ['-c', WRITE, path.join(dir, 'data.npz')]);
});

function suite(framework: 'tfjs' | 'torch'): string {
  const file = path.join(dir, `arrays-${framework}.json`);
  const body = {
    name: `arrays-${framework}`,
    framework,
    ...(framework === 'torch' ? { torch: { device: 'cpu' } } : {}),
    model: { name: 'mlp', hidden: [16] },
    dataset: { name: 'arrays', path: 'data.npz', batchSize: 16 },
    optimizer: { name: 'sgd', learningRate: 0.05 },
    steps: { warmup: 1, measured: 4 },
    matrix: { interval: [2] },
    evaluation: { everySteps: 2 },
  };
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}

const cli = cliIn(dir);

describe.skipIf(!fs.existsSync(PYTHON))('an arrays dataset written by np.savez_compressed, through the CLI', () => {
  test('--dry-run shows the shape and classes read from the file', async () => {
    const result = await cli(suite('tfjs'), '--dry-run');
    expect(result.exitCode, result.all).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toContain('mlp on arrays [8, 8, 1] classes=10 batch=16');
  });

  test.each(['tfjs', 'torch'] as const)('framework %s trains, times base and SAM steps, and evaluates', async (framework) => {
    const out = path.join(dir, `out-${framework}`);
    const result = await cli(suite(framework), '--out', out);
    expect(result.exitCode, result.all).toBe(0);
    const rows = readCsv(path.join(out, 'summary.csv'));
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    const sam = rows.find((r) => r.run_id!.startsWith('sam-'))!;
    expect(Number(sam['sam_step_n'])).toBe(2);
    expect(Number(sam['base_step_n'])).toBe(2);
    for (const row of rows) {
      expect(row['test_accuracy']).not.toBe('');
      const accuracy = Number(row['test_accuracy']);
      expect(accuracy).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(1);
    }
  });
});
