import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types.js';
import { resolveSamOptions, samStrategy, type ResolvedSamOptions, type SamOptions } from './options.js';
import { recordKeptTensors, recordVariableWrites } from './engine-hooks.js';
import type { AeSamState } from './ae-sam.js';
import { globalNorm, squaredGlobalNorm } from './look-sam.js';
import type { SamStrategy } from './strategy.js';

/** What a step did: `sam` two passes, `base` the plain gradient, `reuse` another gradient the strategy gave (LookSAM: plus the kept g_v). */
export type SamStepKind = 'sam' | 'base' | 'reuse';

/** What the last SAM step measured; numbers read back from the device on request. */
export interface SamStepStats {
  /** The norm in the denominator: ‖g‖ (SAM) or ‖ |w| ⊙ g ‖ (ASAM), over all trainable variables at once. */
  gradNorm: number;
  /** rho / (gradNorm + epsilon). */
  scale: number;
  /** ‖e(w)‖, the length of the ascent step (≈ rho for plain SAM). */
  perturbationNorm: number;
}

/**
 * Per-sample losses for `SAM.minimizePerSample`: `selected` null → the losses of the whole batch
 * (length n); an int32 tensor of ascending indices into the batch → the losses of those samples only
 * (the caller gathers its inputs and targets with it, e.g. `tf.gather(xs, selected)`). Must not
 * dispose `selected`. SAM takes their mean as the loss.
 */
export type PerSampleLoss = (selected: tf.Tensor1D | null) => tf.Tensor1D;

interface Gradients {
  value: tf.Scalar;
  grads: tf.NamedTensorMap;
}

interface Perturbed {
  variable: tf.Variable;
  grad: tf.Tensor;
}

/**
 * Sharpness-Aware Minimization (Foret et al., ICLR 2021) with Composer's `interval`:
 * wraps any TF.js optimizer; on SAM steps it takes the gradient at w + e(w) and lets the
 * base optimizer apply it at w. Which steps are SAM steps, and what a variant does around them,
 * its strategy decides (`strategy`, or the one `schedule` / `lookSam` / `interval` stand for).
 * Works with `model.compile({optimizer: sam})` and with `sam.minimize(lossFn, returnCost, varList)`.
 * See `harness/sam/README.md`.
 *
 * @example
 * const sam = new SAM(tf.train.momentum(0.1, 0.9), { rho: 0.5, interval: 10 });
 * model.compile({ optimizer: sam, loss: 'categoricalCrossentropy' });
 */
export class SAM extends tf.Optimizer {
  /** Name under which SAM is registered for (de)serialization. */
  static className = 'SAM';

  // tf.Optimizer answers `instanceof` by duck typing, so every optimizer would pass for a SAM.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && #samBrand in value;
  }

  readonly #samBrand = true;

  /** The optimizer that applies every update. */
  readonly base: tf.Optimizer;
  /** The resolved settings (defaults filled in, all checked). */
  readonly options: ResolvedSamOptions;
  /** What picks the SAM steps: the `strategy` option, or the built-in one the other options stand for. */
  readonly strategy: SamStrategy;

  // Composer's `global_step`: counts every step, SAM or not.
  private stepCount = 0;
  private lastWasSam = false;
  private lastKind: SamStepKind = 'base';
  private lastStats: tf.Tensor1D | null = null;
  // Tensors the loss function `keep`s during the perturbed pass (tfjs-layers' metrics); freed
  // one step later so that `trainOnBatch`, which reads them, still finds them alive.
  private secondPassKept: tf.Tensor[] = [];

  constructor(base: tf.Optimizer, options: SamOptions = {}) {
    super();
    if (typeof base !== 'object' || base === null || !(base instanceof tf.Optimizer)) {
      throw new TypeError(`SAM's base optimizer must be a tf.Optimizer (e.g. tf.train.sgd(0.1)); got ${describeValue(base)}`);
    }
    if (base instanceof SAM) throw new TypeError('SAM cannot wrap another SAM optimizer');
    this.base = base;
    this.options = resolveSamOptions(options);
    this.strategy = samStrategy(this.options);
  }

  /** Steps taken so far, SAM and base alike. */
  get stepsTaken(): number {
    return this.stepCount;
  }

  /** Whether the most recent step was a SAM step (two passes). */
  get lastStepWasSam(): boolean {
    return this.lastWasSam;
  }

  /** What the most recent step did: `sam`, `base`, or `reuse` (the strategy's own gradient: LookSAM between SAM steps). */
  get lastStepKind(): SamStepKind {
    return this.lastKind;
  }

  /**
   * Whether step `step` (1-based) is a SAM step: Composer's `(global_step + 1) % interval == 0`,
   * or, with a random schedule, its draw for that step (steps asked in order): the strategy's answer.
   * AE-SAM decides a step from its first gradient: only a step already taken can be asked (RangeError otherwise).
   */
  isSamStep(step: number): boolean {
    return this.strategy.isSamStep(step);
  }

  /** AE-SAM's μ, σ², c and threshold after the latest step (null before one, and for other strategies). */
  get aeSamState(): AeSamState | null {
    return this.strategy.name === 'aesam' ? ((this.strategy.state as AeSamState | null | undefined) ?? null) : null;
  }

  /** Norms of the most recent step if it was a SAM step, else null (reads 3 numbers back synchronously). */
  lastSamStats(): SamStepStats | null {
    if (!this.lastWasSam || this.lastStats === null) return null;
    const [gradNorm, scale, perturbationNorm] = this.lastStats.dataSync();
    return { gradNorm: gradNorm!, scale: scale!, perturbationNorm: perturbationNorm! };
  }

  /** Whether the strategy picks the samples of the second pass (ESAM): then train with `minimizePerSample`. */
  get selectsSamples(): boolean {
    return typeof this.strategy.selectSamples === 'function';
  }

  override computeGradients(f: () => tf.Scalar, varList?: tf.Variable[]): Gradients {
    if (this.selectsSamples) {
      throw new Error(
        `SAM: strategy "${this.strategy.name}" selects the samples of its second pass, which needs per-sample losses: ` +
          'train with sam.minimizePerSample(loss, returnCost, varList) or sam.computeGradientsPerSample(loss, varList), ' +
          'not minimize, computeGradients or model.fit',
      );
    }
    return this.takeStep(f, varList, () => tf.variableGrads(f, varList));
  }

  /**
   * `minimize` for per-sample losses: `loss(null)` gives the batch's per-sample losses, `loss(indices)`
   * those of the samples at `indices` (see `PerSampleLoss`). Applies `computeGradientsPerSample`'s
   * gradients with the base optimizer; returns the mean loss at w when `returnCost`.
   */
  minimizePerSample(loss: PerSampleLoss, returnCost = false, varList?: tf.Variable[]): tf.Scalar | null {
    const { value, grads } = this.computeGradientsPerSample(loss, varList);
    this.applyGradients(varList != null ? varList.map((v) => ({ name: v.name, tensor: grads[v.name]! })) : grads);
    tf.dispose(grads);
    if (returnCost) return value;
    value.dispose();
    return null;
  }

  /**
   * `computeGradients` for per-sample losses. With a strategy that selects samples (ESAM) a SAM step is:
   * the first pass at w over the batch (the mean of `loss(null)` is the loss returned; its gradient g),
   * the ascent w ← w + e, a forward pass at w + e without gradient (`loss(null)` again), the strategy's
   * `selectSamples` on both losses, the second pass on the selected samples (the mean of
   * `loss(indices)`, or of `loss(null)` when all are selected), the restore w ← (w + e) − e. The forward
   * at w + e and the second pass both run inside `secondPassState: "discard"`'s undo of state writes
   * (BatchNorm statistics). Other strategies: `computeGradients` of the mean of `loss(null)`.
   */
  computeGradientsPerSample(loss: PerSampleLoss, varList?: tf.Variable[]): Gradients {
    if (!this.selectsSamples) return this.computeGradients(() => tf.mean<tf.Scalar>(loss(null)), varList);
    let lossBefore: tf.Tensor1D | null = null;
    const meanLoss = () => {
      const losses = loss(null);
      lossBefore = tf.keep(losses); // outlives variableGrads' forward tidy, for the selection
      return tf.mean<tf.Scalar>(losses);
    };
    try {
      return this.takeStep(meanLoss, varList, () => this.selectedSamplesPass(loss, lossBefore!, varList));
    } finally {
      (lossBefore as tf.Tensor1D | null)?.dispose();
    }
  }

  // At w + e: the per-sample losses without gradient, the strategy's selection, the gradient of the selected samples' mean loss.
  private selectedSamplesPass(loss: PerSampleLoss, lossBefore: tf.Tensor1D, varList: tf.Variable[] | undefined): Gradients {
    const { strategy } = this;
    const mask = tf.tidy(() => strategy.selectSamples!(lossBefore, loss(null)));
    let picked: Uint8Array;
    try {
      if (mask.rank !== 1 || mask.shape[0] !== lossBefore.shape[0]) {
        throw new Error(
          `SAM: strategy "${strategy.name}" gave a mask of shape [${mask.shape.join(', ')}] for a batch of ${lossBefore.shape[0]}`,
        );
      }
      picked = Uint8Array.from(mask.dataSync(), (x) => (x ? 1 : 0)); // the selection is read back: indices are made on the host
    } finally {
      mask.dispose();
    }
    const indices = [...picked.keys()].filter((i) => picked[i] === 1);
    if (indices.length === 0) throw new Error(`SAM: strategy "${strategy.name}" selected no sample of the batch of ${picked.length}`);
    const selected = indices.length === picked.length ? null : tf.tensor1d(indices, 'int32');
    try {
      return tf.variableGrads(() => tf.mean<tf.Scalar>(loss(selected)), varList);
    } finally {
      selected?.dispose();
    }
  }

  // One step: `f` the loss at w; `secondPass` the gradient at w + e on a SAM step.
  private takeStep(f: () => tf.Scalar, varList: tf.Variable[] | undefined, secondPass: () => Gradients): Gradients {
    tf.dispose(this.secondPassKept);
    this.secondPassKept = [];
    this.stepCount += 1;
    if (this.strategy.decidesFromFirstGradient) return this.decidedFromFirstGradient(f, varList, secondPass);
    this.lastWasSam = this.strategy.isSamStep(this.stepCount);
    if (this.lastWasSam) {
      this.lastKind = 'sam';
      return this.sharpnessAwareGradients(varList, tf.variableGrads(f, varList), secondPass);
    }
    return this.plainGradients(tf.variableGrads(f, varList), varList);
  }

  // AE-SAM: g_t first; the strategy decides from ‖g_t‖² whether this is a SAM step.
  private decidedFromFirstGradient(f: () => tf.Scalar, varList: tf.Variable[] | undefined, secondPass: () => Gradients) {
    const first = tf.variableGrads(f, varList);
    const squaredNorm = tf.tidy(() => squaredGlobalNorm(Object.values(first.grads)));
    try {
      // ‖g_t‖² in float32, read back: the decision is made on the host.
      const squared: number = squaredNorm.dataSync()[0]!;
      this.lastWasSam = this.strategy.isSamStep(this.stepCount, squared);
      if (!this.lastWasSam) return this.plainGradients(first, varList);
      this.lastKind = 'sam';
      // A SAM step takes ‖g_t‖ from this ‖g_t‖² instead of reducing g_t a second time.
      return this.sharpnessAwareGradients(varList, first, secondPass, squaredNorm);
    } finally {
      squaredNorm.dispose();
    }
  }

  // A step that is not a SAM step: g itself (kind base), or what the strategy gives instead (kind reuse,
  // LookSAM's g_t + α·(‖g_t‖/‖g_v‖)·g_v), in which case `plain.grads` is disposed.
  private plainGradients(plain: { value: tf.Scalar; grads: tf.NamedTensorMap }, varList: tf.Variable[] | undefined) {
    const { strategy } = this;
    const paired = strategy.plainGradient ? withVariables(plain.grads, varList) : [];
    let replaced: tf.Tensor[] | undefined;
    try {
      replaced = strategy.plainGradient
        ? tf.tidy(
            () =>
              strategy.plainGradient!(
                paired.map(({ grad }) => grad),
                paired.map(({ variable }) => variable),
              ) ?? undefined,
          )
        : undefined;
    } catch (error) {
      tf.dispose(plain.grads);
      throw error;
    }
    if (replaced === undefined) {
      this.lastKind = 'base';
      return plain;
    }
    this.lastKind = 'reuse';
    tf.dispose(plain.grads);
    if (replaced.length !== paired.length) {
      tf.dispose(replaced);
      throw new Error(`SAM: strategy "${strategy.name}" gave ${replaced.length} gradients for ${paired.length} variables`);
    }
    return { value: plain.value, grads: Object.fromEntries(paired.map(({ variable }, i) => [variable.name, replaced[i]!])) };
  }

  // `first`: the gradients at w, whose loss is the one returned and logged (as Composer does);
  // `secondPass`: the gradients at w + e (a plain SAM: of `f` again);
  // `squaredGradNorm`: ‖g‖² of them when already reduced (AE-SAM), for ‖g‖ (ASAM reduces ‖ |w| ⊙ g ‖ itself).
  private sharpnessAwareGradients(
    varList: tf.Variable[] | undefined,
    first: Gradients,
    secondPass: () => Gradients,
    squaredGradNorm?: tf.Scalar,
  ) {
    const perturbed = withVariables(first.grads, varList);
    const variables = perturbed.map(({ variable }) => variable);
    const g = perturbed.map(({ grad }) => grad);
    const { rho, epsilon, adaptive } = this.options;
    const { strategy } = this;
    const [ascent, stats] = tf.tidy(() => {
      // The gradient the ascent takes: g, or the strategy's (ESAM: g with the tensors that sit out zeroed).
      const ascentGrad = strategy.ascentGradient ? strategy.ascentGradient(g, variables) : g;
      if (ascentGrad.length !== perturbed.length) {
        throw new Error(`SAM: strategy "${strategy.name}" gave ${ascentGrad.length} ascent gradients for ${perturbed.length} variables`);
      }
      // ASAM (davda54): the norm is ‖ |w| ⊙ g ‖ and e = w² ⊙ g · scale.
      const scaled = ascentGrad.map((grad, i) => (adaptive ? tf.mul(tf.abs(variables[i]!), grad) : grad));
      const norm = squaredGradNorm && !adaptive && !strategy.ascentGradient ? tf.sqrt(squaredGradNorm) : globalNorm(scaled);
      const scale = tf.div(rho, tf.add(norm, epsilon)); // rho / (‖g‖ + eps)
      const samAscent = ascentGrad.map((grad, i) => tf.mul(adaptive ? tf.mul(tf.square(variables[i]!), grad) : grad, scale));
      const e = strategy.perturbation ? strategy.perturbation(samAscent, g, variables) : samAscent;
      if (e.length !== perturbed.length) {
        throw new Error(`SAM: strategy "${strategy.name}" gave ${e.length} perturbations for ${perturbed.length} variables`);
      }
      perturbed.forEach(({ variable }, i) => variable.assign(tf.add(variable, e[i]!))); // w ← w + e(w)
      const eNorm = globalNorm(e);
      return [e, tf.stack([norm, scale, eNorm]) as tf.Tensor1D] as const;
    });
    // A strategy that looks at g once g_s is known (LookSAM) gets it after the second pass.
    if (!strategy.afterSamStep) tf.dispose(first.grads);

    const undoStateWrites = this.options.secondPassState === 'discard' ? recordVariableWrites() : null;
    const stopRecordingKept = recordKeptTensors(this.secondPassKept);
    let second: Gradients;
    try {
      second = secondPass(); // gradient at w + e(w)
    } finally {
      stopRecordingKept();
      undoStateWrites?.();
      // Composer restores by subtraction, w ← (w + e) − e, before the base step reads w.
      tf.tidy(() => perturbed.forEach(({ variable }, i) => variable.assign(tf.sub(variable, ascent[i]!))));
      tf.dispose(ascent);
    }
    second.value.dispose();
    this.lastStats?.dispose();
    // Kept past the caller's tidy (fit disposes each batch's tensors) until the next SAM step or dispose().
    this.lastStats = tf.keep(stats);
    if (strategy.afterSamStep) {
      try {
        tf.tidy(() =>
          strategy.afterSamStep!(
            g,
            variables.map((variable) => second.grads[variable.name]!),
            variables,
          ),
        );
      } finally {
        tf.dispose(first.grads);
      }
    }
    return { value: first.value, grads: second.grads };
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    this.base.applyGradients(variableGradients);
  }

  override get iterations(): number {
    return this.base.iterations;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return this.base.getWeights();
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    return this.base.setWeights(weightValues);
  }

  override dispose(): void {
    tf.dispose(this.secondPassKept);
    this.secondPassKept = [];
    this.lastStats?.dispose();
    this.lastStats = null;
    this.strategy.dispose?.();
    this.base.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { schedule: _schedule, lookSam: _lookSam, strategy: _strategy, ...options } = this.options;
    const { strategy } = this;
    if (!strategy.config) {
      throw new Error(`SAM.getConfig: a SAM with strategy "${strategy.name}" cannot be serialized (the strategy has no config())`);
    }
    return {
      ...options,
      // The SAM options that rebuild the strategy: none for the interval schedule, `lookSam` for LookSAM.
      ...(strategy.config() as tf.serialization.ConfigDict),
      base: { className: this.base.getClassName(), config: this.base.getConfig() },
    };
  }

  /** Rebuilds a SAM (and its base optimizer, which must be a registered class) from `getConfig()`. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { base, ...options } = config as unknown as SamOptions & {
      base: { className: string; config: tf.serialization.ConfigDict };
    };
    const registered = tf.serialization.SerializationMap.getMap().classNameMap[base.className];
    if (registered === undefined) {
      throw new Error(`SAM.fromConfig: base optimizer class "${base.className}" is not registered`);
    }
    const [baseClass, baseFromConfig] = registered;
    const baseOptimizer = baseFromConfig(baseClass, base.config) as unknown as tf.Optimizer;
    return new cls(baseOptimizer, options);
  }
}

tf.serialization.registerClass(SAM);

// Pairs each gradient with its variable, in one fixed order: optimizer slots are positional.
function withVariables(grads: tf.NamedTensorMap, varList?: tf.Variable[]): Perturbed[] {
  const variables = varList ?? Object.values(tf.engine().registeredVariables);
  return variables.filter((variable) => grads[variable.name] != null).map((variable) => ({ variable, grad: grads[variable.name]! }));
}

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return `${String(value)} (${typeof value})`;
  return `an object of class ${value.constructor?.name ?? 'Object'}`;
}
