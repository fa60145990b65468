// history.html: one chart per series across nights — each night's value with its 95 % interval
// between processes, the segment means either side of every change point, and the change points
// marked (red: fails the nightly; amber: a regression not failing; grey: an improvement). Built
// as report.html and claims.html are: self-contained, Chart.js and the client script inline.
import { clientScriptFor } from '../report/html/assets.js';
import { escapeHtml } from '../report/html/escape.js';
import { pageHead, pageTail } from '../report/html/render.js';
import type { DetectOptions, SeriesFindings } from './detect.js';
import { HISTORY_METRICS } from './series.js';
import { seriesTitle, valueText } from './table.js';

/** What the page's script draws for one series (values in the unit the page writes: ms, ratio, %). */
export function historyChartModel(findings: readonly SeriesFindings[]) {
  return findings.map((f, i) => {
    const percent = HISTORY_METRICS[f.series.metric].unit === 'fraction';
    const at = (x: number) => (percent ? 100 * x : x);
    const unit = percent ? '%' : HISTORY_METRICS[f.series.metric].unit;
    // A slowdown's change point is found on 1 + slowdown; its segment means are drawn as slowdowns.
    const mean = (x: number) => at(HISTORY_METRICS[f.series.metric].onePlus ? x - 1 : x);
    return {
      id: `series-${i}`,
      title: seriesTitle(f.series),
      unit,
      // Nights are numbered from 1, as the terminal table and the change-point table count them.
      points: f.series.points.map((p, night) => ({
        x: night + 1,
        y: at(p.value),
        lo: p.ci95 ? at(p.ci95[0]) : null,
        hi: p.ci95 ? at(p.ci95[1]) : null,
        label: `${p.timestamp.slice(0, 10)} ${p.commit?.slice(0, 7) ?? 'no commit'}${p.injectedSlowdown ? ` (injected +${100 * p.injectedSlowdown} %)` : ''}`,
      })),
      changes: f.changes.map((c, k) => ({
        night: c.index + 1,
        before: mean(c.before),
        after: mean(c.after),
        // Each segment runs from the previous change point to the next one.
        from: (f.changes[k - 1]?.index ?? 0) + 1,
        to: f.changes[k + 1]?.index ?? f.series.points.length,
        magnitude: 100 * c.magnitude,
        pValue: c.pValue,
        kind: c.fails ? 'fails' : c.regression ? 'regression' : 'improvement',
      })),
    };
  });
}

function changeRows(findings: readonly SeriesFindings[]): string {
  const rows = findings.flatMap((f) =>
    f.changes.map((c) => {
      const p = f.series.points;
      const verdict = c.fails
        ? 'fails the nightly'
        : c.regression
          ? c.beyondMinEffect
            ? 'regression (older than the latest nights)'
            : 'regression below the minimum effect'
          : 'improvement';
      return `<tr><td>${escapeHtml(seriesTitle(f.series))}</td><td>${escapeHtml(p[c.index]!.timestamp.slice(0, 10))}</td><td>${escapeHtml(valueText(f.series.metric, c.before, true))} → ${escapeHtml(valueText(f.series.metric, c.after, true))}</td><td>${c.magnitude >= 0 ? '+' : ''}${(100 * c.magnitude).toFixed(1)} %</td><td>${c.pValue.toPrecision(2)}</td><td>${escapeHtml(verdict)}</td><td><code>sambench ab ${escapeHtml(c.commits[0]?.slice(0, 12) ?? '?')} ${escapeHtml(c.commits[1]?.slice(0, 12) ?? '?')} &lt;suite&gt;</code></td></tr>`;
    }),
  );
  if (rows.length === 0) return '<p class="note">No change point in any series.</p>';
  return `<div class="table-wrap"><table><thead><tr><th>series</th><th>first night</th><th>level before → after</th><th>change</th><th>p</th><th>reading</th><th>confirm with</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** history.html for `findings` (the series and their change points) found with `options`. Pure. */
export function renderHistoryPage(findings: readonly SeriesFindings[], options: DetectOptions, source: string): string {
  const knobs = `E-divisive means, window ${options.window}, significance ${options.significance}, minimum magnitude ${100 * options.minMagnitude} %; the nightly fails on a regression beyond ${100 * options.minEffect} % held ${options.minNightsAfter} nights, within the latest ${options.recentNights}`;
  const charts = findings.map(
    (f, i) => `<section><h3>${escapeHtml(seriesTitle(f.series))}</h3><div class="chart" data-chart="series-${i}"></div></section>`,
  );
  return `${pageHead('Bench history — sambench')}
<body>
<main>
<h1>Bench history</h1>
<p>${escapeHtml(source)}: ${findings.length} series. ${escapeHtml(knobs)}.</p>
<h2>Change points</h2>
${changeRows(findings)}
<h2>Series</h2>
${charts.join('\n')}
<noscript><p class="note">The charts need JavaScript; the table above and the history file hold every number.</p></noscript>
<footer>sambench · every number is in the history file · charts drawn with Chart.js (MIT), bundled in this page</footer>
</main>
${pageTail(historyChartModel(findings), clientScriptFor(['common.js', 'history.js']))}`;
}
