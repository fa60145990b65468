// Command lines of `npm run compare -- <baseline> <current>` and `npm run baseline -- <results>`,
// parsed strictly; a mistake is a UsageError (exit 2) that names the option and the value.
import { earlyExit, numberOption, parseArgv, pathOption, type EarlyExit } from '../command-line.js';
import { UsageError } from '../errors.js';
import { COMPARE_DEFAULTS } from './compare.js';
import type { DecisionOptions } from './metrics.js';

// Printed for --help and after a mistake in the command line.
/** Help text of `compare`. */
export const COMPARE_USAGE = `usage: sambench compare <baseline> <current> [--min-effect F] [--alpha A] [--resamples N] [--seed S]
       (in a sambench checkout: npm run compare -- <baseline> <current> …)

  <baseline>, <current>  a results folder (results/<suite>/<stamp>) or a baseline file
                         (results/baselines/<suite>.json)
  --min-effect F  smallest relative change that counts: a change is flagged only when its whole
                  1 − alpha interval lies beyond ±F (default: the suite's regression.minEffect,
                  else ${COMPARE_DEFAULTS.minEffect} = ${100 * COMPARE_DEFAULTS.minEffect} %)
  --alpha A       significance level of every test (default ${COMPARE_DEFAULTS.alpha})
  --resamples N   bootstrap resamples, one process per side only (default ${COMPARE_DEFAULTS.resamples})
  --seed S        bootstrap seed (default ${COMPARE_DEFAULTS.seed})
  -h, --help      this text
  -V, --version   print sambench's version

Processes are the samples: the processes of one configuration (a suite's repeats) are pooled, and
timing metrics are decided from one value per process. With one process per side a change is
only "unresolved" (its steps hold no process-to-process noise); run with repeats ≥ 3.

exit 0: no regression (unresolved rows do not fail); 1: a metric regressed (or no process of a
configuration finished where the baseline's did); 2: bad arguments (a missing folder, a file that
is not a baseline, no configuration in common)`;

// Printed for `baseline --help` and after a mistake in its command line.
/** Help text of `baseline`. */
export const BASELINE_USAGE = `usage: sambench baseline <results folder> [--out FILE]
       (in a sambench checkout: npm run baseline -- <results folder> …)

  writes results/baselines/<suite>.json (or FILE) from a finished bench, for \`npm run compare\`

  --out FILE     where to write the baseline (default results/baselines/<suite>.json)
  -h, --help     this text
  -V, --version  print sambench's version`;

// The two benches plus the decision settings, ready for compareBenches.
/** What `compare` was asked. */
export interface CompareArgs extends Omit<DecisionOptions, 'minEffect'> {
  baseline: string;
  current: string;
  /** null: take the current bench's suite `regression.minEffect`, else the default. */
  minEffect: number | null;
}

// Which bench becomes the baseline, and where it goes.
/** What `baseline` was asked. */
export interface BaselineArgs {
  resultsDir: string;
  out: string | null;
}

// The usage texts list each (a test checks it); -h/--help and -V/--version come from parseArgv.
/** The options of `compare`, each taking a value. */
export const COMPARE_OPTIONS = ['min-effect', 'alpha', 'resamples', 'seed'] as const;
/** The options of `baseline`, each taking a value. */
export const BASELINE_OPTIONS = ['out'] as const;

// `npm run compare a b --min-effect 0.1` (without `--`) leaves the flag to npm as npm_config_min_effect.
function fromNpm(argv: string[], env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const value = env[`npm_config_${name.replace(/-/g, '_')}`];
    return value !== undefined && value !== '' && !argv.includes(`--${name}`) ? [`--${name}`, value] : [];
  });
}

interface Parsed {
  values: Record<string, string | boolean | undefined> & { help: boolean; version: boolean };
  positionals: string[];
}

// Every named option takes a string value; -h/--help and -V/--version (added by parseArgv) are the only flags.
function parse(argv: string[], env: NodeJS.ProcessEnv, names: readonly string[]): Parsed {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  const { values, positionals } = parseArgv({
    args: [...argv, ...fromNpm(argv, env, names)],
    allowPositionals: true,
    strict: true,
    options,
  });
  return { values, positionals };
}

// Strict: an unknown flag or a malformed number stops compare before it reads anything.
/** Parses `compare`'s argv (without node and script); 'help' / 'version' when asked. @throws UsageError */
export function parseCompareArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CompareArgs | EarlyExit {
  const { values, positionals } = parse(argv, env, COMPARE_OPTIONS);
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length !== 2)
    throw new UsageError(
      `expected <baseline> and <current>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}${positionals.length ? `: ${positionals.join(' ')}` : ''}`,
    );
  const d = COMPARE_DEFAULTS;
  return {
    baseline: positionals[0]!,
    current: positionals[1]!,
    minEffect:
      values['min-effect'] === undefined
        ? null
        : numberOption('min-effect', values['min-effect'], d.minEffect, (x) => x >= 0 && x < 10, 'a fraction ≥ 0 (0.05 = 5 %)'),
    alpha: numberOption('alpha', values.alpha, d.alpha, (x) => x > 0 && x <= 0.5, 'a probability in (0, 0.5]'),
    resamples: numberOption('resamples', values.resamples, d.resamples, (x) => Number.isSafeInteger(x) && x >= 100, 'an integer ≥ 100'),
    seed: numberOption('seed', values.seed, d.seed, Number.isSafeInteger, 'an integer'),
  };
}

// Strict, like parseCompareArgs.
/** Parses `baseline`'s argv; 'help' / 'version' when asked. @throws UsageError */
export function parseBaselineArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BaselineArgs | EarlyExit {
  const { values, positionals } = parse(argv, env, BASELINE_OPTIONS);
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length !== 1)
    throw new UsageError(`expected one results folder, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}`);
  return { resultsDir: positionals[0]!, out: pathOption('out', values.out) };
}
