import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types.js';
import { resolveSamOptions, type ResolvedSamOptions, type SamOptions } from './options.js';
import { recordKeptTensors, recordVariableWrites } from './engine-hooks.js';
import { RandomSchedule } from './random-schedule.js';
import { AeSamSchedule } from './ae-sam.js';
import { globalNorm, orthogonalComponent, squaredGlobalNorm, reusedGradient, type ReusedDirection } from './look-sam.js';

/** What a step did: `sam` two passes, `base` the plain gradient, `reuse` (LookSAM) the plain gradient plus the kept g_v. */
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
 * base optimizer apply it at w. Works with `model.compile({optimizer: sam})` and with
 * `sam.minimize(lossFn, returnCost, varList)`. See `harness/sam/README.md`.
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

  // Composer's `global_step`: counts every step, SAM or not.
  private stepCount = 0;
  private lastWasSam = false;
  private lastKind: SamStepKind = 'base';
  // LookSAM: g_v of the latest SAM step, in the order of the variables it was taken for.
  private reused: { names: string[]; direction: ReusedDirection } | null = null;
  private readonly random: RandomSchedule | null;
  // AE-SAM: decides each step from its first gradient, so every step takes that gradient first.
  private readonly aeSam: AeSamSchedule | null;
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
    const { schedule } = this.options;
    this.random = schedule?.kind === 'random' ? new RandomSchedule(schedule) : null;
    this.aeSam = schedule?.kind === 'aesam' ? new AeSamSchedule(schedule) : null;
  }

  /** Steps taken so far, SAM and base alike. */
  get stepsTaken(): number {
    return this.stepCount;
  }

  /** Whether the most recent step was a SAM step (two passes). */
  get lastStepWasSam(): boolean {
    return this.lastWasSam;
  }

  /** What the most recent step did: `sam`, `base`, or `reuse` (LookSAM between SAM steps). */
  get lastStepKind(): SamStepKind {
    return this.lastKind;
  }

  /**
   * Whether step `step` (1-based) is a SAM step: Composer's `(global_step + 1) % interval == 0`,
   * or, with a random schedule, its draw for that step (steps asked in order). AE-SAM decides a
   * step from its first gradient: only a step already taken can be asked (RangeError otherwise).
   */
  isSamStep(step: number): boolean {
    if (this.random) return this.random.isSamStep(step);
    if (this.aeSam) {
      const decided = this.aeSam.decisionFor(step);
      if (decided === null) throw new RangeError(`SAM (AE-SAM): step ${step} is decided from its first gradient; ask once it has run`);
      return decided;
    }
    return step % this.options.interval === 0;
  }

  /** AE-SAM's μ, σ², c and threshold after the latest step (null before one, and for other schedules). */
  get aeSamState(): AeSamSchedule['state'] {
    return this.aeSam?.state ?? null;
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
    if (this.aeSam) return this.adaptiveGradients(f, varList, this.aeSam);
    this.lastWasSam = this.isSamStep(this.stepCount);
    if (this.lastWasSam) {
      this.lastKind = 'sam';
      return this.sharpnessAwareGradients(f, varList, tf.variableGrads(f, varList));
    }
    const plain = tf.variableGrads(f, varList);
    this.lastKind = this.reused ? 'reuse' : 'base';
    return this.reused ? { value: plain.value, grads: this.reuseGradients(plain.grads, this.reused) } : plain;
  }

  // LookSAM between SAM steps: g_t + α·(‖g_t‖/‖g_v‖)·g_v; disposes `grads`.
  private reuseGradients(grads: tf.NamedTensorMap, { names, direction }: NonNullable<SAM['reused']>): tf.NamedTensorMap {
    const missing = names.filter((name) => grads[name] == null);
    if (missing.length > 0 || Object.keys(grads).length !== names.length) {
      tf.dispose(grads);
      throw new Error(`SAM (LookSAM): the gradients are not those of the variables of the last SAM step (${missing.join(', ')})`);
    }
    const g = names.map((name) => grads[name]!);
    const applied = reusedGradient(g, direction, this.options.lookSam!.alpha, this.options.epsilon);
    tf.dispose(grads);
    return Object.fromEntries(names.map((name, i) => [name, applied[i]!]));
  }

  // AE-SAM: g_t first; SAM when ‖g_t‖² ≥ μ_t + c_t·σ_t, else the base step with g_t itself.
  private adaptiveGradients(f: () => tf.Scalar, varList: tf.Variable[] | undefined, schedule: AeSamSchedule) {
    const first = tf.variableGrads(f, varList);
    const squaredNorm = tf.tidy(() => squaredGlobalNorm(Object.values(first.grads)));
    try {
      // ‖g_t‖² in float32, read back: the decision is made on the host.
      this.lastWasSam = schedule.decide(this.stepCount, squaredNorm.dataSync()[0]!);
      this.lastKind = this.lastWasSam ? 'sam' : 'base';
      // A SAM step takes ‖g_t‖ from this ‖g_t‖² instead of reducing g_t a second time.
      return this.lastWasSam ? this.sharpnessAwareGradients(f, varList, first, squaredNorm) : first;
    } finally {
      squaredNorm.dispose();
    }
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
    const { rho, epsilon, adaptive } = this.options;
    const [ascent, stats] = tf.tidy(() => {
      // ASAM (davda54): the norm is ‖ |w| ⊙ g ‖ and e = w² ⊙ g · scale.
      const scaled = perturbed.map(({ variable, grad }) => (adaptive ? tf.mul(tf.abs(variable), grad) : grad));
      const norm = squaredGradNorm && !adaptive ? tf.sqrt(squaredGradNorm) : globalNorm(scaled);
      const scale = tf.div(rho, tf.add(norm, epsilon)); // rho / (‖g‖ + eps)
      const e = perturbed.map(({ variable, grad }) => tf.mul(adaptive ? tf.mul(tf.square(variable), grad) : grad, scale));
      perturbed.forEach(({ variable }, i) => variable.assign(tf.add(variable, e[i]!))); // w ← w + e(w)
      const eNorm = globalNorm(e);
      return [e, tf.stack([norm, scale, eNorm]) as tf.Tensor1D] as const;
    });
    // LookSAM needs g again once g_s is known.
    if (!this.options.lookSam) tf.dispose(first.grads);

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
    if (this.options.lookSam) this.keepOrthogonalComponent(perturbed, second.grads);
    return { value: first.value, grads: second.grads };
  }

  // LookSAM: g_v = g_s − (g·g_s/‖g‖²)·g replaces the kept direction; disposes g (the first pass's).
  private keepOrthogonalComponent(perturbed: Perturbed[], secondGrads: tf.NamedTensorMap): void {
    const names = perturbed.map(({ variable }) => variable.name);
    const direction = orthogonalComponent(
      perturbed.map(({ grad }) => grad),
      names.map((name) => secondGrads[name]!),
      this.options.epsilon,
      this.options.lookSam!.granularity,
    );
    tf.dispose(perturbed.map(({ grad }) => grad));
    this.disposeReused();
    // Kept past the caller's tidy (fit disposes each batch's tensors): the steps after reuse it.
    tf.keep(direction.norm);
    direction.gv.forEach((tensor) => tf.keep(tensor));
    this.reused = { names, direction };
  }

  private disposeReused(): void {
    if (this.reused) tf.dispose([...this.reused.direction.gv, this.reused.direction.norm]);
    this.reused = null;
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
    this.disposeReused();
    this.base.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { schedule, lookSam, ...options } = this.options;
    if (schedule) {
      const [named, state] =
        schedule.kind === 'random' ? ['a random', 'its draws come from a function'] : ['an AE-SAM', 'μ and σ² are state'];
      throw new Error(`SAM.getConfig: a SAM with ${named} schedule cannot be serialized (${state})`);
    }
    return {
      ...options,
      // LookSAM's kept direction g_v is not saved (as the interval counter is not); the default granularity is left out.
      ...(lookSam
        ? { lookSam: { alpha: lookSam.alpha, ...(lookSam.granularity === 'global' ? {} : { granularity: lookSam.granularity }) } }
        : {}),
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
