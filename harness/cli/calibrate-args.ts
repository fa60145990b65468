// Command line of `npm run calibrate -- <suite.json> …`, parsed strictly; a mistake is a
// UsageError (exit 2) naming the option, the rule and the value.
import { earlyExit, numberOption, parseArgv, pathOption, type EarlyExit } from '../command-line.js';
import { UsageError } from '../errors.js';

/** Help text of `calibrate`. */
export const CALIBRATE_USAGE = `usage: sambench calibrate <suite.json> [--pairs N] [--inject F] [--interleave] [--min-effect F] [--out DIR]
       (in a sambench checkout: npm run calibrate -- <suite.json> …)

  Benches the suite in pairs, one bench after the other, and compares each pair as \`compare\`
  does: with no injection the pairs are identical (A/A) and every flagged regression is a false
  positive; with --inject F the second bench of each pair runs every step F slower
  (SAMBENCH_INJECT_SLOWDOWN) and a flagged pair is a detection. Prints the rate, the time per
  pair and the changes seen between the benches (the suite's noise floor on this machine).

  --pairs N       pairs to run (default 10)
  --inject F      slowdown of the second bench, e.g. 0.1 = 10 % (default 0: A/A)
  --interleave    run the two benches of a pair in one job, their processes interleaved round by
                  round (how an A/B comparison should run on a shared machine), instead of one after the other
  --min-effect F  smallest relative change that counts (default: the suite's regression.minEffect, else compare's default)
  --out DIR       folder for the benches and calibration.json (default results/<suite>/calibrate-<timestamp>)
  -h, --help      this text
  -V, --version   print sambench's version`;

/** What `calibrate` was asked. */
export interface CalibrateArgs {
  suiteFile: string;
  pairs: number;
  inject: number;
  /** Run each pair's benches interleaved in one job rather than one after the other. */
  interleave: boolean;
  /** null: the suite's regression.minEffect, else compare's default. */
  minEffect: number | null;
  out: string | null;
}

// CALIBRATE_USAGE lists each (a test checks it); -h/--help and -V/--version come from parseArgv.
/** The options of the calibrate command line. */
export const CALIBRATE_OPTIONS = {
  pairs: { type: 'string' },
  inject: { type: 'string' },
  'min-effect': { type: 'string' },
  out: { type: 'string' },
  interleave: { type: 'boolean', default: false },
} as const;

/** Parses argv (without node and script); 'help' / 'version' when asked. */
export function parseCalibrateArgs(argv: string[]): CalibrateArgs | EarlyExit {
  const parsed = parseArgv({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: CALIBRATE_OPTIONS,
  });
  const { values, positionals } = parsed;
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no suite file given' : 'expected one suite file');
  const minEffect = values['min-effect'];
  return {
    suiteFile: positionals[0]!,
    pairs: numberOption('pairs', values.pairs, 10, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1'),
    inject: numberOption('inject', values.inject, 0, (x) => Number.isFinite(x) && x >= 0, 'a number ≥ 0'),
    interleave: values.interleave,
    minEffect:
      minEffect === undefined ? null : numberOption('min-effect', minEffect, 0, (x) => Number.isFinite(x) && x > 0, 'a number > 0'),
    out: pathOption('out', values.out),
  };
}
