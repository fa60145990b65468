// ESAM's strategy: its option checks, SDS's selection at the edges, SWP's draws and mask, and the
// trajectories of the authors' code (fixtures/esam-reference.json, float64) replayed in float32.
import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../../worker/backend.js';
import { mixSeed, mulberry32 } from '../../prng.js';
import { SAM } from '../sam-optimizer.js';
import { SAM_SCHEDULE_STREAM } from '../random-schedule.js';
import type { StrategyContext } from '../strategy.js';
import { build, esamStrategy, selectBySharpness } from './esam.js';

type Weights = Record<'W1' | 'b1' | 'W2' | 'b2', number[] | number[][]>;
interface Reference {
  seed: number;
  lr: number;
  rho: number;
  epsilon: number;
  initial: Weights;
  x: number[][];
  y: number[];
  cases: { beta: number; gamma: number; steps: { loss: number; takesPart: boolean[]; selected: number[]; weights: Weights }[] }[];
}
const REFERENCE = JSON.parse(fs.readFileSync(new URL('../fixtures/esam-reference.json', import.meta.url), 'utf8')) as Reference;
const NAMES = ['W1', 'b1', 'W2', 'b2'] as const;

// float32 against float64: the initial weights alone round by up to 6e-8 (unit roundoff at magnitude
// ≤ 1), and each of the 6 steps adds a few roundings; the measured worst over weights and losses is
// 1.3e-7 on both backends. 1e-6 (the loss tolerance of sam-reference.test.ts) leaves room for other
// summation orders while a wrong draw, mask or scale (≥ 1e-3 here) still fails. SDS's picks are exact.
const TOL = 1e-6;

const context = (overrides: Partial<StrategyContext> = {}): StrategyContext => ({
  seed: 4,
  totalSteps: 6,
  interval: 1,
  epsilon: 1e-7,
  random: mulberry32(mixSeed(4, SAM_SCHEDULE_STREAM)),
  args: {},
  ...overrides,
});

beforeAll(async () => {
  await loadBackend('cpu');
});

describe('esam options', () => {
  test.each([
    [{ beta: 0 }, 'SAM option `beta` must be a number in (0, 1]; got 0 (number)'],
    [{ beta: 1.5 }, 'SAM option `beta` must be a number in (0, 1]; got 1.5 (number)'],
    [{ gamma: 0 }, 'SAM option `gamma` must be a number in (0, 1]; got 0 (number)'],
    [{ gamma: Number.NaN }, 'SAM option `gamma` must be a number in (0, 1]; got NaN (number)'],
  ])('%o is refused', (options, message) => {
    expect(() => build(tf, { kind: 'esam', beta: 0.5, gamma: 0.5, ...options }, context())).toThrow(message);
  });

  test('needs interval 1 and takes defaults 0.5 and 0.5', () => {
    expect(() => build(tf, { kind: 'esam', beta: 0.5, gamma: 0.5 }, context({ interval: 2 }))).toThrow(
      'SAM option `interval` must be 1 with the esam variant',
    );
    expect(build(tf, { kind: 'esam' }, context()).name).toBe('esam');
  });
});

describe('SDS: selectBySharpness', () => {
  test('strictly above the floor(n·gamma)-th largest: floor(n·gamma) − 1 samples without ties', () => {
    const s = [0.3, -0.1, 0.9, 0.5, 0.2, 0.7, 0.4, 0.0];
    // n·gamma = 4: the cutoff is the 4th largest (0.4); 0.9, 0.7 and 0.5 are above it.
    expect(selectBySharpness(s, 0.5).flatMap((on, i) => (on ? [i] : []))).toEqual([2, 3, 5]);
    // floor(8·0.3) = 2: only the largest.
    expect(selectBySharpness(s, 0.3).flatMap((on, i) => (on ? [i] : []))).toEqual([2]);
    // floor(8·0.98) = 7: all but the two smallest.
    expect(selectBySharpness(s, 0.98).filter(Boolean)).toHaveLength(6);
  });

  test('gamma ≥ 0.99 selects every sample, ties and all', () => {
    expect(selectBySharpness([1, 1, 1], 0.99)).toEqual([true, true, true]);
    expect(selectBySharpness([1, 1, 1], 1)).toEqual([true, true, true]);
  });

  test('ties at the cutoff are left out', () => {
    // 4th largest is 0.5, tied with two others: only 0.9 is strictly above.
    expect(selectBySharpness([0.5, 0.9, 0.5, 0.5, 0.1, 0.0, 0.0, 0.0], 0.5)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test('floor(gamma·n) below 2 is an error naming gamma and the batch size: nothing is strictly above the largest', () => {
    expect(() => selectBySharpness([0.1, 0.2, 0.3], 0.25)).toThrow(
      'SAM (esam): gamma 0.25 selects no sample of a batch of 3: the second pass takes the samples whose loss increase is strictly above the floor(gamma·n) = 0-th largest, which needs floor(gamma·n) ≥ 2 (gamma ≥ 0.666667)',
    );
    expect(() => selectBySharpness([0.2, 0.1], 0.5)).toThrow('SAM (esam): gamma 0.5 selects no sample of a batch of 2');
  });

  test('increases that all tie at the cutoff (a perturbation that moved no loss) take the whole batch', () => {
    // floor(4·0.5) = 2: the cutoff is the 2nd largest, and all four tie with it.
    expect(selectBySharpness([0, 0, 0, 0], 0.5)).toEqual([true, true, true, true]);
    expect(selectBySharpness([0.3, 0.3, 0.3, 0.1], 0.5)).toEqual([true, true, true, true]);
  });
});

describe('SWP: the draws and the mask', () => {
  test('step 1 takes every variable and draws nothing; each later step one draw per variable in order, u > beta sits out', () => {
    const random = mulberry32(mixSeed(9, SAM_SCHEDULE_STREAM));
    const copy = mulberry32(mixSeed(9, SAM_SCHEDULE_STREAM));
    const strategy = esamStrategy(0.5, 1, random);
    const state = strategy.state;
    const g = [tf.ones([2, 2]), tf.ones([3]), tf.ones([1])];
    const first = strategy.ascentGradient!(g, []);
    expect(state.takesPart).toEqual([true, true, true]);
    expect(state.draws).toEqual([]);
    expect(first.every((t, i) => t === g[i])).toBe(true);
    for (let step = 2; step <= 5; step++) {
      const ascent = strategy.ascentGradient!(g, []);
      const draws = [copy(), copy(), copy()];
      expect(state.step).toBe(step);
      expect(state.draws).toEqual(draws);
      const drawn = draws.map((u) => u <= 0.5);
      const takesPart = drawn.some(Boolean) ? drawn : [true, true, true];
      expect(state.takesPart).toEqual(takesPart);
      ascent.forEach((t, i) => expect(t.sum().dataSync()[0]).toBe(takesPart[i] ? g[i]!.size : 0));
    }
    tf.dispose(g);
  });

  test('a step whose draws leave out every variable takes them all, as the PyTorch strategy does', () => {
    // beta 1e-9: every draw is above it.
    const strategy = esamStrategy(1e-9, 1, mulberry32(mixSeed(9, SAM_SCHEDULE_STREAM)));
    const g = [tf.ones([2]), tf.ones([1])];
    strategy.ascentGradient!(g, []);
    strategy.ascentGradient!(g, []);
    expect(strategy.state.draws.every((u) => u > 1e-9)).toBe(true);
    expect(strategy.state.takesPart).toEqual([true, true]);
    tf.dispose(g);
  });

  test('a sample-selecting SAM refuses minimize and computeGradients', () => {
    const sam = new SAM(tf.train.sgd(0.1), { strategy: esamStrategy(0.5, 0.5, Math.random) });
    expect(sam.selectsSamples).toBe(true);
    const w = tf.variable(tf.ones([2]));
    expect(() => sam.minimize(() => tf.sum(w))).toThrow('train with sam.minimizePerSample');
    w.dispose();
  });
});

describe.each(['tensorflow', 'cpu'] as const)('the authors’ ESAM trajectories, in float32 on backend %s', (backend) => {
  beforeAll(async () => {
    await loadBackend(backend);
  });

  test.each(REFERENCE.cases.map((c) => [c.beta, c.gamma, c] as const))('beta %s, gamma %s', (_beta, _gamma, reference) => {
    const variables = NAMES.map((name) => tf.variable(tf.tensor(REFERENCE.initial[name]), true, `esam-${name}`));
    const [W1, b1, W2, b2] = variables as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
    const x = tf.tensor2d(REFERENCE.x);
    const y = tf.oneHot(tf.tensor1d(REFERENCE.y, 'int32'), 3);
    const loss = (selected: tf.Tensor1D | null) =>
      tf.tidy(() => {
        const [xs, ys] = selected === null ? [x, y] : [tf.gather(x, selected), tf.gather(y, selected)];
        const logits = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(xs, W1), b1)), W2), b2);
        return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Tensor1D>(ys, logits, undefined, 0, tf.Reduction.NONE);
      });
    const strategy = esamStrategy(reference.beta, reference.gamma, mulberry32(mixSeed(REFERENCE.seed, SAM_SCHEDULE_STREAM)));
    const state = strategy.state;
    const sam = new SAM(tf.train.sgd(REFERENCE.lr), { rho: REFERENCE.rho, epsilon: REFERENCE.epsilon, strategy });
    let worst = 0;
    for (const step of reference.steps) {
      const value = sam.minimizePerSample(loss, true, variables)!;
      worst = Math.max(worst, Math.abs(value.dataSync()[0]! - step.loss));
      value.dispose();
      expect(sam.lastStepKind).toBe('sam');
      expect(state.takesPart).toEqual(step.takesPart);
      expect(state.selected.flatMap((on, i) => (on ? [i] : []))).toEqual(step.selected);
      NAMES.forEach((name, i) => {
        const actual = variables[i]!.dataSync();
        const expected = [step.weights[name]].flat(2);
        expected.forEach((v, j) => (worst = Math.max(worst, Math.abs(actual[j]! - v))));
      });
    }
    expect(worst).toBeLessThanOrEqual(TOL);
    sam.dispose();
    tf.dispose([...variables, x, y]);
  });
});
