// The ViT claim's comparison across two suites, on hand-made gains: pass, fail, inconclusive,
// one seed, and seeds that only one suite has.
import { describe, expect, test } from 'vitest';
import { fakeResult } from '../../measure/fixtures/result.js';
import type { BenchResults } from '../../compare/bench-results.js';
import { gainComparison } from './gain-comparison.js';

const COMPARISON = {
  name: 'vit-gain-over-cnn',
  subject: 'vit.json',
  reference: 'cnn.json',
  interval: 1,
  meaning: 'ViT gain minus CNN gain',
};

// A bench of SAM runs at interval 1 with these gains (points), seed i for the i-th, plus a no-SAM run per seed.
const bench = (gains: number[]) =>
  ({
    runs: gains.flatMap((accuracyGain, seed) => [
      fakeResult(null, { seed }),
      fakeResult({ interval: 1, rho: 0.05 }, { seed, accuracyGain }),
    ]),
  }) as unknown as BenchResults;

const compare = (subject: number[], reference: number[]) =>
  gainComparison(
    COMPARISON,
    new Map([
      ['vit.json', bench(subject)],
      ['cnn.json', bench(reference)],
    ]),
  );

describe('gainComparison', () => {
  test('differences 2, 3, 3: mean 2.667, t(2)·0.577/√3 = 1.434, so [1.233, 4.100] lies above 0: pass', () => {
    const v = compare([3, 4, 5], [1, 1, 2]);
    expect(v.outcome).toBe('pass');
    expect(v.measured).toBeCloseTo(8 / 3, 10);
    expect(v.ci95![0]).toBeCloseTo(8 / 3 - (4.302653 * Math.sqrt(1 / 3)) / Math.sqrt(3), 5);
    expect(v.detail).toContain('mean over 3 seeds (0, 1, 2): gain +4.00 against +1.33 points');
  });

  test('differences −2, −3, −3: the interval lies wholly below 0: fail', () => {
    expect(compare([1, 1, 2], [3, 4, 5]).outcome).toBe('fail');
  });

  test('differences 1, −1, 2 straddle 0: inconclusive, with the seeds that would decide', () => {
    const v = compare([2, 0, 3], [1, 1, 1]);
    expect(v.outcome).toBe('inconclusive');
    expect(v.detail).toMatch(/straddles \+0\.00: 3 seeds; with the spread seen, about \d+ would narrow it/);
  });

  test('one seed in common is inconclusive whatever the values; seeds of one suite only are left out', () => {
    const v = compare([5], [1, 2, 3]);
    expect(v.outcome).toBe('inconclusive');
    expect(v.measured).toBe(4);
    expect(v.detail).toContain('one seed');
  });

  test('a suite without results gives no value', () => {
    const v = gainComparison(
      COMPARISON,
      new Map([
        ['vit.json', bench([1, 2])],
        ['cnn.json', null],
      ]),
    );
    expect(v).toMatchObject({ outcome: 'inconclusive', measured: null });
    expect(v.detail).toContain('no seed has a SAM gain at interval 1 in both vit.json and cnn.json');
  });
});
