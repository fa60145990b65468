import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { SAM } from '../sam/index.js';
import { loadBackend } from './backend.js';
import { learningRateAt, setLearningRate } from './schedule.js';
import type { ResolvedSchedule } from '../../schemas/index.js';

describe('learningRateAt', () => {
  test('constant', () => {
    expect([1, 50, 100].map((s) => learningRateAt({ kind: 'constant' }, 0.1, s, 100))).toEqual([0.1, 0.1, 0.1]);
  });

  test('step: × gamma after each milestone', () => {
    const schedule: ResolvedSchedule = { kind: 'step', milestones: [10, 20], gamma: 0.5 };
    expect([1, 10, 11, 20, 21, 30].map((s) => learningRateAt(schedule, 0.8, s, 30))).toEqual([0.8, 0.8, 0.4, 0.4, 0.2, 0.2]);
  });

  test('cosine with warm-up: linear ramp, then from base to 0', () => {
    const schedule: ResolvedSchedule = { kind: 'cosine', warmupSteps: 4 };
    expect([1, 2, 4].map((s) => learningRateAt(schedule, 1, s, 14))).toEqual([0.25, 0.5, 1]);
    expect(learningRateAt(schedule, 1, 5, 14)).toBeCloseTo(1, 12);
    expect(learningRateAt(schedule, 1, 9.5, 14)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(schedule, 1, 14, 14)).toBeCloseTo(0, 12);
  });
});

describe('setLearningRate', () => {
  test.each([
    ['sgd', () => tf.train.sgd(0.1)],
    ['momentum', () => tf.train.momentum(0.1, 0.9)],
    ['adam', () => tf.train.adam(0.1)],
    ['rmsprop', () => tf.train.rmsprop(0.1)],
  ])('changes the step size of %s, also inside SAM', async (_name, make) => {
    await loadBackend('cpu');
    // One step from w = 1 on loss w (gradient 1): the update scales with the rate.
    const stepSize = (optimizer: tf.Optimizer) => {
      const w = tf.variable(tf.scalar(1));
      optimizer.minimize(() => w.mul<tf.Scalar>(1), false, [w]);
      const moved = 1 - w.dataSync()[0]!;
      w.dispose();
      return moved;
    };
    const slow = make();
    setLearningRate(slow, 0.001);
    const sam = new SAM(make(), { interval: 1000 });
    setLearningRate(sam, 0.001);
    expect(stepSize(slow)).toBeCloseTo(stepSize(make()) / 100, 6);
    expect(stepSize(sam)).toBeCloseTo(stepSize(make()) / 100, 6);
  });
});
