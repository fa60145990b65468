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
      `slowdown against the no-SAM run, mean over 3 processes (interval from their spread); inconclusive: the interval [17.5%, 22.5%] straddles 21.0%: 3 processes; with the spread seen, about 7 would narrow it enough to decide — ${RAISE}`,
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
      detail: `slowdown against the no-SAM run, mean over 3 processes (interval from their spread); inconclusive: the interval [-76.6%, 90.6%] straddles -15.0% and 35.0%: 3 processes; with the spread seen, about 12 would narrow it enough to decide — ${RAISE}`,
    });
  });

  test('one process pair is inconclusive even when its own interval lies inside the range', () => {
    const verdict = one({ kind: 'slowdown', interval: 10, range: { min: 0, max: 0.25 } }, [k10[1]!]);
    expect(verdict).toMatchObject({ outcome: 'inconclusive', measured: 0.2 });
    expect(verdict.detail).toBe(
      'slowdown against the no-SAM run, one process; inconclusive: one process pair: the interval [18.0%, 22.0%] holds the steps of one SAM and one no-SAM process but none of the noise between processes (often 10–40 % on a shared machine) — run 3 or more: raise `repeats` (or seeds)',
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

describe('slowdown law: each interval against (r − 1)/k ± tolerance', () => {
  // r = 2: predicted 100 %, 50 %, 10 %; measured 100 %, 52 %, 20 %, each ± 2.48 points.
  const runs = [...seeds(1, 1), ...seeds(2, 0.52), ...k10];

  test.each([
    [0.15, 'pass', 'k=10: slowdown 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 15.0%: pass'],
    [0.05, 'fail', 'k=10: slowdown 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 5.0%: fail'],
    [
      0.11,
      'inconclusive',
      'k=10: slowdown 20.0% [17.5%, 22.5%] vs predicted 10.0% ± 11.0%: inconclusive; inconclusive at k=10: the interval [17.5%, 22.5%] straddles 21.0%: 3 processes; with the spread seen, about 7 would',
    ],
  ] as const)('tolerance %f: %s', (tolerance, outcome, text) => {
    const verdict = one({ kind: 'slowdown-law', tolerance }, runs);
    expect(verdict).toMatchObject({
      expectation: 'slowdown-law',
      kind: 'slowdown-law',
      outcome,
      expected: `gap to (r−1)/k ≤ ${(100 * tolerance).toFixed(1)}%`,
    });
    // The value is the largest gap to (r − 1)/k (here k=10's), and the detail says so first.
    expect(verdict.measured).toBeCloseTo(0.1, 12);
    expect(verdict.detail).toMatch(
      /^measured: the largest gap \|slowdown − \(r−1\)\/k\| over the intervals, 10\.0% at k=10; r = 2\.000; k=1: /,
    );
    expect(verdict.detail).toContain(text);
  });

  test('the old name "rho-scaling" gives the same verdict, reported as slowdown-law', () => {
    expect(one({ kind: 'rho-scaling', tolerance: 0.15 }, runs)).toEqual(one({ kind: 'slowdown-law', tolerance: 0.15 }, runs));
  });

  test('every rho at an interval is pooled: rho changes no cost, and rho/interval need not be constant', () => {
    const otherRho = seeds(2, 0.52).map((r) => ({ ...r, spec: { ...r.spec, sam: { ...r.spec.sam!, rho: 0.3 } } }));
    const verdict = one({ kind: 'slowdown-law', tolerance: 0.15 }, [...seeds(1, 1), ...seeds(2, 0.52), ...otherRho, ...k10]);
    expect(verdict.outcome).toBe('pass');
    // six processes at k=2 (two rhos): 0.52 ± t(5)·0.00894/√6 = [0.5106, 0.5294]
    expect(verdict.detail).toContain('k=2: slowdown 52.0% [51.1%, 52.9%]');
  });

  test('one interval is inconclusive and says so', () => {
    expect(one({ kind: 'slowdown-law', tolerance: 1 }, k10)).toMatchObject({
      outcome: 'inconclusive',
      detail: 'no usable run: needs successful SAM runs at two or more intervals (only k=10) — list them in `matrix.interval`',
    });
  });
});

describe('rho scaling and accuracy: rho = c · k against rho = c at each k > 1, paired by seed', () => {
  const c = 0.05;
  // Three seeds at interval k: rho = c (fixed) at 70 % and gain 4 points over no SAM; rho = c · k
  // (recording c) `diffs` points above or below it, seed by seed.
  const atK = (k: number, diffs: readonly number[]) =>
    diffs.flatMap((d, seed) => [
      samRun(k, c, 0.1, { seed, finalAccuracy: 0.7, accuracyGain: 4 }),
      fakeResult(
        { interval: k, rho: Number((c * k).toPrecision(12)), rhoPerInterval: c },
        { seed, finalAccuracy: 0.7 + d / 100, accuracyGain: 4 + d },
      ),
    ]);
  const k1 = [0, 1, 2].map((seed) => fakeResult({ interval: 1, rho: c, rhoPerInterval: c }, { seed, finalAccuracy: 0.7, accuracyGain: 4 }));
  // k=2 gains 0.8, 1.0, 1.2 points: 1 ± t(2)·0.2/√3 = [0.503, 1.497], whatever the tolerance.
  const k2 = atK(2, [0.8, 1.0, 1.2]);
  const rule = { kind: 'rho-scaling-accuracy', tolerancePoints: 1 } as const;

  test.each([
    // k=10: 0 ± 0.497 lies above −1
    ['pass', [-0.2, 0, 0.2], 0],
    // k=10: −5 ± 0.497 lies wholly below −1
    ['fail', [-4.8, -5.0, -5.2], -5],
    // k=10: −1 ± 0.497 straddles −1
    ['inconclusive', [-0.8, -1.0, -1.2], -1],
  ] as const)('%s', (outcome, diffs, lowest) => {
    const verdict = one(rule, [...k1, ...k2, ...atK(10, diffs)]);
    expect(verdict).toMatchObject({
      expectation: 'rho-scaling-accuracy',
      kind: 'rho-scaling-accuracy',
      outcome,
      expected: 'acc(rho=c·k) − acc(rho=c) ≥ −1 points at every k > 1',
    });
    // the headline is the lowest difference, with its interval over seeds
    expect(verdict.measured).toBeCloseTo(lowest, 9);
    expect(verdict.ci95![0]).toBeCloseTo(lowest - (4.302653 * 0.2) / Math.sqrt(3), 5);
    expect(verdict.detail).toMatch(
      /^final accuracy at rho = c·k minus at rho = c, same interval and seed: k=2, rho 0\.1 \(c=0\.05\) vs 0\.05: \+1\.00 \[\+0\.50, \+1\.50\] points: pass; k=10, rho 0\.5 \(c=0\.05\) vs 0\.05: /,
    );
    expect(verdict.detail).toContain(`points: ${outcome}`);
  });

  test('the straddling interval says how many seeds would decide it', () => {
    const verdict = one(rule, [...k1, ...k2, ...atK(10, [-0.8, -1.0, -1.2])]);
    expect(verdict.detail).toContain('; inconclusive at k=10 (c=0.05): the interval [-1.50, -0.50] straddles -1.00: 3 seeds;');
  });

  test('reports the best rho of each interval by mean gain over no SAM', () => {
    const verdict = one(rule, [...k1, ...k2, ...atK(10, [-4.8, -5.0, -5.2])]);
    expect(verdict.detail).toContain(
      'best rho by mean gain over no SAM (points): k=1: rho 0.05, +4.00 [+4.00, +4.00]; k=2: rho 0.1, +5.00 [+4.50, +5.50]; k=10: rho 0.05, +4.00 [+4.00, +4.00]',
    );
  });

  test("repeats count once: the partner's repeats are averaged and a seed's scaled repeats are one value", () => {
    const k10 = atK(10, [-0.2, 0, 0.2]);
    const verdict = one(rule, [...k2, ...k10, ...k10.map((r) => repeatOf(r, 1))]);
    expect(verdict.outcome).toBe('pass');
    expect(verdict.detail).toContain('k=10, rho 0.5 (c=0.05) vs 0.05: +0.00 [-0.50, +0.50] points: pass');
  });

  test('one seed is inconclusive: add seeds', () => {
    const verdict = one(rule, atK(2, [3]));
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.detail).toContain('one seed: a value from one SAM/no-SAM pair of trainings says nothing of seed-to-seed variation');
  });

  test('without the fixed rho = c runs at an interval, that interval is inconclusive and says which runs', () => {
    const onlyScaled = atK(10, [0, 0, 0]).filter((r) => r.spec.sam!.rhoPerInterval !== null);
    const verdict = one(rule, [...k2, ...onlyScaled]);
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.detail).toContain(
      'k=10, rho 0.5 (c=0.05) vs 0.05: no value; best rho by mean gain over no SAM (points): k=2: rho 0.1, +5.00 [+4.50, +5.50]; k=10: rho 0.5, +4.00 [+4.00, +4.00]; inconclusive at k=10 (c=0.05): no usable run: of the SAM runs at interval 10 with rho = 0.05·10, 3 finished without a final accuracy beside a run at rho = 0.05 of the same seed',
    );
  });

  test('without runs at rho = c · k it is inconclusive', () => {
    expect(one(rule, [samRun(2, 0.1, 0.5)])).toMatchObject({
      outcome: 'inconclusive',
      measured: null,
      detail:
        'no usable run: needs SAM runs at rho = c·k (`matrix.rhoPerInterval`) at an interval k > 1, and at rho = c there (`matrix.rho`)',
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

describe('accuracy over several settings of one seed', () => {
  // Seeds 0–2 at batch 64 gain 2, 3, 4 and at batch 128 gain 4, 5, 6 (label smoothing, MixUp or a
  // world size swept alike): a seed's settings share its data order and initial weights, so each
  // seed counts once, its settings averaged: 3, 4, 5, giving 4 ± t(2)·1/√3 = [1.516, 6.484], not
  // six values (4 ± t(5)·1.414/√6 = [2.516, 5.484]).
  const at = (batchSize: number, accuracyGain: number, seed: number) => {
    const run = samRun(10, 0.5, 0.1, { seed, accuracyGain });
    return { ...run, spec: { ...run.spec, id: `${run.spec.id}-bs${batchSize}`, dataset: { ...run.spec.dataset, batchSize } } };
  };
  const runs = [...[2, 3, 4].map((g, seed) => at(64, g, seed)), ...[4, 5, 6].map((g, seed) => at(128, g, seed))];

  test('three seeds, each the mean of its settings', () => {
    const verdict = one({ kind: 'accuracy-gain', interval: 10, minPoints: 0 }, runs);
    expect(verdict.detail).toMatch(/mean over 3 seeds/);
    expect(verdict.measured).toBeCloseTo(4, 12);
    expect(verdict.ci95![0]).toBeCloseTo(4 - 4.302653 / Math.sqrt(3), 5);
    expect(verdict.ci95![1]).toBeCloseTo(4 + 4.302653 / Math.sqrt(3), 5);
  });
});

describe('accuracy at one of several rho values', () => {
  // Seeds 0–2 at rho 0.5 gain 0.8, 1.0, 1.2; the same seeds at rho 0.05 gain nothing.
  const at05 = [0.8, 1.0, 1.2].map((accuracyGain, seed) => samRun(10, 0.5, 0.1, { seed, accuracyGain }));
  const at005 = [0, 0, 0].map((accuracyGain, seed) => samRun(10, 0.05, 0.1, { seed, accuracyGain }));

  test('rho picks its runs: three seeds, not six, and the name says which rho', () => {
    const verdict = one({ kind: 'accuracy-gain', interval: 10, rho: 0.5, minPoints: 0.5 }, [...at005, ...at05]);
    expect(verdict).toMatchObject({ expectation: 'accuracy-gain@interval=10,rho=0.5', outcome: 'pass' });
    expect(verdict.detail).toMatch(/^accuracy gain over the no-SAM run \(points\), mean over 3 seeds/);
    expect(one({ kind: 'accuracy-gain', interval: 10, rho: 0.05, minPoints: 0.5 }, [...at005, ...at05]).outcome).toBe('fail');
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
