import { describe, expect, test } from 'vitest';
import type { RunResult } from '../measure/index.js';
import { smallestMannWhitneyP } from '../stats/index.js';
import { COMPARE_DEFAULTS } from './compare.js';
import { fakeRun, fakeSpec, spreadAround } from './fixtures/bench.js';
import { compareAccuracy, compareProcesses, decide } from './metrics.js';
import { compareOneProcess } from './one-process.js';
import type { FinishedById } from './process-values.js';

const o = COMPARE_DEFAULTS;
const data = (id: string, interval: number | null, base: number[], sam: number[], acc?: number): RunResult =>
  fakeRun(fakeSpec(id, interval, interval === null ? null : 'base'), base, sam, acc);
const none: [FinishedById, FinishedById] = [new Map(), new Map()];
const withNoSam = (noSam: RunResult): [FinishedById, FinishedById] => [new Map([['base', noSam]]), new Map([['base', noSam]])];

test.each([
  [[0.1, 0.3], false, 'regressed'],
  [[-0.3, -0.1], false, 'improved'],
  [[0.1, 0.3], true, 'improved'],
  [[-0.3, -0.1], true, 'regressed'],
  [[0.02, 0.3], false, 'unchanged'], // significant, but the interval reaches below the minimum effect
  [[-0.01, 0.5], false, 'unchanged'], // not significant
  [[0.05, 0.3], false, 'unchanged'], // the interval must clear the minimum effect, not touch it
] as const)('decide(interval %j, higher is better %s) at minimum effect 0.05 = %s', (ci, higherIsBetter, verdict) => {
  expect(decide(ci, 0.05, higherIsBetter)).toBe(verdict);
});

describe('process level', () => {
  test('every process 20 % slower with 1 % process spread: regressed, with its interval and MDE', () => {
    const before = [10, 10.1, 9.9];
    const result = compareProcesses('base step', before, [12, 12.12, 11.88], o)!;
    expect(result).toMatchObject({ verdict: 'regressed', processes: [3, 3], caveat: null, evidence: { test: 'process-t', df: 4 } });
    expect(result.change).toBeCloseTo(0.2, 10);
    expect(result.mde).toBeGreaterThan(0.05);
    expect(result.mde).toBeLessThan(0.2);
  });

  test('a significant 3 % shift is below the minimum effect, with a caveat; --min-effect 0 counts it', () => {
    const before = [10, 10.01, 9.99];
    const after = before.map((x) => 1.03 * x);
    expect(compareProcesses('base step', before, after, o)).toMatchObject({ verdict: 'unchanged', caveat: { kind: 'inside-min-effect' } });
    expect(compareProcesses('base step', before, after, { ...o, minEffect: 0 })?.verdict).toBe('regressed');
  });

  test('slowdown values are 1 + slowdown; the report shows the slowdown', () => {
    const result = compareProcesses('slowdown', [1.4, 1.4, 1.4], [1.4, 1.4, 1.4], o)!;
    expect(result.baseline).toBeCloseTo(0.4, 12);
    expect(result.verdict).toBe('unchanged');
  });

  test('one value in all is no process-level comparison', () => {
    expect(compareProcesses('base step', [10], [12], o)).toBeNull();
  });
});

describe('one process per side: step-level evidence, never regressed', () => {
  const before = data('base', null, spreadAround(10, 30, 0.05, 1), []);
  test('20 % slower steps: unresolved, no MDE; the same distribution unchanged', () => {
    const slower = compareOneProcess('base step', before, data('base', null, spreadAround(12, 30, 0.05, 2), []), none, o)!;
    expect(slower).toMatchObject({ verdict: 'unresolved', mde: null, caveat: { kind: 'one-process' }, evidence: { test: 'mann-whitney' } });
    expect(slower.change).toBeCloseTo(0.2, 1);
    expect(compareOneProcess('base step', before, data('base', null, spreadAround(10, 30, 0.05, 2), []), none, o)?.verdict).toBe(
      'unchanged',
    );
  });

  test('too few steps to ever reach alpha is said, and stays unchanged', () => {
    expect(smallestMannWhitneyP(4, 4)).toBeGreaterThan(0.01);
    const result = compareOneProcess('SAM step', data('s', 2, [1], [1, 1.1, 1.2, 1.3]), data('s', 2, [1], [5, 5.1, 5.2, 5.3]), none, o);
    expect(result).toMatchObject({ verdict: 'unchanged', caveat: { kind: 'too-few-steps', steps: [4, 4] } });
  });

  test('SAM/base ratio by bootstrap: a higher ratio unresolved, an equal one unchanged', () => {
    const b = data('sam', 2, spreadAround(10, 15, 0.05, 1), spreadAround(18, 15, 0.05, 2));
    const worse = data('sam', 2, spreadAround(10, 15, 0.05, 3), spreadAround(24, 15, 0.05, 4));
    const same = data('sam', 2, spreadAround(10, 15, 0.05, 5), spreadAround(18, 15, 0.05, 6));
    const ratio = compareOneProcess('SAM/base ratio', b, worse, none, o)!;
    expect(ratio).toMatchObject({ metric: 'SAM/base ratio', verdict: 'unresolved', evidence: { test: 'bootstrap' } });
    expect(ratio.baseline).toBeCloseTo(1.8, 1);
    expect(ratio.current).toBeCloseTo(2.4, 1);
    expect(compareOneProcess('SAM/base ratio', b, same, none, o)?.verdict).toBe('unchanged');
  });

  test('at interval 1 the ratio takes base steps from the no-SAM run', () => {
    const noSam = data('base', null, spreadAround(10, 30), []);
    const k1 = data('sam', 1, [], spreadAround(18, 30, 0.05, 2));
    const ratio = compareOneProcess('SAM/base ratio', k1, k1, withNoSam(noSam), o)!;
    expect(ratio.verdict).toBe('unchanged');
    expect(ratio.baseline).toBeCloseTo(1.8, 1);
    expect(compareOneProcess('SAM/base ratio', k1, k1, none, o)).toBeNull();
  });

  test('slowdown against the no-SAM run: unresolved when the SAM run alone got slower', () => {
    const noSam = data('base', null, spreadAround(10, 30), []);
    const b = data('sam', 2, spreadAround(10, 15, 0.05, 1), spreadAround(18, 15, 0.05, 2));
    const c = data('sam', 2, spreadAround(11, 15, 0.05, 3), spreadAround(22, 15, 0.05, 4));
    const result = compareOneProcess('slowdown', b, c, withNoSam(noSam), o)!;
    // mean(10, 18) / 10 − 1 = 0.4 → mean(11, 22) / 10 − 1 = 0.65; change of 1 + slowdown: 1.65 / 1.4 − 1
    expect(result.baseline).toBeCloseTo(0.4, 1);
    expect(result.current).toBeCloseTo(0.65, 1);
    expect(result.change).toBeCloseTo(1.65 / 1.4 - 1, 1);
    expect(result.verdict).toBe('unresolved');
    expect(compareOneProcess('slowdown', b, b, withNoSam(noSam), o)?.verdict).toBe('unchanged');
  });
});

test('final accuracy: its interval, relative to the baseline accuracy, must clear the minimum effect', () => {
  const at = (acc: number) => data('base', null, [1], [], acc);
  expect(compareAccuracy(at(0.7), at(0.9), o)).toMatchObject({ verdict: 'improved', evidence: { test: 'binomial' } });
  expect(compareAccuracy(at(0.9), at(0.7), o)?.verdict).toBe('regressed');
  expect(compareAccuracy(at(0.8), at(0.81), o)?.verdict).toBe('unchanged');
  // −6 points on 1000 samples each: 99 % CI [−10.8, −1.2] pts, significant; relative to 80 % it reaches −1.5 %, inside −5 %.
  expect(compareAccuracy(at(0.8), at(0.74), o)).toMatchObject({ verdict: 'unchanged', caveat: { kind: 'inside-min-effect' } });
  expect(compareAccuracy(at(0.8), data('base', null, [1], []), o)).toBeNull();
});
