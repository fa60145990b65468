// The one per-run model: what a run is, reduced once from its spec, its events and (when this
// process launched it) the launcher's outcome. The CSVs, the terminal and HTML tables, the
// page's charts, verdicts, history, baselines and compare all read it; none reduces events again.
import type { EnvEvent, EvalEvent, MachineEvent, RunSpec, StepEvent, WorkerEvent } from '../../schemas/index.js';
import type { Estimate, Statistics } from '../stats/index.js';

/** Composer's SpeedMonitor window (batches). */
export const SPEED_MONITOR_WINDOW = 100;

// The launcher's view of a run it started; absent for a run read back from disk.
/** How the launcher saw a run end (launch/run-outcome.ts), as far as the result needs it. */
export interface LaunchOutcome {
  status: 'ok' | 'failed';
  /** The launcher's FailureReason when failed. */
  reason?: string;
  message?: string;
}

// What the reduction takes: exactly what a results folder holds per run, plus the launcher's word.
/** One run as launched or read back: its spec, its events in order, and the launcher's outcome if known. */
export interface RunInput {
  spec: RunSpec;
  events: readonly WorkerEvent[];
  outcome?: LaunchOutcome | null;
  /** Doubts about the run that did not fail it (stdout lines that were not events); none when absent. */
  warnings?: readonly string[];
}

// Keeps what evaluating at the end measured, and the sample count compare's interval needs.
/** The last evaluation of a successful run. */
export interface FinalEval {
  /** Top-1 test accuracy, 0–1. */
  acc: number;
  top5: number | null;
  /** Mean test cross-entropy. */
  loss: number;
  /** Test samples it was measured on. */
  samples: number;
  /** Training steps done when it was measured. */
  step: number;
}

/**
 * Everything measured about one run. Raw values are kept (`steps`, `evals`, `stepsMs`); every
 * statistic below is derived from them by measure/reduce.ts, the only reduction of events.
 *
 * **status** — `ok` exactly when the run's event log holds a `done` event, no `error` event,
 * step numbers that only go up, and the planned measured steps (fewer only when the time limit
 * stopped it: `done.truncated`); and the launcher, when this process launched the run, found no
 * failure either (its `failureReason` adds timeout, signal and exit code). A run read back from
 * disk (compare, `--resume`) has only its log, so only the log checks apply; `--resume` keeps
 * exactly the runs that are ok. Defined once: `runStatus` (measure/status.ts). A baseline file
 * stores the status it was written with.
 */
export interface RunResult {
  spec: RunSpec;
  status: 'ok' | 'failed';
  /**
   * Why a failed run failed, null when ok: the launcher's reason (`timeout`, `signal`, `crash`,
   * `nan`, `worker-error`) or, read from disk, the `error` event's reason, else `protocol-error`
   * (step numbers repeat or go back), `unfinished` (no `done`) or `incomplete` (not the planned
   * measured steps).
   */
  reason: string | null;
  /** One line for the user about a failure (the launcher's, the `error` event's, or the log check's); null when ok or unknown. */
  message: string | null;
  /** Doubts that did not fail the run, one sentence each (e.g. stdout lines that were not events, and where they are). */
  warnings: string[];
  env: EnvEvent | null;
  /** Every step the worker reported, in order, warm-up included (raw ms). */
  steps: StepEvent[];
  /** Every evaluation the worker reported, in event order (failed runs included). */
  evals: EvalEvent[];
  /** Measured (non-warm-up) step times in ms per step kind, in step order: the samples of every step statistic. */
  stepsMs: { base: number[]; sam: number[] };
  warmupSteps: number;
  measuredSteps: number;
  truncated: boolean;
  /** Measured base steps (the base optimizer alone). */
  base: Statistics | null;
  /** Measured SAM steps (two passes). */
  sam: Statistics | null;
  /** CPU time of the measured steps per kind (ms, all the worker's threads); null when the worker did not report it. */
  cpu: { base: Statistics | null; sam: Statistics | null } | null;
  /** How busy the machine was while the run measured (the launcher's `machine` event); null when unknown. */
  machine: MachineEvent | null;
  /** Median SAM step / median base step; base steps from this run, or from the baseline when it has none (interval 1). */
  stepRatio: (Estimate & { source: 'same-run' | 'baseline' }) | null;
  /** Mean measured step time, all kinds (ms). */
  meanStepMs: number | null;
  samplesPerSecond: number | null;
  /** Mean step time of this SAM run over its baseline's, minus 1 (0.07 = 7 % slower). */
  slowdown: Estimate | null;
  /**
   * Mean step time of this SAM run over the mean of its own base steps, minus 1 (interval > 1
   * only). Both come from one process, interleaved in time, so it is immune to the
   * process-to-process noise that `slowdown` carries, but blind to base steps made slower by SAM.
   */
  slowdownWithinRun: Estimate | null;
  /** Measured SAM steps over measured steps, all kinds (SAM runs; null for no SAM or no measured step). */
  samFraction: number | null;
  /**
   * The slowdown the step ratio r = stepRatio predicts: (r − 1) / interval; (r − 1) · samFraction
   * for schedules that pick their own SAM steps (random, AE-SAM); LookSAM's adds its reuse overhead.
   */
  predictedSlowdown: number | null;
  /** Composer SpeedMonitor style: samples/s over the last window of steps, warm-up and data time included. */
  speedMonitorSamplesPerSecond: number | null;
  speedMonitorWindow: number;
  dataMsMedian: number | null;
  /** The worker's peak resident set size in bytes (rank 0's process under torchrun); null when its done event has none. */
  peakRssBytes: number | null;
  /** The worker's peak allocated device memory in bytes (CUDA, rank 0's device); null on CPU, in TF.js, or unreported. */
  peakDeviceBytes: number | null;
  /** Training loss of the last step. */
  finalLoss: number | null;
  /** The last evaluation of a successful run; null without evaluation or when the run failed. */
  finalEval: FinalEval | null;
  /** Training ms (evaluations excluded) until the first evaluation at or above evaluation.targetAccuracy. */
  timeToTargetMs: number | null;
  /** Final accuracy minus that of the no-SAM run with the same seed, in percentage points. */
  accuracyGain: number | null;
  /** timeToTargetMs over the no-SAM run's; null if either never reached the target. */
  timeToTargetRatio: number | null;
}
