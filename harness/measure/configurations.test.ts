import { describe, expect, test } from 'vitest';
import type { ResolvedSamVariant } from '../../schemas/index.js';
import { onFront, samSetting, summarizeConfigurations } from './configurations.js';
import { fakeResult } from './fixtures/result.js';
import type { RunResult } from './run-result.js';

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

describe('the Pareto front of slowdown against accuracy gain', () => {
  // One seed per configuration: the pooled slowdown and gain are the run's own.
  const sam = (interval: number, rho: number, slowdown: number, accuracyGain: number | null, variant?: ResolvedSamVariant) =>
    fakeResult(
      { interval, rho, ...(variant && { variant }) },
      { slowdown, finalAccuracy: accuracyGain === null ? null : 0.7 + accuracyGain / 100, accuracyGain },
    );
  const base = fakeResult(null, { finalAccuracy: 0.7 });
  const front = (results: RunResult[]) => summarizeConfigurations(results).map((c) => [c.label.replace(/ bs=.*/, ''), c.onFront]);

  test('dominated configurations are off, no SAM is the origin and on unless a free gain beats it', () => {
    const results = [base, sam(1, 0.05, 0.9, 1.2), sam(2, 0.1, 0.45, 2), sam(10, 0.5, 0.1, 0.8), sam(5, 0.25, 0.2, 0.5)];
    expect(front(results)).toEqual([
      ['no SAM', true],
      ['SAM k=1 rho=0.05', false], // k=2 is cheaper and gains more
      ['SAM k=2 rho=0.1', true],
      ['SAM k=10 rho=0.5', true],
      ['SAM k=5 rho=0.25', false], // k=10 is cheaper and gains more
    ]);
    expect(onFront(summarizeConfigurations(results)).map((c) => c.interval)).toEqual([null, 10, 2]);
  });

  test('a configuration that loses accuracy at a cost is off; one that ties another on both axes is on with it', () => {
    const results = [base, sam(1, 0.05, 0.9, -1), sam(10, 0.5, 0.1, 0.8), sam(10, 1, 0.1, 0.8)];
    expect(front(results).map(([, on]) => on)).toEqual([true, false, true, true]);
    // a SAM configuration with negative gain and no cost (timing noise) ties nothing: the origin beats it
    expect(front([base, sam(10, 0.5, 0, -0.1)]).map(([, on]) => on)).toEqual([true, false]);
  });

  test('variants are configurations of their own, on the same plane', () => {
    const random = { kind: 'random', p: 0.25, pFinal: null } as const;
    const growing = { kind: 'random', p: 0.1, pFinal: 0.5 } as const;
    const look = { kind: 'looksam', alpha: 0.7 } as const;
    const ae = { kind: 'aesam', delta: 0.9, lambda1: -1, lambda2: 1 } as const;
    const results = [
      base,
      sam(1, 0.05, 0.9, 2),
      sam(1, 0.05, 0.3, 1.5, random),
      sam(1, 0.05, 0.2, 0.5, growing),
      sam(5, 0.05, 0.25, 0.4, look),
      sam(1, 0.05, 0.5, 1.2, ae),
    ];
    expect(front(results)).toEqual([
      ['no SAM', true],
      ['SAM k=1 rho=0.05', true],
      ['SAM rst p=0.25 rho=0.05', true],
      ['SAM grst p=0.1-0.5 rho=0.05', true],
      ['SAM looksam k=5 alpha=0.7 rho=0.05', false], // grst is cheaper and gains more
      ['SAM aesam delta=0.9 c=1to-1 rho=0.05', false], // rst is cheaper and gains more
    ]);
    expect(summarizeConfigurations(results)[2]!.variant).toEqual(random);
  });

  // A user's variant is named by its `name` and scalar args (sorted by key); its file's digest and
  // non-scalar args tell runs apart in the spec, not in the label.
  test("a user's variant is a configuration of its own, on the front beside the built-ins", () => {
    const warmup = {
      kind: 'module',
      name: 'warmup',
      path: '/v/warmup.mjs',
      sha256: '0'.repeat(64),
      args: { steps: 5, mode: 'lin' },
    } as const;
    const other = { ...warmup, args: { steps: 10, mode: 'lin', table: [1, 2] } } as const;
    const results = [
      base,
      sam(1, 0.05, 0.9, 2),
      sam(1, 0.05, 0.2, 1.8, warmup),
      { ...sam(1, 0.05, 0.2, 1.8, warmup), spec: { ...sam(1, 0.05, 0.2, 1.8, warmup).spec, seed: 1 } },
      sam(1, 0.05, 0.4, 1, other),
    ];
    expect(front(results)).toEqual([
      ['no SAM', true],
      ['SAM k=1 rho=0.05', true],
      ['SAM warmup mode=lin steps=5 rho=0.05', true],
      ['SAM warmup mode=lin steps=10 rho=0.05', false], // steps=5 is cheaper and gains more
    ]);
    const summaries = summarizeConfigurations(results);
    expect(summaries[2]).toMatchObject({ variant: warmup, runs: 2, interval: 1 });
    expect(onFront(summaries).map((c) => c.label)).toContain('SAM warmup mode=lin steps=5 rho=0.05 bs=8 lr=0.1');
  });

  test('null without a point: no accuracy, a SAM configuration without gain, or no SAM point at all', () => {
    // without accuracy nobody has a point
    expect(front([fakeResult(null), fakeResult({ interval: 2, rho: 0.1 })]).map(([, on]) => on)).toEqual([null, null]);
    // a SAM configuration without a gain (its runs not evaluated) has no point; the others still make a front
    expect(front([base, sam(2, 0.1, 0.4, null), sam(10, 0.5, 0.1, 1)]).map(([, on]) => on)).toEqual([true, null, true]);
    // the origin alone is no front
    expect(front([base, sam(2, 0.1, 0.4, null)]).map(([, on]) => on)).toEqual([null, null]);
    // no no-SAM configuration with accuracy: the SAM points still form a front among themselves
    expect(front([fakeResult(null), sam(2, 0.1, 0.4, 1), sam(10, 0.5, 0.1, 2)]).map(([, on]) => on)).toEqual([null, false, true]);
  });
});

describe('LookSAM granularity in labels', () => {
  test('"tensor" is written after alpha; "global" and specs without the key write nothing, so their labels stay', () => {
    const sam = (variant: object) => ({ interval: 5, rho: 0.05, adaptive: false, variant }) as Parameters<typeof samSetting>[0];
    expect(samSetting(sam({ kind: 'looksam', alpha: 0.7, granularity: 'tensor' }))).toBe(
      'looksam k=5 alpha=0.7 granularity=tensor rho=0.05',
    );
    expect(samSetting(sam({ kind: 'looksam', alpha: 0.7, granularity: 'global' }))).toBe('looksam k=5 alpha=0.7 rho=0.05');
    expect(samSetting(sam({ kind: 'looksam', alpha: 0.7 }))).toBe('looksam k=5 alpha=0.7 rho=0.05');
  });
});

describe('data parallelism in labels', () => {
  const torch = (worldSize: number, syncFirstGradient: boolean) => ({
    device: 'cpu' as const,
    worldSize,
    channelsLast: false,
    syncFirstGradient,
  });
  const run = (sam: boolean, worldSize: number, syncFirstGradient: boolean): RunResult => {
    const result = fakeResult(sam ? { interval: 1, rho: 0.05 } : null);
    return { ...result, spec: { ...result.spec, framework: 'torch', torch: torch(worldSize, syncFirstGradient) } };
  };

  test('ws=<n> beyond one worker, sync only for a SAM run that syncs there; one worker writes nothing', () => {
    const labels = summarizeConfigurations([
      run(false, 1, true),
      run(true, 1, true),
      run(false, 2, true),
      run(true, 2, false),
      run(true, 2, true),
    ]).map((c) => c.label);
    expect(labels).toEqual([
      'no SAM bs=8 lr=0.1',
      'SAM k=1 rho=0.05 bs=8 lr=0.1',
      'no SAM bs=8 lr=0.1 ws=2',
      'SAM k=1 rho=0.05 bs=8 lr=0.1 ws=2',
      'SAM k=1 rho=0.05 bs=8 lr=0.1 ws=2 sync',
    ]);
  });
});
