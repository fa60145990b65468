// SAM for TensorFlow.js: takes any tf.Optimizer, gives one that applies the gradient taken at
// w + rho·g/‖g‖ on every `interval`-th step. Knows nothing of suites, workers or reports.
export { SAM, type PerSampleLoss, type SamStepKind, type SamStepStats } from './sam-optimizer.js';
export type { SamStrategy, StrategyContext, StrategyFactory, StrategyModule, TfCore } from './strategy.js';
export { SAM_STRATEGIES, type BuiltinStrategyKind } from './strategies.generated.js';
export { SAM_DEFAULTS, resolveSamOptions, type SamOptions, type ResolvedSamOptions, type SecondPassState } from './options.js';
export { RandomSchedule, SAM_SCHEDULE_STREAM, linearOverRun, samProbability, type RandomScheduleOptions } from './random-schedule.js';
export {
  LOOK_SAM_GRANULARITIES,
  globalNorm,
  orthogonalComponent,
  reusedGradient,
  type LookSamGranularity,
  type LookSamOptions,
  type ReusedDirection,
} from './look-sam.js';
export { AeSamSchedule, type AeSamScheduleOptions, type AeSamState } from './ae-sam.js';
