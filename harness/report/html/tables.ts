// The two tables of report.html, verdicts (PASS / FAIL / INCONCLUSIVE) and runs, over the same column
// definitions as the terminal report (report/columns.ts); only the markup is made here.
import type { RunResult } from '../../measure/index.js';
import { CROSS_PROCESS_NOTE, hasCrossProcessFigure, runColumns, VERDICT_COLUMNS, type Cell, type Column } from '../columns.js';
import type { Outcome } from '../verdict-rule.js';
import { EXIT_RULE, OUTCOME_LABEL, OUTCOME_MEANING } from '../verdict-wording.js';
import type { Verdict } from '../verdicts.js';
import { escapeHtml } from './escape.js';

// An interval goes in a muted `ci` span under its estimate; a styled cell gets its markup.
function cellHtml({ text, ci, style, title }: Cell): string {
  const interval = ci ? ` <span class="ci">[${escapeHtml(ci[0])}, ${escapeHtml(ci[1])}]</span>` : '';
  const body = escapeHtml(text);
  switch (style) {
    case 'code':
      return `<code>${body}</code>`;
    case 'failed':
      return `<span class="fail-text" title="${escapeHtml(title ?? '')}">${body}</span>`;
    case 'pass':
    case 'fail':
    case 'inconclusive':
      return `<span class="verdict ${style}">${body}</span>`;
    default:
      return `${body}${interval}`;
  }
}

function table<T>(columns: readonly Column<T>[], rows: readonly T[], rowClass: (row: T) => string): string {
  const numeric = (c: Column<T>) => (c.numeric ? ' class="num"' : '');
  const th = columns.map((c) => `<th${numeric(c)}>${escapeHtml(c.header)}</th>`).join('');
  const trs = rows.map((row) => {
    const cls = rowClass(row);
    return `<tr${cls ? ` class="${cls}"` : ''}>${columns.map((c) => `<td${numeric(c)}>${cellHtml(c.cell(row))}</td>`).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>\n${trs.join('\n')}\n</tbody></table></div>`;
}

// Server-rendered, so the verdicts read without JavaScript (and in the browser test).
/** One row per expectation; the verdict cell says PASS, FAIL or INCONCLUSIVE in colour; under it, what they mean unless `rule` is false. */
export function renderVerdictTable(verdicts: readonly Verdict[], { rule = true } = {}): string {
  if (verdicts.length === 0) return '<p class="note">The suite declares no expectations.</p>';
  const rows = table(VERDICT_COLUMNS, verdicts, (v) => `verdict-row ${v.outcome}`);
  return rule ? `${rows}\n${renderVerdictRule()}` : rows;
}

// Under the table, in the terminal's words (verdict-wording.ts), so the page states its rule.
/** What PASS, FAIL and INCONCLUSIVE mean, and the exit code, as a definition list. */
export function renderVerdictRule(): string {
  const items = (Object.keys(OUTCOME_MEANING) as Outcome[]).map(
    (o) => `<div><dt><span class="verdict ${o}">${OUTCOME_LABEL[o]}</span></dt><dd>${escapeHtml(OUTCOME_MEANING[o])}.</dd></div>`,
  );
  return `<dl class="verdict-rule">${items.join('')}</dl>\n<p class="caption">${escapeHtml(EXIT_RULE)}</p>`;
}

/**
 * One row per run: step medians, SAM/base ratio, slowdowns measured and predicted, throughput,
 * accuracy if any; under it, the footnote of the figures taken across processes, as in the terminal.
 */
export function renderRunsTable(results: readonly RunResult[]): string {
  const rows = table(runColumns(results), results, (r) => (r.status === 'ok' ? '' : 'failed-row'));
  if (!results.some(hasCrossProcessFigure)) return rows;
  return `${rows}\n<p class="caption cross-process-note">${escapeHtml(CROSS_PROCESS_NOTE)}</p>`;
}
