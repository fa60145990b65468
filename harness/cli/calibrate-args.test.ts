import { expect, test } from 'vitest';
import { parseCalibrateArgs } from './calibrate-args.js';

test('defaults: 10 A/A pairs, the suite decides the minimum effect', () => {
  expect(parseCalibrateArgs(['s.json'])).toEqual({
    suiteFile: 's.json',
    pairs: 10,
    inject: 0,
    interleave: false,
    minEffect: null,
    out: null,
  });
});

test('options', () => {
  expect(parseCalibrateArgs(['s.json', '--pairs', '20', '--inject', '0.1', '--interleave', '--min-effect', '0.05', '--out', 'o'])).toEqual({
    suiteFile: 's.json',
    pairs: 20,
    inject: 0.1,
    interleave: true,
    minEffect: 0.05,
    out: 'o',
  });
  expect(parseCalibrateArgs(['--help'])).toBe('help');
});

test.each([
  [['s.json', '--pairs', '0'], '--pairs must be an integer ≥ 1; got "0"'],
  [['s.json', '--inject=-1'], '--inject must be a number ≥ 0; got "-1"'],
  [['s.json', '--min-effect', 'x'], '--min-effect must be a number > 0; got "x"'],
  [[], 'no suite file given'],
  [['s.json', '--out='], '--out needs a path; got ""'],
])('%j is refused: %s', (argv, message) => {
  expect(() => parseCalibrateArgs(argv)).toThrow(message);
});
