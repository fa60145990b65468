// Command line of `sambench ab <rev-a> <rev-b> <suite.json> …`, parsed strictly; a mistake is a
// UsageError (exit 2) naming the argument or option, the rule and the value.
import { earlyExit, numberOption, parseArgv, pathOption, type EarlyExit } from '../../command-line.js';
import { UsageError } from '../../errors.js';
import { checkRevisionName } from './revision-name.js';

/** Help text of `ab`. */
export const AB_USAGE = `usage: sambench ab <rev-a> <rev-b> <suite.json> [--out DIR] [--rounds N] [--inject F] [--min-effect F] [--repo DIR]
       (in a sambench checkout: npm run ab -- <rev-a> <rev-b> <suite.json> …)

  Benches two git revisions of sambench side by side on one suite: each revision is checked out
  into a git worktree of its own (cached under <repo>/.sambench/worktrees/<sha>, built when the
  suite has TF.js runs), the suite's processes of both run interleaved in shuffled rounds on this
  machine, one at a time, and rev-b is compared with rev-a as \`compare\` does. Writes <out>/a,
  <out>/b (results folders) and <out>/ab.json. Exit 0: no regression; 1: a metric of rev-b
  regressed beyond the minimum effect, or a configuration failed; 2: bad input.

  <rev-a>, <rev-b>  anything \`git rev-parse\` takes as a commit: a sha, branch, tag, HEAD~1 …
  --out DIR         folder for the two benches and ab.json (default results/<suite>/ab-<timestamp>)
  --rounds N        processes per configuration on each side (overrides the suite's repeats)
  --inject F        make every step of rev-b's workers F slower, e.g. 0.1 = 10 % (SAMBENCH_INJECT_SLOWDOWN),
                    to check what this machine resolves (default 0: none)
  --min-effect F    smallest relative change that counts (default: the suite's regression.minEffect, else compare's default)
  --repo DIR        the sambench git checkout the revisions come from (default: this sambench's own)
  -h, --help        this text
  -V, --version     print sambench's version`;

/** What `ab` was asked. */
export interface AbArgs {
  /** The two revisions as given: the baseline (a) and the one compared with it (b). */
  revisions: [string, string];
  suiteFile: string;
  out: string | null;
  /** null: the suite's repeats. */
  rounds: number | null;
  /** Slowdown injected into rev-b's workers; 0 for none. */
  inject: number;
  /** null: the suite's regression.minEffect, else compare's default. */
  minEffect: number | null;
  /** null: this sambench's own checkout. */
  repo: string | null;
}

// AB_USAGE lists each (a test checks it); -h/--help and -V/--version come from parseArgv.
/** The options of the ab command line. */
export const AB_OPTIONS = {
  out: { type: 'string' },
  rounds: { type: 'string' },
  inject: { type: 'string' },
  'min-effect': { type: 'string' },
  repo: { type: 'string' },
} as const;

/** Parses argv (without node and script); 'help' / 'version' when asked. */
export function parseAbArgs(argv: string[]): AbArgs | EarlyExit {
  const { values, positionals } = parseArgv({ args: argv, allowPositionals: true, strict: true, options: AB_OPTIONS });
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length !== 3)
    throw new UsageError(
      `expected two revisions and a suite file (<rev-a> <rev-b> <suite.json>); got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`,
    );
  const [a, b, suiteFile] = positionals as [string, string, string];
  const rounds = values.rounds;
  const minEffect = values['min-effect'];
  return {
    revisions: [checkRevisionName(a, '<rev-a>'), checkRevisionName(b, '<rev-b>')],
    suiteFile,
    out: pathOption('out', values.out),
    rounds: rounds === undefined ? null : numberOption('rounds', rounds, 0, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1'),
    inject: numberOption('inject', values.inject, 0, (x) => Number.isFinite(x) && x >= 0, 'a number ≥ 0'),
    minEffect:
      minEffect === undefined ? null : numberOption('min-effect', minEffect, 0, (x) => Number.isFinite(x) && x > 0, 'a number > 0'),
    repo: pathOption('repo', values.repo),
  };
}
