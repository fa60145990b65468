// The chart sections of report.html as HTML shells: a title, a caption saying how to read the
// chart, and an empty box (`data-chart`) that the client script fills — or a note saying why
// the chart is missing. Which charts exist is decided here, from the page model.
import type { PageModel } from './page-model.js';

// The client script and the browser test find each chart by this name.
/** Names of the chart boxes, as in `data-chart="…"`. */
export type ChartName = 'step-distribution' | 'slowdown' | 'tradeoff' | 'rho-gain' | 'accuracy' | 'timeline';

function figure(title: string, caption: string, body: string): string {
  return `<section class="figure"><h2>${title}</h2><p class="caption">${caption}</p>${body}</section>`;
}

const box = (name: ChartName, cls = 'chart-box') => `<div class="${cls}" data-chart="${name}"></div>`;
const note = (text: string) => `<p class="note">${text}</p>`;

// One decision for the HTML shells and the tests: a chart box only where there is data to draw.
/** The charts that `model` has data for, in page order. */
export function chartsFor(model: PageModel): ChartName[] {
  const names: ChartName[] = [];
  if (model.runs.some((r) => r.base || r.sam)) names.push('step-distribution');
  if (model.runs.some((r) => r.status === 'ok' && (r.slowdown || r.slowdownWithinRun))) names.push('slowdown');
  if (model.tradeoff) names.push('tradeoff');
  if (model.rhoGain) names.push('rho-gain');
  if (model.hasEvals) names.push('accuracy');
  if (model.runs.some((r) => r.steps.i.length > 0)) names.push('timeline');
  return names;
}

// A missing chart says why in words, so an empty box is never mistaken for a broken page.
/** Every chart section, with a note in place of each chart that has no data. */
export function renderFigures(model: PageModel): string {
  const has = new Set(chartsFor(model));
  const legend =
    '<div class="legend"><span><span class="swatch base"></span>base step</span><span><span class="swatch sam"></span>SAM step</span><span><span class="swatch warmup"></span>warm-up (left out of every statistic)</span></div>';
  return [
    figure(
      'Step time: SAM steps against base steps',
      'Each run’s measured steps (warm-up excluded), base and SAM apart: a dot per step, the box from the first to the third quartile with the median as a bar, whiskers from p10 to p90.',
      has.has('step-distribution') ? box('step-distribution') : note('No measured steps.'),
    ),
    figure(
      'Slowdown against SAM interval',
      'Measured slowdown of each successful SAM run within the run (against its own base steps, with its 95 % interval) and against its no-SAM run (two processes: drawn without an interval, which would hold only the noise within each process); the curve is the prediction (r − 1)/k with r the median SAM/base step ratio; the star is the method card’s ~7 % at interval 10 (a multi-GPU figure).',
      has.has('slowdown') ? box('slowdown') : note('No SAM run has a measured slowdown (a no-SAM baseline run is needed).'),
    ),
    figure(
      'Throughput × accuracy',
      'Slowdown against the no-SAM run (x) and final top-1 accuracy gain over it in percentage points (y), one point per configuration (seeds pooled, as in configurations.csv); filled points joined by the line form the Pareto front (configurations.csv <code>on_pareto_front</code>), no SAM at the origin.',
      has.has('tradeoff')
        ? box('tradeoff')
        : model.runs.some((r) => r.finalAccuracy !== null)
          ? note(
              'Accuracy was measured, but no successful SAM run has both a slowdown and an accuracy gain against a no-SAM run (that needs <code>"baseline": true</code>).',
            )
          : note(
              'This suite has no evaluation, so there is no accuracy to set against throughput. Add an <code>evaluation</code> section and a dataset with a test split to get one.',
            ),
    ),
    figure(
      'Accuracy gain against rho',
      `Final top-1 accuracy gain over the no-SAM run in percentage points (y) at each rho (x, log scale), seeds averaged, with 95 % intervals over seeds; one line per SAM interval k. Stars, joined by a dashed line, mark Composer’s rule rho = ${model.rhoGain?.composerRule.rhoPerInterval ?? 0.05}·k: where a line peaks away from its star, scaling rho with the interval is not the best rho at that k.`,
      has.has('rho-gain')
        ? box('rho-gain')
        : note(
            'Needs a final accuracy and a no-SAM run for SAM runs at two or more rho values (<code>matrix.rho</code>, <code>matrix.rhoPerInterval</code>).',
          ),
    ),
    figure(
      'Accuracy over steps',
      'Top-1 test accuracy at each evaluation; no-SAM runs dashed.',
      has.has('accuracy') ? box('accuracy') : note('No evaluations were recorded.'),
    ),
    figure(
      'Step time over the run',
      'Milliseconds of every step in order, one panel per run, to show warm-up and drift. Warm-up steps above the common scale are drawn as triangles at the top edge.',
      has.has('timeline') ? `${legend}${box('timeline', 'chart-grid')}` : note('No steps were recorded.'),
    ),
  ].join('\n');
}
