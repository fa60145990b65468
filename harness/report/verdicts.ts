// Checks a suite's `expect` list against the run results: one verdict per expectation,
// with the measured value, its interval, what was expected and pass/fail.
import type { Expectation } from '../../schemas/index.js';
import type { RunResult } from '../measure/index.js';
import { exact, lawRatio, pooled, predictedSlowdown, type Estimate } from '../stats/index.js';
import { pct } from './format.js';

/** The outcome of one expectation. */
export interface Verdict {
  /** Short label, e.g. `slowdown@interval=10`. */
  expectation: string;
  kind: Expectation['kind'];
  measured: number | null;
  ci95: [number, number] | null;
  expected: string;
  pass: boolean;
  /** How the value was obtained, or why there is none. */
  detail: string;
}

type Range = { min?: number; max?: number };

function describeRange({ min, max }: Range): string {
  return `[${min ?? '-inf'}, ${max ?? '+inf'}]`;
}

function inRange(value: number, { min, max }: Range): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

const samRunsAt = (results: readonly RunResult[], interval?: number) =>
  results.filter((s) => s.status === 'ok' && s.spec.sam && (interval === undefined || s.spec.sam.interval === interval));

function rangeVerdict(label: string, kind: Expectation['kind'], estimates: Estimate[], range: Range, what: string): Verdict {
  const estimate = pooled(estimates);
  const expected = describeRange(range);
  if (!estimate)
    return { expectation: label, kind, measured: null, ci95: null, expected, pass: false, detail: `no successful SAM run with a ${what}` };
  return {
    expectation: label,
    kind,
    measured: estimate.value,
    ci95: estimate.ci95,
    expected,
    pass: inRange(estimate.value, range),
    detail: estimates.length === 1 ? `${what}, one run` : `${what}, mean over ${estimates.length} runs (interval from their spread)`,
  };
}

function rhoScalingVerdict(results: readonly RunResult[], tolerance: number): Verdict {
  const label = 'rho-scaling';
  const expected = `|measured − (r−1)/k| ≤ ${tolerance} at every interval; rho/interval constant`;
  const runs = samRunsAt(results);
  const r = lawRatio(runs.flatMap((s) => (s.stepRatio ? [s.stepRatio.value] : [])));
  const perK = [...new Set(runs.map((s) => s.spec.sam!.interval))].sort((a, b) => a - b);
  const rhoPerK = new Set(runs.map((s) => (s.spec.sam!.rho / s.spec.sam!.interval).toPrecision(9)));
  if (r === null || perK.length < 2) {
    return {
      expectation: label,
      kind: 'rho-scaling',
      measured: null,
      ci95: null,
      expected,
      pass: false,
      detail: 'needs successful SAM runs at two or more intervals',
    };
  }
  const rows = perK.map((k) => {
    const measured = pooled(runs.filter((s) => s.spec.sam!.interval === k && s.slowdown).map((s) => s.slowdown!));
    return { k, measured, predicted: predictedSlowdown(r, k) };
  });
  const gaps = rows.map((row) => (row.measured ? Math.abs(row.measured.value - row.predicted) : Number.POSITIVE_INFINITY));
  const worst = Math.max(...gaps);
  const detail =
    `r = ${r.toFixed(3)}; ` +
    rows
      .map((row) => `k=${row.k}: measured ${row.measured ? pct(row.measured.value) : 'n/a'} vs predicted ${pct(row.predicted)}`)
      .join('; ');
  return {
    expectation: label,
    kind: 'rho-scaling',
    measured: Number.isFinite(worst) ? worst : null,
    ci95: null,
    expected,
    pass: rhoPerK.size === 1 && worst <= tolerance,
    detail: rhoPerK.size === 1 ? detail : `rho/interval differs between runs (${[...rhoPerK].join(', ')}); ${detail}`,
  };
}

/** One verdict per expectation, in the suite's order. */
export function checkExpectations(expectations: Expectation[], results: readonly RunResult[]): Verdict[] {
  return expectations.map((expectation) => {
    switch (expectation.kind) {
      case 'slowdown': {
        const { interval, range, reference = 'no-sam-run' } = expectation;
        const withinRun = reference === 'within-run';
        const estimates = samRunsAt(results, interval).flatMap((s) => {
          const estimate = withinRun ? s.slowdownWithinRun : s.slowdown;
          return estimate ? [estimate] : [];
        });
        const label = `slowdown${withinRun ? '(within run)' : ''}@interval=${interval}`;
        return rangeVerdict(
          label,
          'slowdown',
          estimates,
          range,
          withinRun ? "slowdown against the run's own base steps" : 'slowdown against the no-SAM run',
        );
      }
      case 'step-ratio': {
        const { interval, range } = expectation;
        const estimates = samRunsAt(results, interval).flatMap((s) => (s.stepRatio ? [s.stepRatio] : []));
        return rangeVerdict(
          interval ? `step-ratio@interval=${interval}` : 'step-ratio',
          'step-ratio',
          estimates,
          range,
          'SAM/base step-time ratio',
        );
      }
      case 'rho-scaling':
        return rhoScalingVerdict(results, expectation.tolerance);
      case 'accuracy-gain': {
        const { interval, minPoints } = expectation;
        const estimates = samRunsAt(results, interval).flatMap((s) => (s.accuracyGain === null ? [] : [exact(s.accuracyGain)]));
        return rangeVerdict(
          `accuracy-gain@interval=${interval}`,
          'accuracy-gain',
          estimates,
          { min: minPoints },
          'accuracy gain over the no-SAM run (points)',
        );
      }
      case 'time-to-accuracy-ratio': {
        const { interval, max } = expectation;
        const runs = samRunsAt(results, interval);
        const estimates = runs.flatMap((s) => (s.timeToTargetRatio === null ? [] : [exact(s.timeToTargetRatio)]));
        const verdict = rangeVerdict(
          `time-to-accuracy-ratio@interval=${interval}`,
          'time-to-accuracy-ratio',
          estimates,
          { max },
          "time to the target accuracy over the no-SAM run's",
        );
        const missing = runs.length - estimates.length;
        if (missing === 0) return verdict;
        return {
          ...verdict,
          pass: false,
          detail: `${missing} of ${runs.length} SAM runs (or their no-SAM runs) never reached the target accuracy; ${verdict.detail}`,
        };
      }
    }
  });
}
