// compare() of the library and of `sambench compare`: two benches, each a path (a results folder
// or a baseline file) or one already in hand, → the Comparison and the exit code the CLI gives it.
import { ExitCode, type ExitCodeValue } from '../errors.js';
import type { BenchData } from './bench-data.js';
import { COMPARE_DEFAULTS, compareBenches, type Comparison, type CompareOptions } from './compare.js';
import { loadBench } from './load.js';

/** A comparison with the exit code `sambench compare` gives it. */
export interface ComparisonResult extends Comparison {
  /** 0: no regression; 1: a configuration regressed; 2: no configuration in common (nothing compared). */
  exitCode: ExitCodeValue;
}

// minEffect left out: the current bench's suite regression.minEffect, else the default (5 %).
/**
 * Compares `current` with `baseline`, configuration by configuration and metric by metric.
 * @throws CompareInputError (exit code 2) for a path that is not a results folder or a baseline file.
 */
export function compare(baseline: string | BenchData, current: string | BenchData, options: CompareOptions = {}): ComparisonResult {
  const [b, c] = [
    typeof baseline === 'string' ? loadBench(baseline) : baseline,
    typeof current === 'string' ? loadBench(current) : current,
  ];
  const minEffect = options.minEffect ?? c.minEffect ?? COMPARE_DEFAULTS.minEffect;
  const comparison = compareBenches(b, c, { ...options, minEffect });
  const exitCode =
    comparison.configurations.length === 0 ? ExitCode.badInput : comparison.regressions > 0 ? ExitCode.expectationFailed : ExitCode.ok;
  return { ...comparison, exitCode };
}
