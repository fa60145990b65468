// The random SAM schedule (RST / G-RST) on hand-checked draws, on the run seed's stream as the
// worker builds it (the same steps as harness/sam/pytorch/test_random_schedule.py), and inside SAM.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { samOptions } from '../worker/optimizer.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { RandomSchedule, samProbability, type RandomScheduleOptions } from './random-schedule.js';
import { resolveSamOptions } from './options.js';
import { SAM } from './sam-optimizer.js';
import { referenceModel } from './fixtures/reference-model.js';

const draws = (values: number[]) => {
  let i = 0;
  return () => values[i++]!;
};

function samSteps(options: Omit<RandomScheduleOptions, 'kind'>, steps: number): number[] {
  const schedule = new RandomSchedule({ kind: 'random', pFinal: null, ...options });
  return Array.from({ length: steps }, (_, i) => i + 1).filter((step) => schedule.isSamStep(step));
}

describe('RandomSchedule on hand-checked draws', () => {
  test('constant p = 0.3: a step is SAM exactly when its draw is below 0.3', () => {
    // draws 0.5, 0.1, 0.29, 0.3, 0.95 → SAM at steps 2 and 3 (0.3 is not below 0.3)
    expect(samSteps({ p: 0.3, totalSteps: 5, random: draws([0.5, 0.1, 0.29, 0.3, 0.95]) }, 5)).toEqual([2, 3]);
  });

  test('G-RST: p grows linearly from 0 at step 1 to 1 at step 5', () => {
    expect([1, 2, 3, 4, 5, 6].map((t) => samProbability(0, 1, 5, t))).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    // p_t 0, .25, .5, .75, 1 against draws 0, .2, .6, .7, .99 → SAM at steps 2, 4, 5
    expect(samSteps({ p: 0, pFinal: 1, totalSteps: 5, random: draws([0, 0.2, 0.6, 0.7, 0.99]) }, 5)).toEqual([2, 4, 5]);
  });

  test('p = 1 takes SAM on every step, p = 0 never; one draw per step whatever p is', () => {
    let calls = 0;
    const counted = () => (calls++, 0.999);
    expect(samSteps({ p: 1, totalSteps: 4, random: counted }, 4)).toEqual([1, 2, 3, 4]);
    expect(samSteps({ p: 0, totalSteps: 4, random: counted }, 4)).toEqual([]);
    expect(calls).toBe(8);
  });

  test('asking the same step again draws nothing; skipping a step is refused', () => {
    const schedule = new RandomSchedule({ kind: 'random', p: 0.5, pFinal: null, totalSteps: 3, random: draws([0.1, 0.9]) });
    expect(schedule.isSamStep(1)).toBe(true);
    expect(schedule.isSamStep(1)).toBe(true);
    expect(schedule.isSamStep(2)).toBe(false);
    expect(() => schedule.isSamStep(4)).toThrow('asked for step 4 after step 2');
  });
});

describe('the run seed picks the SAM steps (stream 6), as the PyTorch worker does', () => {
  // Seed 0's first 16 draws: .1102 .8652 .3957 .0208 .5222 .0121 .7386 .6301 .7619 .8546 .6582
  // .2588 .2117 .4957 .9291 .6656 (test_random_schedule.py pins the same steps).
  const spec = (variant: { p: number; pFinal: number | null }) => {
    const base = fakeSpec('rst');
    return {
      ...base,
      seed: 0,
      steps: { ...base.steps, warmup: 0, measured: 16 },
      sam: { ...base.sam!, interval: 1, variant: { kind: 'random' as const, ...variant } },
    };
  };
  const stepsOf = (variant: { p: number; pFinal: number | null }) => {
    const { schedule } = samOptions(spec(variant));
    if (schedule?.kind !== 'random') throw new Error('expected a random schedule');
    return samSteps(schedule, 16);
  };

  test('RST p = 0.25: steps 1, 4, 6, 13', () => {
    expect(stepsOf({ p: 0.25, pFinal: null })).toEqual([1, 4, 6, 13]);
  });

  test('G-RST p 0 → 1 over 16 steps: steps 4, 6, 11–16', () => {
    expect(stepsOf({ p: 0, pFinal: 1 })).toEqual([4, 6, 11, 12, 13, 14, 15, 16]);
  });

  test('an interval spec gives no schedule, and the options SAM had before', () => {
    const { sam } = fakeSpec('rst');
    expect(samOptions({ ...fakeSpec('rst'), sam: sam! })).toEqual({
      rho: 0.05,
      epsilon: 1e-12,
      interval: 2,
      adaptive: false,
      secondPassState: 'discard',
    });
  });
});

describe('SAM with a random schedule', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test('takes two passes exactly on the scheduled steps', () => {
    const model = referenceModel();
    const sam = new SAM(tf.train.sgd(0.1), {
      schedule: { kind: 'random', p: 0.3, totalSteps: 5, random: draws([0.5, 0.1, 0.29, 0.3, 0.95]) },
    });
    const taken = [1, 2, 3, 4, 5].filter(() => {
      sam.minimize(model.loss, true, model.variables)!.dispose();
      expect(sam.lastSamStats() !== null).toBe(sam.lastStepWasSam);
      return sam.lastStepWasSam;
    });
    expect(taken).toEqual([2, 3]);
    expect(() => sam.getConfig()).toThrow('cannot be serialized');
    sam.dispose();
    model.dispose();
  });

  test.each([
    [{ p: 1.5 }, 'schedule.p', '1.5 (number)'],
    [{ p: -0.1 }, 'schedule.p', '-0.1 (number)'],
    [{ pFinal: 2 }, 'schedule.pFinal', '2 (number)'],
    [{ totalSteps: 0 }, 'schedule.totalSteps', '0 (number)'],
    [{ random: 0.5 }, 'schedule.random', '0.5 (number)'],
  ])('rejects %j naming `%s`', (bad, name, shown) => {
    const schedule = { kind: 'random', p: 0.5, totalSteps: 10, random: Math.random, ...bad };
    expect(() => resolveSamOptions({ schedule } as never)).toThrow(`SAM option \`${name}\``);
    expect(() => resolveSamOptions({ schedule } as never)).toThrow(`got ${shown}`);
  });

  test('needs interval 1', () => {
    expect(() => resolveSamOptions({ interval: 2, schedule: { kind: 'random', p: 0.5, totalSteps: 10, random: Math.random } })).toThrow(
      'SAM option `interval` must be 1 with a random schedule',
    );
  });
});
