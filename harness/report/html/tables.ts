// The two tables of report.html: verdicts (PASS / FAIL) and runs, with the same columns and
// number formats as the terminal report (report/table.ts).
import type { RunSummary } from '../../measure/summarize.js';
import type { Verdict } from '../verdicts.js';
import type { RunAccuracy } from './accuracy.js';
import { escapeHtml } from './escape.js';

const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '-' : x.toFixed(digits));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const ci = (c: [number, number] | null | undefined, f: (x: number) => string) => (c ? ` <span class="ci">[${f(c[0])}, ${f(c[1])}]</span>` : '');

function table(header: string[], rows: string[][], numeric: boolean[], rowClass: (i: number) => string = () => ''): string {
  const th = header.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const trs = rows.map((cells, r) => {
    const cls = rowClass(r);
    return `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>\n${trs.join('\n')}\n</tbody></table></div>`;
}

// Server-rendered, so the verdicts read without JavaScript (and in the browser test).
/** One row per expectation; the verdict cell says PASS or FAIL in colour. Cells are HTML. */
export function renderVerdictTable(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '<p class="note">The suite declares no expectations.</p>';
  return table(
    ['expectation', 'measured [95% CI]', 'expected', 'verdict', 'detail'],
    verdicts.map((v) => [
      `<code>${escapeHtml(v.expectation)}</code>`,
      v.measured === null ? '-' : `${num(v.measured, 3)}${ci(v.ci95, (x) => num(x, 3))}`,
      escapeHtml(v.expected),
      v.pass ? '<span class="verdict pass">PASS</span>' : '<span class="verdict fail">FAIL</span>',
      escapeHtml(v.detail),
    ]),
    [false, true, false, false, false],
    (i) => (verdicts[i]!.pass ? 'verdict-row pass' : 'verdict-row fail'),
  );
}

// The terminal table's columns; accuracy columns are added only when some run has accuracy.
/** One row per run: step medians, SAM/base ratio, slowdowns measured and predicted, throughput. */
export function renderRunsTable(summaries: readonly RunSummary[], accuracy: Map<string, RunAccuracy>): string {
  const withAccuracy = [...accuracy.values()].some((a) => a.finalAccuracy !== null);
  const header = ['run', 'status', 'base ms', 'SAM ms', 'SAM/base [95% CI]', 'slowdown vs no-SAM run [95% CI]', 'within run', 'predicted', 'samples/s'];
  const numeric = [false, false, true, true, true, true, true, true, true];
  if (withAccuracy) {
    header.push('final acc', 'acc gain (pp)');
    numeric.push(true, true);
  }
  const rows = summaries.map((s) => {
    const acc = accuracy.get(s.spec.id);
    const cells = [
      `<code>${escapeHtml(s.spec.id)}</code>`,
      s.status === 'ok' ? 'ok' : `<span class="fail-text" title="${escapeHtml(s.message ?? '')}">FAILED (${escapeHtml(s.reason ?? 'unknown')})</span>`,
      num(s.base?.median),
      num(s.sam?.median),
      s.stepRatio ? `${num(s.stepRatio.value, 2)}${ci(s.stepRatio.ci95, (x) => num(x, 2))}` : '-',
      s.slowdown ? `${pct(s.slowdown.value)}${ci(s.slowdown.ci95, pct)}` : '-',
      pct(s.slowdownWithinRun?.value),
      pct(s.predictedSlowdown),
      num(s.samplesPerSecond, 0),
    ];
    if (withAccuracy) cells.push(pct(acc?.finalAccuracy), acc?.accuracyGain == null ? '-' : `${acc.accuracyGain >= 0 ? '+' : ''}${acc.accuracyGain.toFixed(2)}`);
    return cells;
  });
  return table(header, rows, numeric, (i) => (summaries[i]!.status === 'ok' ? '' : 'failed-row'));
}
