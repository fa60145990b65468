// The model and batch the step benchmarks time (bench-step, bench-profile, bench-tfjs-options):
// a model the worker's own builders make (harness/worker/models/), on one synthetic CIFAR-shaped
// batch, with its training loss, and the timed training step itself. The PyTorch twins build the
// same model with harness/worker/pytorch/models.py.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel } from '../harness/worker/models/index.js';

/** Models the step benchmarks can time (`--model`). */
export const BENCH_MODELS = ['small-cnn', 'resnet20'] as const;
/** One of BENCH_MODELS. */
export type BenchModel = (typeof BENCH_MODELS)[number];
/** One sample's shape (height, width, channels) and the class count: CIFAR-10's. */
export const BENCH_INPUT = { shape: [32, 32, 3], classes: 10 } as const;

/** Checks a `--model` value. */
export function parseBenchModel(text: string): BenchModel {
  if (!(BENCH_MODELS as readonly string[]).includes(text))
    throw new Error(`--model must be one of ${BENCH_MODELS.join(', ')}; got "${text}"`);
  return text as BenchModel;
}

/** The worker's model `name` (no BatchNorm in small-cnn; the ResNet always has it), weights fixed by `seed`. */
export function buildBenchModel(name: BenchModel, seed = 0): tfl.LayersModel {
  // `hidden` is an mlp's alone; the conv models ignore it.
  const model = { source: 'builtin' as const, name, hidden: [1] as [number], batchNorm: false };
  return buildModel({ model, inputShape: [...BENCH_INPUT.shape], classes: BENCH_INPUT.classes, seed });
}

/** A seeded random batch: inputs [batch, 32, 32, 3] and one-hot labels [batch, 10]. */
export function syntheticBatch(batch: number): [tf.Tensor4D, tf.Tensor2D] {
  // oneHot(...).toFloat() loses its rank in the typings; it is [batch, classes].
  return tf.tidy(() => [
    tf.randomNormal<tf.Rank.R4>([batch, ...BENCH_INPUT.shape], 0, 1, 'float32', 1),
    tf.oneHot(tf.randomUniform<tf.Rank.R1>([batch], 0, BENCH_INPUT.classes, 'int32', 2), BENCH_INPUT.classes).toFloat() as tf.Tensor2D,
  ]);
}

/** A model's trainable variables and its loss on one ready batch: what an optimizer minimizes. */
export interface BatchLoss {
  variables: tf.Variable[];
  lossFn: () => tf.Scalar;
}

/** The model's trainable variables and its training-mode loss on one batch. */
export function lossOf(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor): BatchLoss {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    variables,
    lossFn: () => tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x, { training: true }) as tf.Tensor),
  };
}

/** One training step, timed in ms: `readLoss` false skips the read-back (the step may still be queued). */
export type TimedStep = (readLoss?: boolean) => Promise<number>;

/** One `optimizer` step on the loss, timed from the call until the loss is read back on the host. */
export function timedStep(optimizer: tf.Optimizer, { variables, lossFn }: BatchLoss): TimedStep {
  return async (readLoss = true) => {
    const start = performance.now();
    const loss = optimizer.minimize(lossFn, true, variables)!;
    if (readLoss) await loss.data();
    const ms = performance.now() - start;
    loss.dispose();
    return ms;
  };
}

/** Runs `warmup` steps, then `steps` timed ones: their times in ms. */
export async function timeSteps(step: TimedStep, warmup: number, steps: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t = await step();
    if (i >= warmup) ms.push(t);
  }
  return ms;
}
