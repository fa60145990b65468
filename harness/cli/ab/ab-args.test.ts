// `sambench ab`'s command line: two revisions and a suite, its options, and what it refuses (exit 2).
import { expect, test } from 'vitest';
import { parseAbArgs } from './ab-args.js';

test('defaults: the suite decides repeats and the minimum effect; this checkout is the repo', () => {
  expect(parseAbArgs(['HEAD~1', 'HEAD', 's.json'])).toEqual({
    revisions: ['HEAD~1', 'HEAD'],
    suiteFile: 's.json',
    out: null,
    rounds: null,
    inject: 0,
    minEffect: null,
    repo: null,
  });
  expect(parseAbArgs(['--help'])).toBe('help');
});

test('options', () => {
  const argv = ['v1.0', 'main', 's.json', '--out', 'o', '--rounds', '5', '--inject', '0.1', '--min-effect', '0.03', '--repo', '../sb'];
  expect(parseAbArgs(argv)).toEqual({
    revisions: ['v1.0', 'main'],
    suiteFile: 's.json',
    out: 'o',
    rounds: 5,
    inject: 0.1,
    minEffect: 0.03,
    repo: '../sb',
  });
});

test.each([
  [['HEAD', 's.json'], 'expected two revisions and a suite file (<rev-a> <rev-b> <suite.json>); got 2 arguments'],
  [[], 'got 0 arguments'],
  [['a', 'b', 's.json', 'extra'], 'got 4 arguments'],
  [['a', 'b', 's.json', '--rounds', '0'], '--rounds must be an integer ≥ 1; got "0"'],
  [['a', 'b', 's.json', '--rounds', '2.5'], '--rounds must be an integer ≥ 1; got "2.5"'],
  [['a', 'b', 's.json', '--inject=-1'], '--inject must be a number ≥ 0; got "-1"'],
  [['a', 'b', 's.json', '--min-effect', '0'], '--min-effect must be a number > 0; got "0"'],
  [['a', 'b', 's.json', '--out='], '--out needs a path; got ""'],
  [['a', 'b', 's.json', '--repo', ''], '--repo needs a path; got ""'],
  // After `--` a word that looks like an option is a positional: it must still not reach git as one.
  [
    ['--', '--upload-pack=x', 'HEAD', 's.json'],
    '<rev-a> must be a git revision (a commit, branch, tag or an expression such as HEAD~1), not an option; got "--upload-pack=x"',
  ],
  [['HEAD', '--', '-x', 's.json'], '<rev-b> must be a git revision'],
  [['', 'HEAD', 's.json'], '<rev-a> must be a git revision (a commit, branch, tag or an expression such as HEAD~1); got an empty string'],
  [
    ['HEAD\u001b[2J', 'HEAD', 's.json'],
    '<rev-a> must be a git revision (a commit, branch, tag or an expression such as HEAD~1); got one with',
  ],
])('%j is refused: %s', (argv, message) => {
  expect(() => parseAbArgs(argv)).toThrow(message);
});
