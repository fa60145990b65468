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

  override computeGradients(f: () => tf.Scalar, varList?: tf.Variable[]): { value: tf.Scalar; grads: tf.NamedTensorMap } {
    tf.dispose(this.secondPassKept);
    this.secondPassKept = [];
    this.stepCount += 1;
    if (this.strategy.decidesFromFirstGradient) return this.decidedFromFirstGradient(f, varList);
    this.lastWasSam = this.strategy.isSamStep(this.stepCount);
    if (this.lastWasSam) {
      this.lastKind = 'sam';
      return this.sharpnessAwareGradients(f, varList, tf.variableGrads(f, varList));
    }
    return this.plainGradients(tf.variableGrads(f, varList), varList);
  }

  // AE-SAM: g_t first; the strategy decides from ‖g_t‖² whether this is a SAM step.
  private decidedFromFirstGradient(f: () => tf.Scalar, varList: tf.Variable[] | undefined) {
    const first = tf.variableGrads(f, varList);
    const squaredNorm = tf.tidy(() => squaredGlobalNorm(Object.values(first.grads)));
    try {
      // ‖g_t‖² in float32, read back: the decision is made on the host.
      const squared: number = squaredNorm.dataSync()[0]!;
      this.lastWasSam = this.strategy.isSamStep(this.stepCount, squared);
      if (!this.lastWasSam) return this.plainGradients(first, varList);
      this.lastKind = 'sam';
      // A SAM step takes ‖g_t‖ from this ‖g_t‖² instead of reducing g_t a second time.
      return this.sharpnessAwareGradients(f, varList, first, squaredNorm);
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
  // `squaredGradNorm`: ‖g‖² of them when already reduced (AE-SAM), for ‖g‖ (ASAM reduces ‖ |w| ⊙ g ‖ itself).
  private sharpnessAwareGradients(
    f: () => tf.Scalar,
    varList: tf.Variable[] | undefined,
    first: { value: tf.Scalar; grads: tf.NamedTensorMap },
    squaredGradNorm?: tf.Scalar,
  ) {
    const perturbed = withVariables(first.grads, varList);
    const variables = perturbed.map(({ variable }) => variable);
    const g = perturbed.map(({ grad }) => grad);
    const { rho, epsilon, adaptive } = this.options;
    const { strategy } = this;
    const [ascent, stats] = tf.tidy(() => {
      // ASAM (davda54): the norm is ‖ |w| ⊙ g ‖ and e = w² ⊙ g · scale.
      const scaled = perturbed.map(({ variable, grad }) => (adaptive ? tf.mul(tf.abs(variable), grad) : grad));
      const norm = squaredGradNorm && !adaptive ? tf.sqrt(squaredGradNorm) : globalNorm(scaled);
      const scale = tf.div(rho, tf.add(norm, epsilon)); // rho / (‖g‖ + eps)
      const samAscent = perturbed.map(({ variable, grad }) => tf.mul(adaptive ? tf.mul(tf.square(variable), grad) : grad, scale));
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
    let second: { value: tf.Scalar; grads: tf.NamedTensorMap };
    try {
      second = tf.variableGrads(f, varList); // gradient at w + e(w)
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
