// The data-parallel verdict on hand-made PyTorch runs: unsynced (Composer's) against synced
// first gradient at each world size > 1, same seed: slowdown saved per process pair, accuracy
// kept per seed (with evaluation).
import { describe, expect, test } from 'vitest';
import { fakeResult } from '../measure/fixtures/result.js';
import type { RunResult } from '../measure/index.js';
import { checkExpectations } from './verdicts.js';

const EVALUATION = { everySteps: 10, testSamples: 1000, targetAccuracy: null };

// A PyTorch SAM run at interval 2 on `worldSize` workers.
function run(seed: number, syncFirstGradient: boolean, slowdown: number, accuracy: number, worldSize = 2, evaluation = true): RunResult {
  const r = fakeResult({ interval: 2, rho: 0.1 }, { seed, slowdown, finalAccuracy: accuracy });
  const torch = { device: 'cuda' as const, worldSize, channelsLast: false, syncFirstGradient };
  return { ...r, spec: { ...r.spec, framework: 'torch', torch, evaluation: evaluation ? EVALUATION : null } };
}
// Synced: slowdown 30 % and 70 % accuracy on every seed. Unsynced: slowdowns 28, 27, 26 % (saved
// 2, 3, 4 points: 3 % ± t(2)·1 %/√3 = [0.5 %, 5.5 %]) and 70.8, 71.0, 71.2 % (kept 0.8, 1.0, 1.2
// points: 1 ± t(2)·0.2/√3 = [0.503, 1.497]).
const seeds = (worldSize = 2, evaluation = true) =>
  [0.28, 0.27, 0.26].flatMap((slowdown, seed) => [
    run(seed, true, 0.3, 0.7, worldSize, evaluation),
    run(seed, false, slowdown, 0.708 + 0.002 * seed, worldSize, evaluation),
  ]);
const one = (minSpeedup: number, minPoints: number, runs: readonly RunResult[] = seeds()) =>
  checkExpectations([{ kind: 'data-parallel', interval: 2, minSpeedup, minPoints }], runs)[0]!;
const LEAD = 'unsynced first gradient (Composer) against synced, same seed';

describe('data-parallel: unsynced against synced first gradient at each world size > 1', () => {
  test.each([
    [0, 0, 'pass', 'pass', 'pass', ''],
    // 10 % lies above the whole of [0.5 %, 5.5 %]
    [0.1, 0, 'fail', 'fail', 'pass', ''],
    // room 2 points of slowdown: t(2)·1 %/√3 = 2.48 %, t(3)·1 %/√4 = 1.59 %
    [
      0.01,
      0,
      'inconclusive',
      'inconclusive',
      'pass',
      '; inconclusive at world size 2, slowdown saved: the interval [+0.5%, +5.5%] straddles +1.0%: 3 processes; with the spread seen, about 4 would narrow it enough to decide — raise `repeats` (or seeds) or `steps.measured`',
    ],
    // accuracy kept [0.503, 1.497] lies wholly below 2 points
    [0, 2, 'fail', 'pass', 'fail', ''],
  ] as const)('minSpeedup %f, minPoints %f: %s', (minSpeedup, minPoints, outcome, slowdown, accuracy, why) => {
    const verdict = one(minSpeedup, minPoints);
    expect(verdict).toMatchObject({ expectation: 'data-parallel@interval=2', kind: 'data-parallel', outcome, range: { min: minSpeedup } });
    // the headline is the slowdown saved
    expect(verdict.measured).toBeCloseTo(0.03, 9);
    expect(verdict.ci95![0]).toBeCloseTo(0.03 - (4.302653 * 0.01) / Math.sqrt(3), 6);
    expect(verdict.detail).toBe(
      `${LEAD}: world size 2, slowdown saved: +3.0% [+0.5%, +5.5%]: ${slowdown}; world size 2, accuracy kept: +1.00 [+0.50, +1.50]: ${accuracy}${why}`,
    );
  });

  test('without evaluation only the slowdown is judged', () => {
    const verdict = one(0, 0, seeds(2, false));
    expect(verdict).toMatchObject({ outcome: 'pass' });
    expect(verdict.detail).toBe(`${LEAD}: world size 2, slowdown saved: +3.0% [+0.5%, +5.5%]: pass`);
  });

  test('each world size is a sub-check; runs on one worker are left out', () => {
    const verdict = one(0, 0, [...seeds(2), ...seeds(4), run(0, true, 0.5, 0.6, 1), run(0, false, 0.1, 0.8, 1)]);
    expect(verdict.outcome).toBe('pass');
    expect(verdict.detail).toContain('world size 4, accuracy kept: +1.00 [+0.50, +1.50]: pass');
    expect(verdict.detail).not.toContain('world size 1');
  });

  test('without both settings at a world size > 1 it is inconclusive and says what is missing', () => {
    expect(one(0, 0, seeds(1))).toMatchObject({
      measured: null,
      outcome: 'inconclusive',
      detail:
        'no usable run: needs PyTorch SAM runs at interval 2 at a world size > 1 with `torch.syncFirstGradient` both false and true (none at a world size > 1)',
    });
  });
});
