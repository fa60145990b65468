// What a calibration measured: pairs of benches of one suite, one after the other (the second
// with an injected slowdown, or none for A/A), each compared as `compare` would. Gives the
// false-positive (A/A) or detection rate and the changes seen between identical benches: the
// suite's noise floor on this machine.
import type { Comparison, MetricName } from '../compare/index.js';
import { pct, signedPct, textTable } from '../report/format.js';
import { median } from '../stats/index.js';

/** One compared pair. */
export interface CalibrationPair {
  /** Wall-clock seconds of both benches. */
  seconds: number;
  comparison: Comparison;
}

/** How large one metric's changes were over the pairs. */
export interface ChangeSpread {
  metric: MetricName;
  /** Median and largest |relative change| over every compared configuration of every pair. */
  medianAbs: number;
  maxAbs: number;
  n: number;
}

/** The figures of a calibration. */
export interface Calibration {
  suite: string;
  pairs: number;
  /** Injected slowdown of the second bench of every pair (0: A/A). */
  injected: number;
  /** The pair's benches ran interleaved in one job, not one after the other. */
  interleaved: boolean;
  minEffect: number;
  /** Pairs in which compare flagged at least one regression. */
  flaggedPairs: number;
  changes: ChangeSpread[];
  secondsPerPair: { median: number; max: number };
}

/** Summarizes compared pairs. */
export function summarizeCalibration(
  suite: string,
  pairs: readonly CalibrationPair[],
  injected: number,
  minEffect: number,
  interleaved = false,
): Calibration {
  const byMetric = new Map<MetricName, number[]>();
  for (const pair of pairs)
    for (const configuration of pair.comparison.configurations)
      for (const m of configuration.metrics) byMetric.set(m.metric, [...(byMetric.get(m.metric) ?? []), Math.abs(m.change)]);
  const seconds = pairs.map((p) => p.seconds);
  return {
    suite,
    pairs: pairs.length,
    injected,
    interleaved,
    minEffect,
    flaggedPairs: pairs.filter((p) => p.comparison.regressions > 0).length,
    changes: [...byMetric].map(([metric, xs]) => ({ metric, medianAbs: median(xs), maxAbs: Math.max(...xs), n: xs.length })),
    secondsPerPair: seconds.length ? { median: median(seconds), max: Math.max(...seconds) } : { median: 0, max: 0 },
  };
}

/** The calibration as the terminal shows it: the rate, then the noise floor per metric. */
export function formatCalibration(c: Calibration): string {
  const what = c.injected > 0 ? `the second bench made ${pct(c.injected)} slower` : 'identical benches (A/A)';
  const rate = c.pairs > 0 ? c.flaggedPairs / c.pairs : 0;
  const verdict =
    c.injected > 0
      ? `detected in ${c.flaggedPairs} of ${c.pairs} pairs (${pct(rate)})`
      : `false positives: ${c.flaggedPairs} of ${c.pairs} pairs flagged a regression (${pct(rate)})`;
  const rows = c.changes.map((s) => [s.metric, pct(s.medianAbs), pct(s.maxAbs), String(s.n)]);
  return [
    `calibration of ${c.suite}: ${c.pairs} ${c.pairs === 1 ? 'pair' : 'pairs'} of benches ${c.interleaved ? 'interleaved in one job' : 'one after the other'}, ${what}, minimum effect ${pct(c.minEffect)}`,
    verdict,
    `time per pair: median ${Math.round(c.secondsPerPair.median)} s, longest ${Math.round(c.secondsPerPair.max)} s`,
    '',
    `|change| between the benches of a pair${c.injected > 0 ? ` (injected ${signedPct(c.injected)})` : ' (the noise floor)'}:`,
    textTable(['metric', 'median', 'largest', 'configurations'], rows),
  ].join('\n');
}
