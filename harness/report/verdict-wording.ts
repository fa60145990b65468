// Every sentence about verdicts, built here once (execa's lib/return/message.js): what pass,
// fail and inconclusive mean (terminal legend, verdicts.csv's rule column, report.html), what
// to do about an inconclusive one, and the CLI's warning. The numbers come from verdict-rule.ts.
import { expectationFacts, type ExpectationKind } from '../../schemas/index.js';
import type { Outcome, Undecided } from './verdict-rule.js';

/** How tables show an outcome. */
export const OUTCOME_LABEL: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' };

/** What each outcome means, in the words the terminal, the CSV and report.html all use. */
export const OUTCOME_MEANING: Record<Outcome, string> = {
  pass: 'the 95 % interval lies inside the expected range (bounds included)',
  fail: 'the 95 % interval lies wholly outside the expected range',
  inconclusive:
    'the interval straddles a bound, or comes from a single process pair or seed (so it holds none of the noise between processes), or no run gave a value; the detail says what would decide it',
};

/** The rule in one line, e.g. under the terminal's verdict table. */
export const RULE_LEGEND = (Object.keys(OUTCOME_MEANING) as Outcome[]).map((o) => `${OUTCOME_LABEL[o]}: ${OUTCOME_MEANING[o]}.`).join(' ');

/** What the bench command exits with, by outcome (errors.ts has the codes). */
export const EXIT_RULE = 'Exit code 1 when a verdict fails; inconclusive verdicts alone exit 0 with a warning, or 1 with --strict.';

// verdicts.csv states the rule on every row, with that row's range, so a row read alone is clear.
// A kind judged otherwise than by one range says how in its registry entry's `rule`.
const RANGE_RULE =
  'pass: 95% CI inside {expected} (bounds included); fail: wholly outside; inconclusive: straddles a bound, from a single process pair or seed, or no usable run';

/** The rule for one verdict, with its expected range spelled in. */
export function ruleFor(kind: ExpectationKind, expected: string): string {
  return (expectationFacts(kind).rule ?? RANGE_RULE).replace('{expected}', () => expected);
}

const RAISE_PROCESSES = 'raise `repeats` (or seeds) or `steps.measured`';
const RAISE_SEEDS = 'add seeds (repeats train identically and do not help)';

// The advice of an inconclusive verdict: what kept it undecided and what would decide it.
/** Why an estimate with values is inconclusive and what to do, e.g. "the interval [-0.77, 0.91] straddles -0.15 and 0.35: …"; `format` writes its numbers. */
export function undecidedText(undecided: Undecided, ci95: readonly [number, number], format: (x: number) => string): string {
  const interval = `[${format(ci95[0])}, ${format(ci95[1])}]`;
  if (undecided.why === 'one-pair') {
    return undecided.unit === 'seed'
      ? `one seed: a value from one SAM/no-SAM pair of trainings says nothing of seed-to-seed variation, whatever its interval — ${RAISE_SEEDS}, 3 or more`
      : `one process pair: the interval ${interval} holds the steps of one SAM and one no-SAM process but none of the noise between processes (often 10–40 % on a shared machine) — run 3 or more: raise \`repeats\` (or seeds)`;
  }
  const { unit, units, unitsNeeded, stepFactor } = undecided;
  const straddles = `the interval ${interval} straddles ${undecided.bounds.map(format).join(' and ')}`;
  if (units === 1) {
    const more =
      stepFactor === null
        ? 'the estimate lies (almost) on a bound, so more steps may never decide'
        : `about ${stepFactor}× its measured steps would narrow it enough to decide`;
    return `${straddles}: one process; ${more} — raise \`steps.measured\` (or \`repeats\`, for an interval from the spread of 3 or more)`;
  }
  const plural = unit === 'seed' ? 'seeds' : 'processes';
  const more =
    unitsNeeded === null
      ? `the estimate lies (almost) on a bound, so more ${plural} may never decide`
      : `with the spread seen, about ${unitsNeeded} would narrow it enough to decide`;
  return `${straddles}: ${units} ${plural}; ${more} — ${unit === 'seed' ? RAISE_SEEDS : RAISE_PROCESSES}`;
}

/** Which runs a verdict without values looked at, and what became of them. */
export interface MissingRuns {
  /** e.g. `SAM runs at interval 10`. */
  where: string;
  /** What each was to give, e.g. `slowdown against the no-SAM run`. */
  what: string;
  /** Ids of those that failed, with their reason. */
  failed: string[];
  /** How many succeeded but have no value. */
  withoutValue: number;
}

/** The detail of a verdict with no usable run: which runs, and what to look at. */
export function noUsableRunText({ where, what, failed, withoutValue }: MissingRuns): string {
  if (failed.length === 0 && withoutValue === 0) return `no usable run: the suite has no ${where}`;
  const parts = [];
  if (failed.length > 0) parts.push(`${failed.length} failed (${failed.join(', ')}; see their stderr logs in runs/)`);
  if (withoutValue > 0) parts.push(`${withoutValue} finished without a ${what}`);
  return `no usable run: of the ${where}, ${parts.join(' and ')}`;
}

// One line on stderr after the tables, so an inconclusive bench is not read as a pass.
/** The CLI's warning naming the inconclusive verdicts; null when there are none. */
export function inconclusiveWarning(verdicts: readonly { expectation: string; outcome: Outcome }[], strict: boolean): string | null {
  const undecided = verdicts.filter((v) => v.outcome === 'inconclusive').map((v) => v.expectation);
  if (undecided.length === 0) return null;
  const consequence = strict ? 'counted as failed (--strict)' : 'exit code 0 unless --strict';
  return `sambench: ${undecided.length} of ${verdicts.length} expectations inconclusive (${undecided.join(', ')}): their intervals cannot decide; the verdict table's detail says how many processes, seeds or steps would (${RAISE_PROCESSES}); ${consequence}`;
}
