// Builds a run's optimizer: the suite's base optimizer, wrapped in SAM for SAM runs.
import * as tf from '@tensorflow/tfjs-core';
import { SAM, SAM_SCHEDULE_STREAM, type SamOptions } from '../sam/index.js';
import { mixSeed, mulberry32 } from '../prng.js';
import { isSamPlugin, type ResolvedSamPlugin, type RunSpec } from '../../schemas/index.js';

/** The base optimizer a spec names (momentum and nesterov only for "momentum"). */
export function baseOptimizer({ optimizer }: RunSpec): tf.Optimizer {
  const { name, learningRate, momentum, nesterov } = optimizer;
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, momentum, nesterov);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
  }
}

type SamRunSpec = RunSpec & { sam: NonNullable<RunSpec['sam']> };
type Variant = Exclude<SamRunSpec['sam']['variant'], ResolvedSamPlugin>;
type VariantOptions = { [K in Variant['kind']]: (variant: Extract<Variant, { kind: K }>, spec: SamRunSpec) => Partial<SamOptions> };

const totalSteps = (spec: SamRunSpec): number => spec.steps.warmup + spec.steps.measured;

/**
 * What each SAM variant of a run spec adds to SAM's options: a random schedule drawn from the run
 * seed, LookSAM's alpha and granularity or AE-SAM's settings. One entry per kind of
 * schemas/registry/sam-variants.json (schemas/registry.test.ts checks it).
 */
export const VARIANT_OPTIONS: VariantOptions = {
  interval: () => ({}),
  random: ({ p, pFinal }, spec) => ({
    schedule: { kind: 'random', p, pFinal, totalSteps: totalSteps(spec), random: mulberry32(mixSeed(spec.seed, SAM_SCHEDULE_STREAM)) },
  }),
  looksam: ({ alpha, granularity }) => ({ lookSam: { alpha, granularity } }),
  aesam: (variant, spec) => ({ schedule: { ...variant, totalSteps: totalSteps(spec) } }),
};

/** The SAM options of a SAM run: its spec's settings and what its variant adds (VARIANT_OPTIONS). */
export function samOptions(spec: SamRunSpec): SamOptions {
  const { variant, rhoPerInterval: _c, ...options } = spec.sam;
  // A user's variant (`module`) is loaded as a SAM strategy (issue 25); until then this worker refuses it.
  if (isSamPlugin(variant)) throw new Error(`SAM variant "${variant.kind}" (${variant.path}) is not yet run by this worker`);
  const added = VARIANT_OPTIONS[variant.kind] as (variant: Variant, spec: SamRunSpec) => Partial<SamOptions>;
  return { ...options, ...added(variant, spec) };
}

/** The optimizer of a run: SAM around the base one, or the base one for a baseline run. */
export function runOptimizer(spec: RunSpec): tf.Optimizer {
  const base = baseOptimizer(spec);
  return spec.sam ? new SAM(base, samOptions({ ...spec, sam: spec.sam })) : base;
}
