// Launch: takes one RunSpec and a worker command, gives a RunOutcome and <runsDir>/<id>.jsonl
// (the worker's valid events, append-only). Never imports the worker (TensorFlow stays out of
// this process) and never throws for a failed run: a failure is data.
export { launchRun, type LaunchOptions } from './launch-run.js';
export { noGuard, pdeathsigGuard, processGuard, type ProcessGuard } from './reaper.js';
export { launchOne, sequentialLauncher, type LaunchHooks, type LaunchJob, type Launcher } from './launcher.js';
export { failureReason, type FailureReason, type RunFailed, type RunOk, type RunOutcome, type WorkerExit } from './run-outcome.js';
export {
  clearRunLog,
  isSpecFileName,
  readRunLog,
  readRunSpecFile,
  withAddedKeys,
  runFileNames,
  runFiles,
  type RunFiles,
  type RunLog,
} from './run-files.js';
export { parseEventLine, type ParsedLine } from './event-line.js';
export { readStdoutWarning } from './stdout-log.js';
export { pythonCommand, shellWord, workerCommand, type WorkerCommand } from './worker-command.js';
export { missingBackendPackage, missingTorch, preflight } from './preflight.js';
export { probeSuite, runModelProbe } from './model-probe.js';
export { needsModelProbe, probeTargets, suitePointer, type ProbeTarget, type ProbedVariant } from './probe-targets.js';
export { probeResult, type ProbeContext, type ProbeEnd } from './probe-outcome.js';
export { GPU_BACKEND_HINT } from './setup-hints.js';
export { BUSY_MACHINE_SHARE, type MachineLoad } from './machine-load.js';
