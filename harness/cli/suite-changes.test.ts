import { describe, expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { changedKeys, measuredChanges, modelFileChanges, variantFileChanges } from './suite-changes.js';

test.each([
  [{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, []],
  [{ model: { name: 'small-cnn' } }, { model: { name: 'mlp' } }, ['model.name']],
  [{ steps: { warmup: 5, measured: 40 } }, { steps: { warmup: 1, measured: 10 } }, ['steps.measured', 'steps.warmup']],
  [{ expect: [{ kind: 'a' }, { kind: 'b' }] }, { expect: [{ kind: 'a' }, { kind: 'c' }] }, ['expect[1].kind']],
  [{ seeds: [0, 1] }, { seeds: [0, 1, 2] }, ['seeds']],
  [{ a: 1 }, { a: 1, repeats: 3 }, ['repeats']],
])('%j → %j: %j', (before, after, keys) => {
  expect(changedKeys(before, after)).toEqual(keys);
});

test.each([
  [{ limits: { runTimeoutSeconds: 900, maxRuns: 64 } }, { limits: { runTimeoutSeconds: 3600, maxRuns: 200 } }, []],
  [{ description: 'a', expect: [], launch: { launcher: 'local' } }, { description: 'b', launch: { launcher: 'slurm' } }, []],
  [{ steps: { measured: 40 }, limits: {} }, { steps: { measured: 10 }, limits: { runTimeoutSeconds: 1 } }, ['steps.measured']],
  [{ seeds: [0] }, { seeds: [0, 1] }, ['seeds']],
  [{}, { someFutureKey: 1 }, ['someFutureKey']],
])('on --resume, %j → %j changes what runs measure at %j', (before, after, keys) => {
  expect(measuredChanges(before, after)).toEqual(keys);
});

describe('modelFileChanges', () => {
  const user = (sha256: string) => ({ model: { source: 'tfjs-layers', sha256 } }) as unknown as RunSpec;
  const builtin = { model: { source: 'builtin', name: 'mlp' } } as unknown as RunSpec;
  test("a user's model whose files' digest differs is a change of model.sha256; the same digest, or built-ins, none", () => {
    expect(modelFileChanges(user('a'.repeat(64)), user('b'.repeat(64)))).toEqual(['model.sha256']);
    expect(modelFileChanges(user('a'.repeat(64)), user('a'.repeat(64)))).toEqual([]);
    expect(modelFileChanges(builtin, builtin)).toEqual([]);
  });
});

describe('variantFileChanges', () => {
  const plugin = (sha256: string) =>
    ({ sam: { variant: { kind: 'module', name: 'w', path: '/v/w.mjs', sha256, args: {} } } }) as unknown as RunSpec;
  const interval = { sam: { variant: { kind: 'interval' } } } as unknown as RunSpec;
  test("a user's SAM variant whose file's digest differs is a change of sam.variant.sha256; the same digest, built-ins or no SAM, none", () => {
    expect(variantFileChanges(plugin('a'.repeat(64)), plugin('b'.repeat(64)))).toEqual(['sam.variant.sha256']);
    expect(variantFileChanges(plugin('a'.repeat(64)), plugin('a'.repeat(64)))).toEqual([]);
    expect(variantFileChanges(interval, interval)).toEqual([]);
    expect(variantFileChanges({ sam: null } as unknown as RunSpec, { sam: null } as unknown as RunSpec)).toEqual([]);
  });
});
