import { describe, expect, test } from 'vitest';
import type { RunResult } from '../measure/index.js';
import type { RunSpec } from '../../schemas/index.js';
import { fakeRun, fakeSpec } from './fixtures/bench.js';
import { matchRuns, runKey, specDifferences } from './match.js';

const run = (spec: RunSpec): RunResult => fakeRun(spec, [1], []);

describe('runKey', () => {
  test('ignores id, suite, baselineId, timeoutSeconds and the repeat round, and the order of keys', () => {
    const a = fakeSpec('sam-k2-s0', 2, 'base-s0');
    const renamed = { ...fakeSpec('renamed', 2, 'other-base'), suite: 'another-suite', timeoutSeconds: 999, repeat: 2 };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(runKey(renamed)).toBe(runKey(a));
    expect(runKey(reordered)).toBe(runKey(a));
  });

  test('differs when any setting that shapes the measurement differs', () => {
    const a = fakeSpec('x', 2, null);
    expect(runKey(fakeSpec('x', 2, null, 1))).not.toBe(runKey(a));
    expect(runKey(fakeSpec('x', 4, null))).not.toBe(runKey(a));
    expect(runKey({ ...a, dataset: { ...a.dataset, batchSize: 32 } })).not.toBe(runKey(a));
  });
});

describe('matchRuns', () => {
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
    const { pairs, onlyBaseline, onlyCurrent } = matchRuns(baseline, current);
    expect(pairs.map((p) => [p.baseline.spec.id, p.current.spec.id])).toEqual([
      ['sam-k2-s0', 'sam-k2-s0'],
      ['base-s0', 'base-s0'],
    ]);
    expect(onlyBaseline.map((r) => r.spec.id)).toEqual(['sam-k4-s0']);
    expect(onlyCurrent.map((r) => r.spec.id)).toEqual(['base-s1']);
  });

  test('runs repeating one configuration pair in order of appearance', () => {
    const [a1, a2, b1, b2] = ['a1', 'a2', 'b1', 'b2'].map((id) => run(fakeSpec(id, null, null)));
    expect(matchRuns([a1!, a2!], [b1!, b2!]).pairs.map((p) => `${p.baseline.spec.id}-${p.current.spec.id}`)).toEqual(['a1-b1', 'a2-b2']);
  });
});

test('specDifferences names the dotted settings that differ, not the ignored ones', () => {
  const a = fakeSpec('a', 2, 'x');
  const b = { ...fakeSpec('b', 2, 'y', 3), optimizer: { ...a.optimizer, learningRate: 0.1 } };
  expect(specDifferences(a, b)).toEqual(['optimizer.learningRate', 'seed']);
});
