// The flags every command shares (-h/--help, -V/--version), its usage text listing every option,
// and an unknown or malformed option refused in sambench's words — for bench, compare, baseline
// and calibrate alike, through each command's own main, in process (command-line.e2e.test.ts runs
// the built ones through node).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main as benchMain } from './cli.js';
import { BENCH_OPTIONS, USAGE } from './cli/args.js';
import { main as calibrateMain } from './cli/calibrate.js';
import { CALIBRATE_OPTIONS, CALIBRATE_USAGE } from './cli/calibrate-args.js';
import { main as abMain } from './cli/ab/ab.js';
import { AB_OPTIONS, AB_USAGE } from './cli/ab/ab-args.js';
import { main as historyMain } from './cli/history/history.js';
import { HISTORY_OPTIONS, HISTORY_USAGE } from './cli/history/history-args.js';
import { BASELINE_OPTIONS, BASELINE_USAGE, COMPARE_OPTIONS, COMPARE_USAGE } from './compare/args.js';
import { main as baselineMain } from './compare/baseline-cli.js';
import { main as compareMain } from './compare/cli.js';
import { UsageError } from './errors.js';
import { PROJECT_ROOT } from './paths.js';

const VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const COMMANDS = [
  { name: 'bench', main: benchMain, usage: USAGE, options: Object.keys(BENCH_OPTIONS) },
  { name: 'compare', main: compareMain, usage: COMPARE_USAGE, options: [...COMPARE_OPTIONS] },
  { name: 'baseline', main: baselineMain, usage: BASELINE_USAGE, options: [...BASELINE_OPTIONS] },
  { name: 'calibrate', main: calibrateMain, usage: CALIBRATE_USAGE, options: Object.keys(CALIBRATE_OPTIONS) },
  { name: 'ab', main: abMain, usage: AB_USAGE, options: Object.keys(AB_OPTIONS) },
  { name: 'history', main: historyMain, usage: HISTORY_USAGE, options: Object.keys(HISTORY_OPTIONS) },
];

afterEach(() => {
  vi.restoreAllMocks();
});

// What a main printed on stdout, and its exit code.
async function stdoutOf(main: (argv: string[]) => number | Promise<number>, argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk).replace(/\n$/, '')) > 0);
  const code = await main(argv);
  return { code, out: out.join('\n') };
}

async function refusal(main: (argv: string[]) => number | Promise<number>, argv: string[]): Promise<UsageError> {
  const error: unknown = await Promise.resolve()
    .then(() => main(argv))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe.each(COMMANDS)('$name', ({ main, usage, options }) => {
  test.each(['-h', '--help'])('%s prints the usage and exits 0', async (flag) => {
    expect(await stdoutOf(main, [flag])).toEqual({ code: 0, out: usage });
  });

  test.each(['-V', '--version'])("%s prints package.json's version and exits 0", async (flag) => {
    expect(await stdoutOf(main, [flag])).toEqual({ code: 0, out: VERSION });
  });

  test('the usage text lists every option, -h/--help and -V/--version', () => {
    for (const option of options) expect(usage).toContain(`--${option}`);
    expect(usage).toContain('-h, --help');
    expect(usage).toContain('-V, --version');
  });

  test('an unknown option is named, with a pointer to --help, and no usage dump', async () => {
    for (const flag of ['--bogus', '-x', '--bogus=1']) {
      const error = await refusal(main, ['a', 'b', flag]);
      expect(error.message).toBe(`unknown option ${flag.split('=')[0]}; --help lists the options`);
      expect(error.showUsage).toBe(false);
    }
  });

  test('an option without its value, and a flag given one, are named', async () => {
    const valued = options.find((o) => o !== 'dry-run' && o !== 'resume' && o !== 'strict' && o !== 'interleave')!;
    expect((await refusal(main, ['a', `--${valued}`])).message).toBe(
      `--${valued} needs a value, e.g. --${valued} VALUE; --help lists the options`,
    );
    expect((await refusal(main, ['a', '--help=yes'])).message).toBe('--help takes no value (got --help=yes)');
  });
});
