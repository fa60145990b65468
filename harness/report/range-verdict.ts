// A verdict and how one is written: its shape, the format of its values by kind, and the verdict
// of one range over gathered evidence (the plain range rule); kinds judged over several
// sub-checks build theirs in sub-checks.ts. The rule itself is verdict-rule.ts's.
import { EXPECTATION_KINDS, type VerdictKind } from '../../schemas/index.js';
import type { Gathered } from './evidence.js';
import { pct } from './format.js';
import { judge, type Outcome, type Range } from './verdict-rule.js';
import { noUsableRunText, undecidedText, type MissingRuns } from './verdict-wording.js';

/** The outcome of one expectation. */
export interface Verdict {
  /** Short label, e.g. `slowdown@interval=10`. */
  expectation: string;
  /** The check made; an old name (`rho-scaling`) is reported under its new one (`slowdown-law`). */
  kind: VerdictKind;
  measured: number | null;
  ci95: [number, number] | null;
  expected: string;
  /** `expected` as numbers: the bounds `measured` is held to (a missing bound is unbounded); null where none applies. */
  range: Range | null;
  /** By the rule of verdict-rule.ts: the 95 % interval inside the range, wholly outside it, or neither. */
  outcome: Outcome;
  /** How the value was obtained; for an inconclusive verdict, also why and what would decide it. */
  detail: string;
}

// Up to 3 decimals, trailing zeros dropped, so a bound reads as the suite wrote it (-0.15).
const short = (x: number) => String(Number(x.toFixed(3)));

// One unit per quantity in every text a person reads (terminal, report.html, the CSV's detail):
// slowdowns are percentages, as in the runs and configurations tables; `measured` and `ci95`
// stay fractions for machines.
/** Whether `kind`'s value is a fraction written as a percentage (its registry `unit`), as slowdowns are. */
export const writtenAsPercent = (kind: VerdictKind): boolean => EXPECTATION_KINDS[kind].unit === 'fraction';

/** How a verdict's values, bounds and interval are written, by kind: slowdowns as `51.7%`, the rest as plain numbers. */
export function verdictValueFormat(kind: VerdictKind): (x: number) => string {
  return writtenAsPercent(kind) ? pct : short;
}

/** `[min, max]` written in `format` (plain numbers by default), with ±inf for a missing bound. */
export function describeRange({ min, max }: Range, format: (x: number) => string = short): string {
  return `[${min === undefined ? '-inf' : format(min)}, ${max === undefined ? '+inf' : format(max)}]`;
}

/** The verdict of `range` over `gathered`: the pooled value, its interval, the outcome, and what was missing or would decide it. */
export function rangeVerdict(
  label: string,
  kind: VerdictKind,
  gathered: Gathered,
  range: Range,
  missing: Omit<MissingRuns, 'failed' | 'withoutValue'>,
): Verdict {
  const { evidence, failed, withoutValue } = gathered;
  const format = verdictValueFormat(kind);
  const base = { expectation: label, kind, expected: describeRange(range, format), range };
  const judged = judge(evidence, range);
  if (!judged) {
    return { ...base, measured: null, ci95: null, outcome: 'inconclusive', detail: noUsableRunText({ ...missing, failed, withoutValue }) };
  }
  const n = evidence.estimates.length;
  const units = evidence.unit === 'seed' ? 'seeds' : 'processes';
  const how = n === 1 ? `${missing.what}, one ${evidence.unit}` : `${missing.what}, mean over ${n} ${units} (interval from their spread)`;
  const why = judged.undecided && `; inconclusive: ${undecidedText(judged.undecided, judged.estimate.ci95, format)}`;
  return { ...base, measured: judged.estimate.value, ci95: judged.estimate.ci95, outcome: judged.outcome, detail: `${how}${why ?? ''}` };
}
