/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * A sambench suite: one model and dataset, the settings to sweep, and what the results are expected to show. `npm run bench -- <suite.json>` runs it.
 */
export type Suite = {
  /**
   * Path or URL of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * Short name; results go to results/<name>/<timestamp>/.
   */
  name: string;
  /**
   * What the suite is for.
   */
  description?: string;
  /**
   * Training framework of the worker processes. `tfjs`: TensorFlow.js (float32 only; backend chooses CPU or GPU). `torch`: PyTorch in a Python worker (mixed precision, data-parallel; settings under `torch`).
   */
  framework?: 'tfjs' | 'torch';
  /**
   * TF.js backend: `tensorflow` = native libtensorflow on CPU, `tensorflow-gpu` = @tensorflow/tfjs-node-gpu; `wasm` and `cpu` are fallbacks whose timings are not representative.
   */
  backend?: 'tensorflow' | 'tensorflow-gpu' | 'wasm' | 'cpu';
  /**
   * Numeric precision of training. TF.js computes in float32 only.
   */
  precision?: 'float32' | 'mixed-float16' | 'mixed-bfloat16';
  model: Model;
  dataset: Dataset;
  optimizer?: Optimizer;
  sam?: Sam;
  steps: Steps;
  /**
   * Seeds; every matrix point runs once per seed (weight init and data order).
   *
   * @minItems 1
   */
  seeds?: [number, ...number[]];
  /**
   * Worker processes per run (each matrix point and seed), launched in rounds: every round runs each run once, in an order shuffled per round (seeded, so reruns repeat it), so a slow period of a shared machine hits every arm alike. Processes, not steps, are the unit of the timing statistics: with 3 or more, the slowdown against the no-SAM run and compare's verdicts get intervals that hold process-to-process noise. Repeats train identically (same seed), so accuracy counts each seed once. Run ids get a -r<round> suffix when repeats > 1.
   */
  repeats?: number;
  matrix?: Matrix;
  /**
   * Also run a matching no-SAM run (same model, data, batch size, learning rate and seed) for every SAM run; needed for slowdown.
   */
  baseline?: boolean;
  /**
   * Checks made on the results; any failing one makes the exit code 1.
   */
  expect?: Expectation[];
  limits?: Limits;
  launch?: Launch;
  evaluation?: Evaluation;
  regression?: Regression;
  torch?: Torch;
};
/**
 * The network to train: one of sambench's, by `name`, or your own (`source`). Which keys go with which source: docs/own-model.md.
 */
export type Model = {
  /**
   * Where the model comes from; absent means `builtin`. `builtin`: one of sambench's models, by `name` (the default when `source` is absent). `tfjs-layers`: a TF.js Layers model as `model.save('file://…')` or `tensorflowjs_converter --input_format keras` writes it: `path` names its model.json, beside its weight files. `tfjs-module`: an ES module (`path`) whose export (`export`, default `createModel`) is called with `(tf, {inputShape, classes, seed, args})` and returns a `tf.LayersModel`. `python`: a Python factory `module:function` (`factory`), imported from the suite file's folder and called with `(input_shape, classes, seed, **args)`; it returns an `nn.Module` that outputs logits. `timm`: a timm model by `name`, built with `timm.create_model(name, pretrained=False, num_classes=<the dataset's>, **args)`. `torchvision`: a torchvision model by `name`, built with `torchvision.models.get_model(name, weights=None, num_classes=<the dataset's>, **args)`.
   */
  source?: 'builtin' | 'tfjs-layers' | 'tfjs-module' | 'python' | 'timm' | 'torchvision';
  /**
   * `builtin`: one of sambench's models. `mlp`: dense layers (`hidden`). `small-cnn`: conv3x3 32 → pool → conv3x3 64 → pool → dense. `resnet20`: He et al. 2016 CIFAR ResNet (0.27M parameters at 10 classes). `resnet56`: He et al. 2016 CIFAR ResNet-56 (0.85M parameters at 10 classes), a common SAM benchmark. `resnet18`: ImageNet ResNet-18 (11.7M parameters at 1000 classes). `resnet50`: ImageNet ResNet-50 v1.5 (25.6M parameters at 1000 classes). `wrn-16-4`: Zagoruyko & Komodakis 2016 Wide ResNet, depth 16, width 4 (2.75M at 10 classes). `vit-tiny`: small Vision Transformer (Dosovitskiy et al. 2021; the small ViTs of Chen et al. 2021's SAM study) for 28×28 and 32×32 inputs: 4×4 patches, width 64, 4 pre-norm blocks of 4 heads, MLP ratio 2, GELU, class-token head (0.14M parameters at 10 classes). `timm`, `torchvision`: the library's model name.
   */
  name?: string;
  /**
   * `builtin` `mlp` only: units of each hidden layer (default [256]).
   *
   * @minItems 1
   */
  hidden?: [number, ...number[]];
  /**
   * `builtin` `mlp` and `small-cnn`: add BatchNorm after each hidden layer (default false; ResNets always have it).
   */
  batchNorm?: boolean;
  /**
   * `tfjs-layers`: the model.json (its weight files beside it, as its manifest names them); `tfjs-module`: the ES module. Relative paths are resolved from the suite file's folder.
   */
  path?: string;
  /**
   * `tfjs-module`: the export that builds the model (default `createModel`; `default` for a default export).
   */
  export?: string;
  /**
   * `python`: `module:function`; the module is imported from the suite file's folder (`my_models:build` is my_models.py beside the suite).
   */
  factory?: string;
  /**
   * `tfjs-module`, `python`, `timm`, `torchvision`: JSON arguments passed on to the factory or the library's constructor (default {}).
   */
  args?: {
    [k: string]: unknown;
  };
};
/**
 * Training data.
 */
export type Dataset = {
  /**
   * `synthetic`: random inputs of `shape` with random labels, for throughput only. `mnist`: the IDX files (optionally .gz) in `path`. `fashion-mnist`: the IDX files (optionally .gz) in `path`. `cifar10`: the binary batches (data_batch_1..5.bin, test_batch.bin) in `path`. `image-folder`: ImageNet-style `path/train/<class>/*.jpg|png` (and `path/val/<class>/…` for evaluation), decoded and resized to `imageSize`. `arrays`: your own NumPy arrays: `path` names one `.npz` (`np.savez` or `np.savez_compressed`) holding `x_train`, `y_train` (and `x_test`, `y_test` for evaluation), or a folder of `x_train.npy`, `y_train.npy`, `x_test.npy`, `y_test.npy`. Images are uint8 (0–255) or float32, NHWC or flat; labels are integers 0 … classes − 1. Shape and class count are read from the files when the suite loads.
   */
  name: 'synthetic' | 'mnist' | 'fashion-mnist' | 'cifar10' | 'image-folder' | 'arrays';
  /**
   * Folder holding the dataset files (for `arrays`, a `.npz` file or a folder of `.npy` files); relative paths are resolved from the suite file's folder. Required for every dataset but `synthetic`.
   */
  path?: string;
  /**
   * Samples per training step. At most 65536.
   */
  batchSize: number;
  /**
   * `synthetic` only: shape of one input, e.g. [32, 32, 3] (default [28, 28, 1]).
   *
   * @minItems 1
   * @maxItems 3
   */
  shape?: [number] | [number, number] | [number, number, number];
  /**
   * `synthetic`: number of classes (default 10). `arrays`: number of classes when the labels do not reach the last one (default: the largest training label + 1); every label must be below it. Other datasets take it from their files.
   */
  classes?: number;
  /**
   * Training samples to use (default: all for files, 1024 for `synthetic`).
   */
  samples?: number;
  /**
   * File datasets only: train on this many samples drawn at random (without replacement) from the training split, seeded by the run's seed, so a SAM run and its no-SAM baseline with one seed see the same subset. Exclusive with `samples` (the first n).
   */
  trainSubset?: number;
  /**
   * File datasets only: symmetric label noise. Each training label is redrawn uniformly among the classes with this probability (so about fraction·(classes−1)/classes of them change), seeded by the run's seed; the test split stays clean. The labels that really changed are reported in the run's env event (`data.labelNoise`). Absent: no noise.
   */
  labelNoise?: number;
  mixup?: Mixup;
  /**
   * `image-folder` only: [height, width] every image is resized to (default [224, 224]).
   *
   * @minItems 2
   * @maxItems 2
   */
  imageSize?: [number, number];
  /**
   * `image-folder` only: an image that cannot be decoded is skipped and counted (`skip`, the default) or stops the run (`fail`).
   */
  onBadImage?: 'skip' | 'fail';
  /**
   * Standard CIFAR augmentation, seeded from the run's seed: pad 4 pixels and crop back at a random offset, random horizontal flip.
   */
  augment?: boolean;
  /**
   * Scale pixels to [0, 1], then subtract the per-channel mean and divide by the per-channel standard deviation of the training set (synthetic data is left as generated). `arrays`: uint8 values are divided by 255 and float32 values taken as they are, then standardised the same way (flat samples as one channel).
   */
  normalize?: boolean;
};
/**
 * Learning-rate schedule over all steps of a run (warm-up steps included).
 */
export type Schedule = {
  /**
   * `constant`, `step` (multiply by `gamma` at each milestone) or `cosine` (linear warm-up for `warmupSteps`, then cosine decay to 0).
   */
  kind: 'constant' | 'step' | 'cosine';
} & (ConstantSchedule | StepSchedule | CosineSchedule);
/**
 * Which steps take SAM. `interval` (default): every `sam.interval`-th step (Composer), today's behaviour. `random`: RST / SS-SAM (Zhao et al. 2022, arXiv 2203.09962): each step is a SAM step with probability p, decided by one draw per step from the run's seed (mulberry32, stream 6), so both frameworks pick the same steps; with `pFinal` (G-RST) the probability grows linearly from `p` at the first step to `pFinal` at the last (warm-up included). `random` needs `sam.interval` 1. `looksam`: LookSAM (Liu et al., CVPR 2022): SAM every `sam.interval`-th step (k = interval, as the `interval` variant), keeping g_v = g_s − (g·g_s/‖g‖²)·g, the part of the SAM gradient orthogonal to the plain one; each step after a SAM step applies g_t + alpha·(‖g_t‖/‖g_v‖)·g_v (step kind `reuse`: one forward/backward plus a few vector ops), over all variables at once (`granularity` `global`) or per variable (`tensor`). Steps before the first SAM step are plain, so the first SAM step is step k. `aesam`: AE-SAM (Jiang et al., ICLR 2023, arXiv 2304.14647): every step takes the plain gradient g_t first and is a SAM step when ‖g_t‖² ≥ μ_t + c_t·σ_t, with the moving mean μ_t = δ·μ_{t−1} + (1 − δ)·‖g_t‖² and variance σ²_t = δ·σ²_{t−1} + (1 − δ)·(‖g_t‖² − μ_t)² (both 0 before the first step), and c_t moving linearly from `lambda2` at the first step to `lambda1` at the last (warm-up included), so SAM steps grow more frequent as training goes on; other steps apply g_t (kind `base`). The fraction of SAM steps is measured, not set. `aesam` needs `sam.interval` 1 and runs at interval-1 points, like `random`; the PyTorch workers all-reduce g_t before deciding, so every rank decides alike. `late`: Late-phase SAM (Zhou et al. 2024, arXiv 2410.10373, "Sharpness-Aware Minimization Efficiently Selects Flatter Minima Late in Training"): plain steps (kind `base`) first, then SAM on the last n = floor(fraction·T + 0.5) steps of the run's T steps (warm-up included): 1-based step t is a SAM step when t > T − n. The paper finds that a few epochs of SAM at the end of training give nearly the generalization and sharpness of SAM throughout. A run whose fraction gives no SAM step (n = 0) fails, naming the fraction and T. `late` needs `sam.interval` 1 and runs at interval-1 points, like `random`. `esam`: ESAM (Du et al., ICLR 2022, "Efficient Sharpness-aware Minimization for Improved Training of Neural Networks"): SAM on every step, made cheaper two ways. Stochastic weight perturbation (`beta`): after each step every parameter tensor stays in the next step's ascent with probability beta (one draw per tensor from the run's seed, mulberry32 stream 6, the same in both frameworks); ‖g‖ and e = rho·g/(‖g‖ + epsilon)/beta cover those tensors only, the others are not perturbed (all are updated; a step whose draws leave out every tensor takes them all, where the authors' code has no gradient and fails). Sharpness-sensitive data selection (`gamma`): a forward pass at w + e without gradient gives each sample's loss increase, and the second pass runs on the samples whose increase is strictly above the floor(gamma·n)-th largest (gamma ≥ 0.99: all), as the authors' code (dydjw9/Efficient_SAM) selects them: floor(gamma·n) − 1 samples without ties. `esam` needs `sam.interval` 1 and runs at interval-1 points, like `random`; its SAM steps cost less than plain SAM's, which their measured step time shows. `module`: a TF.js variant of your own: an ES module (`path`, relative to the suite file) exporting `build(tf, variant, context)` (or a default export) that returns a SAM strategy; framework `tfjs` only. It picks its own SAM steps, so it runs at interval-1 points, like `random`, priced by the measured fraction of SAM steps; ids and labels name it by `name` (default: the file's stem) and its scalar `args`. `python`: a PyTorch variant of your own: `factory` `module:function`, the module imported from the suite file's folder (as `model.source` `python`), called `function(variant, context)` to return a SAM strategy; framework `torch` only. It runs at interval-1 points, like `module`; the PyTorch workers all-reduce its first gradient; ids and labels name it by `name` (default: the module's name) and its scalar `args`.
 */
export type SamVariant =
  | IntervalVariant
  | RandomVariant
  | LookSamVariant
  | AeSamVariant
  | LateVariant
  | EsamVariant
  | ModuleVariant
  | PythonVariant;
/**
 * One check on the results.
 */
export type Expectation = {
  /**
   * Which check. `slowdown`: overall slowdown of SAM runs at an interval against their no-SAM runs (or, `within-run`, their own base steps), 0.07 = 7 %. `step-ratio`: median SAM step time over median base step time. `slowdown-law`: each interval's slowdown within `tolerance` of the 1/interval law (r − 1) / interval. `rho-scaling-accuracy`: final accuracy at rho = c · k against rho = c at every interval k > 1, paired by seed. `accuracy-gain`: SAM minus no-SAM final top-1 accuracy at an interval, same seeds, in percentage points. `time-to-accuracy-ratio`: SAM's training time to `evaluation.targetAccuracy` over its no-SAM run's. `memory-overhead`: SAM's peak memory over its paired no-SAM run's, as extra bytes in parameter copies: (peak_SAM − peak_noSAM) / (parameters × 4 bytes), device memory where both runs report it (CUDA), else resident set size. Both workers keep one copy per parameter through the SAM step, the perturbation e (TF.js's `ascent`, PyTorch's `Ascent.e`), and free the first gradient before the second pass: 1 copy predicted; PyTorch with mixed-float16 also keeps w itself (an exact copy to put back after an overflowed step): 2. `overfitting`: SAM prevents overfitting at long training durations: each seed's drop from its peak test accuracy to its final one (points), no SAM's minus SAM's at an interval, paired by seed. `gain-diminishes`: SAM's accuracy gain diminishes when composed with other regularisation (label smoothing, MixUp): its gain over no SAM without a regulariser minus its gain with each regulariser setting run, paired by seed, in points. `data-parallel`: Composer's unsynchronised first gradient under data parallelism (PyTorch, world size > 1): SAM runs with `torch.syncFirstGradient` false against true, same seed and world size — the slowdown saved (synced − unsynced, against their no-SAM runs) and, with evaluation, the accuracy kept (unsynced − synced, points). `rho-scaling`: the old name of `slowdown-law`, still accepted with a warning.
   */
  kind:
    | 'slowdown'
    | 'step-ratio'
    | 'slowdown-law'
    | 'rho-scaling-accuracy'
    | 'accuracy-gain'
    | 'time-to-accuracy-ratio'
    | 'memory-overhead'
    | 'overfitting'
    | 'gain-diminishes'
    | 'data-parallel'
    | 'rho-scaling';
} & Expectation1;
export type Expectation1 =
  | SlowdownExpectation
  | StepRatioExpectation
  | SlowdownLawExpectation
  | RhoScalingAccuracyExpectation
  | AccuracyGainExpectation
  | TimeToAccuracyRatioExpectation
  | MemoryOverheadExpectation
  | OverfittingExpectation
  | GainDiminishesExpectation
  | DataParallelExpectation
  | RhoScalingExpectation;
export type PositiveInteger = number;

/**
 * MixUp (Zhang et al. 2018) on every training batch: λ ~ Beta(alpha, alpha) and a permutation of the batch, drawn per step from the run's seed (the same draws in both workers), mix the inputs x' = λ·x + (1 − λ)·x[perm] and the one-hot targets alike; the loss is cross-entropy against the mixed targets. Evaluation is unmixed. Absent: no MixUp.
 */
export interface Mixup {
  /**
   * λ ~ Beta(alpha, alpha); 1 is uniform, small values keep λ near 0 or 1. At most 4: λ is drawn by Jöhnk's method, whose expected tries grow fast with alpha (2 at 1, 70 at 4).
   */
  alpha: number;
}
/**
 * The base optimizer (SAM wraps it).
 */
export interface Optimizer {
  name?: 'sgd' | 'momentum' | 'adam' | 'rmsprop';
  /**
   * Base learning rate. Real-valued settings (learning rate, rho, weight decay, gamma, epsilon) are at most 3.4e38, about the largest float32: the workers train in float32.
   */
  learningRate?: number;
  /**
   * `momentum` only.
   */
  momentum?: number;
  /**
   * `momentum` only.
   */
  nesterov?: boolean;
  /**
   * L2 term `weightDecay · w` added to the gradient at the unperturbed weights (PyTorch SGD style).
   */
  weightDecay?: number;
  /**
   * Label smoothing ε of the training loss: cross-entropy against (1 − ε)·onehot + ε/classes (PyTorch's `label_smoothing`), in both SAM passes. The evaluation loss stays plain cross-entropy. 0: none.
   */
  labelSmoothing?: number;
  schedule?: Schedule;
}
export interface ConstantSchedule {
  kind: 'constant';
}
export interface StepSchedule {
  kind: 'step';
  /**
   * Steps (1-based) after which the rate is multiplied by gamma.
   *
   * @minItems 1
   */
  milestones: [number, ...number[]];
  gamma?: number;
}
export interface CosineSchedule {
  kind: 'cosine';
  warmupSteps?: number;
}
/**
 * SAM settings shared by all SAM runs; the matrix may sweep rho, interval and variant.
 */
export interface Sam {
  /**
   * Radius of the ascent step.
   */
  rho?: number;
  /**
   * Added to the gradient norm.
   */
  epsilon?: number;
  /**
   * SAM runs on steps interval, 2·interval, … (1-based); the base optimizer alone on the others.
   */
  interval?: number;
  /**
   * ASAM: scale the ascent by |w|.
   */
  adaptive?: boolean;
  /**
   * What the perturbed pass may leave in BatchNorm moving statistics: `discard` keeps the first pass's (google-research), `keep` lets both passes update them (Composer).
   */
  secondPassState?: 'discard' | 'keep';
  variant?: SamVariant;
}
export interface IntervalVariant {
  kind: 'interval';
}
export interface RandomVariant {
  kind: 'random';
  /**
   * Probability that a step is a SAM step (at the first step, with `pFinal`).
   */
  p: number;
  /**
   * G-RST: the probability at the last step of the run, growing (or falling) linearly from `p`. Absent: constant `p`.
   */
  pFinal?: number;
}
export interface LookSamVariant {
  kind: 'looksam';
  /**
   * Weight of the reused direction g_v (the paper uses about 0.7).
   */
  alpha: number;
  /**
   * Where g_v is taken and ‖g_t‖/‖g_v‖ scaled. `global`: one projection and one ratio over every trainable variable at once, as three of five public implementations (and sambench before this key) do. `tensor`: per variable (parameter tensor) i, g_v,i = g_s,i − (g_i·g_s,i/‖g_i‖²)·g_i and g_t,i + alpha·(‖g_t,i‖/‖g_v,i‖)·g_v,i, as rollovd/LookSAM and pytorch_optimizer's LookSAM do; its run ids add `-gtensor`.
   */
  granularity?: 'global' | 'tensor';
}
export interface AeSamVariant {
  kind: 'aesam';
  /**
   * δ, the forgetting rate of the moving mean and variance of ‖g_t‖² (0.9 as in the paper's experiments, as we read them).
   */
  delta?: number;
  /**
   * λ1, the threshold's c at the last step; at most `lambda2` (−1 as in the paper's experiments, as we read them).
   */
  lambda1?: number;
  /**
   * λ2, the threshold's c at the first step (1 as in the paper's experiments, as we read them).
   */
  lambda2?: number;
}
export interface LateVariant {
  kind: 'late';
  /**
   * The fraction of the run's steps (warm-up included) that are SAM steps, all at the end: the last floor(fraction·T + 0.5). Default 0.125, the paper's example exactly (WideResNet-16-8 on CIFAR-10: SGD to epoch 175, then SAM to epoch 200, the last 12.5%); 1 is SAM at every step.
   */
  fraction?: number;
}
export interface EsamVariant {
  kind: 'esam';
  /**
   * SWP: the probability that a parameter tensor takes part in a step's ascent (drawn after each step for the next; all take part in step 1). Default 0.5, the authors' run.sh. 1: every tensor, every step.
   */
  beta?: number;
  /**
   * SDS: the fraction of each batch, by loss increase at w + e, that the second pass runs on (as the authors' code: the samples strictly above the floor(gamma·n)-th largest increase; 0.99 or more: every sample). Default 0.5, the authors' run.sh. A gamma with floor(gamma·n) below 2 fails the run (nothing is strictly above the largest); increases that all tie at the cutoff (a perturbation that moved no loss) take the whole batch, where the authors' code gives NaN.
   */
  gamma?: number;
}
export interface ModuleVariant {
  kind: 'module';
  /**
   * The ES module exporting `build(tf, variant, context)` (or a default export) that returns a SAM strategy. Relative paths are resolved from the suite file's folder. Framework `tfjs` only.
   */
  path: string;
  /**
   * What run ids and configuration labels call it (letters, digits, `.`, `_`, `+`, `-`). Default: the module file's stem (`module`) or the module's name (`python`, its last dotted part), made id-safe.
   */
  name?: string;
  /**
   * JSON arguments passed to the factory as `context.args` (default {}). Each scalar one (string, number, boolean) also tags run ids (`-<key><value>`) and labels (`key=value`), sorted by key.
   */
  args?: {
    [k: string]: unknown;
  };
}
export interface PythonVariant {
  kind: 'python';
  /**
   * `module:function`; the module is imported from the suite file's folder (`my_variants:build` is my_variants.py beside the suite), and `function(variant, context)` returns a SAM strategy. Framework `torch` only.
   */
  factory: string;
  /**
   * What run ids and configuration labels call it (letters, digits, `.`, `_`, `+`, `-`). Default: the module file's stem (`module`) or the module's name (`python`, its last dotted part), made id-safe.
   */
  name?: string;
  /**
   * JSON arguments passed to the factory as `context.args` (default {}). Each scalar one (string, number, boolean) also tags run ids (`-<key><value>`) and labels (`key=value`), sorted by key.
   */
  args?: {
    [k: string]: unknown;
  };
}
/**
 * Step budget of every run: `measured` steps, or `epochs` of the training set (one of the two).
 */
export interface Steps {
  /**
   * Steps run first and left out of every statistic.
   */
  warmup?: number;
  /**
   * Steps timed after warm-up; must be a multiple of every interval so each run holds whole SAM cycles. Exclusive with `epochs`.
   */
  measured?: number;
  /**
   * The schedule in epochs instead of steps: the run trains ceil(epochs · training samples / batch size) steps in all, warm-up included, measured rounded up to a multiple of every interval (whole SAM cycles). Needs a known training size: `dataset.trainSubset` or `dataset.samples` (or synthetic data). Exclusive with `measured`.
   */
  epochs?: number;
  /**
   * Stop a run's measured steps after this many seconds (the run still counts, with fewer steps).
   */
  timeLimitSeconds?: number;
}
/**
 * Settings to sweep; every combination of the listed values becomes one SAM run per seed (at each interval, the rho values are `rho` and `rhoPerInterval` · interval together, each value once). Each list must hold at least one value.
 */
export interface Matrix {
  /**
   * @minItems 1
   */
  interval?: [number, ...number[]];
  /**
   * Fixed rho values to sweep: every SAM run at every interval gets each of them. With `rhoPerInterval` too, the SAM runs at interval k are the union of these values and c · k for each c, each value once (see `rhoPerInterval`).
   *
   * @minItems 1
   */
  rho?: [number, ...number[]];
  /**
   * @minItems 1
   */
  batchSize?: [number, ...number[]];
  /**
   * @minItems 1
   */
  learningRate?: [number, ...number[]];
  /**
   * Scale rho with the interval: for each c given (a number, or a list of several), a SAM run at rho = c · interval at every interval (Composer's rule is c = 0.05: rho 0.05 at interval 1 and 0.5 at interval 10). May be combined with `rho`: then the SAM runs at interval k are the union of the fixed `rho` values and every c · k, each value once, so one suite holds at each interval both the "rho fixed" and the "rho ∝ interval" points. Each run's spec records its rho and, when it is c · k, the c (`sam.rhoPerInterval`, null for a fixed rho); run ids stay `sam-k<k>-rho<rho>-…`.
   *
   * @minItems 1
   */
  rhoPerInterval?: number | [number, ...number[]];
  /**
   * SAM variants to sweep (each replaces `sam.variant`). A variant whose schedule follows the interval (`interval`, `looksam`: k = interval) runs at every (interval, rho) point; one that picks its own SAM steps (the others, and a user's own `module` or `python`: schemas/registry/sam-variants.json `intervals` "one") at the interval-1 points (its rho values: `rho`, and c · 1 for each c of `rhoPerInterval`). Run ids name the variant by its settings, in the registry's order and letters: `sam-k<k>-rho<rho>-…` for `interval`, `sam-rst-p<p>-rho<rho>-…` and `sam-grst-p<p>-<pFinal>-rho<rho>-…` for `random`, `sam-looksam-a<alpha>-k<k>-rho<rho>-…`, `sam-aesam-d<delta>-c<lambda2>to<lambda1>-rho<rho>-…`, `sam-late-f<fraction>-rho<rho>-…`, `sam-esam-b<beta>-g<gamma>-rho<rho>-…`, and `sam-<name>[-<key><value>…]-rho<rho>-…` for a user's own (its scalar `args` sorted by key).
   *
   * @minItems 1
   */
  variant?: [SamVariant, ...SamVariant[]];
  /**
   * Label smoothing values to sweep (each replaces `optimizer.labelSmoothing`), for SAM and no-SAM runs alike. Run ids gain `-ls<ε>` for ε ≠ 0.
   *
   * @minItems 1
   */
  labelSmoothing?: [number, ...number[]];
  /**
   * MixUp settings to sweep (each replaces `dataset.mixup`; null: no MixUp), for SAM and no-SAM runs alike. Run ids gain `-mix<alpha>` with MixUp.
   *
   * @minItems 1
   */
  mixup?: [Mixup | null, ...(Mixup | null)[]];
  /**
   * Data-parallel world sizes to sweep (framework "torch" only; each replaces `torch.worldSize`): the no-SAM baseline runs once per world size, and each SAM run once per world size and `syncFirstGradient` value (see `matrix.syncFirstGradient`); a SAM run is paired with the no-SAM run of its own world size. The batch size stays per worker. Run ids gain `-ws<n>` for n ≠ 1 (`sam-k1-rho0.05-ws2-bs128-…`), configuration labels `ws=<n>`.
   *
   * @minItems 1
   */
  worldSize?: [number, ...number[]];
  /**
   * Whether SAM's first gradient is all-reduced, to sweep (framework "torch" only; each replaces `torch.syncFirstGradient`): each SAM run once per value at every world size above 1. At world size 1 there is nothing to sync, so a SAM run there runs once, its spec keeping `torch.syncFirstGradient`; no-SAM runs run once per world size and keep it too (without SAM it means nothing). Run ids gain `-sync` for a synced run at world size > 1 (`sam-k1-rho0.05-ws2-sync-bs128-…`), configuration labels `sync`. `looksam` and `aesam` runs sync whatever the value says.
   *
   * @minItems 1
   */
  syncFirstGradient?: [boolean, ...boolean[]];
}
/**
 * Overall slowdown of SAM runs at `interval` (0.07 = 7 % more wall time per step) lies in `range`; measured against `reference`.
 */
export interface SlowdownExpectation {
  kind: 'slowdown';
  interval: PositiveInteger;
  range: Range;
  /**
   * What the SAM run's mean step time is compared with: `no-sam-run`, its matching no-SAM run (a second process: on a shared machine two identical processes can differ by 10–20 %), or `within-run`, the mean of its own base steps (same process, interleaved in time; needs interval > 1, and is blind to base steps slowed by SAM).
   */
  reference?: 'no-sam-run' | 'within-run';
}
export interface Range {
  min?: number;
  max?: number;
}
/**
 * Median SAM step time over median base step time lies in `range` (all SAM runs, or those at `interval`).
 */
export interface StepRatioExpectation {
  kind: 'step-ratio';
  interval?: PositiveInteger;
  range: Range;
}
/**
 * Each interval's measured slowdown (SAM runs against their no-SAM runs, every rho pooled: rho changes no cost) is within `tolerance` (absolute, 0.05 = 5 points) of the 1/interval law (r − 1) / interval, r the median SAM/base step ratio; needs SAM runs at two or more intervals. Pass when every interval's 95 % interval lies inside its band, fail when one lies wholly outside, else inconclusive.
 */
export interface SlowdownLawExpectation {
  kind: 'slowdown-law';
  tolerance: number;
}
/**
 * Does scaling rho with the interval (rho = c · k, `matrix.rhoPerInterval`) keep or raise accuracy against keeping rho = c? For every c of `matrix.rhoPerInterval` and every interval k > 1, the difference in final top-1 accuracy (percentage points) between the SAM run at rho = c · k and the one at rho = c, same interval and seed (paired by seed, repeats of a seed counted once), with a t-interval over seeds. Pass when at every such k that interval lies at or above −`tolerancePoints` (scaling does not hurt); fail when at some k it lies wholly below −`tolerancePoints`; else inconclusive (one seed is always inconclusive). The detail also gives, per interval, the rho with the highest mean gain over no SAM. Needs `evaluation`, at least two intervals, and at each k > 1 both rho = c (in `matrix.rho`) and rho = c · k.
 */
export interface RhoScalingAccuracyExpectation {
  kind: 'rho-scaling-accuracy';
  /**
   * How many percentage points of accuracy scaling rho may cost before it counts as hurting (0: any loss).
   */
  tolerancePoints: number;
}
/**
 * Final top-1 accuracy of SAM runs at `interval` (and `rho`, when given) minus that of their no-SAM runs (same seeds), in percentage points, is at least `minPoints`.
 */
export interface AccuracyGainExpectation {
  kind: 'accuracy-gain';
  interval: PositiveInteger;
  /**
   * The SAM runs at this rho only. Needed when the suite runs several rho values at `interval`: each seed's runs at different rho share one no-SAM run, so they are not separate samples.
   */
  rho?: number;
  minPoints: number;
}
/**
 * Training time to `evaluation.targetAccuracy` of SAM runs at `interval` (and `rho`, when given) over that of their no-SAM runs is at most `max`.
 */
export interface TimeToAccuracyRatioExpectation {
  kind: 'time-to-accuracy-ratio';
  interval: PositiveInteger;
  /**
   * The SAM runs at this rho only. Needed when the suite runs several rho values at `interval`: each seed's runs at different rho share one no-SAM run, so they are not separate samples.
   */
  rho?: number;
  max: number;
}
/**
 * The extra peak memory of SAM runs (all, or those at `interval`) over their paired no-SAM runs (`baselineId`), in copies of the model's parameters: (peak_SAM − peak_noSAM) / (parameters × 4 bytes; parameters are float32 under every `precision`, mixed precision casts activations only), from peak device memory where both runs report it (CUDA) else peak resident set size, lies in `range`. One value per process pair, pooled with a t-interval over pairs. SAM keeps one copy (the perturbation e), two in PyTorch with mixed-float16 (also w, to put back after an overflowed step).
 */
export interface MemoryOverheadExpectation {
  kind: 'memory-overhead';
  interval?: PositiveInteger;
  range: Range;
}
/**
 * Does SAM prevent overfitting at long training durations? Per seed, a run's drop is its peak test accuracy over its evaluations minus its final accuracy (percentage points); the value is the no-SAM run's drop minus the SAM run's at `interval` (and `rho`, when given), paired by seed, with a t-interval over seeds. Pass when it lies at or above `minPoints`; fail when wholly below; else inconclusive. The claim needs no-SAM runs that overfit: when their drop's interval includes 0 the verdict is inconclusive whatever SAM did (train longer, or add `dataset.labelNoise`). Needs `evaluation.everySteps` > 0.
 */
export interface OverfittingExpectation {
  kind: 'overfitting';
  interval: PositiveInteger;
  /**
   * The SAM runs at this rho only. Needed when the suite runs several rho values at `interval`: each seed's runs at different rho share one no-SAM run, so they are not separate samples.
   */
  rho?: number;
  /**
   * How many points less SAM must lose from its peak accuracy than no SAM (0: no more than no SAM).
   */
  minPoints?: number;
}
/**
 * Does SAM's accuracy gain diminish when composed with other regularisation (label smoothing, MixUp)? Per seed, SAM's gain over its no-SAM run (same seed and regulariser setting) at `interval` (and `rho`, when given) without any regulariser (label smoothing 0, no MixUp) minus its gain with a regulariser setting, in percentage points, with a t-interval over seeds; one sub-check per regulariser setting the suite runs (`ls=0.1`, `mixup=0.2`, `ls=0.1 mixup=0.2`). Pass when every sub-check's interval lies at or above `minPoints`; fail when one lies wholly below; else inconclusive. Needs `evaluation` and runs both without and with a regulariser (`matrix.labelSmoothing`, `matrix.mixup`).
 */
export interface GainDiminishesExpectation {
  kind: 'gain-diminishes';
  interval: PositiveInteger;
  /**
   * The SAM runs at this rho only. Needed when the suite runs several rho values at `interval`: each seed's runs at different rho share one no-SAM run, so they are not separate samples.
   */
  rho?: number;
  /**
   * How many points more SAM must gain without a regulariser than with it (0: no less).
   */
  minPoints?: number;
}
/**
 * Composer does not all-reduce SAM's first gradient under data parallelism, which its method card says makes the throughput impact slightly less than expected and appears to even slightly improve quality. At each world size > 1 (`torch.worldSize`), SAM runs at `interval` with `torch.syncFirstGradient` false (unsynced) are paired with those with true (synced), same seed and other settings: the slowdown saved, slowdown(synced) − slowdown(unsynced) against their no-SAM runs (0.01 = 1 point of slowdown), one value per process pair, must lie at or above `minSpeedup`; with `evaluation`, the accuracy kept, acc(unsynced) − acc(synced) in percentage points paired by seed, at or above `minPoints`. Each by its t-interval; pass when all pass, fail when one lies wholly below, else inconclusive. Framework `torch` only.
 */
export interface DataParallelExpectation {
  kind: 'data-parallel';
  interval: PositiveInteger;
  /**
   * How much less slowdown the unsynced runs must have than the synced ones (a fraction: 0.01 = 1 point; 0: no more).
   */
  minSpeedup?: number;
  /**
   * How many points of accuracy the unsynced runs must gain over the synced ones (0: no loss).
   */
  minPoints?: number;
}
/**
 * @deprecated
 * Deprecated: the old name of `slowdown-law`, which it checks exactly (a warning at suite load names the new one). It never checked accuracy; `rho-scaling-accuracy` does.
 */
export interface RhoScalingExpectation {
  kind: 'rho-scaling';
  tolerance: number;
}
/**
 * Guards against a suite much larger than intended.
 */
export interface Limits {
  /**
   * The matrix (baselines included) may not expand to more runs than this.
   */
  maxRuns?: number;
  /**
   * A run still going after this long is killed and recorded as failed (timeout). At most 2147483 s (24.8 days, the longest timer Node.js keeps).
   */
  runTimeoutSeconds?: number;
}
/**
 * Where the runs execute. It changes no run: a results folder may be resumed with another launcher. The command line's --launcher, --partition, --account and --qos override it.
 */
export interface Launch {
  /**
   * `local`: worker processes on this machine, one at a time, or with several GPUs one GPU-using run per GPU (each pinned to its device and its own CPUs). `slurm`: the pending runs as one `sbatch --array` job, one run per array task, followed until it ends (docs/cluster-and-gpus.md).
   */
  launcher?: 'local' | 'slurm';
  slurm?: Slurm;
}
/**
 * Resources of each array task under `launcher: "slurm"`; the time limit comes from `limits.runTimeoutSeconds` (rounded up to whole minutes, Slurm's unit).
 */
export interface Slurm {
  /**
   * sbatch --partition.
   */
  partition?: string;
  /**
   * sbatch --account.
   */
  account?: string;
  /**
   * sbatch --qos.
   */
  qos?: string;
  /**
   * sbatch --cpus-per-task; absent: the cluster's default.
   */
  cpusPerTask?: number;
  /**
   * Memory of a task, sbatch --mem (e.g. "16G"); absent: the cluster's default.
   */
  memory?: string;
  /**
   * sbatch --gpus-per-task; absent: torch.worldSize GPUs for a torch run on cuda, none otherwise.
   */
  gpusPerTask?: number;
  /**
   * sbatch --gres (e.g. "gpu:a100:1"), instead of gpusPerTask on clusters that count GPUs as generic resources.
   */
  gres?: string;
  /**
   * Each task gets a node of its own (sbatch --exclusive), so no two runs are ever timed on shared CPUs; tasks on different nodes run at once. false lets tasks share a node: only do that where the cluster binds each task to its own cores (TaskPlugin task/affinity or task/cgroup).
   */
  exclusive?: boolean;
  /**
   * At most this many array tasks at once (sbatch --array=…%N); absent: as many as the cluster gives.
   */
  maxConcurrentTasks?: number;
}
/**
 * Test-set evaluation of every run (not for `synthetic` data). Evaluation time is not counted as training time.
 */
export interface Evaluation {
  /**
   * Evaluate every this many steps (warm-up included); 0 = only at the end. The last step is always evaluated.
   */
  everySteps?: number;
  /**
   * Test samples to use (default: the whole test split).
   */
  testSamples?: number;
  /**
   * Top-1 accuracy for time-to-accuracy: the training wall time until the first evaluation at or above it.
   */
  targetAccuracy?: number;
}
/**
 * How `npm run compare` judges this suite's results against a baseline.
 */
export interface Regression {
  /**
   * Smallest relative change of a metric that counts as improved or regressed (0.05 = 5 %), on top of statistical significance; `--min-effect` overrides it. Default 0.05. On shared machines two identical processes can differ by 10–30 %: set it above that noise.
   */
  minEffect?: number;
}
/**
 * Settings of the PyTorch worker (framework "torch" only).
 */
export interface Torch {
  /**
   * Where to train; `cuda` synchronises the device before each step's clock stops and reports peak GPU memory.
   */
  device?: 'cpu' | 'cuda';
  /**
   * Data-parallel worker processes (torchrun; gloo on CPU, nccl on CUDA). The batch size is per worker. `matrix.worldSize` sweeps it.
   */
  worldSize?: number;
  /**
   * Use the channels_last memory format for convolutional models.
   */
  channelsLast?: boolean;
  /**
   * All-reduce SAM's first (ascent) gradient across workers. Composer does not: each worker perturbs with its local gradient; false mirrors it. `looksam` and `aesam` runs always do (every rank must keep the same g_v, or take the same decision). `matrix.syncFirstGradient` sweeps it.
   */
  syncFirstGradient?: boolean;
}
