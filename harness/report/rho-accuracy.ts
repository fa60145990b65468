// The rho-scaling-accuracy verdict: does rho = c · k (Composer's rule, c = 0.05) keep SAM's
// accuracy at interval k against rho = c? Per c and k > 1, the seed-paired difference of final
// accuracy judged by verdict-rule.ts against −tolerance; the best rho of each interval beside it.
import { summarizeConfigurations, type RunResult } from '../measure/index.js';
import type { Estimate } from '../stats/index.js';
import { gather, pairedDifference, rhoPairKey, samRunsAt } from './evidence.js';
import { signedPoints } from './format.js';
import { combineOutcomes, judge, type Judgement } from './verdict-rule.js';
import { noUsableRunText, undecidedText } from './verdict-wording.js';
import type { Verdict } from './range-verdict.js';
import { withInterval } from './sub-checks.js';

// Specs written before rhoPerInterval was recorded have none.
const cOf = (s: RunResult) => s.spec.sam?.rhoPerInterval ?? null;
const ascending = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

/** One (c, k) comparison: rho = c · k against rho = c at interval k, paired by seed. */
interface ScalingRow {
  c: number;
  k: number;
  judged: Judgement | null;
  text: string;
  /** Why it is undecided, or which runs were missing; null when decided. */
  advice: string | null;
}

// Each seed's final accuracy at rho = c · k minus that of its partner at rho = c (repeats of
// the partner averaged), in points; gather then counts each seed once.
function scalingRow(results: readonly RunResult[], c: number, k: number, tolerancePoints: number): ScalingRow {
  const atK = samRunsAt(results, k);
  const scaled = atK.filter((s) => cOf(s) === c);
  const difference = pairedDifference(
    atK.filter((s) => s.spec.sam!.rho === c),
    rhoPairKey,
    (s) => s.finalEval?.acc ?? null,
    (scaledAcc, fixedAcc) => 100 * (scaledAcc - fixedAcc),
  );
  const gathered = gather(scaled, difference, 'seed', true);
  const judged = judge(gathered.evidence, { min: -tolerancePoints });
  const rho = scaled[0]?.spec.sam!.rho;
  const head = `k=${k}, rho ${rho} (c=${c}) vs ${c}`;
  if (!judged) {
    const missing = {
      where: `SAM runs at interval ${k} with rho = ${c}·${k}`,
      what: `final accuracy beside a run at rho = ${c} of the same seed`,
      ...gathered,
    };
    return { c, k, judged, text: `${head}: no value`, advice: noUsableRunText(missing) };
  }
  const advice = judged.undecided && undecidedText(judged.undecided, judged.estimate.ci95, signedPoints);
  return { c, k, judged, text: `${head}: ${withInterval(judged.estimate, signedPoints)} points: ${judged.outcome}`, advice };
}

// By mean gain over the no-SAM runs, the configurations' own pooling (measure/configurations.ts).
/** Per interval, the rho whose SAM runs gained the most accuracy over no SAM, as text. */
function bestRhoText(results: readonly RunResult[]): string | null {
  const best = new Map<number, { rho: number; gain: Estimate }>();
  for (const c of summarizeConfigurations(results)) {
    if (c.interval === null || c.rho === null || c.accuracyGain === null) continue;
    const current = best.get(c.interval);
    if (!current || c.accuracyGain.value > current.gain.value) best.set(c.interval, { rho: c.rho, gain: c.accuracyGain });
  }
  if (best.size === 0) return null;
  const parts = ascending(best.keys()).map((k) => `k=${k}: rho ${best.get(k)!.rho}, ${withInterval(best.get(k)!.gain, signedPoints)}`);
  return `best rho by mean gain over no SAM (points): ${parts.join('; ')}`;
}

/** The verdict of `rho-scaling-accuracy`: pass when every k > 1 keeps accuracy within −tolerance, fail when one wholly loses more. */
export function rhoScalingAccuracyVerdict(results: readonly RunResult[], tolerancePoints: number): Verdict {
  const base = { expectation: 'rho-scaling-accuracy', kind: 'rho-scaling-accuracy' as const, range: { min: -tolerancePoints } };
  const expected = `acc(rho=c·k) − acc(rho=c) ≥ −${tolerancePoints} points at every k > 1`;
  const sam = samRunsAt(results);
  const rows = ascending(sam.flatMap((s) => cOf(s) ?? [])).flatMap((c) =>
    ascending(sam.flatMap((s) => (cOf(s) === c && s.spec.sam!.interval > 1 ? [s.spec.sam!.interval] : []))).map((k) =>
      scalingRow(results, c, k, tolerancePoints),
    ),
  );
  const best = bestRhoText(results);
  if (rows.length === 0) {
    const detail = `no usable run: needs SAM runs at rho = c·k (\`matrix.rhoPerInterval\`) at an interval k > 1, and at rho = c there (\`matrix.rho\`)`;
    return { ...base, measured: null, ci95: null, expected, outcome: 'inconclusive', detail: best ? `${detail}; ${best}` : detail };
  }
  // The lowest difference is the one closest to failing: the verdict's headline number.
  const judged = rows.flatMap((row) => (row.judged ? [row.judged.estimate] : []));
  const lowest = judged.length ? judged.reduce((a, b) => (b.value < a.value ? b : a)) : null;
  const undecided = rows.find((row) => row.advice);
  const why = undecided ? `; inconclusive at k=${undecided.k} (c=${undecided.c}): ${undecided.advice}` : '';
  return {
    ...base,
    measured: lowest?.value ?? null,
    ci95: lowest?.ci95 ?? null,
    expected,
    outcome: combineOutcomes(rows.map((row) => row.judged?.outcome ?? 'inconclusive')),
    detail: `final accuracy at rho = c·k minus at rho = c, same interval and seed: ${rows.map((row) => row.text).join('; ')}${best ? `; ${best}` : ''}${why}`,
  };
}
