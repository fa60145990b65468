// Short-lived hooks into TF.js used around SAM's perturbed pass only: they see what a loss
// function written for one pass (tfjs-layers' training closure) does when it runs twice.
import * as tf from '@tensorflow/tfjs-core';

type Restore = () => void;

function patch<T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]): Restore {
  const own = Object.prototype.hasOwnProperty.call(target, key);
  const original = target[key];
  target[key] = replacement;
  return () => {
    if (own) target[key] = original;
    else delete target[key];
  };
}

/**
 * Collects into `sink` every tensor that `tf.keep` marks until the returned function is
 * called. tfjs-layers keeps one metric tensor per metric per pass and never frees the
 * second pass's copies, so SAM frees them.
 */
export function recordKeptTensors(sink: tf.Tensor[]): Restore {
  const engine = tf.engine();
  const keep = engine.keep.bind(engine);
  return patch(engine, 'keep', <T extends tf.Tensor>(tensor: T): T => {
    sink.push(tensor);
    return keep(tensor);
  });
}

/**
 * Remembers the value of every variable written until the returned function is called,
 * which writes those values back. Used to undo the perturbed pass's BatchNorm
 * moving-statistics updates (google-research/sam keeps the first pass's statistics).
 */
export function recordVariableWrites(): Restore {
  const before = new Map<tf.Variable, tf.Tensor>();
  const prototype = tf.Variable.prototype;
  // Called with each variable as `this` below, never detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const assign = prototype.assign;
  const unpatch = patch(prototype, 'assign', function (this: tf.Variable, value: tf.Tensor) {
    if (!before.has(this)) before.set(this, tf.keep(this.clone()));
    assign.call(this, value);
  });
  return () => {
    unpatch();
    for (const [variable, value] of before) {
      variable.assign(value);
      value.dispose();
    }
  };
}
