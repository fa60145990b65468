// The memory-overhead verdict on hand-made peaks: extra bytes over the paired no-SAM run in
// copies of 2^20 float32 parameters (4 MiB a copy), device memory before resident set size.
import { describe, expect, test } from 'vitest';
import type { Expectation } from '../../schemas/index.js';
import { fakeEnv } from '../measure/fixtures/env.js';
import { fakeBaseline, fakeResult } from '../measure/fixtures/result.js';
import type { RunResult } from '../measure/index.js';
import { checkExpectations } from './verdicts.js';

const MiB = 2 ** 20;
const env = (id: string) => fakeEnv(id, { parameters: 2 ** 20 });

// A SAM run at interval 2 and its no-SAM run: device peaks of 100 MiB + `extraMiB` and 100 MiB.
function pair(seed: number, extraMiB: number, peaks: 'device' | 'rss' = 'device'): RunResult[] {
  const bytes = (mib: number) =>
    peaks === 'device' ? { peakDeviceBytes: mib * MiB, peakRssBytes: 900 * MiB } : { peakRssBytes: mib * MiB };
  const sam = fakeResult({ interval: 2, rho: 0.1 }, { seed, env: env(`k2-s${seed}`), ...bytes(100 + extraMiB) });
  return [sam, fakeBaseline(sam, { env: env(`base-s${seed}`), ...bytes(100) })];
}
const one = (expectation: Expectation, runs: readonly RunResult[]) => checkExpectations([expectation], runs)[0]!;

// 3.8, 4.0, 4.2 MiB over no SAM: 0.95, 1.00, 1.05 copies; 1 ± t(2)·0.05/√3 = [0.876, 1.124].
const threePairs = [3.8, 4.0, 4.2].flatMap((extra, seed) => pair(seed, extra));
const PER_COPY =
  '1048576 parameters × 4 bytes (float32 under every precision) = 4.0 MiB a copy; mean extra peak 4.0 MiB (device memory); ' +
  "SAM keeps the perturbation e (and w under PyTorch's mixed-float16), so the parameter count predicts 1 copy, 4.0 MiB";

describe('memory-overhead: extra peak memory in parameter copies, one value per process pair', () => {
  test.each([
    [{ min: 0.5, max: 1.5 }, 'pass', ''],
    [{ min: 1.5, max: 2.5 }, 'fail', ''],
    // room 0.1: t(2)·0.05/√3 = 0.124, t(3)·0.05/√4 = 0.080
    [
      { min: 0.9, max: 1.5 },
      'inconclusive',
      '; inconclusive: the interval [0.876, 1.124] straddles 0.9: 3 processes; with the spread seen, about 4 would narrow it enough to decide — raise `repeats` (or seeds) or `steps.measured`',
    ],
  ] as const)('range %j: %s', (range, outcome, why) => {
    const verdict = one({ kind: 'memory-overhead', interval: 2, range }, threePairs);
    expect(verdict).toMatchObject({ expectation: 'memory-overhead@interval=2', kind: 'memory-overhead', outcome });
    expect(verdict.measured).toBeCloseTo(1, 12);
    expect(verdict.ci95![0]).toBeCloseTo(1 - (4.302653 * 0.05) / Math.sqrt(3), 6);
    expect(verdict.detail).toBe(
      `memory overhead over the no-SAM run (parameter copies), mean over 3 processes (interval from their spread)${why}; ${PER_COPY}`,
    );
  });

  test('resident set size where a run reports no device peak (TF.js, CPU)', () => {
    const onCpu = [3.8, 4.0, 4.2].flatMap((extra, seed) => pair(seed, extra, 'rss'));
    const verdict = one({ kind: 'memory-overhead', range: { min: 0.5, max: 1.5 } }, onCpu);
    expect(verdict).toMatchObject({ expectation: 'memory-overhead', outcome: 'pass' });
    expect(verdict.detail).toContain('mean extra peak 4.0 MiB (resident set size)');
  });

  test('PyTorch with mixed-float16 is predicted two copies: the perturbation e and w', () => {
    const amp = threePairs.map((r) => ({ ...r, spec: { ...r.spec, framework: 'torch' as const, precision: 'mixed-float16' as const } }));
    expect(one({ kind: 'memory-overhead', range: { min: 0.5 } }, amp).detail).toContain('predicts 2 copies, 8.0 MiB');
  });

  test('without a parameter count or a peak of its no-SAM run it has no value, and says so', () => {
    const [sam, base] = pair(0, 4);
    expect(
      one({ kind: 'memory-overhead', range: { min: 0.5 } }, [sam!, { ...base!, peakDeviceBytes: null, peakRssBytes: null }]),
    ).toMatchObject({
      measured: null,
      outcome: 'inconclusive',
      detail: 'no usable run: of the SAM runs, 1 finished without a memory overhead over the no-SAM run (parameter copies)',
    });
  });
});
