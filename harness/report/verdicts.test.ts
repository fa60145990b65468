// Verdicts on results with known values: which runs count and as what unit (processes, or
// seeds with their repeats counted once), each kind's three outcomes, and their details.
import { describe, expect, test } from 'vitest';
import type { Expectation } from '../../schemas/index.js';
import { fakeResult, type FakeValues } from '../measure/fixtures/result.js';
import type { RunResult } from '../measure/index.js';
import { checkExpectations } from './verdicts.js';

const samRun = (interval: number, rho: number, slowdown: number, values: FakeValues = {}) =>
  fakeResult({ interval, rho }, { ratio: 2, slowdown, ...values });
// Three seeds at interval k (rho 0.05·k): slowdowns around `at`, ±0.01 (sd 0.01).
const seeds = (k: number, at: number) => [-0.01, 0, 0.01].map((d, seed) => samRun(k, 0.05 * k, at + d, { seed }));
// A repeat of a run: the same configuration and seed in another round.
const repeatOf = (run: RunResult, round: number): RunResult => ({
  ...run,
  spec: { ...run.spec, id: `${run.spec.id}-r${round}`, repeat: round, baselineId: `base-r${round}` },
});
const one = (expectation: Expectation, runs: readonly RunResult[]) => checkExpectations([expectation], runs)[0]!;

// 0.2 ± t(2)·0.01/√3 = [0.175, 0.225]
const k10 = seeds(10, 0.2);
const RAISE = 'raise `repeats` (or seeds) or `steps.measured`';

describe('slowdown against the no-SAM run', () => {
  test.each([
    [{ min: 0, max: 0.25 }, 'pass', 'slowdown against the no-SAM run, mean over 3 processes (interval from their spread)'],
    [{ max: 0.1 }, 'fail', 'slowdown against the no-SAM run, mean over 3 processes (interval from their spread)'],
    // room 0.01: t(5)·0.01/√6 = 0.0105, t(6)·0.01/√7 = 0.0092
    [
      { min: 0.21 },
      'inconclusive',
      `slowdown against the no-SAM run, mean over 3 processes (interval from their spread); inconclusive: the interval [0.175, 0.225] straddles 0.21: 3 processes; with the spread seen, about 7 would narrow it enough to decide — ${RAISE}`,
    ],
  ] as const)('range %j: %s', (range, outcome, detail) => {
    const verdict = one({ kind: 'slowdown', interval: 10, range }, k10);
    expect(verdict).toMatchObject({ expectation: 'slowdown@interval=10', outcome, detail });
    expect(verdict.measured).toBeCloseTo(0.2, 12);
    expect(verdict.ci95![0]).toBeCloseTo(0.2 - (4.302653 * 0.01) / Math.sqrt(3), 6);
  });

  test("the issue's example (+40.7 %, −26.6 %, +6.9 % against [−0.15, 0.35]) is inconclusive, not PASS", () => {
    const runs = [0.407, -0.266, 0.069].map((slowdown, seed) => samRun(10, 0.5, slowdown, { seed }));
    expect(one({ kind: 'slowdown', interval: 10, range: { min: -0.15, max: 0.35 } }, runs)).toMatchObject({
      outcome: 'inconclusive',
      detail: `slowdown against the no-SAM run, mean over 3 processes (interval from their spread); inconclusive: the interval [-0.766, 0.906] straddles -0.15 and 0.35: 3 processes; with the spread seen, about 12 would narrow it enough to decide — ${RAISE}`,
    });
  });

  test('one process pair is inconclusive even when its own interval lies inside the range', () => {
    const verdict = one({ kind: 'slowdown', interval: 10, range: { min: 0, max: 0.25 } }, [k10[1]!]);
    expect(verdict).toMatchObject({ outcome: 'inconclusive', measured: 0.2 });
    expect(verdict.detail).toBe(
      'slowdown against the no-SAM run, one process; inconclusive: one process pair: the interval [0.18, 0.22] holds the steps of one SAM and one no-SAM process but none of the noise between processes (often 10–40 % on a shared machine) — run 3 or more: raise `repeats` (or seeds)',
    );
  });

  test("within the run, one process's own interval decides", () => {
    const runs = [fakeResult({ interval: 10, rho: 0.5 }, { slowdown: 0.3, slowdownWithinRun: { value: 0.1, ci95: [0.08, 0.12] } })];
    const verdict = one({ kind: 'slowdown', interval: 10, reference: 'within-run', range: { max: 0.15 } }, runs);
    expect(verdict).toMatchObject({ expectation: 'slowdown(within run)@interval=10', measured: 0.1, outcome: 'pass' });
  });
});

describe('no usable run: inconclusive, saying which', () => {
  test.each([
    [
      'failed',
      [{ ...k10[0]!, status: 'failed' as const, reason: 'timeout' }],
      'no usable run: of the SAM runs at interval 10, 1 failed (k10-s0: timeout; see their stderr logs in runs/)',
    ],
    ['none in the suite', [], 'no usable run: the suite has no SAM runs at interval 10'],
    [
      'no value',
      [{ ...k10[0]!, slowdown: null }],
      'no usable run: of the SAM runs at interval 10, 1 finished without a slowdown against the no-SAM run',
    ],
  ])('%s', (_, runs, detail) => {
    expect(one({ kind: 'slowdown', interval: 10, range: { max: 1 } }, runs)).toMatchObject({
      measured: null,
      outcome: 'inconclusive',
      detail,
    });
  });
});

describe('step ratio', () => {
  test('pools every SAM run with a t-interval over the runs: 2, 2, 2, 1.7 → 1.925 ± t(3)·0.15/2', () => {
    const runs = [...seeds(1, 1), samRun(2, 0.1, 0.4, { ratio: 1.7 })];
    const verdict = one({ kind: 'step-ratio', range: { min: 1.5, max: 2.2 } }, runs);
    expect(verdict).toMatchObject({ outcome: 'pass' });
    expect(verdict.ci95![1]).toBeCloseTo(1.925 + (3.182446 * 0.15) / 2, 5);
  });

  test("at interval 1 one run divides by its baseline's base steps: one process pair, inconclusive", () => {
    const fromBaseline = samRun(1, 0.05, 1, { stepRatio: { value: 2, ci95: [1.9, 2.1], source: 'baseline' } });
    expect(one({ kind: 'step-ratio', range: { min: 1.5, max: 2.2 } }, [fromBaseline]).outcome).toBe('inconclusive');
    expect(one({ kind: 'step-ratio', range: { min: 1.5, max: 2.2 } }, [k10[0]!]).outcome).toBe('pass');
  });
});

describe('rho scaling: each interval against (r − 1)/k ± tolerance', () => {
  // r = 2: predicted 100 %, 50 %, 10 %; measured 100 %, 52 %, 20 %, each ± 2.48 points.
  const runs = [...seeds(1, 1), ...seeds(2, 0.52), ...k10];

  test.each([
    [0.15, 'pass', 'k=10: measured 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 15.0%: pass'],
    [0.05, 'fail', 'k=10: measured 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 5.0%: fail'],
    [
      0.11,
      'inconclusive',
      'k=10: measured 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 11.0%: inconclusive; inconclusive at k=10: the interval [17.5%, 22.5%] straddles 21.0%: 3 processes; with the spread seen, about 7 would',
    ],
  ] as const)('tolerance %f: %s', (tolerance, outcome, text) => {
    const verdict = one({ kind: 'rho-scaling', tolerance }, runs);
    expect(verdict).toMatchObject({ outcome, expected: `(r−1)/k ± ${tolerance} at every interval; rho/interval constant` });
    expect(verdict.measured).toBeCloseTo(0.1, 12);
    expect(verdict.detail).toMatch(/^r = 2\.000; k=1: /);
    expect(verdict.detail).toContain(text);
  });

  test('a different rho/interval fails whatever the intervals say', () => {
    const verdict = one({ kind: 'rho-scaling', tolerance: 1 }, [
      ...seeds(1, 1),
      ...seeds(2, 0.5).map((r) => ({ ...r, spec: { ...r.spec, sam: { ...r.spec.sam!, rho: 0.3 } } })),
    ]);
    expect(verdict.outcome).toBe('fail');
    expect(verdict.detail).toContain('rho/interval differs');
  });

  test('one interval is inconclusive and says so', () => {
    expect(one({ kind: 'rho-scaling', tolerance: 1 }, k10)).toMatchObject({
      outcome: 'inconclusive',
      detail: 'no usable run: needs successful SAM runs at two or more intervals (only k=10) — list them in `matrix.interval`',
    });
  });
});

describe('accuracy: one value per seed, repeats counted once', () => {
  // Gains 0.8, 1.0, 1.2 over three seeds, each run in two rounds: 1 ± t(2)·0.2/√3 = [0.503, 1.497].
  const gains = [0.8, 1.0, 1.2].map((accuracyGain, seed) => samRun(10, 0.5, 0.1, { seed, accuracyGain }));
  const twice = [...gains, ...gains.map((r) => repeatOf(r, 1))];

  test.each([
    [0.5, 'pass'],
    [1.5, 'fail'],
    [1.2, 'inconclusive'],
  ] as const)('minimum %f points: %s', (minPoints, outcome) => {
    const verdict = one({ kind: 'accuracy-gain', interval: 10, minPoints }, twice);
    expect(verdict).toMatchObject({ expectation: 'accuracy-gain@interval=10', outcome, expected: `[${minPoints}, +inf]` });
    expect(verdict.detail).toMatch(/^accuracy gain over the no-SAM run \(points\), mean over 3 seeds/);
    expect(verdict.ci95![0]).toBeCloseTo(1 - (4.302653 * 0.2) / Math.sqrt(3), 6);
  });

  test('one seed, however many repeats, is inconclusive: add seeds', () => {
    const verdict = one({ kind: 'accuracy-gain', interval: 10, minPoints: 0.5 }, [
      gains[0]!,
      repeatOf(gains[0]!, 1),
      repeatOf(gains[0]!, 2),
    ]);
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.detail).toContain('one seed: a value from one SAM/no-SAM pair of trainings says nothing of seed-to-seed variation');
  });
});

describe('time-to-accuracy ratio', () => {
  const reached = (seed: number, ratio: number) => samRun(2, 0.1, 0.5, { seed, timeToTargetMs: 100, timeToTargetRatio: ratio });

  test("a seed's repeats are averaged: (0.9 + 1.1) / 2 and 0.8 → 0.9 over two seeds", () => {
    const verdict = one({ kind: 'time-to-accuracy-ratio', interval: 2, max: 1.2 }, [
      reached(0, 0.9),
      repeatOf(reached(0, 1.1), 1),
      reached(1, 0.8),
    ]);
    expect(verdict.measured).toBeCloseTo(0.9, 12);
    expect(verdict.detail).toMatch(/mean over 2 seeds/);
  });

  test('fails when a SAM run never reached the target', () => {
    const never = samRun(2, 0.1, 0.5, { seed: 1, timeToTargetMs: null, timeToTargetRatio: null });
    const verdict = one({ kind: 'time-to-accuracy-ratio', interval: 2, max: 1.2 }, [reached(0, 0.9), never]);
    expect(verdict).toMatchObject({ measured: 0.9, outcome: 'fail' });
    expect(verdict.detail).toMatch(/^1 of 2 seeds' SAM runs never reached the target accuracy; /);
  });

  test('a seed whose no-SAM run never reached the target has no ratio', () => {
    const noBaseline = samRun(2, 0.1, 0.5, { timeToTargetMs: 100, timeToTargetRatio: null });
    expect(one({ kind: 'time-to-accuracy-ratio', interval: 2, max: 1.2 }, [noBaseline])).toMatchObject({
      outcome: 'inconclusive',
      detail: "no usable run: of the SAM runs at interval 2, 1 finished without a time to the target accuracy over the no-SAM run's",
    });
  });
});
