// A strategy object passed to SAM directly (the `strategy` option): it picks the SAM steps, may give
// the gradient of the other steps (kind reuse), shape the ascent and see g and g_s, on the
// 2-parameter quadratic whose steps are worked out here in float64.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { resolveSamOptions } from './options.js';
import { SAM } from './sam-optimizer.js';
import type { SamStrategy } from './strategy.js';
import { quadraticProblem } from './fixtures/quadratic.js';

// L(w) = ½(w₁² + 4·w₂²), ∇L(w) = (w₁, 4·w₂); plain SGD at LR, SAM at RHO.
const LR = 0.1;
const RHO = 0.5;
type Pair = [number, number];
const grad = ([w1, w2]: Pair): Pair => [w1, 4 * w2];
const baseStep = (w: Pair): Pair => {
  const g = grad(w);
  return [w[0] - LR * g[0], w[1] - LR * g[1]];
};
// e = rho·g/‖g‖, g_s = ∇L(w + e), w ← w − lr·g_s.
const samStep = (w: Pair): Pair => {
  const g = grad(w);
  const norm = Math.hypot(g[0], g[1]);
  const gs = grad([w[0] + (RHO * g[0]) / norm, w[1] + (RHO * g[1]) / norm]);
  return [w[0] - LR * gs[0], w[1] - LR * gs[1]];
};

const START: Pair = [3, 1];
const problem = () => quadraticProblem(START, 'strategy');
const weights = (variables: tf.Variable[]): Pair => variables.map((v) => v.dataSync()[0]!) as Pair;

/** SAM on steps 3 and 5 only, whatever SAM's interval says. */
const onThreeAndFive = (): SamStrategy => ({ name: 'three-and-five', isSamStep: (step) => step === 3 || step === 5 });

describe('SAM with a strategy object', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test('a hand-made "SAM on steps 3 and 5" strategy: those steps take two passes, the others the plain gradient', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { rho: RHO, strategy: onThreeAndFive() });
    const kinds: string[] = [];
    let expected = START;
    for (let step = 1; step <= 6; step++) {
      tf.dispose(sam.minimize(loss, true, variables)!);
      kinds.push(sam.lastStepKind);
      expect(sam.lastStepWasSam).toBe(step === 3 || step === 5);
      expected = step === 3 || step === 5 ? samStep(expected) : baseStep(expected);
      weights(variables).forEach((w, i) => expect(w, `step ${step}`).toBeCloseTo(expected[i]!, 5));
    }
    expect(kinds).toEqual(['base', 'base', 'sam', 'base', 'sam', 'base']);
    expect(sam.isSamStep(5)).toBe(true);
    expect(sam.stepsTaken).toBe(6);
    sam.dispose();
    dispose();
  });

  test('a plainGradient strategy gives step kind reuse, and its gradient is the one applied', () => {
    const { variables, loss, dispose } = problem();
    const seen: string[][] = [];
    const doubled: SamStrategy = {
      name: 'doubled',
      isSamStep: () => false,
      plainGradient: (g, vars) => (seen.push(vars.map((v) => v.name)), g.map((t) => tf.mul(t, 2))),
    };
    const sam = new SAM(tf.train.sgd(LR), { strategy: doubled });
    const before = tf.memory().numTensors;
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(sam.lastStepKind).toBe('reuse');
    expect(sam.lastStepWasSam).toBe(false);
    // w ← w − lr·2g at (3, 1): g = (3, 4)
    weights(variables).forEach((w, i) => expect(w).toBeCloseTo([3 - 0.6, 1 - 0.8][i]!, 6));
    expect(seen).toEqual([['strategy_w1', 'strategy_w2']]);
    expect(tf.memory().numTensors).toBe(before);
    sam.dispose();
    dispose();
  });

  test('a plainGradient that returns null leaves the step a base step', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { strategy: { name: 'none', isSamStep: () => false, plainGradient: () => null } });
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(sam.lastStepKind).toBe('base');
    weights(variables).forEach((w, i) => expect(w).toBeCloseTo(baseStep(START)[i]!, 6));
    sam.dispose();
    dispose();
  });

  test('a perturbation hook shapes the ascent: a zero perturbation makes the SAM step a plain one', () => {
    const { variables, loss, dispose } = problem();
    const zero: SamStrategy = { name: 'zero', isSamStep: () => true, perturbation: (e) => e.map((t) => tf.zerosLike(t)) };
    const sam = new SAM(tf.train.sgd(LR), { rho: RHO, strategy: zero });
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(sam.lastStepKind).toBe('sam');
    weights(variables).forEach((w, i) => expect(w).toBeCloseTo(baseStep(START)[i]!, 6));
    expect(sam.lastSamStats()!.perturbationNorm).toBe(0);
    // Without the hook the same step moves elsewhere.
    expect(Math.abs(samStep(START)[0] - baseStep(START)[0])).toBeGreaterThan(0.01);
    sam.dispose();
    dispose();
  });

  test('afterSamStep sees g at w and g_s at w + e; decidesFromFirstGradient passes ‖g‖²', () => {
    const { variables, loss, dispose } = problem();
    const calls: { g: number[]; gs: number[] }[] = [];
    const squares: number[] = [];
    const watcher: SamStrategy = {
      name: 'watcher',
      decidesFromFirstGradient: true,
      isSamStep: (_step, squared) => (squares.push(squared!), true),
      afterSamStep: (g, gs) => void calls.push({ g: g.map((t) => t.dataSync()[0]!), gs: gs.map((t) => t.dataSync()[0]!) }),
    };
    const sam = new SAM(tf.train.sgd(LR), { rho: RHO, strategy: watcher });
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(squares).toEqual([25]); // g = (3, 4)
    // e = 0.5·(3, 4)/5 = (0.3, 0.4): g_s = ∇L(3.3, 1.4) = (3.3, 5.6)
    expect(calls).toHaveLength(1);
    calls[0]!.g.forEach((x, i) => expect(x).toBeCloseTo([3, 4][i]!, 6));
    calls[0]!.gs.forEach((x, i) => expect(x).toBeCloseTo([3.3, 5.6][i]!, 5));
    sam.dispose();
    dispose();
  });

  test('getConfig takes the strategy’s config(), and throws naming a strategy without one; dispose() reaches it', () => {
    let disposed = 0;
    const withConfig = new SAM(tf.train.sgd(LR), {
      interval: 3,
      strategy: { name: 'mine', isSamStep: () => false, config: () => ({}), dispose: () => void disposed++ },
    });
    expect(withConfig.getConfig()).toMatchObject({ interval: 3, base: { className: 'SGD' } });
    expect(withConfig.getConfig()).not.toHaveProperty('strategy');
    withConfig.dispose();
    expect(disposed).toBe(1);
    const without = new SAM(tf.train.sgd(LR), { strategy: onThreeAndFive() });
    expect(() => without.getConfig()).toThrow('SAM.getConfig: a SAM with strategy "three-and-five" cannot be serialized');
    expect(without.aeSamState).toBeNull();
    without.dispose();
  });

  test('the option is checked: an object with isSamStep, and neither schedule nor lookSam beside it', () => {
    expect(() => resolveSamOptions({ strategy: { name: 'x' } as never })).toThrow(
      'SAM option `strategy` must be an object with an isSamStep(step) method',
    );
    expect(() => resolveSamOptions({ strategy: onThreeAndFive(), lookSam: { alpha: 0.7 } })).toThrow(
      'SAM option `strategy` must be absent with lookSam',
    );
    const schedule = { kind: 'random' as const, p: 0.5, totalSteps: 4, random: () => 0 };
    expect(() => resolveSamOptions({ strategy: onThreeAndFive(), schedule })).toThrow('SAM option `strategy` must be absent with schedule');
    expect(resolveSamOptions({ strategy: onThreeAndFive(), interval: 4 })).toMatchObject({ interval: 4 });
  });
});
