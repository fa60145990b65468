import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { SAM_DEFAULTS, resolveSamOptions } from './options.js';
import { SAM } from './sam-optimizer.js';

describe('resolveSamOptions', () => {
  test("fills in Composer's defaults", () => {
    expect(resolveSamOptions()).toEqual({ rho: 0.05, epsilon: 1e-12, interval: 1, adaptive: false, secondPassState: 'discard' });
    expect(resolveSamOptions({ rho: 0.5, interval: 10, epsilon: undefined })).toEqual({ ...SAM_DEFAULTS, rho: 0.5, interval: 10 });
  });

  test.each([
    [{ rho: 0 }, 'rho', '0 (number)'],
    [{ rho: -0.1 }, 'rho', '-0.1 (number)'],
    [{ rho: Number.NaN }, 'rho', 'NaN (number)'],
    [{ rho: Number.POSITIVE_INFINITY }, 'rho', 'Infinity (number)'],
    [{ rho: '0.05' }, 'rho', '"0.05" (string)'],
    [{ epsilon: -1e-12 }, 'epsilon', '-1e-12 (number)'],
    [{ interval: 0 }, 'interval', '0 (number)'],
    [{ interval: 2.5 }, 'interval', '2.5 (number)'],
    [{ interval: -3 }, 'interval', '-3 (number)'],
    [{ adaptive: 'yes' }, 'adaptive', '"yes" (string)'],
    [{ secondPassState: 'both' }, 'secondPassState', '"both" (string)'],
  ])('rejects %j naming `%s` and the value', (options, name, shown) => {
    expect(() => resolveSamOptions(options as never)).toThrow(`SAM option \`${name}\``);
    expect(() => resolveSamOptions(options as never)).toThrow(`got ${shown}`);
  });
});

describe('new SAM', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test.each([
    [undefined, 'undefined (undefined)'],
    [{ step: () => 0 }, 'an object of class Object'],
    [0.1, '0.1 (number)'],
  ])('rejects a base that is not an optimizer: %j', (base, shown) => {
    expect(() => new SAM(base as never)).toThrow(`SAM's base optimizer must be a tf.Optimizer (e.g. tf.train.sgd(0.1)); got ${shown}`);
  });

  test('rejects wrapping a SAM, and instanceof tells SAM from other optimizers', () => {
    const sam = new SAM(tf.train.sgd(0.1));
    expect(() => new SAM(sam)).toThrow('SAM cannot wrap another SAM');
    expect(sam instanceof SAM).toBe(true);
    expect(sam instanceof tf.Optimizer).toBe(true);
    expect(tf.train.adam() instanceof SAM).toBe(false);
  });

  test('validates its options at construction', () => {
    expect(() => new SAM(tf.train.sgd(0.1), { interval: 0 })).toThrow('SAM option `interval` must be a positive integer; got 0 (number)');
  });

  test.each([
    ['sgd', () => tf.train.sgd(0.1)],
    ['momentum', () => tf.train.momentum(0.1, 0.9)],
    ['adam', () => tf.train.adam(0.01)],
    ['rmsprop', () => tf.train.rmsprop(0.01)],
    ['adagrad', () => tf.train.adagrad(0.1)],
  ])('wraps %s and trains a quadratic towards its minimum', (_name, make) => {
    const w = tf.variable(tf.tensor1d([3, -2]));
    const sam = new SAM(make(), { rho: 0.05, interval: 2 });
    const loss = () => tf.sum<tf.Scalar>(tf.square(w));
    const before = loss().dataSync()[0]!;
    for (let i = 0; i < 20; i++) sam.minimize(loss, false, [w]);
    expect(loss().dataSync()[0]!).toBeLessThan(before);
    expect(sam.stepsTaken).toBe(20);
    sam.dispose();
    w.dispose();
  });
});
