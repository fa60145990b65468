// calibrate end to end: the real CLI benches a tiny suite in one interleaved pair whose second
// bench runs every step six times slower (SAMBENCH_INJECT_SLOWDOWN=5), and must detect it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { TINY_SUITE } from '../fixtures/tiny-suite.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-calibrate-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tiny = {
  ...TINY_SUITE,
  name: 'tiny-calibrate',
  steps: { warmup: 2, measured: 30 },
  repeats: 3,
};

test('an injected slowdown is detected in an interleaved pair; calibration.json holds the figures', async () => {
  const script = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli', 'calibrate.js');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npm run build)`);
  const suite = path.join(dir, 'tiny.json');
  fs.writeFileSync(suite, JSON.stringify(tiny));
  const out = path.join(dir, 'calibration');
  const result = await execa('node', [script, suite, '--pairs', '1', '--inject', '5', '--interleave', '--out', out], {
    reject: false,
    all: true,
  });
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toContain('1 pair of benches interleaved in one job, the second bench made 500.0% slower');
  expect(result.stdout).toContain('detected in 1 of 1 pairs (100.0%)');
  const calibration = JSON.parse(fs.readFileSync(path.join(out, 'calibration.json'), 'utf8')) as {
    flaggedPairs: number;
    injected: number;
    interleaved: boolean;
  };
  expect(calibration).toMatchObject({ flaggedPairs: 1, injected: 5, interleaved: true });
  // Both benches of the pair are complete results folders.
  for (const side of ['a', 'b'])
    expect(fs.readdirSync(path.join(out, 'pair-1', side, 'runs')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(6);
});
