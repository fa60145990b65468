// The short terminal report at the end of a bench: runs, ratios, verdicts, where the files are.
import type { ConfigurationSummary } from '../measure/configurations.js';
import type { RunSummary } from '../measure/summarize.js';
import type { Verdict } from './verdicts.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '-' : x.toFixed(digits));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const interval = (ci: [number, number] | undefined, f: (x: number) => string) => (ci ? ` [${f(ci[0])}, ${f(ci[1])}]` : '');

/** One line per run: step medians, SAM/base ratio, slowdown measured and predicted. */
export function runsTable(summaries: RunSummary[]): string {
  return table(
    ['run', 'status', 'base ms', 'SAM ms', 'SAM/base [95% CI]', 'slowdown vs no-SAM run [95% CI]', 'within run', 'predicted', 'samples/s'],
    summaries.map((s) => [
      s.spec.id,
      s.status === 'ok' ? 'ok' : `FAILED (${s.reason})`,
      num(s.base?.median),
      num(s.sam?.median),
      s.stepRatio ? `${num(s.stepRatio.value, 2)}${interval(s.stepRatio.ci95, (x) => num(x, 2))}` : '-',
      s.slowdown ? `${pct(s.slowdown.value)}${interval(s.slowdown.ci95, pct)}` : '-',
      pct(s.slowdownWithinRun?.value),
      pct(s.predictedSlowdown),
      num(s.samplesPerSecond, 0),
    ]),
  );
}

/** One line per expectation with PASS / FAIL. */
export function verdictTable(verdicts: Verdict[]): string {
  if (verdicts.length === 0) return '(the suite declares no expectations)';
  return table(
    ['expectation', 'measured [95% CI]', 'expected', 'verdict', 'detail'],
    verdicts.map((v) => [
      v.expectation,
      v.measured === null ? '-' : `${num(v.measured, 3)}${interval(v.ci95 ?? undefined, (x) => num(x, 3))}`,
      v.expected,
      v.pass ? 'PASS' : 'FAIL',
      v.detail,
    ]),
  );
}

/** Cost and gain per configuration (seeds pooled); only meaningful with evaluation or several seeds. */
export function configurationsTable(configurations: ConfigurationSummary[]): string {
  const points = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
  return table(
    ['configuration', 'runs', 'slowdown [95% CI]', 'accuracy mean ± sd', 'gain vs no SAM, points [95% CI]', 'time to target'],
    configurations.map((c) => [
      c.label,
      `${c.okRuns}/${c.runs}`,
      c.slowdown ? `${pct(c.slowdown.value)}${interval(c.slowdown.ci95, pct)}` : '-',
      c.accuracy ? `${pct(c.accuracy.mean)} ± ${pct(c.accuracy.sd)}` : '-',
      c.accuracyGain ? `${points(c.accuracyGain.value)}${interval(c.accuracyGain.ci95, points)}` : '-',
      c.timeToTargetS === null ? '-' : `${c.timeToTargetS.toFixed(1)} s`,
    ]),
  );
}
