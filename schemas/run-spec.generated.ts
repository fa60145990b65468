/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * A model with every option filled in: a built-in one, or the user's own with the absolute path and hash of its files.
 */
export type ResolvedModel = Model & Model1;
export type Model = BuiltinModel | UserModel;
/**
 * Learning-rate schedule over all steps of a run (warm-up steps included).
 */
export type ResolvedSchedule = ResolvedConstantSchedule | ResolvedStepSchedule | ResolvedCosineSchedule;
/**
 * Which steps take SAM. `interval` (default): every `sam.interval`-th step (Composer), today's behaviour. `random`: RST / SS-SAM (Zhao et al. 2022, arXiv 2203.09962): each step is a SAM step with probability p, decided by one draw per step from the run's seed (mulberry32, stream 6), so both frameworks pick the same steps; with `pFinal` (G-RST) the probability grows linearly from `p` at the first step to `pFinal` at the last (warm-up included). `random` needs `sam.interval` 1. `looksam`: LookSAM (Liu et al., CVPR 2022): SAM every `sam.interval`-th step (k = interval, as the `interval` variant), keeping g_v = g_s − (g·g_s/‖g‖²)·g, the part of the SAM gradient orthogonal to the plain one; each step after a SAM step applies g_t + alpha·(‖g_t‖/‖g_v‖)·g_v (step kind `reuse`: one forward/backward plus a few vector ops), over all variables at once (`granularity` `global`) or per variable (`tensor`). Steps before the first SAM step are plain, so the first SAM step is step k. `aesam`: AE-SAM (Jiang et al., ICLR 2023, arXiv 2304.14647): every step takes the plain gradient g_t first and is a SAM step when ‖g_t‖² ≥ μ_t + c_t·σ_t, with the moving mean μ_t = δ·μ_{t−1} + (1 − δ)·‖g_t‖² and variance σ²_t = δ·σ²_{t−1} + (1 − δ)·(‖g_t‖² − μ_t)² (both 0 before the first step), and c_t moving linearly from `lambda2` at the first step to `lambda1` at the last (warm-up included), so SAM steps grow more frequent as training goes on; other steps apply g_t (kind `base`). The fraction of SAM steps is measured, not set. `aesam` needs `sam.interval` 1 and runs at interval-1 points, like `random`; the PyTorch workers all-reduce g_t before deciding, so every rank decides alike. `late`: Late-phase SAM (Zhou et al. 2024, arXiv 2410.10373, "Sharpness-Aware Minimization Efficiently Selects Flatter Minima Late in Training"): plain steps (kind `base`) first, then SAM on the last n = floor(fraction·T + 0.5) steps of the run's T steps (warm-up included): 1-based step t is a SAM step when t > T − n. The paper finds that a few epochs of SAM at the end of training give nearly the generalization and sharpness of SAM throughout. A run whose fraction gives no SAM step (n = 0) fails, naming the fraction and T. `late` needs `sam.interval` 1 and runs at interval-1 points, like `random`. `esam`: ESAM (Du et al., ICLR 2022, "Efficient Sharpness-aware Minimization for Improved Training of Neural Networks"): SAM on every step, made cheaper two ways. Stochastic weight perturbation (`beta`): after each step every parameter tensor stays in the next step's ascent with probability beta (one draw per tensor from the run's seed, mulberry32 stream 6, the same in both frameworks); ‖g‖ and e = rho·g/(‖g‖ + epsilon)/beta cover those tensors only, the others are not perturbed (all are updated; a step whose draws leave out every tensor takes them all, where the authors' code has no gradient and fails). Sharpness-sensitive data selection (`gamma`): a forward pass at w + e without gradient gives each sample's loss increase, and the second pass runs on the samples whose increase is strictly above the floor(gamma·n)-th largest (gamma ≥ 0.99: all), as the authors' code (dydjw9/Efficient_SAM) selects them: floor(gamma·n) − 1 samples without ties. `esam` needs `sam.interval` 1 and runs at interval-1 points, like `random`; its SAM steps cost less than plain SAM's, which their measured step time shows. `module`: a TF.js variant of your own: an ES module (`path`, relative to the suite file) exporting `build(tf, variant, context)` (or a default export) that returns a SAM strategy; framework `tfjs` only. It picks its own SAM steps, so it runs at interval-1 points, like `random`, priced by the measured fraction of SAM steps; ids and labels name it by `name` (default: the file's stem) and its scalar `args`. `python`: a PyTorch variant of your own: `factory` `module:function`, the module imported from the suite file's folder (as `model.source` `python`), called `function(variant, context)` to return a SAM strategy; framework `torch` only. It runs at interval-1 points, like `module`; the PyTorch workers all-reduce its first gradient; ids and labels name it by `name` (default: the module's name) and its scalar `args`.
 */
export type ResolvedSamVariant =
  | ResolvedIntervalVariant
  | ResolvedRandomVariant
  | ResolvedLookSamVariant
  | ResolvedAeSamVariant
  | ResolvedLateVariant
  | ResolvedEsamVariant
  | ResolvedModuleVariant
  | ResolvedPythonVariant;

/**
 * One run of a suite, fully resolved: everything a worker (TF.js or PyTorch) needs, nothing left to defaults. `npm run bench` makes them from a suite (`--export DIR` writes them to DIR/runs/<id>.spec.json); a worker refuses a spec that does not match this schema.
 */
export interface RunSpec {
  /**
   * Stable id: the same suite always gives the same ids (results are keyed by it).
   */
  id: string;
  /**
   * Name of the suite the run belongs to.
   */
  suite: string;
  /**
   * Training framework of the worker: `tfjs` (TF.js) or `torch` (PyTorch).
   */
  framework: 'tfjs' | 'torch';
  /**
   * TF.js backend (PyTorch workers ignore it).
   */
  backend: 'tensorflow' | 'tensorflow-gpu' | 'wasm' | 'cpu';
  /**
   * Numeric precision of training.
   */
  precision: 'float32' | 'mixed-float16' | 'mixed-bfloat16';
  model: ResolvedModel;
  dataset: ResolvedDataset;
  optimizer: ResolvedOptimizer;
  /**
   * SAM settings; null: the no-SAM baseline.
   */
  sam: ResolvedSam | null;
  steps: ResolvedSteps;
  /**
   * Test-set evaluation; null for synthetic data.
   */
  evaluation: ResolvedEvaluation | null;
  /**
   * Seed of weight init and data order.
   */
  seed: number;
  /**
   * Round of this process among the suite's `repeats` (0-based); processes of one round run interleaved with the other runs' processes of that round.
   */
  repeat: number;
  /**
   * For a SAM run, the id of its matching no-SAM run (null for a no-SAM run and when the suite has `baseline: false`).
   */
  baselineId: string | null;
  /**
   * PyTorch settings (framework "torch"); null for TF.js runs.
   */
  torch: ResolvedTorch | null;
  /**
   * Hard limit: the launcher kills the worker after this long.
   */
  timeoutSeconds: number;
}
export interface BuiltinModel {
  /**
   * One of sambench's models.
   */
  source: 'builtin';
  /**
   * The network to train.
   */
  name: 'mlp' | 'small-cnn' | 'resnet20' | 'resnet56' | 'resnet18' | 'resnet50' | 'wrn-16-4' | 'vit-tiny';
  /**
   * Units of each hidden layer (`mlp` only; other models carry the mlp default and ignore it).
   *
   * @minItems 1
   */
  hidden: [number, ...number[]];
  /**
   * BatchNorm after each hidden layer (`mlp` and `small-cnn`; ResNets always have it).
   */
  batchNorm: boolean;
}
export interface UserModel {
  /**
   * Where the user's model comes from (the suite's `model.source`).
   */
  source: 'tfjs-layers' | 'tfjs-module' | 'python' | 'timm' | 'torchvision';
  /**
   * What reports call it: the timm or torchvision name, the file's name, or the factory.
   */
  name: string;
  /**
   * Absolute path of the model.json or module file (`tfjs-layers`, `tfjs-module`), or of the folder a `python` factory's module is imported from; null for timm and torchvision.
   */
  path: string | null;
  /**
   * `tfjs-module`: the export called; null otherwise.
   */
  export: string | null;
  /**
   * `python`: `module:function`; null otherwise.
   */
  factory: string | null;
  /**
   * Arguments passed on to the factory or constructor ({} for none).
   */
  args: {
    [k: string]: unknown;
  };
  /**
   * SHA-256 over the model's files (each file's name and own SHA-256, in order; the env event lists them one by one): an edited model is a different configuration. Null for timm and torchvision.
   */
  sha256: string | null;
}
export interface Model1 {
  source: unknown;
}
/**
 * A dataset with an absolute path (or null for synthetic data) and its input shape and class count.
 */
export interface ResolvedDataset {
  /**
   * Which data.
   */
  name: 'synthetic' | 'mnist' | 'fashion-mnist' | 'cifar10' | 'image-folder' | 'arrays';
  /**
   * Absolute folder of the dataset files; null for synthetic data.
   */
  path: string | null;
  /**
   * Samples per training step (per worker process).
   */
  batchSize: number;
  /**
   * Shape of one input sample, e.g. [28, 28, 1].
   *
   * @minItems 1
   * @maxItems 3
   */
  shape: [number] | [number, number] | [number, number, number];
  /**
   * Number of classes.
   */
  classes: number;
  /**
   * Training samples to use; null = all in the files.
   */
  samples: number | null;
  /**
   * Train on this many samples drawn at random from the training split, seeded by the run's seed; null = the first `samples` (or all).
   */
  trainSubset: number | null;
  /**
   * Probability that each training label is redrawn uniformly among the classes (seeded by the run's seed); 0 = clean labels.
   */
  labelNoise: number;
  /**
   * MixUp of the training batches; null = none.
   */
  mixup: Mixup | null;
  /**
   * Pad-4-and-crop plus horizontal flip, seeded from the run's seed.
   */
  augment: boolean;
  /**
   * Per-channel standardisation with training-set statistics (file datasets only).
   */
  normalize: boolean;
  /**
   * `image-folder` only: [height, width] every image is resized to; null otherwise.
   */
  imageSize: [number, number] | null;
  /**
   * `image-folder` only: what an undecodable image does.
   */
  onBadImage: 'skip' | 'fail';
}
/**
 * MixUp of the training batches (null in `dataset.mixup`: none).
 */
export interface Mixup {
  /**
   * λ ~ Beta(alpha, alpha), drawn per training step from the run's seed.
   */
  alpha: number;
}
/**
 * The base optimizer with its learning-rate schedule resolved.
 */
export interface ResolvedOptimizer {
  /**
   * The base optimizer (SAM wraps it).
   */
  name: 'sgd' | 'momentum' | 'adam' | 'rmsprop';
  /**
   * Base learning rate.
   */
  learningRate: number;
  /**
   * `momentum` only.
   */
  momentum: number;
  /**
   * `momentum` only.
   */
  nesterov: boolean;
  /**
   * L2 term `weightDecay · w` added to the gradient at the unperturbed weights.
   */
  weightDecay: number;
  /**
   * Label smoothing ε of the training loss (cross-entropy against (1 − ε)·onehot + ε/classes); 0 = none.
   */
  labelSmoothing: number;
  schedule: ResolvedSchedule;
}
/**
 * The same rate at every step.
 */
export interface ResolvedConstantSchedule {
  kind: 'constant';
}
/**
 * The rate multiplied by `gamma` after each milestone.
 */
export interface ResolvedStepSchedule {
  kind: 'step';
  /**
   * Steps (1-based) after which the rate is multiplied by gamma.
   *
   * @minItems 1
   */
  milestones: [number, ...number[]];
  /**
   * Factor applied at each milestone.
   */
  gamma: number;
}
/**
 * Linear warm-up for `warmupSteps`, then cosine decay to 0.
 */
export interface ResolvedCosineSchedule {
  kind: 'cosine';
  /**
   * Steps of linear warm-up.
   */
  warmupSteps: number;
}
/**
 * SAM settings of a SAM run, every value given.
 */
export interface ResolvedSam {
  /**
   * Radius of the ascent step.
   */
  rho: number;
  /**
   * Added to the gradient norm in `rho / (‖g‖ + epsilon)`.
   */
  epsilon: number;
  /**
   * SAM runs on steps interval, 2·interval, … (1-based); the base optimizer alone on the others.
   */
  interval: number;
  /**
   * Adaptive SAM (ASAM): scale the ascent by |w|.
   */
  adaptive: boolean;
  /**
   * What the perturbed pass may leave in BatchNorm moving statistics: `discard` keeps the first pass's, `keep` lets both passes update them.
   */
  secondPassState: 'discard' | 'keep';
  /**
   * The c this run's rho came from (rho = c · interval, the suite's `matrix.rhoPerInterval`); null when rho is a fixed value.
   */
  rhoPerInterval: number | null;
  variant: ResolvedSamVariant;
}
export interface ResolvedIntervalVariant {
  kind: 'interval';
}
export interface ResolvedRandomVariant {
  kind: 'random';
  /**
   * Probability that a step is a SAM step (at the first step, with `pFinal`).
   */
  p: number;
  /**
   * G-RST: the probability at the last step (linear in between); null: constant `p`.
   */
  pFinal: number | null;
}
export interface ResolvedLookSamVariant {
  kind: 'looksam';
  /**
   * Weight of the reused direction g_v (the paper uses about 0.7).
   */
  alpha: number;
  /**
   * Where g_v is taken and ‖g_t‖/‖g_v‖ scaled. `global`: one projection and one ratio over every trainable variable at once, as three of five public implementations (and sambench before this key) do. `tensor`: per variable (parameter tensor) i, g_v,i = g_s,i − (g_i·g_s,i/‖g_i‖²)·g_i and g_t,i + alpha·(‖g_t,i‖/‖g_v,i‖)·g_v,i, as rollovd/LookSAM and pytorch_optimizer's LookSAM do; its run ids add `-gtensor`. Absent (specs written before it): `global`.
   */
  granularity?: 'global' | 'tensor';
}
export interface ResolvedAeSamVariant {
  kind: 'aesam';
  /**
   * δ, the forgetting rate of the moving mean and variance of ‖g_t‖² (0.9 as in the paper's experiments, as we read them).
   */
  delta: number;
  /**
   * λ1, the threshold's c at the last step; at most `lambda2` (−1 as in the paper's experiments, as we read them).
   */
  lambda1: number;
  /**
   * λ2, the threshold's c at the first step (1 as in the paper's experiments, as we read them).
   */
  lambda2: number;
}
export interface ResolvedLateVariant {
  kind: 'late';
  /**
   * The fraction of the run's steps (warm-up included) that are SAM steps, all at the end: the last floor(fraction·T + 0.5). Default 0.125, the paper's example exactly (WideResNet-16-8 on CIFAR-10: SGD to epoch 175, then SAM to epoch 200, the last 12.5%); 1 is SAM at every step.
   */
  fraction: number;
}
export interface ResolvedEsamVariant {
  kind: 'esam';
  /**
   * SWP: the probability that a parameter tensor takes part in a step's ascent (drawn after each step for the next; all take part in step 1). Default 0.5, the authors' run.sh. 1: every tensor, every step.
   */
  beta: number;
  /**
   * SDS: the fraction of each batch, by loss increase at w + e, that the second pass runs on (as the authors' code: the samples strictly above the floor(gamma·n)-th largest increase; 0.99 or more: every sample). Default 0.5, the authors' run.sh. A gamma with floor(gamma·n) below 2 fails the run (nothing is strictly above the largest); increases that all tie at the cutoff (a perturbation that moved no loss) take the whole batch, where the authors' code gives NaN.
   */
  gamma: number;
}
export interface ResolvedModuleVariant {
  kind: 'module';
  /**
   * What run ids and configuration labels call it: the suite's `name`, or the file's stem (`module`) or module's name (`python`) made id-safe.
   */
  name: string;
  /**
   * Absolute path of the ES module.
   */
  path: string;
  /**
   * SHA-256 of the module file when the suite was expanded: an edited file is a different configuration (`--resume` refuses it).
   */
  sha256: string;
  /**
   * The suite's `args` ({} for none), passed to the factory as `context.args`.
   */
  args: {
    [k: string]: unknown;
  };
}
export interface ResolvedPythonVariant {
  kind: 'python';
  /**
   * What run ids and configuration labels call it: the suite's `name`, or the file's stem (`module`) or module's name (`python`) made id-safe.
   */
  name: string;
  /**
   * Absolute path of the factory's module file (`a/b.py`, or `a/b/__init__.py` for a package), found from the suite file's folder.
   */
  path: string;
  /**
   * The module's function that builds the strategy, called `function(variant, context)`.
   */
  function: string;
  /**
   * SHA-256 of the module file when the suite was expanded: an edited file is a different configuration (`--resume` refuses it).
   */
  sha256: string;
  /**
   * The suite's `args` ({} for none), passed to the factory as `context.args`.
   */
  args: {
    [k: string]: unknown;
  };
}
/**
 * Step budget of the run.
 */
export interface ResolvedSteps {
  /**
   * Steps run first and left out of every statistic.
   */
  warmup: number;
  /**
   * Steps timed after warm-up.
   */
  measured: number;
  /**
   * Stop the measured steps after this many seconds; null = no limit.
   */
  timeLimitSeconds: number | null;
}
/**
 * Test-set evaluation of a run.
 */
export interface ResolvedEvaluation {
  /**
   * Evaluate every this many steps (0 = only at the end); the last step is always evaluated.
   */
  everySteps: number;
  /**
   * Test samples to use; null = the whole test split.
   */
  testSamples: number | null;
  /**
   * Top-1 accuracy whose first crossing gives time-to-accuracy; null = none.
   */
  targetAccuracy: number | null;
}
/**
 * Settings of the PyTorch worker.
 */
export interface ResolvedTorch {
  /**
   * Where to train.
   */
  device: 'cpu' | 'cuda';
  /**
   * Data-parallel worker processes (torchrun).
   */
  worldSize: number;
  /**
   * Use the channels_last memory format for convolutional models.
   */
  channelsLast: boolean;
  /**
   * All-reduce SAM's first (ascent) gradient across workers.
   */
  syncFirstGradient: boolean;
}
