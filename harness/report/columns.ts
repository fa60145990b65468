// The columns of the runs and verdicts tables, defined once: header, value and number format.
// The terminal (report/table.ts) and report.html (report/html/tables.ts) render the same cells;
// only the markup differs (an interval in brackets, or in a `ci` span).
import { peakBytes, type RunResult } from '../measure/index.js';
import { formatInterval, num, pct, signed } from './format.js';
import { OUTCOME_LABEL } from './verdict-wording.js';
import { verdictValueFormat, writtenAsPercent, type Verdict } from './verdicts.js';

/** One formatted cell: its text and, for estimates, the two ends of its 95 % interval. */
export interface Cell {
  text: string;
  ci?: [string, string] | null;
  /** How report.html marks the text up: an identifier, a failure, a verdict; the terminal shows the text alone. */
  style?: 'code' | 'failed' | 'pass' | 'fail' | 'inconclusive';
  /** A hover text in report.html (a failure's message). */
  title?: string;
}

/** One column of a table over rows of type T. */
export interface Column<T> {
  header: string;
  /** The terminal's shorter header, where `header` would widen the table. */
  short?: string;
  /** Right-aligned numbers. */
  numeric: boolean;
  /** The order in which the terminal leaves the column out to fit its width (1 first); never when absent. */
  drop?: number;
  cell(row: T): Cell;
}

const estimate = (e: { value: number; ci95: [number, number] } | null, f: (x: number) => string): Cell =>
  e ? { text: f(e.value), ci: formatInterval(e.ci95, f) } : { text: '-' };

/** The mark after a per-run figure taken across two processes, explained by CROSS_PROCESS_NOTE under the table. */
export const CROSS_PROCESS_MARK = '*';

/** The footnote of CROSS_PROCESS_MARK, the same under the terminal's runs table and report.html's. */
export const CROSS_PROCESS_NOTE =
  `${CROSS_PROCESS_MARK} across two processes (this SAM run against the no-SAM run): shown without an interval, as one ` +
  "from the two runs' steps would hold only the noise within each process, not the 5–20 % by which identical processes " +
  "differ on a shared machine; verdicts judge such figures over processes. 'within run' compares a run with its own base steps.";

// A per-run figure whose two sides come from two processes: the value, marked, without the
// bootstrap interval of their steps, which would look decisive while it holds none of the noise
// between processes (issue 23: −21.5 % [−34.0, −6.3] and +40.5 % [25.1, 57.2] for two seeds).
const acrossProcesses = (e: { value: number } | null, f: (x: number) => string): Cell =>
  e ? { text: `${f(e.value)}${CROSS_PROCESS_MARK}` } : { text: '-' };

/** Whether a run shows a figure taken across processes: its slowdown, or a SAM/base ratio over its baseline's steps. */
export const hasCrossProcessFigure = (r: RunResult): boolean => r.slowdown !== null || r.stepRatio?.source === 'baseline';

/** The runs table's slowdown against the no-SAM run: across processes, so marked and without an interval. */
export const SLOWDOWN_COLUMN: Column<RunResult> = {
  header: `slowdown vs no-SAM run${CROSS_PROCESS_MARK}`,
  short: `vs no-SAM${CROSS_PROCESS_MARK}`,
  numeric: true,
  drop: 4,
  cell: (r) => acrossProcesses(r.slowdown, pct),
};

// The terminal shows these alone: its configurations table, printed below, carries accuracy.
// A narrow terminal leaves out first what the CSVs hold anyway (throughput, step medians), then
// the figure across processes and the prediction, then the ratio (narrower than 75 columns), never
// the within-run slowdown.
/** The runs table's timing columns: status, step medians, ratio, slowdowns, throughput. */
export const RUN_COLUMNS: Column<RunResult>[] = [
  { header: 'run', numeric: false, cell: (r) => ({ text: r.spec.id, style: 'code' }) },
  {
    header: 'status',
    numeric: false,
    cell: (r) =>
      r.status === 'ok' ? { text: 'ok' } : { text: `FAILED (${r.reason ?? 'unknown'})`, style: 'failed', title: r.message ?? '' },
  },
  { header: 'base ms', numeric: true, drop: 2, cell: (r) => ({ text: num(r.base?.median) }) },
  { header: 'SAM ms', numeric: true, drop: 2, cell: (r) => ({ text: num(r.sam?.median) }) },
  // At interval 1 a run has no base steps and divides by its baseline's: across processes.
  {
    header: 'SAM/base [95% CI]',
    numeric: true,
    drop: 6,
    cell: (r) =>
      r.stepRatio?.source === 'baseline' ? acrossProcesses(r.stepRatio, (x) => num(x, 2)) : estimate(r.stepRatio, (x) => num(x, 2)),
  },
  { header: 'within run [95% CI]', numeric: true, cell: (r) => estimate(r.slowdownWithinRun, pct) },
  SLOWDOWN_COLUMN,
  // The share of SAM steps beside the prediction that uses it (random and AE-SAM pick their own).
  { header: 'SAM steps', numeric: true, drop: 3, cell: (r) => ({ text: pct(r.samFraction) }) },
  // (r − 1)/k from a ratio across processes is marked as that ratio is.
  {
    header: 'predicted',
    numeric: true,
    drop: 5,
    cell: (r) =>
      r.stepRatio?.source === 'baseline' && r.predictedSlowdown !== null
        ? acrossProcesses({ value: r.predictedSlowdown }, pct)
        : { text: pct(r.predictedSlowdown) },
  },
  { header: 'samples/s', numeric: true, drop: 1, cell: (r) => ({ text: num(r.samplesPerSecond, 0) }) },
];

/** The runs table's accuracy columns: final top-1 accuracy and the gain over the no-SAM run. */
export const ACCURACY_COLUMNS: Column<RunResult>[] = [
  { header: 'final acc', numeric: true, cell: (r) => ({ text: pct(r.finalEval?.acc) }) },
  { header: 'acc gain (pp)', numeric: true, cell: (r) => ({ text: r.accuracyGain === null ? '-' : signed(r.accuracyGain, 2) }) },
];

/** The runs table's peak memory: the device's where reported (CUDA), else the resident set's, in MiB. */
export const PEAK_MEMORY_COLUMN: Column<RunResult> = {
  header: 'peak MiB',
  numeric: true,
  cell: (r) => {
    const peak = peakBytes(r);
    return { text: peak ? `${num(peak.bytes / 2 ** 20, 1)}${peak.source === 'rss' ? ' (RSS)' : ''}` : '-' };
  },
};

// Accuracy and memory columns only when some run has them, so suites without evaluation stay narrow.
/** report.html's runs-table columns for these results: the timing columns, then peak memory and accuracy if any run has them. */
export function runColumns(results: readonly RunResult[]): Column<RunResult>[] {
  return [
    ...RUN_COLUMNS,
    ...(results.some((r) => peakBytes(r) !== null) ? [PEAK_MEMORY_COLUMN] : []),
    ...(results.some((r) => r.finalEval !== null) ? ACCURACY_COLUMNS : []),
  ];
}

/** The verdicts table's columns: expectation, measured value with its interval, range, PASS / FAIL / INCONCLUSIVE, detail. */
export const VERDICT_COLUMNS: Column<Verdict>[] = [
  { header: 'expectation', numeric: false, cell: (v) => ({ text: v.expectation, style: 'code' }) },
  {
    header: 'measured [95% CI]',
    numeric: true,
    cell: (v) => {
      if (v.measured === null) return { text: '-' };
      const format = writtenAsPercent(v.kind) ? verdictValueFormat(v.kind) : (x: number) => num(x, 3);
      return { text: format(v.measured), ci: formatInterval(v.ci95, format) };
    },
  },
  { header: 'expected', numeric: false, cell: (v) => ({ text: v.expected }) },
  { header: 'verdict', numeric: false, cell: (v) => ({ text: OUTCOME_LABEL[v.outcome], style: v.outcome }) },
  { header: 'detail', numeric: false, cell: (v) => ({ text: v.detail }) },
];
