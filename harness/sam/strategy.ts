// The strategy API: what decides, step after step, whether SAM takes two passes, and what a
// variant changes around them. SAM asks its strategy instead of switching on a variant's kind; the
// built-ins (harness/sam/strategies/<kind>.ts) and a user's plugin take the same road.
// Types only: a strategy gets `tf` passed in, so a plugin outside the package needs no TF.js import.
import type * as tfc from '@tensorflow/tfjs-core';
import type { SamOptions } from './options.js';

/** The TF.js a strategy's factory gets (`@tensorflow/tfjs-core`, the one SAM runs on). */
export type TfCore = typeof tfc;

/** Which steps are SAM steps and what a variant does around them. Only `name` and `isSamStep` are required. */
export interface SamStrategy {
  /** Short name for error messages, e.g. 'looksam'. */
  readonly name: string;
  /** true: SAM takes every step's plain gradient g_t first and passes ‖g_t‖² to `isSamStep` (AE-SAM). */
  readonly decidesFromFirstGradient?: boolean;
  /**
   * Whether 1-based `step` is a SAM step. Asked in step order, maybe several times for one step (must
   * give the same answer). `squaredGradNorm`: ‖g_t‖² (float32 on the device, read back) of the step's
   * first gradient, given only when `decidesFromFirstGradient`; `SAM.isSamStep(step)` asks without it.
   */
  isSamStep(step: number, squaredGradNorm?: number): boolean;
  /**
   * On a step that is not a SAM step: the gradient to apply instead of g (step kind `reuse`, as
   * LookSAM's), or null to apply g itself (kind `base`). `g` is in the order of `variables`; must not
   * dispose it; returns new tensors in the same order (SAM runs it in a tf.tidy).
   */
  plainGradient?(g: readonly tfc.Tensor[], variables: readonly tfc.Variable[]): tfc.Tensor[] | null;
  /**
   * The gradient the ascent is computed from (its norm and e), given the step's first gradient g in the
   * order of `variables`: e.g. ESAM's g with the tensors that sit out this step's ascent zeroed (a zero
   * tensor adds nothing to the norm and is not perturbed). Called once per SAM step, inside SAM's tf.tidy;
   * may return g's own tensors where unchanged (must not dispose them). Absent: g itself. The base
   * step still applies the second pass's gradient for every variable.
   */
  ascentGradient?(g: readonly tfc.Tensor[], variables: readonly tfc.Variable[]): tfc.Tensor[];
  /** Shapes the ascent: given SAM's e (w ← w + e) and g (the first gradient, not the `ascentGradient`), returns e' (new tensors, same shapes and order). */
  perturbation?(e: readonly tfc.Tensor[], g: readonly tfc.Tensor[], variables: readonly tfc.Variable[]): tfc.Tensor[];
  /**
   * After a SAM step's second pass, with g (at w) and g_s (at w + e), in the order of `variables`:
   * valid only during the call (SAM runs it in a tf.tidy; tf.keep what must outlive it).
   */
  afterSamStep?(g: readonly tfc.Tensor[], gs: readonly tfc.Tensor[], variables: readonly tfc.Variable[]): void;
  /**
   * Picks the samples of a SAM step's second pass (ESAM's sharpness-sensitive data selection), given
   * the per-sample losses of the whole batch at w (`lossBefore`) and at w + e (`lossAfter`, a forward
   * pass without gradient): a mask over the batch (bool, or 0/1), a new tensor. Its presence makes
   * SAM need per-sample losses: callers train with `SAM.minimizePerSample` (or
   * `computeGradientsPerSample`); `minimize`/`computeGradients` throw. Called inside a tf.tidy; must
   * not dispose its inputs; may throw (a clear error) when it selects no sample.
   */
  selectSamples?(lossBefore: tfc.Tensor1D, lossAfter: tfc.Tensor1D): tfc.Tensor1D;
  /** Read-only state for tests and callers (AE-SAM's μ, σ², c and threshold). */
  readonly state?: unknown;
  /**
   * The SAM options that rebuild this strategy (`SAM.getConfig` adds them to its settings and
   * `SAM.fromConfig` passes them to `new SAM`): `{}` for the interval schedule, `{lookSam}` for
   * LookSAM. Absent: `getConfig` throws naming the strategy.
   */
  config?(): Record<string, unknown>;
  /** Frees what the strategy keeps; `SAM.dispose()` calls it. */
  dispose?(): void;
}

/** What a run gives a strategy's factory. */
export interface StrategyContext {
  /** The run's seed. */
  seed: number;
  /** Steps of the whole run, warm-up included. */
  totalSteps: number;
  /** SAM's `interval` (LookSAM's k). */
  interval: number;
  /** SAM's `epsilon`. */
  epsilon: number;
  /** Uniform draws in [0, 1), mulberry32(mixSeed(seed, SAM_SCHEDULE_STREAM)): the same in both frameworks. */
  random: () => number;
  /** A plugin's `args` from the suite ({} for the built-ins). */
  args: Record<string, unknown>;
}

/**
 * A strategy module's export, built-in or plugin: `build(tf, variant, context)`. Built-ins and
 * plugins receive the run spec's resolved variant object (each module types its own).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module declares the variant it takes
export type StrategyFactory = (tf: TfCore, variant: any, context: StrategyContext) => SamStrategy;

/** A built-in strategy module (harness/sam/strategies/<kind>.ts, listed in strategies.generated.ts). */
export interface StrategyModule {
  /** Builds the variant's strategy for a run. */
  build: StrategyFactory;
  /**
   * The library options (`schedule`, `lookSam`) that give SAM the same strategy, for variants the
   * `SAM` options name; a variant without them is reached through the `strategy` option alone.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as StrategyFactory's variant
  samOptions?: (variant: any, context: StrategyContext) => SamOptions;
}
