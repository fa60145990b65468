// Command line of `sambench history`, parsed strictly; a mistake is a UsageError (exit 2)
// naming the option, the rule and the value.
import { earlyExit, numberOption, parseArgv, pathOption, type EarlyExit } from '../../command-line.js';
import { UsageError } from '../../errors.js';
import { DETECT_DEFAULTS, HISTORY_METRICS, type DetectOptions, type HistoryMetric } from '../../history/index.js';

const METRIC_NAMES = Object.keys(HISTORY_METRICS);

/** Help text of `history`. */
export const HISTORY_USAGE = `usage: sambench history [--suite S] [--metric M] [--machine TEXT] [--nights N] [--file F] [--html F]
                        [--window N] [--significance P] [--min-magnitude F] [--min-effect F]
                        [--fail-on-regression] [--last-good]

  Reads the bench history (results/history.jsonl: a line per bench), prints each series (a metric
  of a configuration across nights; absolute step times per machine fingerprint) with its change
  points (E-divisive means, as Apache Otava finds them), and writes history.html: a chart per
  series with its intervals and change points. With --fail-on-regression it is the nightly's
  verdict: exit 1 on a regression confirmed over two nights, never on one noisy night, or on a
  failed run in the latest night. Confirmed means: a change point among the latest 5 nights that
  is a regression (slower, or less accurate) beyond the minimum effect and has held two nights (in
  ms, only when tonight's \`sambench ab\` found it too, if ab benched tonight); or the suite's last
  two nights both found regressed by \`sambench ab\` against the same commit.

  --suite S          only this suite's lines (required with --last-good)
  --metric M         only this metric: ${METRIC_NAMES.join(', ')}
  --machine TEXT     only lines whose machine fingerprint contains TEXT (e.g. the CPU's name)
  --nights N         nights per series in the table (default 10; the page shows all)
  --file F           the history (default $SAMBENCH_HISTORY_FILE, else results/history.jsonl)
  --html F           where history.html goes (default: beside the history file)
  --window N         change-point search window, nights (default ${DETECT_DEFAULTS.window}, Otava's)
  --significance P   largest p-value of a change point (default ${DETECT_DEFAULTS.significance}, Otava's)
  --min-magnitude F  smallest |relative change| of a change point (default 0, Otava's)
  --min-effect F     smallest relative change that fails (default: the suite's regression.minEffect
                     in its latest line, else ${DETECT_DEFAULTS.minEffect})
  --fail-on-regression      exit 1 when the nightly fails (see above)
  --last-good        print only the commit of the suite's last good night (the nightly's baseline
                     for \`sambench ab\`), or nothing when there is none
  -h, --help         this text
  -V, --version      print sambench's version`;

/** What `history` was asked. */
export interface HistoryArgs {
  suite: string | null;
  metric: HistoryMetric | null;
  machine: string | null;
  nights: number;
  file: string | null;
  html: string | null;
  /** The detector's knobs and the nightly's rule; minEffect null: the suite's. */
  detect: Omit<DetectOptions, 'minEffect' | 'minNightsAfter' | 'recentNights'> & { minEffect: number | null };
  failOnRegression: boolean;
  lastGood: boolean;
}

// HISTORY_USAGE lists each (a test checks it); -h/--help and -V/--version come from parseArgv.
/** The options of the history command line. */
export const HISTORY_OPTIONS = {
  suite: { type: 'string' },
  metric: { type: 'string' },
  machine: { type: 'string' },
  nights: { type: 'string' },
  file: { type: 'string' },
  html: { type: 'string' },
  window: { type: 'string' },
  significance: { type: 'string' },
  'min-magnitude': { type: 'string' },
  'min-effect': { type: 'string' },
  'fail-on-regression': { type: 'boolean', default: false },
  'last-good': { type: 'boolean', default: false },
} as const;

/** Parses argv (without node and script); 'help' / 'version' when asked. */
export function parseHistoryArgs(argv: string[]): HistoryArgs | EarlyExit {
  const { values, positionals } = parseArgv({ args: argv, allowPositionals: true, strict: true, options: HISTORY_OPTIONS });
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: history takes only options`);
  if (values.metric !== undefined && !METRIC_NAMES.includes(values.metric))
    throw new UsageError(`--metric must be one of ${METRIC_NAMES.join(', ')}; got ${JSON.stringify(values.metric)}`);
  if (values['last-good'] && values.suite === undefined)
    throw new UsageError('--last-good needs --suite: the last good night is per suite');
  const fraction = (x: number) => Number.isFinite(x) && x >= 0;
  const minEffect = values['min-effect'];
  return {
    suite: values.suite ?? null,
    metric: (values.metric as HistoryMetric | undefined) ?? null,
    machine: values.machine ?? null,
    nights: numberOption('nights', values.nights, 10, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1'),
    file: pathOption('file', values.file),
    html: pathOption('html', values.html),
    detect: {
      window: numberOption('window', values.window, DETECT_DEFAULTS.window, (x) => Number.isInteger(x) && x >= 3, 'an integer ≥ 3'),
      significance: numberOption(
        'significance',
        values.significance,
        DETECT_DEFAULTS.significance,
        (x) => x > 0 && x < 1,
        'a number in (0, 1)',
      ),
      minMagnitude: numberOption('min-magnitude', values['min-magnitude'], DETECT_DEFAULTS.minMagnitude, fraction, 'a number ≥ 0'),
      minEffect: minEffect === undefined ? null : numberOption('min-effect', minEffect, 0, fraction, 'a number ≥ 0'),
    },
    failOnRegression: values['fail-on-regression'],
    lastGood: values['last-good'],
  };
}
