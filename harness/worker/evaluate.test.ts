// Evaluation against hand-computed accuracy: a fixed linear "model" whose predictions are known.
import { beforeAll, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBackend } from './backend.js';
import { evaluate, type TestSet } from './evaluate.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

// Identity dense layer: logits = inputs, so the prediction is the argmax of each input row.
function identityModel(classes: number): tfl.LayersModel {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ units: classes, inputShape: [classes], useBias: false })] });
  model.setWeights([tf.eye(classes)]);
  return model;
}

function testSet(inputs: number[][], labels: number[], classes: number): TestSet {
  return {
    size: labels.length,
    classes,
    *batches(batchSize) {
      for (let i = 0; i < labels.length; i += batchSize) {
        yield {
          xs: tf.tensor2d(inputs.slice(i, i + batchSize)),
          ys: tf.oneHot(tf.tensor1d(labels.slice(i, i + batchSize), 'int32'), classes),
        };
      }
    },
  };
}

test('top-1 accuracy and mean loss over uneven batches', () => {
  // Predictions: 0, 1, 2, 0, 1 — labels 0, 1, 0, 0, 2 → 3 of 5 right.
  const inputs = [
    [5, 0, 0],
    [0, 5, 0],
    [0, 0, 5],
    [5, 0, 0],
    [0, 5, 0],
  ];
  const result = evaluate(identityModel(3), testSet(inputs, [0, 1, 0, 0, 2], 3), 2);
  expect(result.acc).toBeCloseTo(3 / 5, 12);
  expect(result.top5).toBeNull();
  expect(result.samples).toBe(5);
  // Cross-entropy of logits (5, 0, 0): right → log(1 + 2e−5); wrong → 5 + log(1 + 2e−5).
  const right = Math.log(1 + 2 * Math.exp(-5));
  expect(result.loss).toBeCloseTo((3 * right + 2 * (5 + right)) / 5, 5);
});

test('top-5 with more than 10 classes', () => {
  const classes = 12;
  // Row i has logits decreasing from class i: label at rank 0, 3, 5 and 11 → top-1 1/4, top-5 2/4.
  const row = (first: number) => Array.from({ length: classes }, (_, c) => -((c - first + classes) % classes));
  const inputs = [row(0), row(0), row(0), row(0)];
  const result = evaluate(identityModel(classes), testSet(inputs, [0, 3, 5, 11], classes), 3);
  expect(result.acc).toBeCloseTo(0.25, 12);
  expect(result.top5).toBeCloseTo(0.5, 12);
});
