// What a SAM step adds besides its second forward+backward, piece by piece: tinybench times
// the gradient norm, the ascent step and the restore (as harness/sam/sam-optimizer.ts does
// them) against one forward+backward of the same model, in this process.
import * as tf from '@tensorflow/tfjs-core';
import { Bench, type Task } from 'tinybench';

const FORWARD_BACKWARD = 'forward+backward';
const EPSILON = 1e-12;

/** A model's trainable variables and its loss on one ready batch. */
export interface OverheadInput {
  variables: tf.Variable[];
  loss: () => tf.Scalar;
  /** Radius of the ascent step, as in the SAM step it mirrors. */
  rho: number;
  /** tinybench's time budget per task, in ms (warm-up gets a fifth of it). @default 1000 */
  timeMs?: number;
}

/** One timed piece of work, in milliseconds per call. */
export interface OverheadRow {
  task: string;
  medianMs: number;
  p99Ms: number;
  /** Relative margin of error of the mean (95%), in percent. */
  rmePct: number;
  samples: number;
  /** Median over the forward+backward median: 1 means as long as one more pass. */
  perForwardBackward: number;
}

/** Times SAM's extra work against one forward+backward; leaves the variables as it found them. */
export async function measureSamOverhead({ variables, loss, rho, timeMs = 1000 }: OverheadInput): Promise<OverheadRow[]> {
  const first = tf.variableGrads(loss, variables);
  const grads = variables.map((v) => first.grads[v.name]!);
  const norm = tf.tidy(() => sumOfSquares(grads).sqrt()); // ‖g‖ over all variables at once
  const ascent = tf.tidy(() => grads.map((g) => g.mul(tf.div(rho, norm.add(EPSILON))))); // e(w) = rho·g/(‖g‖ + eps)
  const start = variables.map((v) => v.clone());
  // A one-element read-back ends each task, so work queued on an asynchronous device counts.
  const settle = async (t: tf.Tensor): Promise<void> => {
    await t.data();
    t.dispose();
  };
  // At least 20 calls and timeMs per task: a forward+backward can take tens of ms.
  const bench = new Bench({ time: timeMs, iterations: 20, warmupTime: timeMs / 5, warmupIterations: 3, throws: true });
  bench
    .add(FORWARD_BACKWARD, async () => {
      const { value, grads: g } = tf.variableGrads(loss, variables);
      tf.dispose(g);
      await settle(value);
    })
    .add('gradient norm ‖g‖', () => settle(tf.tidy(() => sumOfSquares(grads).sqrt())))
    .add('perturb w ← w + rho·g/‖g‖', () =>
      settle(
        tf.tidy(() => {
          const scale = tf.div(rho, norm.add(EPSILON));
          variables.forEach((v, i) => v.assign(v.add(grads[i]!.mul(scale))));
          return variables.at(-1)!.sum();
        }),
      ),
    )
    .add('restore w ← (w + e) − e', () =>
      settle(
        tf.tidy(() => {
          variables.forEach((v, i) => v.assign(v.sub(ascent[i]!)));
          return variables.at(-1)!.sum();
        }),
      ),
    );
  try {
    await bench.run();
  } finally {
    variables.forEach((v, i) => v.assign(start[i]!));
    tf.dispose([first.value, ...grads, norm, ...ascent, ...start]);
  }
  return rowsOf(bench.tasks);
}

function sumOfSquares(tensors: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.addN(tensors.map((t) => t.square().sum())) as tf.Scalar);
}

function rowsOf(tasks: Task[]): OverheadRow[] {
  const latency = (task: Task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`tinybench task "${task.name}" ended ${result.state}`);
    return result.latency;
  };
  const reference = latency(tasks.find((t) => t.name === FORWARD_BACKWARD)!).p50;
  return tasks.map((task) => {
    const l = latency(task);
    const perForwardBackward = l.p50 / reference;
    return { task: task.name, medianMs: l.p50, p99Ms: l.p99, rmePct: l.rme, samples: l.samplesCount, perForwardBackward };
  });
}

/** The rows as table cells (header first), with a last row summing the three SAM pieces. */
export function overheadTable(rows: OverheadRow[]): string[][] {
  const extra = rows.filter((r) => r.task !== FORWARD_BACKWARD);
  const sum = (pick: (r: OverheadRow) => number) => extra.reduce((total, r) => total + pick(r), 0);
  return [
    ['task', 'work', 'median ms', 'p99 ms', '±% (95%)', 'samples', '× fwd+bwd'],
    ...rows.map((r) => [
      r.task,
      r.task === FORWARD_BACKWARD ? 'one pass' : 'SAM only',
      r.medianMs.toFixed(3),
      r.p99Ms.toFixed(3),
      r.rmePct.toFixed(1),
      `${r.samples}`,
      r.perForwardBackward.toFixed(3),
    ]),
    ['norm + perturb + restore', 'SAM only', sum((r) => r.medianMs).toFixed(3), '', '', '', sum((r) => r.perForwardBackward).toFixed(3)],
  ];
}
