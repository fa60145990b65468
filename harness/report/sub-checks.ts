// A verdict judged over several sub-checks (one per regulariser setting, per world size): each
// sub-check by the range rule, the outcomes combined (any fail fails, all pass passes), the
// lowest value the headline, each listed in the detail, and the first undecided one's advice.
import type { Estimate } from '../stats/index.js';
import type { Gathered } from './evidence.js';
import type { Verdict } from './range-verdict.js';
import { combineOutcomes, judge, type Judgement, type Range } from './verdict-rule.js';
import { noUsableRunText, undecidedText, type MissingRuns } from './verdict-wording.js';

/** One sub-check of a verdict: its label (`ls=0.1`), judgement, a line for the detail, and advice while undecided. */
export interface SubCheck {
  label: string;
  judged: Judgement | null;
  /** `label: value [lo, hi]: outcome`, or `label: no value`. */
  text: string;
  /** Why it is undecided and what would decide it, or which runs were missing; null when decided. */
  advice: string | null;
}

/** `value [lo, hi]` of an estimate in `format`. */
export const withInterval = ({ value, ci95 }: Estimate, format: (x: number) => string): string =>
  `${format(value)} [${format(ci95[0])}, ${format(ci95[1])}]`;

/** Judges `gathered` against `range` as one sub-check; `missing` says which runs it looked at when none gave a value. */
export function subCheck(
  label: string,
  gathered: Gathered,
  range: Range,
  missing: Pick<MissingRuns, 'where' | 'what'>,
  format: (x: number) => string,
): SubCheck {
  const judged = judge(gathered.evidence, range);
  if (!judged) return { label, judged, text: `${label}: no value`, advice: noUsableRunText({ ...missing, ...gathered }) };
  const advice = judged.undecided && undecidedText(judged.undecided, judged.estimate.ci95, format);
  return { label, judged, text: `${label}: ${withInterval(judged.estimate, format)}: ${judged.outcome}`, advice: advice || null };
}

/** The lowest judged estimate of `rows`: the one closest to failing a lower bound; null when none has a value. */
export function lowestEstimate(rows: readonly SubCheck[]): Estimate | null {
  const judged = rows.flatMap((row) => (row.judged ? [row.judged.estimate] : []));
  return judged.length ? judged.reduce((a, b) => (b.value < a.value ? b : a)) : null;
}

/**
 * The verdict over `rows`: combined outcome, `headline` (the lowest of `rows` unless given) as
 * its value, `lead` then every row in the detail, and the first undecided row's advice.
 */
export function subChecksVerdict(
  base: Pick<Verdict, 'expectation' | 'kind' | 'expected' | 'range'>,
  lead: string,
  rows: readonly SubCheck[],
  headline: Estimate | null = lowestEstimate(rows),
): Verdict {
  const undecided = rows.find((row) => row.advice);
  const why = undecided ? `; inconclusive at ${undecided.label}: ${undecided.advice}` : '';
  return {
    ...base,
    measured: headline?.value ?? null,
    ci95: headline?.ci95 ?? null,
    outcome: combineOutcomes(rows.map((row) => row.judged?.outcome ?? 'inconclusive')),
    detail: `${lead}: ${rows.map((row) => row.text).join('; ')}${why}`,
  };
}
