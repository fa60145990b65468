// The three-way rule, branch by branch, on numbers that can be checked by hand; and the
// sentences that state it.
import { describe, expect, test } from 'vitest';
import type { Estimate } from '../stats/index.js';
import {
  combineOutcomes,
  judge,
  placeInterval,
  stepFactorToDecide,
  unitsToDecide,
  type Evidence,
  type Outcome,
  type Range,
} from './verdict-rule.js';
import { inconclusiveWarning, RULE_LEGEND, ruleFor } from './verdict-wording.js';

const around = (value: number, half = 0.02): Estimate => ({ value, ci95: [value - half, value + half] });
const processes = (values: number[], crossProcess = true): Evidence => ({
  estimates: values.map((v) => around(v)),
  unit: 'process',
  crossProcess,
});
// The issue's cpu-cnn slowdowns per seed at interval 10, against the no-SAM run.
const ISSUE = [0.407, -0.266, 0.069];

describe('placeInterval', () => {
  test.each<[string, [number, number], Range, Outcome]>([
    ['inside', [0.1, 0.2], { min: 0, max: 0.3 }, 'pass'],
    ['on both bounds (inclusive)', [0, 0.3], { min: 0, max: 0.3 }, 'pass'],
    ['inside a one-sided range', [5, 9], { min: 1 }, 'pass'],
    ['wholly above', [0.31, 0.5], { max: 0.3 }, 'fail'],
    ['wholly below', [-0.2, -0.01], { min: 0 }, 'fail'],
    ['straddling the lower bound', [-0.1, 0.1], { min: 0 }, 'inconclusive'],
    ['straddling both bounds (the issue)', [-0.77, 0.91], { min: -0.15, max: 0.35 }, 'inconclusive'],
    ['touching a bound from outside', [0.3, 0.5], { max: 0.3 }, 'inconclusive'],
  ])('%s', (_, interval, range, outcome) => {
    expect(placeInterval(interval, range)).toBe(outcome);
  });
});

describe('judge', () => {
  test('pass: three processes 0.09, 0.10, 0.11 give 0.1 ± t(2)·0.01/√3 = ±0.0248, inside [0, 0.2]', () => {
    const judged = judge(processes([0.09, 0.1, 0.11]), { min: 0, max: 0.2 })!;
    expect(judged).toMatchObject({ outcome: 'pass', undecided: null });
    expect(judged.estimate.ci95[1]).toBeCloseTo(0.1 + (4.302653 * 0.01) / Math.sqrt(3), 6);
  });

  test('fail: the same interval [0.075, 0.125] wholly above a maximum of 0.05', () => {
    expect(judge(processes([0.09, 0.1, 0.11]), { max: 0.05 })).toMatchObject({ outcome: 'fail', undecided: null });
  });

  test("inconclusive, straddling: the issue's slowdowns; about 12 processes would decide", () => {
    // mean 0.07, sd 0.3365; room to the nearer bound 0.22: t(10)·sd/√11 = 0.226, t(11)·sd/√12 = 0.214
    const judged = judge(processes(ISSUE), { min: -0.15, max: 0.35 })!;
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.estimate.ci95[0]).toBeCloseTo(-0.766, 3);
    expect(judged.estimate.ci95[1]).toBeCloseTo(0.906, 3);
    expect(judged.undecided).toEqual({
      why: 'straddles',
      unit: 'process',
      bounds: [-0.15, 0.35],
      units: 3,
      unitsNeeded: 12,
      stepFactor: null,
    });
  });

  test('inconclusive, one process pair: a cross-process value with a narrow interval inside the range', () => {
    expect(judge(processes([0.1]), { min: 0, max: 0.2 })).toMatchObject({
      outcome: 'inconclusive',
      undecided: { why: 'one-pair', unit: 'process' },
    });
  });

  test('inconclusive, one seed: an accuracy gain of one SAM/no-SAM pair', () => {
    const evidence: Evidence = { estimates: [{ value: 2, ci95: [2, 2] }], unit: 'seed', crossProcess: true };
    expect(judge(evidence, { min: 0.5 })).toMatchObject({ outcome: 'inconclusive', undecided: { why: 'one-pair', unit: 'seed' } });
  });

  test('one process, within the run: its own interval decides, and more steps are the advice (half-width 0.1, room 0.05: 4×)', () => {
    expect(judge(processes([0.1], false), { max: 0.15 })).toMatchObject({ outcome: 'pass' });
    const evidence: Evidence = { estimates: [around(0.1, 0.1)], unit: 'process', crossProcess: false };
    expect(judge(evidence, { max: 0.15 })?.undecided).toEqual({
      why: 'straddles',
      unit: 'process',
      bounds: [0.15],
      units: 1,
      unitsNeeded: null,
      stepFactor: 4,
    });
  });

  test('no values: null (the caller says which runs were missing)', () => {
    expect(judge(processes([]), { max: 1 })).toBeNull();
  });
});

describe('what would decide', () => {
  test.each([
    ['the issue: sd 0.3365, room 0.22', 0.33650111441123043, 0.22, 12],
    ['an estimate on a bound', 0.1, 0, null],
    ['out of reach below 1000 units', 1, 0.001, null],
  ])('unitsToDecide: %s', (_, sd, room, n) => {
    expect(unitsToDecide(sd, room)).toBe(n);
  });

  test.each([
    [0.1, 0.05, 4],
    [0.1, 0.09, 2],
    [1, 0.05, null],
    [0.1, 0, null],
  ])('stepFactorToDecide(half-width %f, room %f) = %s', (half, room, factor) => {
    expect(stepFactorToDecide(half, room)).toBe(factor);
  });

  test.each<[Outcome[], Outcome]>([
    [['pass', 'pass'], 'pass'],
    [['pass', 'fail', 'inconclusive'], 'fail'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [[], 'inconclusive'],
  ])('combineOutcomes(%j) = %s', (outcomes, outcome) => {
    expect(combineOutcomes(outcomes)).toBe(outcome);
  });
});

describe('the rule in words', () => {
  test('the legend names the three outcomes; a CSV row states its own range', () => {
    expect(RULE_LEGEND).toMatch(/^PASS: the 95 % interval lies inside .* FAIL: .* INCONCLUSIVE: the interval straddles a bound/);
    expect(ruleFor('slowdown', '[0, 0.2]')).toBe(
      'pass: 95% CI inside [0, 0.2] (bounds included); fail: wholly outside; inconclusive: straddles a bound, from a single process pair or seed, or no usable run',
    );
  });

  test('the CLI warns about inconclusive verdicts by name, and says what --strict does', () => {
    const verdicts = [
      { expectation: 'slowdown@interval=10', outcome: 'inconclusive' as const },
      { expectation: 'step-ratio', outcome: 'pass' as const },
    ];
    expect(inconclusiveWarning(verdicts, false)).toMatch(
      /^sambench: 1 of 2 expectations inconclusive \(slowdown@interval=10\): .*exit code 0 unless --strict$/,
    );
    expect(inconclusiveWarning(verdicts, true)).toMatch(/counted as failed \(--strict\)$/);
    expect(inconclusiveWarning([verdicts[1]!], false)).toBeNull();
  });
});
