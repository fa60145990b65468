// The timed training loop of one run. A step is timed from the moment its batch is ready to
// the moment its loss has been read back, so asynchronous backends cannot hide work.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SAM } from '../sam/index.js';
import type { RunSpec } from '../suite/run-spec.js';
import type { TrainingData } from './data/index.js';
import type { WorkerEvent } from './events.generated.js';

/** The loss became NaN or infinite: the run is recorded as failed with reason "nan". */
export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
  constructor(readonly step: number, loss: number) {
    super(`training loss is ${loss} at step ${step}`);
  }
}

export interface TrainInputs {
  spec: RunSpec;
  model: tfl.LayersModel;
  data: TrainingData;
  optimizer: tf.Optimizer;
  emit: (event: WorkerEvent) => void;
}

/** What the loop did, for the `done` event. */
export interface TrainResult {
  steps: number;
  wallMs: number;
  truncated: boolean;
}

// Test-only: makes every step this much slower, so regression detection can be tested end to end.
const testDelayMs = Number(process.env.SAMBENCH_TEST_STEP_DELAY_MS ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs warm-up + measured steps, emitting one `step` event per step. */
export async function train({ spec, model, data, optimizer, emit }: TrainInputs): Promise<TrainResult> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { warmup, measured, timeLimitSeconds } = spec.steps;
  const weightDecay = spec.optimizer.weightDecay;
  const started = performance.now();
  let measuredSince: number | null = null;
  let step = 0;
  while (step < warmup + measured) {
    step += 1;
    const dataStart = performance.now();
    const { xs, ys } = data.batch(step);
    const stepStart = performance.now();
    const lossFn = () => tf.tidy(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar);
    const lossTensor = weightDecay > 0 ? minimizeWithDecay(optimizer, lossFn, variables, weightDecay) : optimizer.minimize(lossFn, true, variables)!;
    const loss = (await lossTensor.data())[0]!;
    if (testDelayMs > 0) await sleep(testDelayMs);
    const ms = performance.now() - stepStart;
    tf.dispose([lossTensor, xs, ys]);
    const kind = optimizer instanceof SAM && optimizer.lastStepWasSam ? 'sam' : 'base';
    const isWarmup = step <= warmup;
    emit({ type: 'step', i: step, kind, ms, dataMs: stepStart - dataStart, loss: Number.isFinite(loss) ? loss : null, warmup: isWarmup });
    if (!Number.isFinite(loss)) throw new NonFiniteLossError(step, loss);
    if (!isWarmup) measuredSince ??= stepStart;
    if (timeLimitSeconds !== null && measuredSince !== null && performance.now() - measuredSince > timeLimitSeconds * 1000) {
      return { steps: step, wallMs: performance.now() - started, truncated: step < warmup + measured };
    }
  }
  return { steps: step, wallMs: performance.now() - started, truncated: false };
}

// PyTorch-style weight decay: g ← g + wd · w, with w the unperturbed weights (after SAM's restore).
function minimizeWithDecay(optimizer: tf.Optimizer, lossFn: () => tf.Scalar, variables: tf.Variable[], weightDecay: number): tf.Scalar {
  const { value, grads } = optimizer.computeGradients(lossFn, variables);
  const decayed = variables.map((v) => ({ name: v.name, tensor: tf.add(grads[v.name]!, tf.mul(weightDecay, v)) }));
  optimizer.applyGradients(decayed);
  tf.dispose([...Object.values(grads), ...decayed.map((d) => d.tensor)]);
  return value;
}
