// The terminal report of `compare`: what was compared with what, environment warnings, one row
// per metric of every matched run, the unmatched runs with what keeps them apart, a last line.
import type { RunResult } from '../measure/index.js';
import { pct, signed, signedPct, textTable } from '../report/format.js';
import type { BenchData } from './bench-data.js';
import type { Comparison } from './compare.js';
import { specDifferences } from './match.js';
import type { MetricComparison } from './metrics.js';

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

function value(m: MetricComparison, x: number): string {
  if (m.metric === 'base step' || m.metric === 'SAM step') return ms(x);
  if (m.metric === 'slowdown') return signedPct(x);
  if (m.metric === 'final accuracy') return pct(x);
  return x.toFixed(3);
}

function evidence(m: MetricComparison): string {
  const e = m.evidence;
  if (e.test === 'mann-whitney') return `Mann-Whitney p=${e.p < 1e-3 ? e.p.toExponential(1) : e.p.toFixed(3)}`;
  const level = `${Math.round(100 * e.level)}%`;
  // Slowdown and accuracy differences read best as percentage points; a ratio's as a ratio.
  const points = m.metric === 'slowdown' || m.metric === 'final accuracy';
  const f = (x: number) => (points ? signed(100 * x, 1) : signed(x, 3));
  return `diff ${level} CI [${f(e.ci[0])}, ${f(e.ci[1])}]${points ? ' pts' : ''}`;
}

const verdictCell = (m: MetricComparison) => `${m.verdict === 'regressed' ? 'REGRESSED' : m.verdict}${m.note ? ` (${m.note})` : ''}`;

function describeBench(b: BenchData): string {
  return `${b.source} (${b.kind === 'baseline' ? `baseline of suite ${b.suite}, created ${b.createdAt}` : `results of suite ${b.suite}`})`;
}

// An unmatched run is usually a changed setting: name the fields against the closest run.
function unmatchedLine(run: RunResult, others: readonly RunResult[]): string {
  const closest = others
    .map((o) => ({ id: o.spec.id, diffs: specDifferences(run.spec, o.spec) }))
    .sort((a, b) => a.diffs.length - b.diffs.length)[0];
  if (!closest) return `  ${run.spec.id}`;
  const shown = closest.diffs.slice(0, 4).join(', ') + (closest.diffs.length > 4 ? `, … (${closest.diffs.length} in all)` : '');
  return `  ${run.spec.id} (closest: ${closest.id}, differs in ${shown})`;
}

// Everything compare prints, as lines for stdout; warnings are returned apart for stderr.
/** The report of a comparison: `warnings` for stderr, `text` for stdout. */
export function formatComparison(c: Comparison): { warnings: string[]; text: string } {
  const o = c.options;
  const warnings = c.envDifferences.length
    ? [
        `warning: the baseline and current runs were measured in different environments, so step times may differ for that reason alone: ${c.envDifferences.join('; ')}`,
      ]
    : [];
  const header = [
    `baseline: ${describeBench(c.baseline)}`,
    `current:  ${describeBench(c.current)}`,
    `a change counts when significant at alpha ${o.alpha} and at least ${(100 * o.minEffect).toFixed(1)}% (step times: Mann-Whitney U; ratio, slowdown: bootstrap interval of the difference, ${o.resamples} resamples, seed ${o.seed}; accuracy: binomial interval)`,
  ];
  const rows: string[][] = [];
  for (const run of c.runs) {
    const id =
      run.current.spec.id === run.baseline.spec.id ? run.current.spec.id : `${run.current.spec.id} (baseline ${run.baseline.spec.id})`;
    if (run.failure) rows.push([id, '-', '-', '-', '-', run.failure, run.regressed ? 'REGRESSED' : 'not compared']);
    run.metrics.forEach((m, i) =>
      rows.push([i === 0 ? id : '', m.metric, value(m, m.baseline), value(m, m.current), signedPct(m.change), evidence(m), verdictCell(m)]),
    );
  }
  const parts = [header.join('\n'), textTable(['run', 'metric', 'baseline', 'current', 'change', 'test', 'verdict'], rows)];
  if (c.onlyBaseline.length)
    parts.push(
      `baseline runs with no current run of the same configuration (not compared):\n${c.onlyBaseline.map((r) => unmatchedLine(r, c.current.runs)).join('\n')}`,
    );
  if (c.onlyCurrent.length)
    parts.push(
      `current runs with no baseline run of the same configuration (not compared):\n${c.onlyCurrent.map((r) => unmatchedLine(r, c.baseline.runs)).join('\n')}`,
    );
  const regressed = c.runs.filter((r) => r.regressed);
  const names = regressed.map(
    (r) =>
      `${r.current.spec.id} (${
        r.failure ??
        r.metrics
          .filter((m) => m.verdict === 'regressed')
          .map((m) => m.metric)
          .join(', ')
      })`,
  );
  const compared = c.runs.filter((r) => r.failure === null).length;
  const skipped = c.runs.length - compared;
  const counts = `${compared} matched run${compared === 1 ? '' : 's'} compared${skipped ? `, ${skipped} not (a run failed)` : ''}`;
  parts.push(`${counts}: ${regressed.length === 0 ? 'no regression' : `${regressed.length} regressed: ${names.join('; ')}`}`);
  return { warnings, text: parts.join('\n\n') };
}
