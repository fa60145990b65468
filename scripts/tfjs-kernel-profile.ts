// Profiles training steps (forward + backward + optimizer update) kernel by kernel with
// tf.profile, each kernel marked with its phase and the forward op whose gradient it computes.
// tfjs-node runs kernels synchronously and its backend timer is process.hrtime around each call,
// so kernelTimeMs is real time; but a kernel may run other kernels (tfjs-node's FusedConv2D runs
// the conv itself, then the Add and Relu kernels; a customGrad op runs all its kernels), and
// tf.profile lists the inner ones too. So the profiler's per-kernel call is wrapped here to time
// each kernel's self time (its own time less its inner kernels'), which is what the rows carry.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelRow, Phase } from './kernel-families.js';

/** What one profiling session measured. */
export interface TfjsProfile {
  rows: KernelRow[];
  /** Wall time of each profiled step, ms (kernels plus profiler and JS bookkeeping). */
  profiledWallMs: number[];
  /** Largest |tf.profile's kernelTimeMs − this wrapper's time| over all kernels, ms: both clocks agree. */
  timerDisagreementMs: number;
}

// The engine's profiler (private in tfjs-core's typings): profileKernel runs and times one kernel.
interface KernelProfiler {
  profileKernel: (name: string, inputs: unknown, f: () => tf.Tensor[]) => unknown;
}

// One profileKernel call, in completion order (= the order of tf.profile's kernel list).
interface KernelTiming {
  totalMs: number;
  selfMs: number;
  /** The TF.js ops the kernel ran inside, outermost first: `moments/mean`. */
  scope: string;
}

// The op scopes (tfjs-core's op() wrappers, `<name>__op`) open at this moment.
function opScope(): string {
  return tf
    .engine()
    .state.scopeStack.map((s) => s.name)
    .filter((name) => name.endsWith('__op'))
    .map((name) => name.slice(0, -'__op'.length))
    .join('/');
}

// Times every kernel call and its inner calls, and notes each taped kernel's scope by tape node id
// (`tapeContext`: `moments/mean/Mean`), so its gradient's kernels can say whose gradient they are.
function wrapProfiler(): { timings: KernelTiming[]; tapeContext: Map<number, string>; restore: () => void } {
  const engine = tf.engine();
  const profiler = (engine as unknown as { profiler: KernelProfiler }).profiler;
  const original = profiler.profileKernel.bind(profiler);
  const timings: KernelTiming[] = [];
  const tapeContext = new Map<number, string>();
  const open: { childMs: number }[] = [];
  profiler.profileKernel = (name, inputs, f) => {
    const frame = { childMs: 0 };
    open.push(frame);
    const scope = opScope();
    const start = performance.now();
    try {
      return original(name, inputs, f);
    } finally {
      const totalMs = performance.now() - start;
      open.pop();
      if (open.length > 0) open[open.length - 1]!.childMs += totalMs;
      else tapeContext.set(engine.state.nextTapeNodeId, scope === '' ? name : `${scope}/${name}`); // the id its tape node will get
      timings.push({ totalMs, selfMs: totalMs - frame.childMs, scope });
    }
  };
  return { timings, tapeContext, restore: () => void (profiler.profileKernel = original) };
}

// tf.profile's list of kernels so far (the engine's state is public in tfjs-core's typings).
const kernelsSoFar = (): number => tf.engine().state.activeProfile.kernels.length;

// Kernel index ranges that computed one op's gradient: [start, end).
interface GradientRange {
  start: number;
  end: number;
  gradOf: string;
}

// Wraps each tape node's gradient (and the lazy per-input closures it returns) so the kernels it
// runs can be credited to the node's op: TF.js composes BatchNorm's and relu's gradients of
// plain Mul/Sub/Sum kernels, which say nothing by name.
function markGradients(ranges: GradientRange[], tapeContext: Map<number, string>): void {
  for (const node of tf.engine().state.activeTape) {
    const gradient = node.gradient;
    if (gradient === undefined) continue;
    const gradOf = tapeContext.get(node.id) ?? node.kernelName;
    const timed = <T>(f: () => T): T => {
      const start = kernelsSoFar();
      const out = f();
      ranges.push({ start, end: kernelsSoFar(), gradOf });
      return out;
    };
    node.gradient = (dys) => {
      const closures = timed(() => gradient(dys));
      return Object.fromEntries(Object.entries(closures).map(([input, f]) => [input, () => timed(f)]));
    };
  }
}

/** Profiles `steps` momentum-SGD steps of `lossFn` over `variables`; the optimizer takes each step. */
export async function profileTfjsSteps(
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  lossFn: () => tf.Scalar,
  steps: number,
): Promise<TfjsProfile> {
  // Kernels of the backend; tf.profile's other entries are customGrad scopes (fused ops), whose
  // self time is JS bookkeeping: they are named `scope: <name>` (family "other").
  const kernelNames = new Set(tf.getKernelsForBackend(tf.getBackend()).map((k) => k.kernelName));
  const rows: KernelRow[] = [];
  const profiledWallMs: number[] = [];
  let timerDisagreementMs = 0;
  for (let step = 0; step < steps; step++) {
    const marks = { forwardEnd: 0, backwardEnd: 0 };
    const ranges: GradientRange[] = [];
    const { timings, tapeContext, restore } = wrapProfiler();
    const start = performance.now();
    const info = await tf
      .profile(async () => {
        const { value, grads } = optimizer.computeGradients(() => {
          const loss = lossFn();
          marks.forwardEnd = kernelsSoFar();
          markGradients(ranges, tapeContext);
          return loss;
        }, variables);
        marks.backwardEnd = kernelsSoFar();
        optimizer.applyGradients(grads);
        tf.dispose(grads);
        await value.data();
        value.dispose();
      })
      .finally(restore);
    profiledWallMs.push(performance.now() - start);
    if (timings.length !== info.kernels.length)
      throw new Error(`timed ${timings.length} kernel calls, tf.profile lists ${info.kernels.length}`);
    const phaseOf = (i: number): Phase => (i < marks.forwardEnd ? 'forward' : i < marks.backwardEnd ? 'backward' : 'update');
    info.kernels.forEach((kernel, i) => {
      const { totalMs, selfMs, scope } = timings[i]!;
      if (typeof kernel.kernelTimeMs === 'number')
        timerDisagreementMs = Math.max(timerDisagreementMs, Math.abs(kernel.kernelTimeMs - totalMs));
      const name = kernelNames.has(kernel.name) ? kernel.name : `scope: ${kernel.name}`;
      const gradOf = ranges.find((r) => i >= r.start && i < r.end)?.gradOf ?? null;
      rows.push({ framework: 'tfjs', step, name, phase: phaseOf(i), scope: scope === '' ? null : scope, gradOf, ms: selfMs });
    });
  }
  return { rows, profiledWallMs, timerDisagreementMs };
}
