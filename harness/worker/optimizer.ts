// Builds a run's optimizer: the suite's base optimizer, wrapped in SAM for SAM runs.
import * as tf from '@tensorflow/tfjs-core';
import { SAM, SAM_SCHEDULE_STREAM, type SamOptions } from '../sam/index.js';
import { mixSeed, mulberry32 } from '../prng.js';
import type { RunSpec } from '../../schemas/index.js';

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

/** The SAM options of a SAM run: its spec's settings, a random schedule drawn from the run seed, LookSAM's alpha or AE-SAM's settings. */
export function samOptions(spec: RunSpec & { sam: NonNullable<RunSpec['sam']> }): SamOptions {
  const { variant, rhoPerInterval: _c, ...options } = spec.sam;
  if (variant.kind === 'interval') return options;
  if (variant.kind === 'looksam') return { ...options, lookSam: { alpha: variant.alpha } };
  const totalSteps = spec.steps.warmup + spec.steps.measured;
  if (variant.kind === 'aesam') return { ...options, schedule: { ...variant, totalSteps } };
  const random = mulberry32(mixSeed(spec.seed, SAM_SCHEDULE_STREAM));
  return { ...options, schedule: { kind: 'random', p: variant.p, pFinal: variant.pFinal, totalSteps, random } };
}

/** The optimizer of a run: SAM around the base one, or the base one for a baseline run. */
export function runOptimizer(spec: RunSpec): tf.Optimizer {
  const base = baseOptimizer(spec);
  return spec.sam ? new SAM(base, samOptions({ ...spec, sam: spec.sam })) : base;
}
