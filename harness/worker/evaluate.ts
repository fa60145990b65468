// Test-set evaluation of a model in inference mode: top-1 (and top-5) accuracy and loss.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** Labelled test batches in a fixed order (one-hot ys); the caller's tensors are disposed here. */
export interface TestSet {
  size: number;
  classes: number;
  batches(batchSize: number): Iterable<{ xs: tf.Tensor; ys: tf.Tensor }>;
}

/** Accuracy and loss over a whole test set. */
export interface Evaluation {
  acc: number;
  /** null when there are 10 classes or fewer (top-5 says little there). */
  top5: number | null;
  loss: number;
  samples: number;
}

/** Runs the model over `test` (training: false) and returns top-1, top-5 and mean cross-entropy. */
export function evaluate(model: tfl.LayersModel, test: TestSet, batchSize: number): Evaluation {
  const withTop5 = test.classes > 10;
  let correct = 0;
  let correct5 = 0;
  let lossSum = 0;
  let samples = 0;
  for (const { xs, ys } of test.batches(batchSize)) {
    const [hits, hits5, loss] = tf.tidy(() => {
      const logits = model.apply(xs, { training: false }) as tf.Tensor2D;
      const labels = tf.argMax(ys, 1);
      const top1 = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
      const top5 = withTop5 ? tf.sum(tf.cast(inTopK(logits, labels, 5), 'float32')) : tf.scalar(0);
      const losses = tf.losses.softmaxCrossEntropy(ys, logits, undefined, undefined, tf.Reduction.SUM);
      return [top1.dataSync()[0]!, top5.dataSync()[0]!, losses.dataSync()[0]!];
    });
    correct += hits;
    correct5 += hits5;
    lossSum += loss;
    samples += xs.shape[0];
    tf.dispose([xs, ys]);
  }
  if (samples === 0) throw new Error('the test set is empty');
  return { acc: correct / samples, top5: withTop5 ? correct5 / samples : null, loss: lossSum / samples, samples };
}

// Whether each label is among the k largest logits of its row (tf.inTopKAsync is async-only).
function inTopK(logits: tf.Tensor2D, labels: tf.Tensor, k: number): tf.Tensor {
  const { indices } = tf.topk(logits, k);
  return tf.any(tf.equal(indices, tf.expandDims(tf.cast(labels, 'int32'), 1)), 1);
}
