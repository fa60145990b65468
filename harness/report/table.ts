// The short terminal report at the end of a bench: runs, configurations and verdicts, as text
// tables over the shared column definitions (columns.ts).
import type { ConfigurationSummary, RunResult } from '../measure/index.js';
import { RUN_COLUMNS, VERDICT_COLUMNS, type Cell, type Column } from './columns.js';
import { formatInterval, pct, signed, textTable } from './format.js';
import { EXIT_RULE, RULE_LEGEND } from './verdict-wording.js';
import type { Verdict } from './verdicts.js';

// The terminal shows an interval in brackets after its estimate.
const cellText = ({ text, ci }: Cell) => (ci ? `${text} [${ci[0]}, ${ci[1]}]` : text);

/** `rows` as a text table over `columns`. */
export function renderTextTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return textTable(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => cellText(c.cell(row)))),
  );
}

/** One line per run: step medians, SAM/base ratio, slowdown measured and predicted, throughput. */
export function runsTable(results: readonly RunResult[]): string {
  return renderTextTable(RUN_COLUMNS, results);
}

// The rule under the table, so nobody has to guess what PASS meant.
/** One line per expectation with PASS / FAIL / INCONCLUSIVE, then the rule and the exit code in a legend. */
export function verdictTable(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '(the suite declares no expectations)';
  return `${renderTextTable(VERDICT_COLUMNS, verdicts)}\n\n${RULE_LEGEND}\n${EXIT_RULE}`;
}

/** Cost and gain per configuration (seeds pooled); only meaningful with evaluation or several seeds. */
export function configurationsTable(configurations: readonly ConfigurationSummary[]): string {
  const points = (x: number) => signed(x, 2);
  const withCi = (text: string, ci: [string, string] | null) => cellText({ text, ci });
  return textTable(
    ['configuration', 'runs', 'slowdown [95% CI]', 'accuracy mean ± sd', 'gain vs no SAM, points [95% CI]', 'time to target'],
    configurations.map((c) => [
      c.label,
      `${c.okRuns}/${c.runs}`,
      c.slowdown ? withCi(pct(c.slowdown.value), formatInterval(c.slowdown.ci95, pct)) : '-',
      c.accuracy ? `${pct(c.accuracy.mean)} ± ${pct(c.accuracy.sd)}` : '-',
      c.accuracyGain ? withCi(points(c.accuracyGain.value), formatInterval(c.accuracyGain.ci95, points)) : '-',
      c.timeToTargetS === null ? '-' : `${c.timeToTargetS.toFixed(1)} s`,
    ]),
  );
}
