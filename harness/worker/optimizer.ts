// Builds a run's optimizer: the suite's base optimizer, wrapped in SAM for SAM runs.
import * as tf from '@tensorflow/tfjs-core';
import { SAM } from '../sam/index.js';
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

/** The optimizer of a run: SAM around the base one, or the base one for a baseline run. */
export function runOptimizer(spec: RunSpec): tf.Optimizer {
  const base = baseOptimizer(spec);
  return spec.sam ? new SAM(base, spec.sam) : base;
}
