// measure/: takes each run's spec, events and launcher outcome; gives one RunResult per run (the
// only reduction of events) and per-configuration pools over seeds. Pure: no I/O, no printing.
export { reduceRuns } from './reduce.js';
export { runStatus, type RunStatus } from './status.js';
export { SPEED_MONITOR_WINDOW, type FinalEval, type LaunchOutcome, type RunInput, type RunResult } from './run-result.js';
export { onFront, regulariserSetting, samSetting, summarizeConfigurations, type ConfigurationSummary } from './configurations.js';
export {
  BYTES_PER_PARAMETER,
  memoryOverhead,
  memoryOverheads,
  peakBytes,
  predictedCopies,
  type MemoryOverhead,
  type PeakSource,
} from './memory.js';
