// A claim decided across two suites: SAM's accuracy gain in one suite minus its gain in another,
// seed by seed (both suites train the same seeds on the same data order), judged by the verdict
// rule: above 0 when the subject gains more (the ViT against a CNN of similar cost).
import type { RunResult } from '../../measure/index.js';
import type { BenchResults } from '../../compare/bench-results.js';
import { exact } from '../../stats/index.js';
import { judge } from '../../report/verdict-rule.js';
import { undecidedText } from '../../report/verdict-wording.js';
import { signedPoints } from '../../report/format.js';
import type { Verdict } from '../../report/verdicts.js';
import type { GainComparison } from './method-card-claims.js';

// Repeats of a seed train identically: the first finished SAM run of each seed counts.
function gainsBySeed(runs: readonly RunResult[], interval: number): Map<number, number> {
  const gains = new Map<number, number>();
  for (const r of runs)
    if (r.status === 'ok' && r.spec.sam?.interval === interval && r.accuracyGain !== null && !gains.has(r.spec.seed))
      gains.set(r.spec.seed, r.accuracyGain);
  return gains;
}

/** The comparison's verdict from both suites' results (null where a suite has none yet: then it is inconclusive). */
export function gainComparison(comparison: GainComparison, results: ReadonlyMap<string, BenchResults | null>): Verdict {
  const subject = gainsBySeed(results.get(comparison.subject)?.runs ?? [], comparison.interval);
  const reference = gainsBySeed(results.get(comparison.reference)?.runs ?? [], comparison.interval);
  const seeds = [...subject.keys()].filter((s) => reference.has(s)).sort((a, b) => a - b);
  const differences = seeds.map((s) => subject.get(s)! - reference.get(s)!);
  const range = { min: 0 };
  const base = {
    expectation: `${comparison.name}@interval=${comparison.interval}`,
    kind: 'accuracy-gain' as const,
    expected: '[0, +inf]',
    range,
  };
  const judged = judge({ estimates: differences.map(exact), unit: 'seed', crossProcess: true }, range);
  if (!judged) {
    const detail = `no seed has a SAM gain at interval ${comparison.interval} in both ${comparison.subject} and ${comparison.reference}`;
    return { ...base, measured: null, ci95: null, outcome: 'inconclusive', detail };
  }
  const mean = (m: Map<number, number>) => seeds.reduce((a, s) => a + m.get(s)!, 0) / seeds.length;
  const how = `${comparison.meaning}; mean over ${seeds.length} seeds (${seeds.join(', ')}): gain ${signedPoints(mean(subject))} against ${signedPoints(mean(reference))} points`;
  const why = judged.undecided ? `; inconclusive: ${undecidedText(judged.undecided, judged.estimate.ci95, signedPoints)}` : '';
  return { ...base, measured: judged.estimate.value, ci95: judged.estimate.ci95, outcome: judged.outcome, detail: `${how}${why}` };
}
