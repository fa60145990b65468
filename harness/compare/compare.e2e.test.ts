// compare end to end: the real bench CLI runs a tiny suite twice, 3 processes per configuration
// (repeats), the second time with every step made six times slower (SAMBENCH_INJECT_SLOWDOWN=5),
// and the real compare and baseline CLIs judge them at the process level.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { TINY_SUITE } from '../fixtures/tiny-suite.js';

const dist = (...parts: string[]) => path.join(PROJECT_ROOT, 'dist', 'harness', ...parts);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-compare-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tiny = {
  ...TINY_SUITE,
  name: 'tiny-compare',
  steps: { warmup: 2, measured: 30 },
  // Processes are the samples of compare's timing verdicts: one per side can never be REGRESSED.
  repeats: 3,
};

// Benches append to a history file once the CLI calls appendHistory: keep the project's clean.
const node = (script: string, args: string[], env: Record<string, string> = {}) =>
  execa('node', [script, ...args], {
    cwd: dir,
    reject: false,
    all: true,
    env: { SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), ...env },
  });
const before = path.join(dir, 'before');
const after = path.join(dir, 'after');

beforeAll(async () => {
  for (const script of [dist('cli.js'), dist('compare', 'cli.js'), dist('compare', 'baseline-cli.js')]) {
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npm run build)`);
  }
  const suite = path.join(dir, 'tiny.json');
  fs.writeFileSync(suite, JSON.stringify(tiny));
  // One after the other: two benches at once on two cores would slow each other down.
  const first = await node(dist('cli.js'), [suite, '--out', before]);
  expect(first.exitCode, first.all).toBe(0);
  const second = await node(dist('cli.js'), [suite, '--out', after], { SAMBENCH_INJECT_SLOWDOWN: '5' });
  expect(second.exitCode, second.all).toBe(0);
});

describe('compare, end to end', () => {
  test('steps six times slower: base and SAM step times regressed, exit 1', async () => {
    const result = await node(dist('compare', 'cli.js'), [before, after]);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stdout).toMatch(/base-bs16-lr0\.05-s0 +base step +3 vs 3 .* REGRESSED/);
    expect(result.stdout).toMatch(/sam-k2-rho0\.05-bs16-lr0\.05-s0 +base step +3 vs 3 .* REGRESSED/);
    expect(result.stdout).toMatch(/SAM step .* REGRESSED/);
    expect(result.stdout).toContain('2 matched configurations compared: 2 regressed');
    expect(result.stdout).toContain('unchanged means: no change of at least the MDE');
  });

  test("the current bench's suite sets the minimum effect (regression.minEffect); --min-effect overrides it", async () => {
    const resolved = path.join(after, 'suite.resolved.json');
    const original = fs.readFileSync(resolved, 'utf8');
    try {
      // Six times slower is a large change, but not a 100-fold one.
      fs.writeFileSync(resolved, JSON.stringify({ ...JSON.parse(original), regression: { minEffect: 100 } }));
      expect((await node(dist('compare', 'cli.js'), [before, after])).exitCode).toBe(0);
      expect((await node(dist('compare', 'cli.js'), [before, after, '--min-effect', '0.05'])).exitCode).toBe(1);
    } finally {
      fs.writeFileSync(resolved, original);
    }
  });

  test('a results folder against itself: no regression, exit 0', async () => {
    const result = await node(dist('compare', 'cli.js'), [before, before]);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('no regression');
  });

  test('a baseline file written from the first bench compares with it: exit 0; with the slow one: exit 1', async () => {
    const file = path.join(dir, 'baselines', 'tiny-compare.json');
    const written = await node(dist('compare', 'baseline-cli.js'), [before, '--out', file]);
    expect(written.exitCode, written.all).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'sambench-baseline', version: 1, suite: 'tiny-compare' });
    const same = await node(dist('compare', 'cli.js'), [file, before]);
    expect(same.exitCode, same.all).toBe(0);
    const slow = await node(dist('compare', 'cli.js'), [file, after]);
    expect(slow.exitCode, slow.all).toBe(1);
  });

  test('a missing folder or a file that is not a baseline exits 2', async () => {
    const missing = await node(dist('compare', 'cli.js'), [path.join(dir, 'nope'), after]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const notBaseline = await node(dist('compare', 'cli.js'), [path.join(dir, 'tiny.json'), after]);
    expect(notBaseline.exitCode).toBe(2);
    expect(notBaseline.stderr).toContain('is not a sambench baseline');
    expect(notBaseline.stderr).not.toMatch(/\n\s+at /);
  });
});
