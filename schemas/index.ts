// schemas/: the contracts between stages — the suite a user writes, the RunSpec a worker
// takes, the events a worker prints — as JSON Schemas with their generated types and
// validators. Imports nothing from harness/; every stage may import it.
export type {
  AccuracyGainExpectation,
  ConstantSchedule,
  CosineSchedule,
  Dataset,
  Evaluation,
  Expectation,
  Launch,
  Limits,
  Matrix,
  Model,
  ModuleVariant,
  Optimizer,
  PythonVariant,
  Range,
  Regression,
  RhoScalingAccuracyExpectation,
  RhoScalingExpectation,
  Sam,
  Slurm,
  SamVariant,
  Schedule,
  SlowdownExpectation,
  SlowdownLawExpectation,
  StepRatioExpectation,
  StepSchedule,
  Steps,
  Suite,
  TimeToAccuracyRatioExpectation,
  Torch,
} from './suite.generated.js';
export type { DoneEvent, EnvEvent, ErrorEvent, EvalEvent, MachineEvent, StepEvent, WorkerEvent } from './events.generated.js';
export type {
  ResolvedConstantSchedule,
  ResolvedCosineSchedule,
  ResolvedDataset,
  ResolvedEvaluation,
  ResolvedModel,
  ResolvedModuleVariant,
  ResolvedOptimizer,
  ResolvedPythonVariant,
  ResolvedSam,
  ResolvedSamVariant,
  ResolvedSchedule,
  ResolvedStepSchedule,
  ResolvedSteps,
  ResolvedTorch,
  RunSpec,
} from './run-spec.generated.js';
export { ContractError, formatIssues } from './contract-error.js';
export { describeError, schemaIssues, shown, type SchemaIssue } from './issues.js';
export { withSchemaDefaults } from './defaults.js';
export { SCHEMAS_DIR, readSchema, validatorOf, type SchemaName } from './load.js';
export { checkRunSpec, parseRunSpec } from './run-spec.js';
export {
  idSafe,
  isSamPlugin,
  picksOwnSamSteps,
  registryProblems,
  samVariantOf,
  scheduleParts,
  settingOrder,
  writtenSettings,
  type ScheduleParts,
  type ScheduleSettingName,
  type SettingOrder,
} from './sam-variant.js';
export { EVENT_TYPES, checkEvent, type EventCheck } from './events.js';
export { INJECT_SLOWDOWN_ENV, LAUNCHER_PID_ENV } from './worker-env.js';
export { EXPECTED_DATASET_FOLDER } from './dataset-files.js';
export type { BuiltinModel, UserModel } from './run-spec.generated.js';
export {
  BUILTIN_MODELS,
  DATASETS,
  DATASET_FORMAT_FILES,
  MODEL_SOURCES,
  SAM_PLUGINS,
  SAM_VARIANTS,
  isConvolutional,
  isSamPluginKind,
  samKindFacts,
  membersFor,
  type BuiltinModelEntry,
  type DatasetEntry,
  type DatasetFormat,
  type DatasetFormatFiles,
  type DatasetName,
  type Framework,
  type ModelSource,
  type ModelSourceEntry,
  type ResolvedSamPlugin,
  type SamKindFacts,
  type SamPluginEntry,
  type SamPluginKind,
  type SamVariantCost,
  type SamVariantEntry,
  type SamVariantKind,
  type SamVariantPart,
  type SamVariantProblem,
} from './registry.js';
export {
  EXPECTATION_ALIASES,
  EXPECTATION_KINDS,
  expectationFacts,
  verdictKind,
  type ExpectationAlias,
  type ExpectationAliasEntry,
  type ExpectationEntry,
  type ExpectationKind,
  type VerdictKind,
} from './registry.js';
export { layersWeightFiles, modelDigest, ModelFileProblem, sha256Hex, type ModelFile } from './model-files.js';
export { PROBE_ERROR_EXIT, PROBE_FLAG, parseProbeLine, type ProbeError, type ProbeLine, type ProbeOk } from './probe.js';
export {
  checkHistoryLine,
  HISTORY_VERSION,
  type HistoryConfiguration,
  type HistoryEnv,
  type HistoryEstimate,
  type HistoryLine,
  type HistoryLineV1,
  type HistoryLineV2,
  type HistoryRunV1,
} from './history-line.js';
