// LookSAM (Liu et al., CVPR 2022): SAM every `interval`-th step keeps g_v, the SAM gradient's part
// orthogonal to the plain one; the steps after one apply g_t + α·(‖g_t‖/‖g_v‖)·g_v (kind `reuse`).
// ../look-sam.ts holds the math; this is its option checks and its strategy.
import * as tf from '@tensorflow/tfjs-core';
import { LOOK_SAM_GRANULARITIES, orthogonalComponent, reusedGradient, type LookSamOptions, type ReusedDirection } from '../look-sam.js';
import { invalidOption } from '../option-checks.js';
import type { SamOptions } from '../options.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'looksam', alpha, granularity}` (granularity absent in specs written before it: global). */
export interface LookSamVariant {
  kind: 'looksam';
  alpha: number;
  granularity?: LookSamOptions['granularity'];
}

/** Checks a `lookSam` option and fills in its granularity. */
export function resolveLookSam(lookSam: LookSamOptions): Required<LookSamOptions> {
  const given = typeof lookSam === 'object' && lookSam !== null;
  const alpha: unknown = given ? lookSam.alpha : lookSam;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0)
    throw invalidOption('lookSam.alpha', 'a finite number > 0', alpha);
  const granularity: unknown = (given ? lookSam.granularity : undefined) ?? LOOK_SAM_GRANULARITIES[0];
  if (!LOOK_SAM_GRANULARITIES.includes(granularity as never)) {
    throw invalidOption('lookSam.granularity', LOOK_SAM_GRANULARITIES.map((g) => `"${g}"`).join(' or '), granularity);
  }
  return { alpha, granularity: granularity as Required<LookSamOptions>['granularity'] };
}

/**
 * SAM every `interval`-th step; after the first one, the steps in between reuse its g_v (checked
 * options; epsilon is SAM's). Keeps g_v and ‖g_v‖ past the caller's tidy until the next SAM step or dispose().
 */
export function lookSamStrategy({ alpha, granularity }: Required<LookSamOptions>, interval: number, epsilon: number): SamStrategy {
  // g_v of the latest SAM step, in the order of the variables it was taken for.
  let reused: { names: string[]; direction: ReusedDirection } | null = null;
  const disposeReused = () => {
    if (reused) tf.dispose([...reused.direction.gv, reused.direction.norm]);
    reused = null;
  };
  return {
    name: 'looksam',
    isSamStep: (step) => step % interval === 0,
    plainGradient(g, variables) {
      if (reused === null) return null;
      const { names, direction } = reused;
      const now = variables.map((variable) => variable.name);
      const missing = names.filter((name) => !now.includes(name));
      if (missing.length > 0 || now.length !== names.length) {
        throw new Error(`SAM (LookSAM): the gradients are not those of the variables of the last SAM step (${missing.join(', ')})`);
      }
      // In the order of the SAM step's variables, as its g_v (a global norm sums them in that order).
      const applied = reusedGradient(
        names.map((name) => g[now.indexOf(name)]!),
        direction,
        alpha,
        epsilon,
      );
      return now.map((name) => applied[names.indexOf(name)]!);
    },
    afterSamStep(g, gs, variables) {
      const direction = orthogonalComponent(g, gs, epsilon, granularity);
      disposeReused();
      // Kept past the caller's tidy (fit disposes each batch's tensors): the steps after reuse it.
      tf.keep(direction.norm);
      direction.gv.forEach((tensor) => tf.keep(tensor));
      reused = { names: variables.map((variable) => variable.name), direction };
    },
    // g_v is not saved (as the interval counter is not); the default granularity is left out.
    config: () => ({ lookSam: { alpha, ...(granularity === 'global' ? {} : { granularity }) } }),
    dispose: disposeReused,
  };
}

/** The library options of the variant: `lookSam` with its alpha and granularity (k is SAM's interval). */
export const samOptions = ({ alpha, granularity }: LookSamVariant, _context: StrategyContext): SamOptions => ({
  lookSam: { alpha, granularity },
});

/** LookSAM at the run's interval (k) and epsilon. */
export const build = (_tf: TfCore, variant: LookSamVariant, context: StrategyContext): SamStrategy =>
  lookSamStrategy(resolveLookSam(samOptions(variant, context).lookSam!), context.interval, context.epsilon);
