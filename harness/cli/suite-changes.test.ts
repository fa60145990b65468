import { expect, test } from 'vitest';
import { changedKeys } from './suite-changes.js';

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
