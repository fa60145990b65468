// Compare with repeats: two benches of 3 processes per configuration, from synthetic events with
// hand-made step times, through a results folder, compareBenches and the printed report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readResultsFolder } from './bench-data.js';
import { compareBenches } from './compare.js';
import { fakeSpec, writeResultsFolder, type FakeRun } from './fixtures/bench.js';
import { formatComparison } from './format.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-repeats-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// 15 steps whose median is exactly m: three each of 0.97m, 0.99m, m, 1.01m, 1.03m.
const steps = (m: number) => [0.97, 0.99, 1, 1.01, 1.03].flatMap((f) => [f * m, f * m, f * m]);

// Per process k: a no-SAM run with base median base[k], and a SAM run at interval 2 with the same
// base median and a SAM median 1.8 times it, paired with the no-SAM process of its round.
function bench(name: string, base: readonly number[], samFactor = 1.8): BenchDir {
  const runs: FakeRun[] = [];
  base.forEach((m, repeat) =>
    runs.push({ spec: { ...fakeSpec(`base-s0-r${repeat}`, null, null), repeat }, base: steps(m), sam: [], acc: 0.8 }),
  );
  base.forEach((m, repeat) =>
    runs.push({
      spec: { ...fakeSpec(`sam-k2-s0-r${repeat}`, 2, `base-s0-r${repeat}`), repeat },
      base: steps(m),
      sam: steps(samFactor * m),
      acc: 0.8,
    }),
  );
  return readResultsFolder(writeResultsFolder(path.join(dir, name), 'fake', runs));
}
type BenchDir = ReturnType<typeof readResultsFolder>;

const a = bench('a', [10, 10.3, 10.6]);
const b = bench('b', [10.1, 10.4, 10.2]);
const slow = bench('slow', [12, 12.36, 12.72]);

// The MDE by hand: pooled s² of the log medians, se = s·√(1/3 + 1/3), df 4, and
// MDE = 1.05 · exp((t(0.995, 4) + t(0.8, 4)) · se) − 1 with t(0.995, 4) = 4.604095, t(0.8, 4) = 0.940965.
function mdeByHand(x: number[], y: number[]): number {
  const ss = (v: number[]) => {
    const logs = v.map(Math.log);
    const m = logs.reduce((s, l) => s + l, 0) / logs.length;
    return logs.reduce((s, l) => s + (l - m) ** 2, 0);
  };
  const se = Math.sqrt((ss(x) + ss(y)) / 4) * Math.sqrt(2 / 3);
  return 1.05 * Math.exp((4.604095 + 0.940965) * se) - 1;
}

describe('compare with 3 processes per configuration', () => {
  test('an A/A pair with process-level spread: every metric unchanged', () => {
    const c = compareBenches(a, b);
    expect(c.configurations.map((r) => [r.id, r.baseline.length, r.current.length])).toEqual([
      ['base-s0', 3, 3],
      ['sam-k2-s0', 3, 3],
    ]);
    for (const m of c.configurations.flatMap((r) => r.metrics)) expect([m.metric, m.verdict]).toEqual([m.metric, 'unchanged']);
    expect(c.regressions).toBe(0);
  });

  test('every process 20 % slower: base and SAM step REGRESSED; ratio and both slowdowns unchanged', () => {
    const c = compareBenches(a, slow);
    const verdicts = c.configurations.map((r) => r.metrics.map((m) => `${m.metric}: ${m.verdict}`));
    expect(verdicts).toEqual([
      ['base step: regressed', 'final accuracy: unchanged'],
      [
        'base step: regressed',
        'SAM step: regressed',
        'SAM/base ratio: unchanged',
        'slowdown: unchanged',
        'within-run slowdown: unchanged',
        'final accuracy: unchanged',
      ],
    ]);
    expect(c.configurations[0]!.metrics[0]!.change).toBeCloseTo(0.2, 10);
    // Each SAM process's steps all scale alike, so its slowdown against its own base steps does not move.
    expect(c.configurations[1]!.metrics[4]!.change).toBeCloseTo(0, 10);
    expect(formatComparison(c).text).toContain(
      '2 matched configurations compared: 2 regressed: base-s0 (base step); sam-k2-s0 (base step, SAM step)',
    );
  });

  test('SAM steps 2.4 times the base step instead of 1.8: the within-run slowdown REGRESSED, by (1 + 0.7) / (1 + 0.4) − 1', () => {
    const c = compareBenches(a, bench('sam-slower', [10, 10.3, 10.6], 2.4));
    const within = c.configurations[1]!.metrics.find((m) => m.metric === 'within-run slowdown')!;
    // Half the steps are SAM steps: mean step / base step = (1 + 1.8) / 2 = 1.4 before, (1 + 2.4) / 2 = 1.7 after.
    expect(within.baseline).toBeCloseTo(0.4, 2);
    expect(within.current).toBeCloseTo(0.7, 2);
    expect(within.change).toBeCloseTo(1.7 / 1.4 - 1, 2);
    expect(within.verdict).toBe('regressed');
    expect(formatComparison(c).text).toMatch(/within-run slowdown +3 vs 3 +\+40\.0% +\+70\.0%/);
  });

  test('the printed MDE of the base step is the hand computation', () => {
    const mde = mdeByHand([10, 10.3, 10.6], [10.1, 10.4, 10.2]);
    expect(mde).toBeCloseTo(0.166, 3);
    const c = compareBenches(a, b);
    expect(c.configurations[0]!.metrics[0]!.mde).toBeCloseTo(mde, 6);
    const { text } = formatComparison(c);
    const shown = `${(100 * mde).toFixed(1)}%`;
    expect(text).toMatch(new RegExp(`base-s0 +base step +3 vs 3 +10\\.3 ms +10\\.2 ms .* ${shown.replace('.', '\\.')} +unchanged`));
    expect(text).toContain(`unchanged means: no change of at least the MDE`);
    expect(text).toContain(`here up to base step ${shown}`);
    expect(text).not.toContain('the MDE is unknown');
  });

  test('a failed process is listed and left out; the other two still compare', () => {
    const runs = fs.readdirSync(path.join(dir, 'b', 'runs'));
    const partial = path.join(dir, 'partial');
    fs.cpSync(path.join(dir, 'b'), partial, { recursive: true });
    const log = path.join(partial, 'runs', 'base-s0-r1.jsonl');
    fs.writeFileSync(
      log,
      fs.readFileSync(log, 'utf8').replace(/\{"type":"done"[^\n]*\n/, '{"type":"error","reason":"nan","message":"training loss is NaN"}\n'),
    );
    expect(runs).toContain('base-s0-r1.jsonl');
    const c = compareBenches(a, readResultsFolder(partial));
    expect(c.configurations[0]!.metrics[0]!.processes).toEqual([3, 2]);
    expect(c.regressions).toBe(0);
    expect(formatComparison(c).text).toContain(
      'failed processes (left out of the samples):\n  current base-s0-r1 (nan: training loss is NaN)',
    );
  });
});
