// sambench's library entry: bench(), loadResults() and compare() with the result model the CLI
// prints, the errors it maps to exit codes, the SAM optimizer and the backend loader.
export * from './sam/index.js';
export { loadBackend, BACKEND_NAMES, type BackendName, type BackendInfo } from './worker/backend.js';
export { bench, type BenchOptions, type BenchOutcome, type SuiteInput } from './cli/bench.js';
export type { BenchEvent, BenchListener, RunEvent } from './cli/bench-events.js';
export {
  loadResults,
  compare,
  COMPARE_DEFAULTS,
  CompareInputError,
  type BenchData,
  type BenchResults,
  type JudgeOptions,
  type Comparison,
  type ComparisonResult,
  type CompareOptions,
  type ConfigurationComparison,
  type DecisionOptions,
  type MetricComparison,
  type MetricName,
  type Verdict as MetricVerdict,
} from './compare/index.js';
export type { RunResult, FinalEval, ConfigurationSummary } from './measure/index.js';
export type { Verdict } from './report/verdicts.js';
export type { BenchManifest } from './provenance.js';
export type { RunSpec, Suite, WorkerEvent } from '../schemas/index.js';
export { SuiteError, type SuiteProblem } from './suite/index.js';
export { ExitCode, SambenchError, UsageError, type ExitCodeValue } from './errors.js';
