// The history in the terminal: per series, its last nights as a table (date, commit, value with
// its interval, processes) with each change point marked on the night it starts.
import { textTable } from '../report/format.js';
import type { SeriesFindings } from './detect.js';
import { HISTORY_METRICS, type HistoryMetric, type Series } from './series.js';

/** `suite · configuration · metric`, and the machine for absolute step times. */
export function seriesTitle(s: Series): string {
  return [s.suite, s.configuration, s.metric, s.machine].filter(Boolean).join(' · ');
}

/** A value of `metric` as tables write it: `12.34 ms`, `1.873`, `7.1 %`. `level`: a slowdown's change-point level, 1 + slowdown. */
export function valueText(metric: HistoryMetric, value: number, level = false): string {
  const { unit } = HISTORY_METRICS[metric];
  if (unit === 'ms') return `${value.toFixed(2)} ms`;
  if (unit === 'ratio') return value.toFixed(3);
  const fraction = level && HISTORY_METRICS[metric].onePlus ? value - 1 : value;
  return `${(100 * fraction).toFixed(1)} %`;
}

const signedPercent = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;

/** The last `nights` nights of each series, change points marked; the whole history when `nights` is null. */
export function historyTables(findings: readonly SeriesFindings[], nights: number | null): string {
  return findings
    .map((f) => {
      const { points, metric } = f.series;
      const from = nights === null ? 0 : Math.max(0, points.length - nights);
      const rows = points.slice(from).map((p, k) => {
        const change = f.changes.find((c) => c.index === from + k);
        const mark = change
          ? `change ${signedPercent(change.magnitude)} (p=${change.pValue.toPrecision(2)})${change.fails ? ' FAILS' : change.regression ? ' regression' : ''}`
          : '';
        const ci = p.ci95 ? ` [${valueText(metric, p.ci95[0])}, ${valueText(metric, p.ci95[1])}]` : '';
        return [
          p.timestamp.slice(0, 16).replace('T', ' '),
          p.commit?.slice(0, 10) ?? '-',
          `${valueText(metric, p.value)}${ci}`,
          `${p.processes - p.failed}/${p.processes}`,
          mark,
        ];
      });
      const left = from > 0 ? `\n(${from} earlier nights not shown: --nights N)` : '';
      return `${seriesTitle(f.series)}\n${textTable(['night', 'commit', 'value [95% CI]', 'ok', 'change point'], rows)}${left}`;
    })
    .join('\n\n');
}
