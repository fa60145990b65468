import { expect, test } from 'vitest';
import { summarizeConfigurations } from './configurations.js';
import { fakeResult } from './fixtures/result.js';

test('pools each setting over its seeds: slowdown, accuracy mean ± sd, paired gain, time to target', () => {
  const k10 = { interval: 10, rho: 0.5 };
  const results = [
    fakeResult(null, { seed: 0, finalAccuracy: 0.8, timeToTargetMs: 10_000 }),
    fakeResult(k10, { seed: 0, slowdown: 0.1, finalAccuracy: 0.81, accuracyGain: 1, timeToTargetMs: 12_000 }),
    fakeResult(null, { seed: 1, finalAccuracy: 0.82, timeToTargetMs: 9_000 }),
    fakeResult(k10, { seed: 1, slowdown: 0.14, finalAccuracy: 0.85, accuracyGain: 3, timeToTargetMs: null }),
  ];
  const [base, sam] = summarizeConfigurations(results);
  expect(base).toMatchObject({
    label: 'no SAM bs=8 lr=0.1',
    interval: null,
    runs: 2,
    okRuns: 2,
    seeds: [0, 1],
    slowdown: null,
    accuracyGain: null,
    timeToTargetS: 9.5,
  });
  expect(base!.accuracy!.mean).toBeCloseTo(0.81, 12);
  expect(base!.accuracy!.sd).toBeCloseTo(Math.SQRT2 * 0.01, 12);
  expect(sam).toMatchObject({ label: 'SAM k=10 rho=0.5 bs=8 lr=0.1', interval: 10, rho: 0.5, timeToTargetS: 12 });
  expect(sam!.slowdown!.value).toBeCloseTo(0.12, 12);
  expect(sam!.accuracyGain!.value).toBeCloseTo(2, 12);
  // two seeds: 2 ± t(1) · sd/√2 with sd = √2, t(1) = 12.706205
  expect(sam!.accuracyGain!.ci95[1]).toBeCloseTo(2 + 12.706205, 4);
});

test('repeats of a seed count once for accuracy, every process for the slowdown', () => {
  const k10 = { interval: 10, rho: 0.5 };
  // Two processes of seed 0 (identical training, so identical accuracy), one of seed 1.
  const results = [
    fakeResult(k10, { seed: 0, slowdown: 0.1, finalAccuracy: 0.8, accuracyGain: 1 }),
    fakeResult(k10, { seed: 0, slowdown: 0.2, finalAccuracy: 0.8, accuracyGain: 1 }),
    fakeResult(k10, { seed: 1, slowdown: 0.3, finalAccuracy: 0.9, accuracyGain: 3 }),
  ];
  const [sam] = summarizeConfigurations(results);
  expect(sam).toMatchObject({ runs: 3, okRuns: 3, seeds: [0, 1] });
  expect(sam!.slowdown!.value).toBeCloseTo(0.2, 12);
  expect(sam!.accuracy!.mean).toBeCloseTo(0.85, 12);
  expect(sam!.accuracyGain!.value).toBeCloseTo(2, 12);
});
