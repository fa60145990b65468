// Learning-rate schedules over a run's steps, and applying a rate to a TF.js optimizer.
import type * as tf from '@tensorflow/tfjs-core';
import { SAM } from '../sam/index.js';
import type { ResolvedSchedule } from '../../schemas/index.js';

/** The learning rate of 1-based `step` of `totalSteps`, starting from `baseRate`. */
export function learningRateAt(schedule: ResolvedSchedule, baseRate: number, step: number, totalSteps: number): number {
  switch (schedule.kind) {
    case 'constant':
      return baseRate;
    case 'step': {
      // multiplied by gamma after each milestone step
      const passed = schedule.milestones.filter((m) => step > m).length;
      return baseRate * schedule.gamma ** passed;
    }
    case 'cosine': {
      const warmup = schedule.warmupSteps;
      if (step <= warmup) return (baseRate * step) / warmup; // linear warm-up
      // lr = base · ½ (1 + cos(π · t)), t from 0 (after warm-up) to 1 (last step)
      const t = totalSteps > warmup ? (step - warmup - 1) / Math.max(1, totalSteps - warmup - 1) : 1;
      return 0.5 * baseRate * (1 + Math.cos(Math.PI * t));
    }
  }
}

// SGD and momentum keep the rate in a tensor that setLearningRate rebuilds; Adam, RMSProp and
// the others read a plain `learningRate` field at every update.
/** Sets the learning rate of an optimizer (of SAM's base optimizer for a SAM). */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const target = (optimizer instanceof SAM ? optimizer.base : optimizer) as tf.Optimizer & {
    setLearningRate?: (lr: number) => void;
    learningRate?: number;
  };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate);
  else target.learningRate = rate;
}
