// compare/: takes two benches (results folders or committed baseline files), gives per matched
// run and metric improved / unchanged / regressed from the samples' distributions; also writes
// baselines and the bench history. Never runs a bench.
export { compareBenches, COMPARE_DEFAULTS, type Comparison, type CompareOptions, type RunComparison } from './compare.js';
export { CompareInputError, readResultsFolder, type BenchData } from './bench-data.js';
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
export { matchRuns, runKey, specDifferences, NOT_IN_KEY, type RunMatching, type RunPair } from './match.js';
export { decide, type DecisionOptions, type MetricComparison, type MetricName, type Verdict } from './metrics.js';
export { envDifferences, ENV_FIELDS } from './environment.js';
export { formatComparison } from './format.js';
export { appendHistory, type HistoryLine, type HistoryOptions, type HistoryRun } from './history.js';
