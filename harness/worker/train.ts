// The timed training loop of one run. A step is timed from the moment its batch is ready to
// the moment its loss has been read back, so asynchronous backends cannot hide work.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SAM, type PerSampleLoss } from '../sam/index.js';
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { openBatchStream, type TrainingData } from './data/index.js';
import { evaluate, type TestSet } from './evaluate.js';
import { injectedSlowdown, spinFor } from './injected-slowdown.js';
import { learningRateAt, setLearningRate } from './schedule.js';

export interface TrainInputs {
  spec: RunSpec;
  model: tfl.LayersModel;
  data: TrainingData;
  optimizer: tf.Optimizer;
  /** Test split for `spec.evaluation`; null when the run has no evaluation. */
  test: TestSet | null;
  /** Throws NonFiniteValueError (emit.ts) on a NaN or infinite value: a non-finite loss ends the loop there. */
  emit: (event: WorkerEvent) => void;
}

/** What the loop did, for the `done` event. */
export interface TrainResult {
  steps: number;
  wallMs: number;
  truncated: boolean;
}

/** Runs warm-up + measured steps, emitting one `step` event per step and `eval` events as the spec asks. */
export async function train({ spec, model, data, optimizer, test, emit }: TrainInputs): Promise<TrainResult> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { warmup, measured, timeLimitSeconds } = spec.steps;
  const total = warmup + measured;
  const { weightDecay, schedule, learningRate, labelSmoothing } = spec.optimizer;
  const everySteps = spec.evaluation?.everySteps ?? 0;
  const slowdown = injectedSlowdown();
  const started = performance.now();
  // Training time: steps and data, warm-up included, evaluations excluded (time-to-accuracy).
  let trainMs = 0;
  let measuredSince: number | null = null;
  let step = 0;
  let truncated = false;
  // The next batch is assembled in a worker thread while this step trains.
  const batches = openBatchStream(data);
  // A strategy that picks the second pass's samples (ESAM) needs per-sample losses; the others keep the mean loss's path.
  const selectsSamples = optimizer instanceof SAM && optimizer.selectsSamples;
  try {
    while (step < total) {
      step += 1;
      if (schedule.kind !== 'constant') setLearningRate(optimizer, learningRateAt(schedule, learningRate, step, total));
      const dataStart = performance.now();
      const { xs, ys } = await batches.next(step);
      const stepStart = performance.now();
      const cpuStart = process.cpuUsage();
      const lossTensor = selectsSamples
        ? stepPerSample(optimizer, perSampleLoss(model, xs, ys, labelSmoothing), variables, weightDecay)
        : meanLossStep(optimizer, meanLoss(model, xs, ys, labelSmoothing), variables, weightDecay);
      const loss = (await lossTensor.data())[0]!;
      if (slowdown > 0) spinFor(slowdown * (performance.now() - stepStart));
      const ms = performance.now() - stepStart;
      const cpu = process.cpuUsage(cpuStart);
      trainMs += performance.now() - dataStart;
      tf.dispose([lossTensor, xs, ys]);
      const kind = optimizer instanceof SAM ? optimizer.lastStepKind : 'base';
      const isWarmup = step <= warmup;
      emit({
        type: 'step',
        i: step,
        kind,
        ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        dataMs: stepStart - dataStart,
        loss,
        warmup: isWarmup,
      });
      if (!isWarmup) measuredSince ??= stepStart;
      truncated =
        timeLimitSeconds !== null && measuredSince !== null && performance.now() - measuredSince > timeLimitSeconds * 1000 && step < total;
      const last = step === total || truncated;
      if (test && (last || (everySteps > 0 && step % everySteps === 0))) {
        const evalStart = performance.now();
        const result = evaluate(model, test, spec.dataset.batchSize);
        emit({ type: 'eval', step, ...result, trainMs, evalMs: performance.now() - evalStart });
      }
      if (truncated) break;
    }
  } finally {
    await batches.close();
  }
  return { steps: step, wallMs: performance.now() - started, truncated };
}

// The batch's mean softmax cross-entropy on the logits, against ys (one-hot, or MixUp's mixed
// targets) smoothed to (1 − ε)·ys + ε/classes: tf.losses' labelSmoothing, PyTorch's label_smoothing.
/** The training loss of a batch: mean cross-entropy of the logits against `ys` with label smoothing ε. */
export const meanLoss = (model: tfl.LayersModel, xs: tf.Tensor, ys: tf.Tensor, labelSmoothing: number) => () =>
  tf.tidy(() =>
    tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(ys, model.apply(xs, { training: true }) as tf.Tensor, undefined, labelSmoothing),
  );

// The same loss per sample (reduction none: its mean is meanLoss's sum over n), of the whole batch or of the samples `selected`.
/** meanLoss per sample, of the whole batch or of the samples `selected` (strategies that select samples). */
export const perSampleLoss =
  (model: tfl.LayersModel, xs: tf.Tensor, ys: tf.Tensor, labelSmoothing: number): PerSampleLoss =>
  (selected) =>
    tf.tidy(() => {
      const [x, y] = selected === null ? [xs, ys] : [tf.gather(xs, selected), tf.gather(ys, selected)];
      const logits = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Tensor1D>(y, logits, undefined, labelSmoothing, tf.Reduction.NONE);
    });

// One step on the mean loss: the optimizer's minimize, or its gradients with weight decay.
function meanLossStep(optimizer: tf.Optimizer, lossFn: () => tf.Scalar, variables: tf.Variable[], weightDecay: number): tf.Scalar {
  if (!(weightDecay > 0)) return optimizer.minimize(lossFn, true, variables)!;
  return applyWithDecay(optimizer, optimizer.computeGradients(lossFn, variables), variables, weightDecay);
}

// One step of a SAM whose strategy selects samples, on per-sample losses.
function stepPerSample(optimizer: tf.Optimizer, loss: PerSampleLoss, variables: tf.Variable[], weightDecay: number): tf.Scalar {
  const sam = optimizer as SAM;
  if (!(weightDecay > 0)) return sam.minimizePerSample(loss, true, variables)!;
  return applyWithDecay(sam, sam.computeGradientsPerSample(loss, variables), variables, weightDecay);
}

// PyTorch-style weight decay: g ← g + wd · w, with w the unperturbed weights (after SAM's restore).
function applyWithDecay(
  optimizer: tf.Optimizer,
  { value, grads }: { value: tf.Scalar; grads: tf.NamedTensorMap },
  variables: tf.Variable[],
  weightDecay: number,
): tf.Scalar {
  const decayed = variables.map((v) => ({ name: v.name, tensor: tf.add(grads[v.name]!, tf.mul(weightDecay, v)) }));
  optimizer.applyGradients(decayed);
  tf.dispose([...Object.values(grads), ...decayed.map((d) => d.tensor)]);
  return value;
}
