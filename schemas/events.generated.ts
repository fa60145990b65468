/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * One line of a run's event log (JSON Lines): what a training run reports, in order: env, then step/eval events, then done or error; after a done, the launcher adds a machine event.
 */
export type WorkerEvent = EnvEvent | StepEvent | EvalEvent | DoneEvent | ErrorEvent | MachineEvent;

/**
 * The environment the run measured in.
 */
export interface EnvEvent {
  type: 'env';
  runId: string;
  framework: string;
  /**
   * Backend in use (tf.getBackend()).
   */
  backend: string;
  /**
   * Fraction by which every step was made slower on purpose (SAMBENCH_INJECT_SLOWDOWN, for calibration and tests); absent or 0 in a real measurement.
   */
  injectedSlowdown?: number;
  /**
   * False for TF.js' pure-JS and wasm fallbacks.
   */
  representative?: boolean;
  /**
   * Node.js version (framework tfjs).
   */
  node?: string;
  /**
   * TF.js version (framework tfjs).
   */
  tfjs?: string;
  /**
   * libtensorflow version under tfjs-node.
   */
  nativeTensorflow?: string | null;
  nativeSource?: string | null;
  /**
   * CPU model.
   */
  cpu: string;
  cores: number;
  gpu?: string | null;
  platform: string;
  hostname: string;
  /**
   * CUDA_VISIBLE_DEVICES as the worker got it: the GPUs it was given (the local multi-GPU launcher pins each run to one), when set.
   */
  visibleDevices?: string;
  /**
   * Set when the run was a Slurm task: its ids and node, from SLURM_JOB_ID, SLURM_ARRAY_JOB_ID, SLURM_ARRAY_TASK_ID and SLURMD_NODENAME.
   */
  slurm?: {
    jobId: string;
    arrayJobId?: string;
    arrayTaskId?: number;
    nodeName: string;
  };
  /**
   * Trainable parameters of the model.
   */
  parameters: number;
  /**
   * The model trained: where it came from, and for a user's model its files' hashes and the library that built it.
   */
  model?: {
    /**
     * `builtin`, `tfjs-layers`, `tfjs-module`, `python`, `timm` or `torchvision` (the run spec's `model.source`).
     */
    source: string;
    /**
     * The run spec's `model.name`.
     */
    name: string;
    /**
     * Each file the model was read from, with its SHA-256 as the worker read it.
     */
    files?: {
      path: string;
      sha256: string;
    }[];
    /**
     * The library that built it (`timm`, `torchvision`), for those sources.
     */
    library?: string;
    /**
     * That library's version.
     */
    libraryVersion?: string;
  };
  /**
   * What the data loader loaded: samples, skipped files.
   */
  data?: {
    [k: string]: unknown;
  };
  /**
   * PyTorch version (framework torch).
   */
  torch?: string;
  python?: string;
  precision?: string;
  worldSize?: number;
  /**
   * CPU threads the framework may use for one op (TF_NUM_INTRAOP_THREADS or torch.get_num_threads(), else the CPUs available).
   */
  threads?: number;
  /**
   * What the worker could not tell about its environment, and why: e.g. a variable that is not a number (the field it would set is then absent).
   */
  notes?: string[];
  /**
   * Where the worker's time went before its first step, in milliseconds; with the steps, evaluations and done.wallMs it splits a run's wall time (npm run bench:time-to-verdict).
   */
  startup?: {
    /**
     * From the process's start to the worker's own code: the runtime's boot and the worker's modules (Node: performance.now() when main starts; Python: from /proc/self/stat, null where there is no /proc).
     */
    processMs: number | null;
    /**
     * Reading the run spec, then loading and starting the framework: the TF.js backend (native libtensorflow), or torch and its process group.
     */
    frameworkMs: number;
    /**
     * Loading or generating the training and test data.
     */
    dataMs: number;
    /**
     * Building the model and the optimizer (TF.js: the model; the optimizer is built lazily).
     */
    modelMs: number;
  };
}
/**
 * One training step, timed from batch ready to loss read back.
 */
export interface StepEvent {
  type: 'step';
  /**
   * Step number, 1-based, warm-up included.
   */
  i: number;
  /**
   * `sam`: two passes; `base`: the base optimizer alone; `reuse` (LookSAM, between SAM steps): one pass, the plain gradient plus the kept orthogonal direction g_v.
   */
  kind: 'sam' | 'base' | 'reuse';
  /**
   * Wall-clock milliseconds of the step, more than 0 and at most a day (86,400,000 ms): a step that took no time, or longer than a day, is not a step but a broken clock or worker; and every step-time ratio divides by these.
   */
  ms: number;
  /**
   * CPU time (user + system) the worker process spent during `ms`, all its threads together, in milliseconds: less sensitive than `ms` to other work on the machine, though it also counts busy-waiting threads and the batch-assembly thread; at most 1,000 core-days (86,400,000,000 ms).
   */
  cpuMs?: number;
  /**
   * Milliseconds spent preparing this step's batch (not in `ms`); at most a day.
   */
  dataMs?: number;
  /**
   * Training loss at the unperturbed weights (null if not finite).
   */
  loss: number | null;
  /**
   * Warm-up steps are left out of statistics.
   */
  warmup: boolean;
  /**
   * Data-parallel runs: each worker's own step time (ms, at most a day), by rank; `ms` is rank 0's.
   */
  workersMs?: number[];
  /**
   * Data-parallel runs: time rank 0 spent in gradient all-reduce during the step (ms, at most a day).
   */
  allreduceMs?: number;
  /**
   * Mixed float16: the loss scaler found inf/NaN gradients, so the update was skipped and the weights left unchanged.
   */
  skipped?: boolean;
}
/**
 * A test-set evaluation (not counted in step times).
 */
export interface EvalEvent {
  type: 'eval';
  /**
   * Steps done when evaluated.
   */
  step: number;
  /**
   * Top-1 accuracy.
   */
  acc: number;
  /**
   * Top-5 accuracy (null with 10 classes or fewer).
   */
  top5?: number | null;
  /**
   * Mean cross-entropy on the test samples.
   */
  loss: number;
  samples: number;
  /**
   * Training wall time so far (steps and data, warm-up included; evaluations excluded).
   */
  trainMs: number;
  /**
   * How long this evaluation took.
   */
  evalMs?: number;
}
export interface DoneEvent {
  type: 'done';
  /**
   * Steps run, warm-up included.
   */
  steps: number;
  wallMs: number;
  /**
   * True when steps.timeLimitSeconds stopped the run early.
   */
  truncated?: boolean;
  /**
   * Peak resident set size of the worker process in bytes (getrusage's maxrss: process.resourceUsage().maxRSS in TF.js, resource.getrusage in PyTorch). Under torchrun, rank 0's own process only: the other ranks' are not summed in.
   */
  peakRssBytes?: number;
  /**
   * Peak device memory allocated by the worker in bytes (torch.cuda.max_memory_allocated on CUDA); null on CPU and in TF.js. Under torchrun, rank 0's device only.
   */
  peakDeviceBytes?: number | null;
  /**
   * Deprecated: the name of peakDeviceBytes in logs written before it; read as peakDeviceBytes, no longer written.
   */
  peakMemoryBytes?: number | null;
}
export interface ErrorEvent {
  type: 'error';
  /**
   * `nan`: the loss became NaN or infinite; `worker-error`: anything else the worker caught.
   */
  reason: 'nan' | 'worker-error';
  message: string;
  step?: number;
  stack?: string;
}
/**
 * Written by the launcher, not the worker: how busy the machine was from the first measured step to the end of the run, as shares of all cores' time (from /proc/stat; Linux only).
 */
export interface MachineEvent {
  type: 'machine';
  /**
   * Busy share of all cores, this run included.
   */
  busyShare: number;
  /**
   * Share the worker's measured steps used (their CPU time over the window's core time).
   */
  ownShare: number;
  /**
   * busyShare − ownShare: what other processes took.
   */
  otherShare: number;
  /**
   * Share stolen by the hypervisor.
   */
  stealShare: number;
  /**
   * 1-minute load average at the end of the run.
   */
  loadAverage: number;
}
