// Verdicts on results with known values: ranges, pooling over runs, rho scaling.
import { describe, expect, test } from 'vitest';
import { fakeResult, type FakeValues } from '../measure/fixtures/result.js';
import { checkExpectations } from './verdicts.js';

const samRun = (interval: number, rho: number, ratio: number, slowdown: number, accuracy: FakeValues = {}) =>
  fakeResult({ interval, rho }, { ratio, slowdown, ...accuracy });

// r = 2 everywhere; slowdown follows 1/k except at k = 10 (0.2 measured vs 0.1 predicted).
const runs = [samRun(1, 0.05, 2, 1.0), samRun(2, 0.1, 2, 0.52), samRun(10, 0.5, 2, 0.2)];

describe('checkExpectations', () => {
  test('slowdown at an interval: measured value, interval and range', () => {
    const [pass, fail] = checkExpectations(
      [
        { kind: 'slowdown', interval: 10, range: { min: 0, max: 0.25 } },
        { kind: 'slowdown', interval: 10, range: { max: 0.07 } },
      ],
      runs,
    );
    expect(pass).toMatchObject({ expectation: 'slowdown@interval=10', measured: 0.2, pass: true, expected: '[0, 0.25]' });
    expect(pass!.ci95![0]).toBeCloseTo(0.18, 12);
    expect(fail).toMatchObject({ pass: false, expected: '[-inf, 0.07]' });
  });

  test("slowdown within the run uses each run's own base steps as the reference", () => {
    const runs = [fakeResult({ interval: 10, rho: 0.5 }, { slowdown: 0.3, slowdownWithinRun: { value: 0.1, ci95: [0.08, 0.12] } })];
    const [verdict] = checkExpectations([{ kind: 'slowdown', interval: 10, reference: 'within-run', range: { max: 0.15 } }], runs);
    expect(verdict).toMatchObject({ expectation: 'slowdown(within run)@interval=10', measured: 0.1, pass: true });
  });

  test('step ratio pools every SAM run (or those at one interval)', () => {
    const [all, one] = checkExpectations(
      [
        { kind: 'step-ratio', range: { min: 1.5, max: 2.1 } },
        { kind: 'step-ratio', interval: 2, range: { max: 1.8 } },
      ],
      [...runs, samRun(2, 0.1, 1.7, 0.4)],
    );
    expect(all!.measured).toBeCloseTo((2 + 2 + 2 + 1.7) / 4, 12);
    // t-interval over the four run values: mean 1.925, sd 0.15, t(3) = 3.182446
    expect(all!.ci95![0]).toBeCloseTo(1.925 - (3.182446 * 0.15) / 2, 5);
    expect(all!.ci95![1]).toBeCloseTo(1.925 + (3.182446 * 0.15) / 2, 5);
    expect(all!.pass).toBe(true);
    expect(one).toMatchObject({ expectation: 'step-ratio@interval=2', pass: false });
    expect(one!.measured).toBeCloseTo(1.85, 12);
  });

  test('rho scaling: the worst gap to (r − 1)/k decides', () => {
    const [loose, tight] = checkExpectations(
      [
        { kind: 'rho-scaling', tolerance: 0.15 },
        { kind: 'rho-scaling', tolerance: 0.05 },
      ],
      runs,
    );
    expect(loose!.measured).toBeCloseTo(0.1, 12);
    expect(loose!.pass).toBe(true);
    expect(tight!.pass).toBe(false);
    expect(tight!.detail).toContain('k=10: measured 20.0% vs predicted 10.0%');
  });

  test('rho scaling fails when rho / interval is not constant', () => {
    const [verdict] = checkExpectations([{ kind: 'rho-scaling', tolerance: 1 }], [samRun(1, 0.05, 2, 1), samRun(2, 0.3, 2, 0.5)]);
    expect(verdict!.pass).toBe(false);
    expect(verdict!.detail).toContain('rho/interval differs');
  });

  test('no data is a failure that says why', () => {
    const failed = { ...runs[2]!, status: 'failed' as const };
    const [verdict] = checkExpectations([{ kind: 'slowdown', interval: 10, range: { max: 1 } }], [failed]);
    expect(verdict).toMatchObject({ measured: null, pass: false, detail: 'no successful SAM run with a slowdown against the no-SAM run' });
  });

  test('accuracy gain: mean over seeds with a t-interval, against a minimum in points', () => {
    const seeds = [0.8, 1.0, 1.2].map((gain) => samRun(10, 0.5, 2, 0.1, { accuracyGain: gain }));
    const [enough, tooMuch] = checkExpectations(
      [
        { kind: 'accuracy-gain', interval: 10, minPoints: 0.5 },
        { kind: 'accuracy-gain', interval: 10, minPoints: 1.5 },
      ],
      seeds,
    );
    expect(enough).toMatchObject({ expectation: 'accuracy-gain@interval=10', pass: true, expected: '[0.5, +inf]' });
    expect(enough!.measured).toBeCloseTo(1.0, 12);
    // sd 0.2, t(2) = 4.302653: 1 ± 4.302653 · 0.2 / √3
    expect(enough!.ci95![0]).toBeCloseTo(1 - (4.302653 * 0.2) / Math.sqrt(3), 5);
    expect(tooMuch!.pass).toBe(false);
  });

  test('time-to-accuracy ratio fails when a SAM run never reached the target', () => {
    const runs = [samRun(2, 0.1, 2, 0.5, { timeToTargetRatio: 0.9 }), samRun(2, 0.1, 2, 0.5, { timeToTargetRatio: null })];
    const [verdict] = checkExpectations([{ kind: 'time-to-accuracy-ratio', interval: 2, max: 1.2 }], runs);
    expect(verdict).toMatchObject({ measured: 0.9, pass: false });
    expect(verdict!.detail).toContain('1 of 2 SAM runs (or their no-SAM runs) never reached the target accuracy');
  });
});
