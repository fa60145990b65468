// Every sentence compare prints about how it decided: the rule, the caveats of a row, what
// `unchanged` means at this budget (the MDE), and the last line. format.ts lays them out.
import { pct, signed } from '../report/format.js';
import type { Comparison } from './compare.js';
import { MDE_POWER, type Caveat, type MetricComparison, type MetricName } from './metrics.js';

const share = (x: number) => `${(100 * x).toFixed(1)}%`;

// Printed under the two bench names, so the table can be read without the README.
/** The decision rule, with the comparison's alpha, minimum effect and bootstrap settings. */
export function ruleLine(c: Comparison): string {
  const o = c.options;
  const level = `${Math.round(100 * (1 - o.alpha) * 10) / 10}%`;
  return [
    `a change counts when its ${level} interval lies wholly beyond ±${share(o.minEffect)} (alpha ${o.alpha}, minimum effect ${share(o.minEffect)}).`,
    `Timings take the process as the sample: per-process medians (means for slowdown) compared by a t-interval of the log shift;`,
    `with one process per side only step-level tests remain (Mann-Whitney U; bootstrap, ${o.resamples} resamples, seed ${o.seed}), which can say unresolved but never REGRESSED.`,
    `Accuracy: one value per configuration, binomial interval of the difference, taken relative to the baseline's accuracy.`,
  ].join('\n');
}

// The test column: what the verdict rests on.
/** The evidence of a row: an interval of the change, or a step-level p-value. */
export function evidenceCell(m: MetricComparison): string {
  const e = m.evidence;
  if (e.test === 'mann-whitney') return `Mann-Whitney p=${e.p < 1e-3 ? e.p.toExponential(1) : e.p.toFixed(3)}`;
  const level = `${Math.round(100 * e.level)}%`;
  if (e.test === 'process-t') return `change ${level} CI [${signed(100 * e.ci[0], 1)}, ${signed(100 * e.ci[1], 1)}]%`;
  // Slowdown and accuracy differences read best as percentage points; a ratio's as a ratio.
  const points = m.metric === 'slowdown' || m.metric === 'within-run slowdown' || m.metric === 'final accuracy';
  const f = (x: number) => (points ? signed(100 * x, 1) : signed(x, 3));
  return `diff ${level} CI [${f(e.ci[0])}, ${f(e.ci[1])}]${points ? ' pts' : ''}`;
}

function caveatText(caveat: Caveat, minEffect: number): string {
  if (caveat.kind === 'one-process') return 'one process per side';
  if (caveat.kind === 'too-few-steps') return `${caveat.steps[0]} vs ${caveat.steps[1]} steps cannot reach alpha`;
  return `significant, but maybe under ${share(minEffect)}`;
}

/** The verdict column: the verdict, and its caveat in brackets. */
export function verdictCell(m: MetricComparison, minEffect: number): string {
  const verdict = m.verdict === 'regressed' ? 'REGRESSED' : m.verdict;
  return m.caveat ? `${verdict} (${caveatText(m.caveat, minEffect)})` : verdict;
}

/** The MDE column: the detectable change, `unknown` with one process per side, `-` for accuracy. */
export function mdeCell(m: MetricComparison): string {
  if (m.mde !== null) return pct(m.mde);
  return m.metric === 'final accuracy' ? '-' : 'unknown';
}

// Nobody should read "unchanged" as "no change": say how large a change could have gone unseen.
/** The footer on what `unchanged` means here: the largest MDE per metric, and what rows without one need. */
export function mdeFooter(c: Comparison): string {
  const rows = c.configurations.flatMap((r) => r.metrics);
  const worst = new Map<MetricName, number>();
  for (const m of rows) if (m.mde !== null) worst.set(m.metric, Math.max(worst.get(m.metric) ?? 0, m.mde));
  const lines: string[] = [];
  if (worst.size > 0) {
    const list = [...worst].map(([metric, mde]) => `${metric} ${share(mde)}`).join(', ');
    lines.push(
      `unchanged means: no change of at least the MDE, the change flagged with ${100 * MDE_POWER}% power at this budget (here up to ${list}; per row in column MDE).`,
    );
  }
  if (rows.some((m) => m.caveat?.kind === 'one-process' || (m.mde === null && m.metric !== 'final accuracy'))) {
    lines.push(
      'With one process per side the MDE is unknown: its steps hold no process-to-process noise (two identical processes differ by 10-40% on a shared machine), so a change they show is unresolved, never REGRESSED. Run with repeats ≥ 3 in the suite, or measure the noise floor with `sambench calibrate`.',
    );
  }
  return lines.join('\n');
}

/** The last line: configurations compared, how many not, the regressions by name, the unresolved rows. */
export function summaryLine(c: Comparison): string {
  const regressed = c.configurations.filter((r) => r.regressed);
  const names = regressed.map(
    (r) =>
      `${r.id} (${
        r.failure ??
        r.metrics
          .filter((m) => m.verdict === 'regressed')
          .map((m) => m.metric)
          .join(', ')
      })`,
  );
  const compared = c.configurations.filter((r) => r.failure === null).length;
  const skipped = c.configurations.length - compared;
  const unresolved = c.configurations.flatMap((r) => r.metrics).filter((m) => m.verdict === 'unresolved').length;
  const counts = `${compared} matched configuration${compared === 1 ? '' : 's'} compared${skipped ? `, ${skipped} not (no process finished)` : ''}`;
  const verdict = regressed.length === 0 ? 'no regression' : `${regressed.length} regressed: ${names.join('; ')}`;
  return `${counts}: ${verdict}${unresolved ? `; ${unresolved} unresolved (one process per side)` : ''}`;
}
