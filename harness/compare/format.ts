// The terminal report of `compare`: what was compared with what, environment warnings, one row
// per metric of every matched configuration, failed processes, unmatched configurations with what
// keeps them apart, what `unchanged` means (the MDE), a last line. Sentences live in wording.ts.
import type { RunResult } from '../measure/index.js';
import { describeCode } from '../provenance.js';
import { pct, signedPct, textTable } from '../report/format.js';
import type { BenchData } from './bench-data.js';
import type { Comparison } from './compare.js';
import { configurationId, specDifferences } from './match.js';
import type { MetricComparison } from './metrics.js';
import { evidenceCell, mdeCell, mdeFooter, ruleLine, summaryLine, verdictCell } from './wording.js';

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

function value(m: MetricComparison, x: number): string {
  if (m.metric === 'base step' || m.metric === 'SAM step') return ms(x);
  if (m.metric === 'slowdown' || m.metric === 'within-run slowdown') return signedPct(x);
  if (m.metric === 'final accuracy') return pct(x);
  return x.toFixed(3);
}

function processCounts(runs: readonly RunResult[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(configurationId(r.spec), (counts.get(configurationId(r.spec)) ?? 0) + 1);
  const sizes = [...new Set(counts.values())].sort((a, b) => a - b);
  return `${sizes.join('-')} process${sizes.length === 1 && sizes[0] === 1 ? '' : 'es'} per configuration`;
}

function describeBench(b: BenchData): string {
  const what = b.kind === 'baseline' ? `baseline of suite ${b.suite}, created ${b.createdAt}` : `results of suite ${b.suite}`;
  return `${b.source} (${what}; ${processCounts(b.runs)})`;
}

// Which code and suite made each side (their bench.json), when both sides say: a change of
// commit is what a regression is usually looked for in, a change of suite is worth knowing.
function provenanceLines(c: Comparison): string[] {
  const [b, a] = [c.baseline.provenance, c.current.provenance];
  if (!b || !a) return [];
  const code = (p: typeof b) => `sambench ${p.sambench}, commit ${describeCode(p)}`;
  const same = b.commit !== null && b.commit === a.commit && !b.dirty && !a.dirty && b.sambench === a.sambench;
  const lines = [same ? `code:     the same for both (${code(a)})` : `code:     baseline ${code(b)} → current ${code(a)}`];
  if (b.suite.sha256 !== a.suite.sha256)
    lines.push(`suite:    the resolved suites differ (sha256 ${b.suite.sha256.slice(0, 16)} → ${a.suite.sha256.slice(0, 16)})`);
  return lines;
}

// An unmatched configuration is usually a changed setting: name the fields against the closest run.
function unmatchedLine(runs: readonly RunResult[], others: readonly RunResult[]): string {
  const run = runs[0]!;
  const id = `${configurationId(run.spec)}${runs.length > 1 ? ` (${runs.length} processes)` : ''}`;
  const closest = others
    .map((o) => ({ id: configurationId(o.spec), diffs: specDifferences(run.spec, o.spec) }))
    .sort((a, b) => a.diffs.length - b.diffs.length)[0];
  if (!closest) return `  ${id}`;
  const shown = closest.diffs.slice(0, 4).join(', ') + (closest.diffs.length > 4 ? `, … (${closest.diffs.length} in all)` : '');
  return `  ${id} (closest: ${closest.id}, differs in ${shown})`;
}

// Everything compare prints, as lines for stdout; warnings are returned apart for stderr.
/** The report of a comparison: `warnings` for stderr, `text` for stdout. */
export function formatComparison(c: Comparison): { warnings: string[]; text: string } {
  const minEffect = c.options.minEffect;
  const warnings = c.envDifferences.length
    ? [
        c.absoluteTimesCompared
          ? `warning: the baseline and current runs were measured in different environments, so step times may differ for that reason alone: ${c.envDifferences.join('; ')}`
          : `warning: the baseline and current runs were measured on different hardware (${c.envDifferences.join('; ')}): step times in ms are not compared, only the machine-independent figures (SAM/base ratio, slowdown, accuracy)`,
      ]
    : [];
  const header = [`baseline: ${describeBench(c.baseline)}`, `current:  ${describeBench(c.current)}`, ...provenanceLines(c), ruleLine(c)];
  const rows: string[][] = [];
  for (const run of c.configurations) {
    const id = run.id === run.baselineId ? run.id : `${run.id} (baseline ${run.baselineId})`;
    if (run.failure) rows.push([id, '-', '-', '-', '-', '-', run.failure, '-', run.regressed ? 'REGRESSED' : 'not compared']);
    run.metrics.forEach((m, i) =>
      rows.push([
        i === 0 ? id : '',
        m.metric,
        `${m.processes[0]} vs ${m.processes[1]}`,
        value(m, m.baseline),
        value(m, m.current),
        signedPct(m.change),
        evidenceCell(m),
        mdeCell(m),
        verdictCell(m, minEffect),
      ]),
    );
  }
  const columns = ['configuration', 'metric', 'processes', 'baseline', 'current', 'change', 'test', 'MDE', 'verdict'];
  const parts = [header.join('\n'), textTable(columns, rows)];
  // Every failed process by name, with why: a configuration's row gives only the reasons.
  const failed = c.configurations.flatMap((r) => [
    ...r.failed.baseline.map((p) => ['baseline', p] as const),
    ...r.failed.current.map((p) => ['current', p] as const),
  ]);
  if (failed.length)
    parts.push(
      `failed processes (left out of the samples):\n${failed.map(([side, p]) => `  ${side} ${p.spec.id} (${p.reason}${p.message ? `: ${p.message}` : ''})`).join('\n')}`,
    );
  if (c.onlyBaseline.length)
    parts.push(
      `baseline configurations with no current run of the same configuration (not compared):\n${c.onlyBaseline.map((r) => unmatchedLine(r, c.current.runs)).join('\n')}`,
    );
  if (c.onlyCurrent.length)
    parts.push(
      `current configurations with no baseline run of the same configuration (not compared):\n${c.onlyCurrent.map((r) => unmatchedLine(r, c.baseline.runs)).join('\n')}`,
    );
  const footer = mdeFooter(c);
  if (footer) parts.push(footer);
  parts.push(summaryLine(c));
  return { warnings, text: parts.join('\n\n') };
}
