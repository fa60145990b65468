// The short terminal report at the end of a bench: runs, configurations and verdicts, as text
// tables over the shared column definitions (columns.ts), fitted to the terminal's width and
// coloured when it takes colour (terminal.ts). Every column and the whole of each verdict's
// detail stay in the CSVs and report.html; the note under a table says what was left out, and
// the line under the configurations names those on the Pareto front.
import { onFront, type ConfigurationSummary, type RunResult } from '../measure/index.js';
import {
  CROSS_PROCESS_NOTE,
  hasCrossProcessFigure,
  RUN_COLUMNS,
  SLOWDOWN_COLUMN,
  VERDICT_COLUMNS,
  type Cell,
  type Column,
} from './columns.js';
import { formatInterval, num, pct, signed, signedPoints, textTable } from './format.js';
import type { Tone } from '../terminal-output.js';
import { DEFAULT_WIDTH, paint, type Terminal } from './terminal.js';
import { EXIT_RULE, RULE_LEGEND } from './verdict-wording.js';
import type { Verdict } from './verdicts.js';

/** A report for a file or a pipe: DEFAULT_WIDTH columns, no colour (what tests compare). */
export const PLAIN: Terminal = { width: DEFAULT_WIDTH, color: false };

// The terminal shows an interval in brackets after its estimate.
const cellText = ({ text, ci }: Cell) => (ci ? `${text} [${ci[0]}, ${ci[1]}]` : text);

const TONE: Partial<Record<NonNullable<Cell['style']>, Tone>> = { pass: 'good', fail: 'bad', inconclusive: 'unsure', failed: 'bad' };

const WHERE_ALL = 'every column is in summary.csv and report.html';

/**
 * `rows` as a text table over `columns`, fitted to `terminal.width` by leaving out columns in
 * their `drop` order (named in a note under the table); styled cells coloured when it takes colour.
 */
export function renderTextTable<T>(columns: readonly Column<T>[], rows: readonly T[], terminal: Terminal = PLAIN): string {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  const texts = cells.map((row) => row.map(cellText));
  const headers = columns.map((c) => c.short ?? c.header);
  const widths = headers.map((h, i) => Math.max(h.length, ...texts.map((r) => r[i]!.length)));
  const kept = columns.map((_, i) => i);
  const total = () => kept.reduce((sum, i) => sum + widths[i]!, 0) + 2 * (kept.length - 1);
  const droppable = columns
    .map((c, i) => ({ i, drop: c.drop }))
    .filter((c): c is { i: number; drop: number } => c.drop !== undefined)
    .sort((a, b) => a.drop - b.drop);
  const left: string[] = [];
  for (const group of groupBy(droppable)) {
    if (total() <= terminal.width) break;
    for (const i of group) kept.splice(kept.indexOf(i), 1);
    left.push(...group.map((i) => columns[i]!.header));
  }
  const pick = <X>(xs: readonly X[]) => kept.map((i) => xs[i]!);
  const table = textTable(
    pick(headers),
    texts.map(pick),
    pick(columns).map((c) => (c.numeric ? 'right' : 'left')),
    (text, row, col) => paint(text, TONE[cells[row]![kept[col]!]!.style ?? 'code'], terminal.color),
  );
  if (left.length === 0) return table;
  // Wrapped: with several columns left out the note alone would be wider than the terminal.
  return [table, ...wrap(`(left out to fit ${terminal.width} columns: ${left.join(', ')}; ${WHERE_ALL})`, terminal.width, '')].join('\n');
}

// Columns with the same `drop` go together (a run's two step medians).
function groupBy(sorted: readonly { i: number; drop: number }[]): number[][] {
  const groups: number[][] = [];
  sorted.forEach((c, k) => (k > 0 && sorted[k - 1]!.drop === c.drop ? groups.at(-1)!.push(c.i) : groups.push([c.i])));
  return groups;
}

/**
 * One line per run: step medians, SAM/base ratio, slowdown measured and predicted, throughput;
 * under it, the footnote of the figures taken across processes (marked, without an interval).
 */
export function runsTable(results: readonly RunResult[], terminal: Terminal = PLAIN): string {
  // A status column only when a run failed: otherwise it says `ok` on every line.
  // Nor a column against the no-SAM run in a suite without one (`baseline: false`): `-` on every line.
  const allOk = results.every((r) => r.status === 'ok');
  const noBaseline = results.every((r) => r.slowdown === null);
  const columns = RUN_COLUMNS.filter((c) => !(allOk && c.header === 'status') && !(noBaseline && c === SLOWDOWN_COLUMN));
  const table = renderTextTable(columns, results, terminal);
  if (!results.some(hasCrossProcessFigure)) return table;
  return [table, ...wrap(CROSS_PROCESS_NOTE, terminal.width, '')].join('\n');
}

// Words wrapped to `width`, each line after the first indented like the first.
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

const DETAIL_LINES = 3;

// The rule under the table, so nobody has to guess what PASS meant.
/**
 * One line per expectation with PASS / FAIL / INCONCLUSIVE, its detail wrapped under it (at most
 * DETAIL_LINES lines; verdicts.csv and report.html have the rest), then the rule and the exit code.
 */
export function verdictTable(verdicts: readonly Verdict[], terminal: Terminal = PLAIN): string {
  if (verdicts.length === 0) return '(the suite declares no expectations)';
  const columns = VERDICT_COLUMNS.filter((c) => c.header !== 'detail');
  const detail = VERDICT_COLUMNS.find((c) => c.header === 'detail')!;
  const [header, rule, ...rows] = renderTextTable(columns, verdicts, terminal).split('\n');
  const lines = [header!, rule!];
  let cut = false;
  verdicts.forEach((v, i) => {
    const wrapped = wrap(detail.cell(v).text, terminal.width, '    ');
    cut ||= wrapped.length > DETAIL_LINES;
    lines.push(
      rows[i]!,
      ...(wrapped.length > DETAIL_LINES
        ? [...wrapped.slice(0, DETAIL_LINES - 1), `${ellipsis(wrapped[DETAIL_LINES - 1]!, terminal.width)}`]
        : wrapped),
    );
  });
  const note = `(${cut ? 'details cut at three lines; ' : ''}each verdict's full detail is in verdicts.csv and report.html)`;
  const legend = [RULE_LEGEND, EXIT_RULE].flatMap((text) => wrap(text, terminal.width, ''));
  return `${lines.join('\n')}\n${note}\n\n${legend.join('\n')}`;
}

const ellipsis = (line: string, width: number) => (line.length + 2 > width ? `${line.slice(0, width - 2)} …` : `${line} …`);

/** Cost and gain per configuration (seeds pooled); only meaningful with evaluation or several seeds. */
export function configurationsTable(configurations: readonly ConfigurationSummary[], terminal: Terminal = PLAIN): string {
  const copies = (x: number) => signed(x, 2);
  const withCi = (text: string, ci: [string, string] | null) => ({ text, ci });
  // Peak memory, the third axis, where the workers reported it; left out before accuracy in a narrow terminal.
  const memoryColumns: Column<ConfigurationSummary>[] = [
    { header: 'peak MiB', numeric: false, drop: 3, cell: (c) => ({ text: num(c.peakMemoryMiB, 1) }) },
    {
      header: 'memory vs no SAM (copies) [95% CI]',
      short: 'memory (copies) [95% CI]',
      numeric: false,
      drop: 4,
      cell: (c) =>
        c.memoryOverhead ? withCi(copies(c.memoryOverhead.value), formatInterval(c.memoryOverhead.ci95, copies)) : { text: '-' },
    },
  ];
  const columns: Column<ConfigurationSummary>[] = [
    { header: 'configuration', numeric: false, cell: (c) => ({ text: c.label }) },
    { header: 'runs', numeric: false, drop: 2, cell: (c) => ({ text: `${c.okRuns}/${c.runs}` }) },
    {
      header: 'slowdown [95% CI]',
      numeric: false,
      cell: (c) => (c.slowdown ? withCi(pct(c.slowdown.value), formatInterval(c.slowdown.ci95, pct)) : { text: '-' }),
    },
    ...(configurations.some((c) => c.peakMemoryMiB !== null) ? memoryColumns : []),
    {
      header: 'accuracy mean ± sd',
      numeric: false,
      drop: 5,
      cell: (c) => ({ text: c.accuracy ? `${pct(c.accuracy.mean)} ± ${pct(c.accuracy.sd)}` : '-' }),
    },
    {
      header: 'gain vs no SAM, points [95% CI]',
      short: 'gain, points [95% CI]',
      numeric: false,
      cell: (c) =>
        c.accuracyGain ? withCi(signedPoints(c.accuracyGain.value), formatInterval(c.accuracyGain.ci95, signedPoints)) : { text: '-' },
    },
    {
      header: 'time to target',
      numeric: false,
      drop: 1,
      cell: (c) => ({ text: c.timeToTargetS === null ? '-' : `${c.timeToTargetS.toFixed(1)} s` }),
    },
  ];
  const table = renderTextTable(columns, configurations, terminal);
  const front = paretoFrontLine(configurations, terminal);
  return front === null ? table : `${table}\n${front}`;
}

// measure/ placed them (ConfigurationSummary.onFront); this only names them, cheapest first.
/** The configurations on the Pareto front, by increasing slowdown, wrapped; null when there is no front. */
export function paretoFrontLine(configurations: readonly ConfigurationSummary[], terminal: Terminal = PLAIN): string | null {
  const front = onFront(configurations);
  if (front.length === 0) return null;
  // Lines break between labels, never inside one; continuation lines are indented.
  const lines = ['Pareto front (slowdown vs accuracy gain):'];
  front.forEach((c, i) => {
    const item = `${c.label}${i < front.length - 1 ? ';' : ''}`;
    const last = lines.at(-1)!;
    if (last.length + 1 + item.length > terminal.width) lines.push(`  ${item}`);
    else lines[lines.length - 1] = `${last} ${item}`;
  });
  return lines.join('\n');
}
