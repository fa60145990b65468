import { describe, expect, test } from 'vitest';
import type { RunResult } from '../measure/index.js';
import type { RunSpec } from '../../schemas/index.js';
import { fakeRun, fakeSpec } from './fixtures/bench.js';
import { configurationId, matchConfigurations, runKey, specDifferences } from './match.js';

const run = (spec: RunSpec): RunResult => fakeRun(spec, [1], []);

describe('runKey', () => {
  test('ignores id, suite, baselineId, timeoutSeconds and the repeat round, and the order of keys', () => {
    const a = fakeSpec('sam-k2-s0', 2, 'base-s0');
    const renamed = { ...fakeSpec('renamed', 2, 'other-base'), suite: 'another-suite', timeoutSeconds: 999, repeat: 2 };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(runKey(renamed)).toBe(runKey(a));
    expect(runKey(reordered)).toBe(runKey(a));
  });

  test('ignores where rho came from (c · interval or fixed), and matches specs written before it was recorded', () => {
    const a = fakeSpec('sam-k2-s0', 2, 'base-s0');
    const scaled = { ...a, sam: { ...a.sam!, rhoPerInterval: 0.025 } };
    const { rhoPerInterval: _dropped, ...older } = a.sam!;
    expect(runKey(scaled)).toBe(runKey(a));
    expect(runKey({ ...a, sam: older as RunSpec['sam'] })).toBe(runKey(a));
    expect(runKey({ ...a, sam: { ...a.sam!, rho: 0.1 } })).not.toBe(runKey(a));
  });

  test('a spec written before trainSubset and labelNoise existed matches one with them off, not one with noise', () => {
    const a = fakeSpec('base-s0', null, null);
    const { trainSubset: _subset, labelNoise: _noise, ...olderDataset } = a.dataset;
    const older = { ...a, dataset: olderDataset as RunSpec['dataset'] };
    expect(runKey(older)).toBe(runKey(a));
    expect(runKey({ ...a, dataset: { ...a.dataset, labelNoise: 0.4 } })).not.toBe(runKey(older));
    expect(runKey({ ...a, dataset: { ...a.dataset, trainSubset: 100 } })).not.toBe(runKey(older));
  });

  test('syncFirstGradient counts only for a SAM run of more than one worker', () => {
    const torchSpec = (spec: RunSpec, worldSize: number, syncFirstGradient: boolean): RunSpec => ({
      ...spec,
      framework: 'torch',
      torch: { device: 'cpu', worldSize, channelsLast: false, syncFirstGradient },
    });
    const [sam, base] = [fakeSpec('sam-k1-s0', 1, 'base-s0'), fakeSpec('base-s0', null, null)];
    expect(runKey(torchSpec(base, 2, true))).toBe(runKey(torchSpec(base, 2, false)));
    expect(runKey(torchSpec(sam, 1, true))).toBe(runKey(torchSpec(sam, 1, false)));
    expect(runKey(torchSpec(sam, 2, true))).not.toBe(runKey(torchSpec(sam, 2, false)));
    expect(runKey(torchSpec(base, 2, false))).not.toBe(runKey(torchSpec(base, 1, false)));
  });

  test('differs when any setting that shapes the measurement differs', () => {
    const a = fakeSpec('x', 2, null);
    expect(runKey(fakeSpec('x', 2, null, 1))).not.toBe(runKey(a));
    expect(runKey(fakeSpec('x', 4, null))).not.toBe(runKey(a));
    expect(runKey({ ...a, dataset: { ...a.dataset, batchSize: 32 } })).not.toBe(runKey(a));
  });
});

describe('matchConfigurations', () => {
  const ids = (groups: RunResult[][]) => groups.map((g) => g.map((r) => r.spec.id));

  test('pairs equal configurations and lists the rest on each side', () => {
    const baseline = [
      run(fakeSpec('base-s0', null, null)),
      run(fakeSpec('sam-k2-s0', 2, 'base-s0')),
      run(fakeSpec('sam-k4-s0', 4, 'base-s0')),
    ];
    const current = [
      run(fakeSpec('sam-k2-s0', 2, 'base-s0')),
      run(fakeSpec('base-s0', null, null)),
      run(fakeSpec('base-s1', null, null, 1)),
    ];
    const { pairs, onlyBaseline, onlyCurrent } = matchConfigurations(baseline, current);
    expect(pairs.map((p) => [p.baselineId, p.id])).toEqual([
      ['sam-k2-s0', 'sam-k2-s0'],
      ['base-s0', 'base-s0'],
    ]);
    expect(ids(onlyBaseline)).toEqual([['sam-k4-s0']]);
    expect(ids(onlyCurrent)).toEqual([['base-s1']]);
  });

  test('the processes of one configuration are pooled on each side, whatever their number', () => {
    const at = (id: string, repeat: number) => run({ ...fakeSpec(`${id}-r${repeat}`, null, null), repeat });
    const { pairs } = matchConfigurations([at('base-s0', 0)], [at('base-s0', 0), at('base-s0', 1), at('base-s0', 2)]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.id).toBe('base-s0');
    expect(pairs[0]!.baseline.map((r) => r.spec.id)).toEqual(['base-s0-r0']);
    expect(pairs[0]!.current.map((r) => r.spec.id)).toEqual(['base-s0-r0', 'base-s0-r1', 'base-s0-r2']);
  });
});

test('configurationId drops the -r<round> of a repeated process only', () => {
  expect(configurationId({ ...fakeSpec('sam-k2-s0-r3', 2, null), repeat: 3 })).toBe('sam-k2-s0');
  expect(configurationId({ ...fakeSpec('sam-k2-s0', 2, null), repeat: 0 })).toBe('sam-k2-s0');
  expect(configurationId({ ...fakeSpec('odd-r1', 2, null), repeat: 0 })).toBe('odd-r1');
});

test('specDifferences names the dotted settings that differ, not the ignored ones', () => {
  const a = fakeSpec('a', 2, 'x');
  const b = { ...fakeSpec('b', 2, 'y', 3), optimizer: { ...a.optimizer, learningRate: 0.1 } };
  expect(specDifferences(a, b)).toEqual(['optimizer.learningRate', 'seed']);
});
