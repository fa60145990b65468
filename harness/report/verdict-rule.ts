// The three-way rule every verdict obeys: an estimate's 95 % interval against the expected
// range gives pass, fail or inconclusive, and an inconclusive one says how to get a verdict.
// Numbers only; the sentences are built in verdict-wording.ts.
import { computeStatistics, pooled, tCritical95, toSamples, type Estimate } from '../stats/index.js';

/** What a verdict concluded. */
export type Outcome = 'pass' | 'fail' | 'inconclusive';

/** An expected range; a missing bound is unbounded. Bounds are inclusive. */
export interface Range {
  min?: number;
  max?: number;
}

/** One value per unit of a verdict (a process, or a seed), each with its own 95 % interval. */
export interface Evidence {
  estimates: Estimate[];
  /** What one estimate is: a worker process (timing), or a seed (accuracy; repeats of a seed train identically). */
  unit: 'process' | 'seed';
  /**
   * The value compares two processes (a SAM run and its no-SAM run), so one value's own
   * interval holds none of the noise between processes and only the spread of several can.
   */
  crossProcess: boolean;
}

/** Why an estimate with values in it is inconclusive, with what would decide it. */
export type Undecided =
  /** One SAM/no-SAM pair (or one seed): its interval cannot hold the noise between them. */
  | { why: 'one-pair'; unit: Evidence['unit'] }
  /**
   * The interval straddles `bounds`. `units` values were pooled; `unitsNeeded` is about how
   * many would narrow it enough to decide (null when out of reach), `stepFactor` (one
   * process) about how many times its measured steps would.
   */
  | { why: 'straddles'; unit: Evidence['unit']; bounds: number[]; units: number; unitsNeeded: number | null; stepFactor: number | null };

/** The rule's answer for one estimate: outcome, the pooled estimate, and why when undecided. */
export interface Judgement {
  outcome: Outcome;
  estimate: Estimate;
  undecided: Undecided | null;
}

// Past this, "about N" is no advice: the estimate sits (almost) on a bound.
const MAX_UNITS = 1000;
const MAX_STEP_FACTOR = 100;

const bounds = ({ min, max }: Range): number[] => [min, max].filter((b): b is number => b !== undefined);

// The heart of the rule, bounds inclusive: inside → pass, wholly outside → fail, else inconclusive.
/** Where the interval [lo, hi] lies against `range`. */
export function placeInterval([lo, hi]: readonly [number, number], { min, max }: Range): Outcome {
  if ((min === undefined || lo >= min) && (max === undefined || hi <= max)) return 'pass';
  if ((min !== undefined && hi < min) || (max !== undefined && lo > max)) return 'fail';
  return 'inconclusive';
}

// Half-width t(n − 1)·sd/√n: the smallest n at which it is below the distance from the
// estimate to its nearest bound, so the interval would lie on one side of every bound.
/** About how many units (n ≥ 2) a t-interval with this sd needs to have a half-width under `room`; null past 1000 or when `room` is 0. */
export function unitsToDecide(sd: number, room: number): number | null {
  if (!(room > 0)) return null;
  for (let n = 2; n <= MAX_UNITS; n++) if ((tCritical95(n - 1) * sd) / Math.sqrt(n) < room) return n;
  return null;
}

// A one-process interval is a step bootstrap: its half-width shrinks as 1/√(steps).
/** About how many times the measured steps would shrink `halfWidth` under `room`; null past 100× or when `room` is 0. */
export function stepFactorToDecide(halfWidth: number, room: number): number | null {
  if (!(room > 0)) return null;
  // The 1e-9 keeps a float's dust (4.0000000001) from adding a whole step multiple.
  const factor = Math.ceil((halfWidth / room) ** 2 - 1e-9);
  return factor <= MAX_STEP_FACTOR ? Math.max(factor, 2) : null;
}

/**
 * The rule: pools `evidence` (mean, with a t-interval from the spread when there are several
 * values) and places its 95 % interval against `range`: inside (bounds included) → pass;
 * wholly outside → fail; straddling a bound → inconclusive. A cross-process value from a
 * single process pair (or seed) is inconclusive whatever its interval. Null when
 * there are no values (the caller says which runs were missing).
 */
export function judge(evidence: Evidence, range: Range): Judgement | null {
  const estimate = pooled(evidence.estimates);
  if (!estimate) return null;
  const { unit } = evidence;
  const n = evidence.estimates.length;
  if (n === 1 && evidence.crossProcess) {
    return { outcome: 'inconclusive', estimate, undecided: { why: 'one-pair', unit } };
  }
  const outcome = placeInterval(estimate.ci95, range);
  if (outcome !== 'inconclusive') return { outcome, estimate, undecided: null };
  const [lo, hi] = estimate.ci95;
  const room = Math.min(...bounds(range).map((b) => Math.abs(estimate.value - b)));
  const straddled = bounds(range).filter((b) => lo <= b && b <= hi);
  const values = evidence.estimates.map((e) => e.value);
  const { sd } = computeStatistics(toSamples(values, 'verdict estimates'));
  return {
    outcome,
    estimate,
    undecided: {
      why: 'straddles',
      unit,
      bounds: straddled,
      units: n,
      unitsNeeded: n === 1 ? null : unitsToDecide(sd, room),
      stepFactor: n === 1 ? stepFactorToDecide((hi - lo) / 2, room) : null,
    },
  };
}

/** The verdict over several sub-checks (slowdown-law's intervals, rho-scaling-accuracy's (c, k) pairs): any fail fails, all pass passes, else inconclusive. */
export function combineOutcomes(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('fail')) return 'fail';
  return outcomes.length > 0 && outcomes.every((o) => o === 'pass') ? 'pass' : 'inconclusive';
}
