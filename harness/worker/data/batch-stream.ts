// Prefetching: a worker thread assembles the next batches (gather, augment, standardise) while
// the main thread trains on the current one. tfjs-node runs ops synchronously on the main
// thread, so only another thread can overlap with a step; the main thread only plans a batch
// (indices and crops, microseconds) and wraps the returned arrays in tensors.
import { Worker } from 'node:worker_threads';
import type { BatchArrays, SampleSource } from './batch-assembly.mjs';
import { toBatch } from './in-memory.js';
import type { Batch, TrainingData } from './types.js';

/** A batch from a BatchStream, with how long the caller waited for its arrays. */
export interface StreamedBatch extends Batch {
  /** Milliseconds `next` waited for the worker (≈0 when prefetching keeps up with training). */
  waitMs: number;
}

/** Options of openBatchStream. */
export interface BatchStreamOptions {
  /**
   * Batches assembled ahead of the one asked for.
   * @default 1
   */
  prefetch?: number;
}

/** Batches of a TrainingData, assembled on a worker thread; exactly `train.batch(step)`'s. */
export interface BatchStream {
  /** The batch of 1-based `step` (the caller disposes its tensors); then starts on the next ones. */
  next(step: number): Promise<StreamedBatch>;
  /** Stops the worker thread; pending and later `next` calls reject. Call it when done (try/finally). */
  close(): Promise<void>;
}

// The worker file sits beside this module in the sources and (copied by the build) in dist/.
const WORKER_URL = new URL('./batch-worker.mjs', import.meta.url);

/** Starts a worker thread holding `train`'s samples (shared, not copied, when they sit in a SharedArrayBuffer). */
export function openBatchStream(train: TrainingData, options: BatchStreamOptions = {}): BatchStream {
  const prefetch = options.prefetch ?? 1;
  if (!Number.isSafeInteger(prefetch) || prefetch < 0) throw new RangeError(`prefetch must be an integer >= 0 (got ${prefetch})`);
  const worker = new Worker(WORKER_URL, { workerData: shared(train.source) });
  // Held (ref'd) only while a batch is in flight, so a forgotten close() cannot keep the process alive.
  worker.unref();
  const waiting = new Map<number, { resolve: (arrays: BatchArrays) => void; reject: (error: Error) => void }>();
  const ahead = new Map<number, Promise<BatchArrays>>();
  let nextId = 0;
  let stopped: Error | null = null;

  const stop = (error: Error) => {
    stopped ??= error;
    for (const { reject } of waiting.values()) reject(stopped);
    waiting.clear();
  };
  worker.on('message', (message: { id: number; error?: string } & Partial<BatchArrays>) => {
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (waiting.size === 0 && stopped === null) worker.unref(); // once stopped, close() holds it until exit
    if (message.error !== undefined) request?.reject(new Error(`batch worker thread failed: ${message.error}`));
    else request?.resolve({ xs: message.xs!, ys: message.ys! });
  });
  worker.on('error', (error) => stop(new Error(`batch worker thread crashed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => stop(new Error(`batch worker thread exited (code ${code})`)));

  const request = (step: number): Promise<BatchArrays> => {
    if (stopped !== null) return Promise.reject(stopped);
    const plan = train.plan(step);
    const id = nextId++;
    const arrays = new Promise<BatchArrays>((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, plan }); // cloned (a few hundred bytes), so the plan's arrays stay usable
    return arrays;
  };

  return {
    async next(step) {
      const started = performance.now();
      const current = ahead.get(step) ?? request(step);
      // Prefetches for other steps (a caller that jumps) are dropped; their results are ignored.
      for (const key of [...ahead.keys()]) if (key <= step || key > step + prefetch) ahead.delete(key);
      for (let k = step + 1; k <= step + prefetch; k++) {
        if (!ahead.has(k) && stopped === null) {
          const promise = request(k);
          promise.catch(() => {}); // its error resurfaces when that step is asked for
          ahead.set(k, promise);
        }
      }
      const arrays = await current;
      const waitMs = performance.now() - started;
      return { ...toBatch(arrays, train.inputShape, train.classes), waitMs };
    },
    async close() {
      stop(new Error('batch stream is closed'));
      ahead.clear();
      worker.ref(); // until it has exited: terminate() resolves on the worker's exit event
      await worker.terminate();
    },
  };
}

// A SharedArrayBuffer crosses to the worker by reference; anything else would be cloned per
// worker, so it is copied onto shared memory once here.
function shared(source: SampleSource): SampleSource {
  const { values } = source;
  if (values.buffer instanceof SharedArrayBuffer) return source;
  const copy =
    values instanceof Uint8Array
      ? new Uint8Array(new SharedArrayBuffer(values.byteLength))
      : new Float32Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return { ...source, values: copy };
}
