import { expect, test } from 'vitest';
import { UsageError } from '../errors.js';
import { parseBaselineArgs, parseCompareArgs } from './args.js';

test('compare: two benches, defaults, and flags npm kept for itself (`npm run compare a b --min-effect 0.1`)', () => {
  expect(parseCompareArgs(['a', 'b'], {})).toEqual({ baseline: 'a', current: 'b', minEffect: null, alpha: 0.01, resamples: 2000, seed: 1 });
  expect(parseCompareArgs(['a', 'b', '--min-effect', '0.1', '--alpha', '0.05', '--seed', '3'], {})).toMatchObject({
    minEffect: 0.1,
    alpha: 0.05,
    seed: 3,
  });
  expect(parseCompareArgs(['a', 'b'], { npm_config_min_effect: '0.2' })).toMatchObject({ minEffect: 0.2 });
  expect(parseCompareArgs(['a', 'b', '--min-effect', '0.3'], { npm_config_min_effect: '0.2' })).toMatchObject({ minEffect: 0.3 });
  expect(parseCompareArgs(['--help'], {})).toBe('help');
});

test.each([
  [['a', 'b', '--alpha', '0.9'], '--alpha must be a probability in (0, 0.5]; got "0.9"'],
  [['a', 'b', '--resamples', '10'], '--resamples must be an integer ≥ 100; got "10"'],
  [['a', 'b', '--min-effect', ''], '--min-effect must be a fraction ≥ 0 (0.05 = 5 %); got ""'],
  [['a', 'b', 'c'], 'expected <baseline> and <current>, got 3 arguments: a b c'],
])('compare refuses %j', (argv, message) => {
  expect(() => parseCompareArgs(argv, {})).toThrow(UsageError);
  expect(() => parseCompareArgs(argv, {})).toThrow(message);
});

test('baseline: one results folder and an optional --out', () => {
  expect(parseBaselineArgs(['r'], {})).toEqual({ resultsDir: 'r', out: null });
  expect(parseBaselineArgs(['r', '--out', 'f.json'], {})).toEqual({ resultsDir: 'r', out: 'f.json' });
  expect(parseBaselineArgs(['r'], { npm_config_out: 'g.json' })).toEqual({ resultsDir: 'r', out: 'g.json' });
  expect(() => parseBaselineArgs([], {})).toThrow('expected one results folder, got 0');
  // An empty --out would be the current folder.
  expect(() => parseBaselineArgs(['r', '--out='], {})).toThrow('--out needs a path; got ""');
});
