// SAM inside real training on the native backend: the layers fit() route, tensor hygiene,
// BatchNorm statistics under the perturbed pass, and (de)serialization.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBackend } from '../worker/backend.js';
import { SAM } from './sam-optimizer.js';
import { referenceCases, referenceInputs } from './fixtures/reference-model.js';
import { optimizerFor } from './fixtures/optimizer-for-case.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

// Per-sample softmax cross-entropy on logits; fit() takes the batch mean.
const logitsLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) =>
  tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, undefined, tf.Reduction.NONE);

function referenceLayersModel(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 8, activation: 'tanh', inputShape: [4] }), tfl.layers.dense({ units: 3 })],
  });
  const { kernel1_in_out, bias1, kernel2_in_out, bias2 } = referenceInputs;
  model.setWeights([tf.tensor2d(kernel1_in_out), tf.tensor1d(bias1), tf.tensor2d(kernel2_in_out), tf.tensor1d(bias2)]);
  return model;
}

function bnModel(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 16, inputShape: [8], kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
      tfl.layers.batchNormalization({ momentum: 0.5 }),
      tfl.layers.dense({ units: 3, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
}

const flatWeights = (model: tfl.LayersModel) => model.getWeights().flatMap((w) => Array.from(w.dataSync()));

describe('model.compile({optimizer: sam}) + model.fit', () => {
  test('follows the Composer momentum interval-3 reference trajectory, logging first-pass losses', async () => {
    const reference = referenceCases().find((c) => c.case === 'composer_sam_sgd_momentum_rho0.15_int3')!;
    const model = referenceLayersModel();
    const sam = optimizerFor(reference) as SAM;
    model.compile({ optimizer: sam, loss: logitsLoss, metrics: ['accuracy'] });
    const { X, y } = referenceInputs;
    const history = await model.fit(tf.tensor2d(X), tf.oneHot(tf.tensor1d(y, 'int32'), 3), {
      batchSize: 16,
      epochs: reference.steps.length,
      shuffle: false,
      verbose: 0,
    });
    const losses = history.history.loss as number[];
    reference.steps.forEach((step, i) => expect(Math.abs(losses[i]! - step.loss)).toBeLessThanOrEqual(1e-6));
    const last = reference.steps.at(-1)!;
    const deviation = Math.max(...flatWeights(model).map((w, i) => Math.abs(w - last.params[i]!)));
    expect(deviation).toBeLessThanOrEqual(2e-6);
    expect(sam.stepsTaken).toBe(reference.steps.length);
  });

  test('trainOnBatch returns the first pass loss and metric first', async () => {
    const model = referenceLayersModel();
    model.compile({ optimizer: new SAM(tf.train.sgd(0.1), { rho: 0.05 }), loss: logitsLoss, metrics: ['accuracy'] });
    const { X, y } = referenceInputs;
    const out = (await model.trainOnBatch(tf.tensor2d(X), tf.oneHot(tf.tensor1d(y, 'int32'), 3))) as number[];
    expect(Math.abs(out[0]! - 1.095498285)).toBeLessThanOrEqual(1e-6);
  });

  test('lastSamStats() after fit reads the last SAM step: ‖g‖, rho/‖g‖ and ‖e‖ = rho', async () => {
    const model = referenceLayersModel();
    const sam = new SAM(tf.train.sgd(0.1), { rho: 0.05 });
    model.compile({ optimizer: sam, loss: logitsLoss });
    const { X, y } = referenceInputs;
    await model.fit(tf.tensor2d(X), tf.oneHot(tf.tensor1d(y, 'int32'), 3), { batchSize: 16, epochs: 2, verbose: 0 });
    // fit's per-batch tidy disposed the kept norms: "Tensor is disposed".
    const stats = sam.lastSamStats();
    expect(stats).not.toBeNull();
    expect(stats!.gradNorm).toBeGreaterThan(0);
    expect(stats!.scale).toBeCloseTo(0.05 / stats!.gradNorm, 6);
    expect(stats!.perturbationNorm).toBeCloseTo(0.05, 6);
  });

  test('LookSAM through fit: its kept g_v outlives the batch it came from (reuse steps after a SAM step)', async () => {
    const model = referenceLayersModel();
    const sam = new SAM(tf.train.sgd(0.1), { rho: 0.05, interval: 2, lookSam: { alpha: 0.7 } });
    model.compile({ optimizer: sam, loss: logitsLoss });
    const { X, y } = referenceInputs;
    const history = await model.fit(tf.tensor2d(X), tf.oneHot(tf.tensor1d(y, 'int32'), 3), { batchSize: 16, epochs: 3, verbose: 0 });
    // Steps: base, SAM (keeps g_v), reuse (in the next batch's tidy).
    expect((history.history.loss as number[]).every(Number.isFinite)).toBe(true);
    expect(sam.lastStepKind).toBe('reuse');
  });
});

describe('no tensor leaks over 100 steps', () => {
  test('custom loop: tf.memory().numTensors is the same after every step, SAM and base steps alike', () => {
    const w = tf.variable(tf.randomNormal([32, 4], 0, 1, 'float32', 7));
    const x = tf.randomNormal([64, 32], 0, 1, 'float32', 8);
    const sam = new SAM(tf.train.momentum(0.01, 0.9), { interval: 3 });
    const loss = () => tf.tidy(() => tf.mean<tf.Scalar>(tf.square(tf.matMul(x, w))));
    const counts: number[] = [];
    const kinds = new Set<boolean>();
    for (let i = 0; i < 100; i++) {
      sam.minimize(loss, true, [w])?.dispose();
      kinds.add(sam.lastStepWasSam);
      counts.push(tf.memory().numTensors);
    }
    expect(kinds).toEqual(new Set([true, false]));
    // Step 1 creates the momentum slot; from step 3 (first SAM step) on, nothing may grow.
    expect(new Set(counts.slice(3))).toEqual(new Set([counts[3]]));
  });

  test('model.fit with a metric: the count repeats with the interval and never grows', async () => {
    const model = bnModel();
    const interval = 3;
    model.compile({ optimizer: new SAM(tf.train.sgd(0.01), { interval }), loss: logitsLoss, metrics: ['accuracy'] });
    const xs = tf.randomNormal([16, 8], 0, 1, 'float32', 3);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 3),
        'int32',
      ),
      3,
    );
    const counts: number[] = [];
    await model.fit(xs, ys, {
      batchSize: 16,
      epochs: 100,
      verbose: 0,
      callbacks: { onEpochEnd: () => Promise.resolve(void counts.push(tf.memory().numTensors)) },
    });
    expect(counts).toHaveLength(100);
    for (let i = 2 * interval; i < counts.length; i++) expect(counts[i], `after step ${i + 1}`).toBe(counts[i - interval]);
  });
});

describe('BatchNorm moving statistics under the perturbed pass', () => {
  async function statsAfterOneStep(optimizer: tf.Optimizer): Promise<number[]> {
    const model = bnModel();
    model.compile({ optimizer, loss: logitsLoss });
    const xs = tf.randomNormal([16, 8], 0, 1, 'float32', 3);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 3),
        'int32',
      ),
      3,
    );
    await model.fit(xs, ys, { batchSize: 16, epochs: 1, verbose: 0 });
    const bn = model.layers[1]!;
    return bn.nonTrainableWeights.flatMap((w) => Array.from(w.read().dataSync()));
  }

  test('"discard" (default) keeps the first pass statistics: same as a plain step', async () => {
    const plain = await statsAfterOneStep(tf.train.sgd(0.1));
    const sam = await statsAfterOneStep(new SAM(tf.train.sgd(0.1), { rho: 0.5 }));
    expect(sam).toHaveLength(32);
    sam.forEach((v, i) => expect(v).toBeCloseTo(plain[i]!, 6));
  });

  test('"keep" lets the perturbed pass update them again (Composer, davda54)', async () => {
    const plain = await statsAfterOneStep(tf.train.sgd(0.1));
    const sam = await statsAfterOneStep(new SAM(tf.train.sgd(0.1), { rho: 0.5, secondPassState: 'keep' }));
    const largest = Math.max(...sam.map((v, i) => Math.abs(v - plain[i]!)));
    expect(largest).toBeGreaterThan(1e-4);
  });
});

describe('serialization', () => {
  test('getConfig / fromConfig round-trips SAM and its base optimizer through the registry', () => {
    const sam = new SAM(tf.train.momentum(0.05, 0.8, true), { rho: 0.3, interval: 4, adaptive: true, secondPassState: 'keep' });
    const config = sam.getConfig();
    const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap['SAM']!;
    const copy = fromConfig(cls, JSON.parse(JSON.stringify(config)) as tf.serialization.ConfigDict) as SAM;
    expect(copy).toBeInstanceOf(SAM);
    expect(copy.options).toEqual(sam.options);
    expect(copy.base.getClassName()).toBe('Momentum');
    expect(copy.base.getConfig()).toEqual(sam.base.getConfig());
    expect(copy.getConfig()).toEqual(config);
  });
});
