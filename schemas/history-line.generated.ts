/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * One line of results/history.jsonl: one bench, written when it ends (`npm run bench`, `sambench ab` for its second revision). Version 2 keeps, per configuration, one value per finished process of each timing metric, the pooled ratios and slowdowns with their intervals, and the accuracy; beside them the machine fingerprint and the commit. Lines written before versions existed (no `version`) are read as version 1 (`$defs/lineV1`) and upgraded on reading: their runs become one-process values of their configurations.
 */
export type HistoryLine = HistoryLineV2 | HistoryLineV1;
/**
 * The environment of the bench's first run that reported one; null when none did.
 */
export type HistoryEnv = {
  cpu?: string | null;
  gpu?: string | null;
  backend?: string | null;
  nativeTensorflow?: string | null;
  tfjs?: string | null;
  torch?: string | null;
  node?: string | null;
  platform?: string | null;
  cores?: number | null;
  /**
   * SAMBENCH_INJECT_SLOWDOWN of the bench's workers, when one was set (a simulated regression).
   */
  injectedSlowdown?: number;
} | null;
/**
 * A value pooled over the configuration's finished processes (stepRatio: what the step-ratio verdict judges; slowdown: against the no-SAM processes; slowdownWithinRun: against the process's own base steps, what a within-run slowdown verdict judges), with its 95 % t-interval between processes; null when no process has one.
 */
export type HistoryEstimate = {
  value: number;
  /**
   * @minItems 2
   * @maxItems 2
   */
  ci95: [number, number];
} | null;

export interface HistoryLineV2 {
  version: 2;
  /**
   * The suite's name.
   */
  suite: string;
  /**
   * When the line was written (ISO 8601).
   */
  timestamp: string;
  /**
   * The results folder, relative to the current folder when inside it.
   */
  results: string;
  /**
   * The sambench commit benched ($GITHUB_SHA, `git rev-parse HEAD`, or the revision `sambench ab` built); null outside a git checkout.
   */
  commit: string | null;
  /**
   * The machine fingerprint: CPU, cores, GPU, backend and its native library, platform. Absolute step times are compared only between lines of one fingerprint.
   */
  machine: string;
  env: HistoryEnv;
  /**
   * Written by `sambench ab`: the revision this bench was interleaved with, and whether a metric regressed against it.
   */
  against?: {
    commit: string;
    regressed: boolean;
  };
  /**
   * The suite's regression.minEffect when the bench ran: the smallest change the nightly fails on; null when the suite set none.
   */
  minEffect: number | null;
  configurations: HistoryConfiguration[];
}
/**
 * One configuration of the bench (its processes: a suite's repeats of one run).
 */
export interface HistoryConfiguration {
  /**
   * The configuration's run id without the `-r<round>` suffix of a repeated process.
   */
  id: string;
  /**
   * Processes of the configuration.
   */
  processes: number;
  /**
   * Of them, processes that failed (left out of the values).
   */
  failed: number;
  /**
   * One value per finished process that has one, in the order the processes are listed in the bench.
   */
  values: {
    /**
     * Median base (no-SAM) step, ms.
     */
    baseStepMs: number[];
    /**
     * Median SAM step, ms.
     */
    samStepMs: number[];
    /**
     * Median SAM step / median base step (its own, or its no-SAM process's at interval 1).
     */
    stepRatio: number[];
    /**
     * Mean step / mean step of the no-SAM process of the same round, − 1.
     */
    slowdown: number[];
    /**
     * Mean step / its own median base step, − 1 (interval > 1).
     */
    slowdownWithinRun: number[];
  };
  stepRatio: HistoryEstimate;
  slowdown: HistoryEstimate;
  slowdownWithinRun: HistoryEstimate;
  /**
   * Mean final top-1 accuracy of the finished processes; null without an evaluation.
   */
  accuracy: number | null;
}
/**
 * A line written before history lines had versions: per run (process) its point estimates. It has no `version`: a line with one is a version-2 line.
 */
export interface HistoryLineV1 {
  version?: never;
  suite: string;
  timestamp: string;
  results?: string;
  commit?: string | null;
  env?: {} | null;
  runs: HistoryRunV1[];
}
export interface HistoryRunV1 {
  id: string;
  status: 'ok' | 'failed';
  baseMedianMs?: number | null;
  samMedianMs?: number | null;
  ratio?: number | null;
  slowdown?: number | null;
  finalAccuracy?: number | null;
}
