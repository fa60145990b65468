// compare/: takes two benches (results folders or committed baseline files), gives per matched
// configuration and metric improved / unchanged / regressed / unresolved, processes as samples; also writes
// baselines and the bench history. Never runs a bench.
export { compareBenches, COMPARE_DEFAULTS, type Comparison, type CompareOptions, type ConfigurationComparison } from './compare.js';
export { CompareInputError, readResolvedSuite, readResultsFolder, type BenchData } from './bench-data.js';
export { judgeBench, loadResults, verdictExitCode, type BenchResults, type JudgeOptions } from './bench-results.js';
export { compare, type ComparisonResult } from './compare-inputs.js';
export {
  BASELINE_FORMAT,
  BASELINE_VERSION,
  baselinePath,
  parseBaseline,
  storedRunInput,
  writeBaseline,
  type BaselineFile,
  type StoredRun,
} from './baseline-file.js';
export { loadBench } from './load.js';
export {
  configurationId,
  matchConfigurations,
  runKey,
  specDifferences,
  NOT_IN_KEY,
  type ConfigurationMatching,
  type ConfigurationPair,
} from './match.js';
export {
  decide,
  MDE_POWER,
  type Caveat,
  type DecisionOptions,
  type Evidence,
  type MetricComparison,
  type MetricName,
  type Verdict,
} from './metrics.js';
export { envDifferences, ENV_FIELDS } from './environment.js';
export { formatComparison } from './format.js';
export { processValue, TIMING_METRICS, type FinishedById, type TimingMetric } from './process-values.js';
