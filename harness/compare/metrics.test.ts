import { describe, expect, test } from 'vitest';
import type { RunResult } from '../measure/index.js';
import { smallestMannWhitneyP } from '../stats/index.js';
import { COMPARE_DEFAULTS } from './compare.js';
import { fakeRun, fakeSpec, spreadAround } from './fixtures/bench.js';
import { compareAccuracy, compareSlowdown, compareStepRatio, compareStepTimes, decide } from './metrics.js';

const o = COMPARE_DEFAULTS;
const data = (id: string, interval: number | null, base: number[], sam: number[], acc?: number): RunResult =>
  fakeRun(fakeSpec(id, interval, interval === null ? null : 'base'), base, sam, acc);

test.each([
  [1, 0.2, false, 'regressed'],
  [-1, -0.2, false, 'improved'],
  [1, 0.2, true, 'improved'],
  [-1, -0.2, true, 'regressed'],
  [1, 0.02, false, 'unchanged'], // significant but below the minimum effect
  [0, 0.5, false, 'unchanged'], // large but not significant
  [-1, 0.2, false, 'unchanged'], // test and estimate disagree on the direction
] as const)('decide(evidence %i, change %f, higher is better %s) = %s', (evidence, change, higherIsBetter, verdict) => {
  expect(decide(evidence, change, 0.05, higherIsBetter)).toBe(verdict);
});

describe('step times', () => {
  const before = spreadAround(10, 30, 0.05, 1);
  test('20 % slower is regressed, 20 % faster improved, the same distribution unchanged', () => {
    const slower = compareStepTimes('base step', before, spreadAround(12, 30, 0.05, 2), o);
    expect(slower.verdict).toBe('regressed');
    expect(slower.change).toBeCloseTo(0.2, 1);
    expect(compareStepTimes('base step', before, spreadAround(8, 30, 0.05, 2), o).verdict).toBe('improved');
    expect(compareStepTimes('base step', before, spreadAround(10, 30, 0.05, 2), o).verdict).toBe('unchanged');
  });

  test('a significant 3 % shift is below the minimum effect; --min-effect 0.01 counts it', () => {
    const after = spreadAround(10.3, 30, 0.01, 2);
    const tight = spreadAround(10, 30, 0.01, 1);
    const result = compareStepTimes('base step', tight, after, o);
    expect(result.evidence.test).toBe('mann-whitney');
    expect(result.evidence.test === 'mann-whitney' && result.evidence.p).toBeLessThan(0.01);
    expect(result.verdict).toBe('unchanged');
    expect(compareStepTimes('base step', tight, after, { ...o, minEffect: 0.01 }).verdict).toBe('regressed');
  });

  test('too few steps to ever reach alpha is said, and stays unchanged', () => {
    expect(smallestMannWhitneyP(4, 4)).toBeGreaterThan(0.01);
    const result = compareStepTimes('SAM step', [1, 1.1, 1.2, 1.3], [5, 5.1, 5.2, 5.3], o);
    expect(result).toMatchObject({ verdict: 'unchanged', note: '4 vs 4 steps cannot reach p < 0.01' });
  });
});

describe('bootstrap metrics', () => {
  test('SAM/base ratio: a higher ratio regressed, an equal one unchanged', () => {
    const b = data('sam', 2, spreadAround(10, 15, 0.05, 1), spreadAround(18, 15, 0.05, 2));
    const worse = data('sam', 2, spreadAround(10, 15, 0.05, 3), spreadAround(24, 15, 0.05, 4));
    const same = data('sam', 2, spreadAround(10, 15, 0.05, 5), spreadAround(18, 15, 0.05, 6));
    const ratio = compareStepRatio(b, undefined, worse, undefined, o)!;
    expect(ratio).toMatchObject({ metric: 'SAM/base ratio', verdict: 'regressed' });
    expect(ratio.baseline).toBeCloseTo(1.8, 1);
    expect(ratio.current).toBeCloseTo(2.4, 1);
    expect(compareStepRatio(b, undefined, same, undefined, o)?.verdict).toBe('unchanged');
  });

  test('at interval 1 the ratio takes base steps from the no-SAM run', () => {
    const noSam = data('base', null, spreadAround(10, 30), []);
    const k1 = data('sam', 1, [], spreadAround(18, 30, 0.05, 2));
    const ratio = compareStepRatio(k1, noSam, k1, noSam, o)!;
    expect(ratio.verdict).toBe('unchanged');
    expect(ratio.baseline).toBeCloseTo(1.8, 1);
    expect(compareStepRatio(k1, undefined, k1, undefined, o)).toBeNull();
  });

  test('slowdown against the no-SAM run: regressed when the SAM run alone got slower', () => {
    const noSam = data('base', null, spreadAround(10, 30), []);
    const b = data('sam', 2, spreadAround(10, 15, 0.05, 1), spreadAround(18, 15, 0.05, 2));
    const c = data('sam', 2, spreadAround(11, 15, 0.05, 3), spreadAround(22, 15, 0.05, 4));
    const result = compareSlowdown(b, noSam, c, noSam, o)!;
    // mean(10, 18) / 10 − 1 = 0.4 → mean(11, 22) / 10 − 1 = 0.65; change of 1 + slowdown: 1.65 / 1.4 − 1
    expect(result.baseline).toBeCloseTo(0.4, 1);
    expect(result.current).toBeCloseTo(0.65, 1);
    expect(result.change).toBeCloseTo(1.65 / 1.4 - 1, 1);
    expect(result.verdict).toBe('regressed');
    expect(compareSlowdown(b, noSam, b, noSam, o)?.verdict).toBe('unchanged');
  });
});

test('final accuracy: higher is improved, within sampling noise is unchanged', () => {
  const at = (acc: number) => data('base', null, [1], [], acc);
  expect(compareAccuracy(at(0.8), at(0.9), o)).toMatchObject({ verdict: 'improved', evidence: { test: 'binomial' } });
  expect(compareAccuracy(at(0.9), at(0.8), o)?.verdict).toBe('regressed');
  expect(compareAccuracy(at(0.8), at(0.81), o)?.verdict).toBe('unchanged');
  expect(compareAccuracy(at(0.8), data('base', null, [1], []), o)).toBeNull();
});
