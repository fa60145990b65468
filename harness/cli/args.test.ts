import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.js';
import { parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  test('a suite file and the flags', () => {
    expect(parseCliArgs(['s.json', '--out', 'r', '--resume'], {})).toEqual({
      suiteFile: 's.json',
      dryRun: false,
      out: 'r',
      resume: true,
      exportTo: null,
      strict: false,
      launcher: null,
      slurm: {},
    });
    expect(parseCliArgs(['s.json', '--launcher', 'slurm', '--partition', 'gpu', '--qos', 'short'], {})).toMatchObject({
      launcher: 'slurm',
      slurm: { partition: 'gpu', qos: 'short' },
    });
    expect(parseCliArgs(['s.json', '--strict'], {})).toMatchObject({ strict: true });
    expect(parseCliArgs(['s.json', '--export', 'specs'], {})).toMatchObject({ exportTo: 'specs' });
    expect(parseCliArgs(['--help'], {})).toBe('help');
  });

  test.each([
    [[], 'no suite file given'],
    [['a.json', 'b.json'], 'expected one suite file, got 2: a.json b.json'],
    [['a.json', '--resume'], '--resume needs --out DIR'],
    [['a.json', '--fast'], 'unknown option --fast; --help lists the options'],
    // An empty path would be the current folder.
    [['a.json', '--out='], '--out needs a path; got ""'],
    [['a.json', '--out', ' ', '--resume'], '--out needs a path; got " "'],
    [['a.json', '--export='], '--export needs a path; got ""'],
    [['a.json', '--launcher', 'k8s'], '--launcher must be one of local, slurm; got "k8s"'],
    [['a.json', '--account', 'a b'], '--account needs a name without spaces; got "a b"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv, {})).toThrow(UsageError);
    expect(() => parseCliArgs(argv, {})).toThrow(message);
  });

  test('flags that npm kept for itself (`npm run bench x.json --dry-run`) still count', () => {
    expect(parseCliArgs(['s.json'], { npm_config_dry_run: 'true' })).toMatchObject({ dryRun: true });
    expect(parseCliArgs(['s.json'], { npm_config_out: 'r', npm_config_resume: 'true' })).toMatchObject({ out: 'r', resume: true });
    expect(parseCliArgs(['s.json', '--out', 'mine'], { npm_config_out: 'r' })).toMatchObject({ out: 'mine' });
    expect(parseCliArgs(['s.json'], { npm_config_strict: 'true' })).toMatchObject({ strict: true });
  });
});
