// The training loss of train.ts against hand-computed values: label smoothing (cross-entropy against
// (1 − ε)·onehot + ε/K) and MixUp (λ·CE(y) + (1 − λ)·CE(y[perm]) on the mixed inputs), on the mean
// path and on the per-sample path of strategies that select samples. test_mixup.py checks the
// PyTorch worker's train_step against the same numbers.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBackend } from './backend.js';
import { mixRows } from './data/batch-assembly.mjs';
import { meanLoss, perSampleLoss } from './train.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

// logits = inputs: a 3 × 3 identity layer without bias.
function identity(): tfl.LayersModel {
  return tfl.sequential({ layers: [tfl.layers.dense({ units: 3, inputShape: [3], useBias: false, kernelInitializer: 'identity' })] });
}

// Two rows, logits (2, 0, −1) of class 0 and (0, 1, 0) of class 2. Per row, with p = softmax(z):
// CE = −log p_y; smoothed (ε = 0.1, K = 3): −Σ_k ((1 − ε)·[k = y] + ε/3) log p_k.
const XS = [2, 0, -1, 0, 1, 0];
const YS = [1, 0, 0, 0, 0, 1];
const HAND = {
  plain: 0.8606453667441682,
  smoothedRows: [0.3365126862229523, 1.5181113805987174],
  smoothed: 0.9273120334108349,
  // λ = 0.25, partners (1, 0): mixed logits (0.5, 0.75, −0.25) and (1.5, 0.25, −0.75);
  // row r: λ·CE(z'_r, y_r) + (1 − λ)·CE(z'_r, y_partner).
  mixedRows: [1.5764225670692869, 0.8931726094072241],
  mixed: 1.2347975882382554,
  // The same, each target smoothed with ε = 0.1.
  mixedSmoothed: 1.2452142549049223,
};

function lossOf(xs: number[], ys: number[], labelSmoothing: number): number {
  const model = identity();
  const [x, y] = [tf.tensor2d(xs, [2, 3]), tf.tensor2d(ys, [2, 3])];
  const loss = meanLoss(model, x, y, labelSmoothing)();
  const value = loss.dataSync()[0]!;
  tf.dispose([x, y, loss]);
  model.dispose();
  return value;
}

function rowsOf(xs: number[], ys: number[], labelSmoothing: number): number[] {
  const model = identity();
  const [x, y] = [tf.tensor2d(xs, [2, 3]), tf.tensor2d(ys, [2, 3])];
  const loss = perSampleLoss(model, x, y, labelSmoothing)(null);
  const value = [...loss.dataSync()];
  tf.dispose([x, y, loss]);
  model.dispose();
  return value;
}

const mix = { lambda: 0.25, partners: new Uint32Array([1, 0]) };
const mixedXs = [...mixRows(new Float32Array(XS), 2, mix)];
const mixedYs = [...mixRows(new Float32Array(YS), 2, mix)];

describe('training loss', () => {
  test('ε = 0 is plain cross-entropy', () => {
    expect(lossOf(XS, YS, 0)).toBeCloseTo(HAND.plain, 6);
  });

  test('label smoothing: cross-entropy against (1 − ε)·onehot + ε/K, mean and per sample', () => {
    expect(lossOf(XS, YS, 0.1)).toBeCloseTo(HAND.smoothed, 6);
    const rows = rowsOf(XS, YS, 0.1);
    rows.forEach((r, i) => expect(r).toBeCloseTo(HAND.smoothedRows[i]!, 6));
  });

  test('MixUp with a fixed λ and permutation: λ·CE(y) + (1 − λ)·CE(y[perm]) on the mixed inputs', () => {
    expect(mixedXs).toEqual([0.5, 0.75, -0.25, 1.5, 0.25, -0.75]);
    expect(lossOf(mixedXs, mixedYs, 0)).toBeCloseTo(HAND.mixed, 6);
    rowsOf(mixedXs, mixedYs, 0).forEach((r, i) => expect(r).toBeCloseTo(HAND.mixedRows[i]!, 6));
  });

  test('MixUp with label smoothing smooths each target', () => {
    expect(lossOf(mixedXs, mixedYs, 0.1)).toBeCloseTo(HAND.mixedSmoothed, 6);
  });
});
